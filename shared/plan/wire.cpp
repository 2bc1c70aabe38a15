#include "plan/wire.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <algorithm>
#include <exception>
#include <memory>
#include <set>

#include "plan/plan_key.h"
#include "store/db.h"
#include "store/snapshot.h"
#include "util/sha256.h"
#include "util/wire_bytes.h"

namespace seimbang::plan {

namespace {

constexpr std::uint32_t kInstanceMagic = 0x31495053;  // "SPI1"
constexpr std::uint32_t kPlanMagic = 0x31505053;      // "SPP1"
constexpr std::uint32_t kDbRequestMagic = 0x33515053;  // "SPQ3" (3: the database's version, snapshot optional)
constexpr std::uint32_t kDbAnswerMagic = 0x34415053;   // "SPA4" (3: "send the snapshot", warmed; 4: instance reused)
constexpr std::uint32_t kReoptRequestMagic = 0x31525053;  // "SPR1": query, manual moves, edited instance
constexpr std::uint32_t kReoptAnswerMagic = 0x31425053;   // "SPB1": plan key, plan

class Writer : public wire::ByteWriter {
public:
    void levels(const Levels& l) {
        i32(static_cast<std::int32_t>(l.size()));
        for (const auto& [tag, level] : l) {
            i32(tag);
            i32(level);
        }
    }
    void golongan(const Golongan& g) {
        u8(g.scale == GolonganScale::pppk ? 1 : 0);
        u8(static_cast<std::uint8_t>(g.rank));
    }
    void opt_golongan(const std::optional<Golongan>& g) {
        u8(g ? 1 : 0);
        if (g) golongan(*g);
    }
    void ints(const std::vector<int>& v) {
        i32(static_cast<std::int32_t>(v.size()));
        for (int x : v) i32(x);
    }
    void weights(const Weights& x) {
        f64(x.wke_minutes), f64(x.move_cost), f64(x.request_bonus), f64(x.fit_bonus);
        u8(x.max_moves ? 1 : 0);
        i32(x.max_moves.value_or(0));
        u8(x.allow_managerial_moves ? 1 : 0);
    }
    void metrics(const Metrics& m) {
        f64(m.sum_sq), f64(m.ej_cv), f64(m.ej_max), f64(m.ej_min), f64(m.share_balanced);
        i32(m.overloaded), i32(m.vacant_with_workload), i32(m.positions);
    }
};

class Reader : public wire::ByteReader {
public:
    using ByteReader::ByteReader;
    Levels levels(size_t tags) {
        Levels l(count(8));
        for (auto& [tag, level] : l) {
            tag = i32();
            level = i32();
            if (tag < 0 || static_cast<size_t>(tag) >= tags) ok = false;
        }
        return l;
    }
    Golongan golongan() {
        Golongan g;
        g.scale = u8() ? GolonganScale::pppk : GolonganScale::pns;
        g.rank = u8();
        return g;
    }
    std::optional<Golongan> opt_golongan() {
        if (!u8()) return std::nullopt;
        return golongan();
    }
    std::vector<int> ints() {
        std::vector<int> v(count(4));
        for (int& x : v) x = i32();
        return v;
    }
    Weights weights() {
        Weights x;
        x.wke_minutes = f64(), x.move_cost = f64(), x.request_bonus = f64(), x.fit_bonus = f64();
        const bool has_max = u8() != 0;
        const int max_moves = i32();
        if (has_max) x.max_moves = max_moves;
        x.allow_managerial_moves = u8() != 0;
        return x;
    }
    Metrics metrics() {
        Metrics m;
        m.sum_sq = f64(), m.ej_cv = f64(), m.ej_max = f64(), m.ej_min = f64(), m.share_balanced = f64();
        m.overloaded = i32(), m.vacant_with_workload = i32(), m.positions = i32();
        return m;
    }
};

bool index_ok(int i, size_t size) { return i >= 0 && static_cast<size_t>(i) < size; }

}  // namespace

std::string encode_instance(const Instance& inst) {
    Writer w;
    w.out.reserve(64 + inst.positions.size() * 96 + inst.employees.size() * 64);
    w.i32(static_cast<std::int32_t>(kInstanceMagic));
    w.weights(inst.weights);
    w.i32(static_cast<std::int32_t>(inst.tags.size()));
    for (const auto& t : inst.tags) w.str(t);
    w.i32(static_cast<std::int32_t>(inst.positions.size()));
    for (const auto& p : inst.positions) {
        w.str(p.id), w.str(p.unit), w.str(p.name);
        w.f64(p.workload_minutes);
        w.levels(p.required);
        w.opt_golongan(p.golongan_min), w.opt_golongan(p.golongan_max);
        w.u8(static_cast<std::uint8_t>(p.kind));
        w.str(p.family);
    }
    w.i32(static_cast<std::int32_t>(inst.employees.size()));
    for (const auto& e : inst.employees) {
        w.str(e.id), w.str(e.name);
        w.i32(e.position);
        w.golongan(e.golongan);
        w.levels(e.competences);
        w.u8(e.movable ? 1 : 0);
        w.ints(e.requests);
    }
    return std::move(w.out);
}

std::optional<Instance> decode_instance(std::string_view bytes) {
    Reader r(bytes);
    if (static_cast<std::uint32_t>(r.i32()) != kInstanceMagic) return std::nullopt;
    Instance inst;
    inst.weights = r.weights();
    inst.tags.resize(r.count(4));
    for (auto& t : inst.tags) t = r.str();
    inst.positions.resize(r.count(12 + 8 + 4 + 2 + 1 + 4));
    for (auto& p : inst.positions) {
        p.id = r.str(), p.unit = r.str(), p.name = r.str();
        p.workload_minutes = r.f64();
        p.required = r.levels(inst.tags.size());
        p.golongan_min = r.opt_golongan(), p.golongan_max = r.opt_golongan();
        const int kind = r.u8();
        if (kind > static_cast<int>(PostKind::managerial)) r.ok = false;
        p.kind = static_cast<PostKind>(kind);
        p.family = r.str();
    }
    inst.employees.resize(r.count(8 + 4 + 2 + 4 + 1 + 4));
    for (auto& e : inst.employees) {
        e.id = r.str(), e.name = r.str();
        e.position = r.i32();
        e.golongan = r.golongan();
        e.competences = r.levels(inst.tags.size());
        e.movable = r.u8() != 0;
        e.requests = r.ints();
        if (!index_ok(e.position, inst.positions.size())) r.ok = false;
        for (int q : e.requests)
            if (!index_ok(q, inst.positions.size())) r.ok = false;
        if (!r.ok) break;
    }
    if (!r.done()) return std::nullopt;
    return inst;
}

std::string encode_plan(const Plan& p) {
    Writer w;
    w.out.reserve(256 + p.moves.size() * 18 + (p.destination.size() + p.holders_before.size() * 2) * 4);
    w.i32(static_cast<std::int32_t>(kPlanMagic));
    w.u8(p.ok ? 1 : 0);
    w.f64(p.objective);
    w.u8(p.optimal ? 1 : 0);
    w.f64(p.gap), w.f64(p.lower_bound);
    w.i32(static_cast<std::int32_t>(p.moves.size()));
    for (const auto& m : p.moves) {
        w.i32(m.employee), w.i32(m.from), w.i32(m.to);
        w.u8(m.requested ? 1 : 0);
        w.i32(m.fit_gain);
    }
    w.ints(p.destination), w.ints(p.holders_before), w.ints(p.holders_after);
    w.metrics(p.before), w.metrics(p.after);
    w.i32(static_cast<std::int32_t>(p.unfilled.size()));
    for (const auto& u : p.unfilled) {
        w.i32(u.position);
        w.u8(static_cast<std::uint8_t>(u.cause));
    }
    w.i32(p.stats.groups), w.i32(p.stats.nodes), w.i32(p.stats.arcs), w.i32(p.stats.solves);
    w.f64(p.stats.seconds), w.f64(p.stats.cpu_seconds);
    return std::move(w.out);
}

std::optional<Plan> decode_plan(std::string_view bytes) {
    Reader r(bytes);
    if (static_cast<std::uint32_t>(r.i32()) != kPlanMagic) return std::nullopt;
    Plan p;
    p.ok = r.u8() != 0;
    p.objective = r.f64();
    p.optimal = r.u8() != 0;
    p.gap = r.f64(), p.lower_bound = r.f64();
    p.moves.resize(r.count(17));
    for (auto& m : p.moves) {
        m.employee = r.i32(), m.from = r.i32(), m.to = r.i32();
        m.requested = r.u8() != 0;
        m.fit_gain = r.i32();
    }
    p.destination = r.ints(), p.holders_before = r.ints(), p.holders_after = r.ints();
    p.before = r.metrics(), p.after = r.metrics();
    p.unfilled.resize(r.count(5));
    for (auto& u : p.unfilled) {
        u.position = r.i32();
        const int cause = r.u8();
        if (cause > static_cast<int>(UnfilledCause::balance)) r.ok = false;
        u.cause = static_cast<UnfilledCause>(cause);
    }
    p.stats.groups = r.i32(), p.stats.nodes = r.i32(), p.stats.arcs = r.i32(), p.stats.solves = r.i32();
    p.stats.seconds = r.f64(), p.stats.cpu_seconds = r.f64();
    // Indices are checked by the receiver against its own instance (it has it; the bytes do not).
    if (!r.done()) return std::nullopt;
    return p;
}

namespace {

void query_fields(Writer& w, const DbQuery& q) {
    w.str(q.scope_office_id);
    w.i32(q.year);
    w.i32(q.today.year), w.i32(q.today.month), w.i32(q.today.day);
    w.weights(q.weights);
    w.i32(static_cast<std::int32_t>(q.pinned.size()));
    for (const auto& id : q.pinned) w.str(id);
}

DbQuery read_query(Reader& r) {
    DbQuery q;
    q.scope_office_id = r.str();
    q.year = r.i32();
    q.today.year = r.i32(), q.today.month = r.i32(), q.today.day = r.i32();
    q.weights = r.weights();
    q.pinned.resize(r.count(4));
    for (auto& id : q.pinned) id = r.str();
    return q;
}

void db_request_head(Writer& w, const DbQuery& q, DbJob job, const std::string& version) {
    w.i32(static_cast<std::int32_t>(kDbRequestMagic));
    w.u8(static_cast<std::uint8_t>(job));
    w.str(version);
    query_fields(w, q);
}

}  // namespace

std::string encode_db_request(const DbQuery& q, std::string_view db_snapshot, DbJob job) {
    Writer w;
    w.out.reserve(256 + q.pinned.size() * 40 + db_snapshot.size());
    db_request_head(w, q, job, {});
    w.u8(1);
    w.i32(static_cast<std::int32_t>(db_snapshot.size()));
    w.out.append(db_snapshot);
    return std::move(w.out);
}

std::string encode_db_request(const DbQuery& q, store::Db& db, DbJob job, bool with_snapshot) {
    Writer w;
    db_request_head(w, q, job, store::snapshot_version(db));
    w.u8(with_snapshot ? 1 : 0);
    if (!with_snapshot) return std::move(w.out);
    const size_t at = w.out.size();
    w.i32(0);  // the snapshot's length, written once known
    store::append_snapshot(db, w.out);
    const auto size = static_cast<std::uint32_t>(w.out.size() - at - 4);
    for (int i = 0; i < 4; ++i) w.out[at + static_cast<size_t>(i)] = static_cast<char>((size >> (8 * i)) & 0xff);
    return std::move(w.out);
}

std::string instance_digest(const Instance& inst) { return sha256_hex(encode_instance(inst)); }

namespace {

// The receiver's copy of the sender's database, kept between requests (see
// encode_db_request): the version it was sent with and the open in-memory copy;
// and the instance last built from that copy, for the part of the query that
// instance_from_db reads rows for (scope, year, today), built without pins.
// The weights and the pins do not change which rows are read: instance_from_db
// copies the weights (the stored WKE in place of the query's) and pins by
// clearing `movable`, so a re-run with other weights, another move limit or
// other pins applies them to a copy of the kept instance (apply_query) instead
// of reading 20,000 staff rows again (docs/PLANNER.md "The worker's database copy").
struct CachedDb {
    std::string version;
    std::unique_ptr<store::Db> db;
    std::string built_for;          // rows_key of the query the instance was built for ("" none)
    Instance built;
};
CachedDb& cached_db() {
    static CachedDb cached;
    return cached;
}

std::string rows_key(const DbQuery& q) {
    return q.scope_office_id + '\n' + std::to_string(q.year) + '\n' + std::to_string(q.today.year) + '-' +
           std::to_string(q.today.month) + '-' + std::to_string(q.today.day);
}

// The kept instance (built without pins) with the query's weights and pins:
// exactly what instance_from_db builds for the query on the same data.
Instance apply_query(const Instance& base, const DbQuery& q) {
    Instance inst = base;
    const double wke = inst.weights.wke_minutes;
    inst.weights = q.weights;
    inst.weights.wke_minutes = wke;
    if (!q.pinned.empty()) {
        const std::set<std::string> pinned(q.pinned.begin(), q.pinned.end());
        for (auto& e : inst.employees)
            if (pinned.count(e.id)) e.movable = false;
    }
    return inst;
}

std::string answer_issue(const Issue& issue) {
    Writer w;
    w.i32(static_cast<std::int32_t>(kDbAnswerMagic));
    w.u8(0);
    w.str(issue.code), w.str(issue.field), w.str(issue.detail);
    return std::move(w.out);
}

std::string answer_status(std::uint8_t status) {
    Writer w;
    w.i32(static_cast<std::int32_t>(kDbAnswerMagic));
    w.u8(status);
    return std::move(w.out);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The database request's answer: build the instance from the snapshot (or the
// copy kept from an earlier one), solve it (or only digest it, or only warm
// up), and add what the sender would compute from the answer.
std::string solve_db_request(std::string_view bytes) {
    Reader r(bytes);
    r.i32();  // magic, checked by the caller
    const std::uint8_t job = r.u8();
    const std::string version = r.str();
    const DbQuery q = read_query(r);
    const bool has_snapshot = r.u8() != 0;
    const std::string_view snapshot = has_snapshot ? r.view() : std::string_view();
    if (!r.done() || job > static_cast<std::uint8_t>(DbJob::warm)) return {};
    CachedDb& cached = cached_db();
    if (!has_snapshot && (version.empty() || cached.version != version || !cached.db)) return answer_status(3);
    const auto started = std::chrono::steady_clock::now();
    std::variant<Instance, Issue> built;
    bool reused = false;
    try {
        std::unique_ptr<store::Db> once;
        store::Db* db = cached.db.get();
        if (has_snapshot) {
            auto fresh = std::make_unique<store::Db>(":memory:");
            store::load_snapshot(*fresh, snapshot);
            if (version.empty()) {
                once = std::move(fresh);
                db = once.get();
            } else {
                cached.db = std::move(fresh);
                cached.version = version;
                cached.built_for.clear();
                db = cached.db.get();
            }
        }
        const std::string key = rows_key(q);
        if (!once && cached.built_for == key) {
            built = apply_query(cached.built, q);
            reused = true;
        } else if (once) {
            built = instance_from_db(*db, q);
        } else {
            DbQuery unpinned = q;
            unpinned.pinned.clear();
            cached.built_for.clear();
            built = instance_from_db(*db, unpinned);
            if (Instance* inst = std::get_if<Instance>(&built)) {
                cached.built = *inst;
                cached.built_for = key;
                built = apply_query(cached.built, q);
            }
        }
    } catch (const std::exception& e) {
        return answer_issue(Issue{"rekom.error.db", "", e.what(), false});
    }
    if (const Issue* issue = std::get_if<Issue>(&built)) return answer_issue(*issue);
    const double build_seconds = seconds_since(started);
    const Instance& inst = std::get<Instance>(built);
    Writer w;
    w.i32(static_cast<std::int32_t>(kDbAnswerMagic));
    if (job == static_cast<std::uint8_t>(DbJob::warm)) {
        // The solve only runs the planner's code once (compiled and hot for the run that follows).
        const auto t = std::chrono::steady_clock::now();
        (void)solve(inst);
        w.u8(4);
        w.f64(build_seconds);
        w.f64(seconds_since(t));
        return std::move(w.out);
    }
    const std::string instance = encode_instance(inst);
    if (job == static_cast<std::uint8_t>(DbJob::digest_only)) {
        w.u8(2);
        w.f64(build_seconds);
        w.u8(reused ? 1 : 0);
        w.str(sha256_hex(instance));
        return std::move(w.out);
    }
    Plan solved = solve(inst);
    std::vector<Move> in_order = solved.moves;
    std::stable_sort(in_order.begin(), in_order.end(), [](const Move& a, const Move& b) { return a.employee < b.employee; });
    const std::string key = plan_key(q, inst, in_order);
    const std::string plan = encode_plan(solved);
    w.out.reserve(256 + instance.size() + plan.size());
    w.u8(1);
    w.f64(build_seconds);
    w.u8(reused ? 1 : 0);
    w.str(sha256_hex(instance));
    w.str(key);
    w.i32(static_cast<std::int32_t>(instance.size()));
    w.out.append(instance);
    w.i32(static_cast<std::int32_t>(plan.size()));
    w.out.append(plan);
    return std::move(w.out);
}

// "Optimalkan sisanya": solve the edited instance and key the plan with the
// manual moves (made before, so not in the solver's answer).
std::string solve_reoptimise_request(std::string_view bytes) {
    Reader r(bytes);
    r.i32();  // magic, checked by the caller
    const DbQuery q = read_query(r);
    std::vector<Move> manual(r.count(12));
    for (auto& m : manual) m.employee = r.i32(), m.from = r.i32(), m.to = r.i32();
    const std::string_view instance = r.view();
    if (!r.done()) return {};
    auto inst = decode_instance(instance);
    if (!inst) return {};
    for (const auto& m : manual)
        if (!index_ok(m.employee, inst->employees.size()) || !index_ok(m.from, inst->positions.size()) ||
            !index_ok(m.to, inst->positions.size()))
            return {};
    const Plan solved = solve(*inst);
    std::vector<Move> keyed = manual;
    keyed.insert(keyed.end(), solved.moves.begin(), solved.moves.end());
    std::stable_sort(keyed.begin(), keyed.end(), [](const Move& a, const Move& b) { return a.employee < b.employee; });
    const std::string plan = encode_plan(solved);
    Writer w;
    w.out.reserve(128 + plan.size());
    w.i32(static_cast<std::int32_t>(kReoptAnswerMagic));
    w.str(plan_key(q, *inst, keyed));
    w.i32(static_cast<std::int32_t>(plan.size()));
    w.out.append(plan);
    return std::move(w.out);
}

}  // namespace

void forget_cached_db() { cached_db() = {}; }

std::string encode_reoptimise_request(const DbQuery& q, const Instance& fixed, const std::vector<Move>& manual) {
    Writer w;
    w.i32(static_cast<std::int32_t>(kReoptRequestMagic));
    query_fields(w, q);
    w.i32(static_cast<std::int32_t>(manual.size()));
    for (const auto& m : manual) w.i32(m.employee), w.i32(m.from), w.i32(m.to);
    const std::string instance = encode_instance(fixed);
    w.i32(static_cast<std::int32_t>(instance.size()));
    w.out.append(instance);
    return std::move(w.out);
}

std::optional<Reoptimised> decode_reoptimise_answer(std::string_view bytes) {
    Reader r(bytes);
    if (static_cast<std::uint32_t>(r.i32()) != kReoptAnswerMagic) return std::nullopt;
    Reoptimised out;
    out.plan_key = r.str();
    const std::string_view plan = r.view();
    if (!r.done()) return std::nullopt;
    auto p = decode_plan(plan);
    if (!p) return std::nullopt;
    out.plan = std::move(*p);
    return out;
}

std::optional<SolvedFromDb> decode_db_answer(std::string_view bytes) {
    Reader r(bytes);
    if (static_cast<std::uint32_t>(r.i32()) != kDbAnswerMagic) return std::nullopt;
    SolvedFromDb out;
    const std::uint8_t status = r.u8();
    if (status == 0) {
        Issue issue;
        issue.code = r.str(), issue.field = r.str(), issue.detail = r.str();
        if (!r.done()) return std::nullopt;
        out.issue = std::move(issue);
        return out;
    }
    if (status == 3) {
        if (!r.done()) return std::nullopt;
        out.needs_snapshot = true;
        return out;
    }
    if (status == 4) {
        out.build_seconds = r.f64();
        out.warm_solve_seconds = r.f64();
        if (!r.done()) return std::nullopt;
        out.warmed = true;
        return out;
    }
    if (status > 2) return std::nullopt;
    out.build_seconds = r.f64();
    out.instance_reused = r.u8() != 0;
    out.instance_digest = r.str();
    if (status == 2) {
        if (!r.done()) return std::nullopt;
        return out;
    }
    out.plan_key = r.str();
    const std::string_view instance = r.view();
    const std::string_view plan = r.view();
    if (!r.done()) return std::nullopt;
    auto inst = decode_instance(instance);
    auto p = decode_plan(plan);
    if (!inst || !p) return std::nullopt;
    out.solved = true;
    out.instance = std::move(*inst);
    out.plan = std::move(*p);
    return out;
}

std::string solve_encoded(std::string_view request) {
    if (request.size() >= 4) {
        std::uint32_t magic = 0;
        for (int i = 0; i < 4; ++i) magic |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(request[i])) << (8 * i);
        if (magic == kDbRequestMagic) return solve_db_request(request);
        if (magic == kReoptRequestMagic) return solve_reoptimise_request(request);
    }
    auto inst = decode_instance(request);
    if (!inst) return {};
    return encode_plan(solve(*inst));
}

}  // namespace seimbang::plan
