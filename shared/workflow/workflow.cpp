#include "workflow/workflow.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <unordered_set>

#include "model/nip.h"
#include "model/settings.h"
#include "plan/eligibility_records.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "util/uuid.h"

namespace seimbang::workflow {

using nlohmann::json;

namespace {

const store::TableSpec& table(const char* name) { return *store::find_table(name); }

std::string trimmed(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
}

std::string arg_str(const json& args, const char* k) {
    auto it = args.find(k);
    return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_hex64(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
    return true;
}

// A step's work while it is being checked and written.
struct Work {
    StepContext& ctx;
    const StepInput& in;
    StepResult& out;
    Check& c;
    // A device holds only its own scope (an operator sees no other office's
    // positions, a pegawai none): a well-formed reference it cannot see is the
    // server's to check when the step arrives there.
    bool device() const { return ctx.authority == Authority::device; }
};

}  // namespace

std::string instansi_of(store::Db& db, std::string office) {
    for (int depth = 0; depth < 64 && !office.empty(); ++depth) {
        auto s = db.prepare("SELECT coalesce(parent_id, '') FROM offices WHERE id = ?1");
        s.bind(1, office);
        if (!s.step()) return {};
        std::string parent = s.text(0);
        if (parent.empty()) return office;
        office = std::move(parent);
    }
    return {};
}

namespace {

// The kind a step is taken on: the stored request's, or for a new one the
// kind its arguments name (the default when none; a bad one is refused by
// apply_fields, on the path of the default).
Kind kind_of_step(const StepInput& in, const std::optional<Request>& cur) {
    if (cur) return cur->kind;
    const std::string k = arg_str(in.args, "kind");
    return parse_kind(k.empty() ? "atas_permintaan_sendiri" : k).value_or(Kind::atas_permintaan_sendiri);
}

// The applicant of a between-instansi request. Where the person's record is
// (the sending instansi, or a database holding both sides) the request takes
// origin and snapshot from it; on the receiving side, which holds neither the
// record nor the origin office, the proposer names them: the record's id in
// the sending instansi (the national tier hands the rows down by it), its
// office, the person's NIP and name, and the sending instansi's root office.
void apply_applicant_between(Work& w, Request& r, const std::string& id) {
    const json& a = w.in.args;
    Check& c = w.c;
    if (auto e = id.empty() ? std::nullopt : store::get_employee(w.ctx.db, id)) {
        if (e->archived) return c.error("workflow.unknown_employee", "employee_id", id);
        r.employee_id = e->id;
        r.office_id = e->office_id;
        r.from_position_id = e->position_id;
        r.employee_nip = e->nip;
        r.employee_name = e->name;
        r.employee_golongan = e->golongan;
        r.from_instansi = instansi_of(w.ctx.db, e->office_id);
        return;
    }
    const std::string office = arg_str(a, "office_id"), from = arg_str(a, "from_instansi");
    const std::string nip = trimmed(arg_str(a, "employee_nip")), name = trimmed(arg_str(a, "employee_name"));
    if (!is_uuid(id)) return c.error("workflow.unknown_employee", "employee_id", id);
    if (!is_uuid(office)) return c.error("workflow.unknown_office", "office_id", office);
    if (!is_uuid(from)) return c.error("workflow.unknown_office", "from_instansi", from);
    if (!check_nip(nip).ok()) return c.error("workflow.bad_nip", "employee_nip", nip);
    if (name.empty() || name.size() > 200) return c.error("workflow.name_required", "employee_name");
    r.employee_id = id;
    r.office_id = office;
    r.from_position_id = arg_str(a, "from_position_id");
    if (r.from_position_id.size() > 64) return c.error("workflow.unknown_position", "from_position_id");
    r.employee_nip = nip;
    r.employee_name = name;
    r.from_instansi = from;
    // The golongan as the sending side keeps it (the lookup's): the entry record's at the TMT.
    r.employee_golongan = trimmed(arg_str(a, "employee_golongan"));
    if (!r.employee_golongan.empty() && !parse_golongan(r.employee_golongan))
        return c.error("golongan.unknown", "employee_golongan", r.employee_golongan);
}

// Applicant, kind, reason, explanation and wishes from args over `r`
// (create: all required; edit: those given). Fills origin and destination.
void apply_fields(Work& w, Request& r, bool creating) {
    const json& a = w.in.args;
    Check& c = w.c;
    if (creating || a.contains("kind")) {
        auto k = parse_kind(arg_str(a, "kind").empty() && creating ? "atas_permintaan_sendiri" : arg_str(a, "kind"));
        if (!k) return c.error("workflow.bad_kind", "kind", arg_str(a, "kind"));
        // (A request keeps its path: a move between instansi is filed by the other side.)
        if (!creating && (*k == Kind::antar_instansi) != (r.kind == Kind::antar_instansi))
            return c.error("workflow.bad_kind", "kind", arg_str(a, "kind"));
        r.kind = *k;
    }
    if (creating || a.contains("employee_id")) {
        const std::string id = arg_str(a, "employee_id");
        if (r.kind == Kind::antar_instansi) {
            apply_applicant_between(w, r, id);
            if (!c.ok()) return;
        } else {
            auto e = id.empty() ? std::nullopt : store::get_employee(w.ctx.db, id);
            if (!e || e->archived) return c.error("workflow.unknown_employee", "employee_id", id);
            r.employee_id = e->id;
            r.office_id = e->office_id;
            r.from_position_id = e->position_id;
            r.employee_nip = e->nip;
            r.employee_name = e->name;
            r.employee_golongan = e->golongan;
            r.from_instansi.clear();
        }
    }
    if (creating || a.contains("reason")) {
        auto k = parse_reason(arg_str(a, "reason"));
        if (!k) return c.error("workflow.bad_reason", "reason", arg_str(a, "reason"));
        r.reason = *k;
    }
    if (creating || a.contains("explanation")) r.explanation = trimmed(arg_str(a, "explanation"));
    if (r.explanation.empty()) return c.error("workflow.explanation_required", "explanation");
    if (r.explanation.size() > kMaxTextLength) return c.error("workflow.text_too_long", "explanation");
    if (creating || a.contains("to_instansi")) r.to_instansi = trimmed(arg_str(a, "to_instansi"));
    if (r.to_instansi.size() > 200) return c.error("workflow.text_too_long", "to_instansi");
    if (creating || a.contains("to_positions")) {
        r.to_positions.clear();
        const json& t = a.value("to_positions", json::array());
        if (!t.is_array()) return c.error("workflow.bad_wishes", "to_positions");
        for (const auto& p : t) {
            if (!p.is_string() || p.get<std::string>().empty()) return c.error("workflow.bad_wishes", "to_positions");
            r.to_positions.push_back(p.get<std::string>());
        }
    }
    if (r.kind == Kind::dinas && !access::may(w.ctx.who.role, access::Feature::request_dinas))
        return c.error("workflow.kind_not_allowed", "kind", std::string(to_string(r.kind)));
    if (r.kind == Kind::antar_instansi && r.to_instansi.empty())
        return c.error("workflow.destination_required", "to_instansi");
    if (r.to_positions.empty()) return c.error("workflow.destination_required", "to_positions");
    if (r.to_positions.size() > kMaxWishes) return c.error("workflow.bad_wishes", "to_positions", std::to_string(r.to_positions.size()));
    std::set<std::string> seen;
    for (const auto& id : r.to_positions) {
        if (!seen.insert(id).second) return c.error("workflow.bad_wishes", "to_positions", id);
        if (id == r.from_position_id) return c.error("workflow.same_position", "to_positions", id);
        auto p = store::get_position(w.ctx.db, id);
        if (!p) {
            if (!w.device() || !is_uuid(id)) return c.error("workflow.unknown_position", "to_positions", id);
            continue;
        }
        if (p->archived) return c.error("workflow.unknown_position", "to_positions", id);
        if (p->is_head) return c.error("workflow.head_position", "to_positions", p->name);
    }
    r.to_office_id.clear();
    if (!r.to_positions.empty())
        if (auto p = store::get_position(w.ctx.db, r.to_positions[0])) r.to_office_id = p->office_id;
    // Between instansi: the wished posts are the receiving instansi's, the person another's.
    if (r.kind == Kind::antar_instansi && !r.to_office_id.empty() && !r.from_instansi.empty() &&
        instansi_of(w.ctx.db, r.to_office_id) == r.from_instansi)
        return c.error("workflow.same_instansi", "to_positions", r.from_instansi);
}

// No second open request for the same employee (one move at a time).
void check_single_open(Work& w, const Request& r) {
    auto s = w.ctx.db.prepare("SELECT number, status FROM requests WHERE employee_id = ?1 AND id <> ?2");
    s.bind(1, r.employee_id).bind(2, r.id);
    while (s.step()) {
        auto st = parse_status(s.text(1));
        if (st && is_open(*st)) return w.c.error("workflow.open_request_exists", "employee_id", s.text(0));
    }
}

// Eligibility of the applicant for the move (at submit and again at the decision).
void check_eligibility(Work& w, const Request& r, const std::vector<std::string>& positions) {
    auto e = store::get_employee(w.ctx.db, r.employee_id);
    if (!e || e->archived) return w.c.error("workflow.unknown_employee", "employee_id", r.employee_id);
    if (e->office_id != r.office_id) return w.c.error("workflow.origin_changed", "office_id", e->office_id);
    if (e->discipline_open) return w.c.error("workflow.discipline_open", "employee_id", e->name);
    if (r.kind == Kind::antar_instansi && e->commitment_10y && r.reason != Reason::kebutuhan_organisasi)
        return w.c.error("workflow.commitment_10y", "kind");
    if (r.kind == Kind::atas_permintaan_sendiri) {
        const Settings s = store::load_settings(w.ctx.db);
        const auto tmt = parse_iso_date(e->tmt_position);
        if (!tmt || *tmt > w.ctx.today) return w.c.error("workflow.tenure_unknown", "tmt_position", e->tmt_position);
        const int months = months_between(*tmt, w.ctx.today);
        if (months < s.min_tenure_months)
            return w.c.error("workflow.tenure_short", "tmt_position",
                             std::to_string(months) + "/" + std::to_string(s.min_tenure_months));
    }
    // A transfer keeps the kind of post (pelaksana, the same jabatan fungsional,
    // managerial at the same level): anything else is a promotion, not a mutasi.
    const auto from = store::get_position(w.ctx.db, e->position_id);
    for (const auto& id : positions) {
        auto p = store::get_position(w.ctx.db, id);
        if (!p) {
            if (!w.device()) return w.c.error("workflow.unknown_position", "to_positions", id);
            continue;
        }
        if (p->archived) return w.c.error("workflow.unknown_position", "to_positions", id);
        if (from && !plan::same_kind_record(*from, *p, true))
            return w.c.error("workflow.not_same_kind", "to_positions", p->name);
        if (!plan::eligible_record(*e, *p)) return w.c.error("workflow.not_eligible", "to_positions", p->name);
    }
}

// Between instansi, the sending PPK's approval: the person's record is here,
// still in the origin office, free of disciplinary process, and not bound by
// the 10-year commitment (domain.md: PNS recruited since 2018 do not move to
// another instansi at their own request). The wished posts are the receiving
// instansi's: that side judged them when it proposed and judges again when it decides.
void check_sending(Work& w, const Request& r) {
    auto e = store::get_employee(w.ctx.db, r.employee_id);
    if (!e || e->archived) return w.c.error("workflow.unknown_employee", "employee_id", r.employee_id);
    if (e->office_id != r.office_id) return w.c.error("workflow.origin_changed", "office_id", e->office_id);
    if (e->discipline_open) return w.c.error("workflow.discipline_open", "employee_id", e->name);
    if (e->commitment_10y && r.reason != Reason::kebutuhan_organisasi) return w.c.error("workflow.commitment_10y", "kind");
}

void check_document(Work& w, Request& r, json& doc) {
    const json& a = w.in.args;
    const WorkflowSettings s = load_workflow_settings(w.ctx.db);
    const std::string id = arg_str(a, "document_id"), type = trimmed(arg_str(a, "doc_type"));
    const std::string mime = arg_str(a, "mime"), sha = arg_str(a, "sha256");
    const std::string name = trimmed(arg_str(a, "file_name"));
    const json& size = a.value("size", json());
    if (!is_uuid(id)) return w.c.error("document.bad_id", "document_id", id);
    if (store::read_row(w.ctx.db, table("request_documents"), id)) return w.c.error("document.exists", "document_id", id);
    if (type.empty() || type.size() > 64) return w.c.error("document.bad_type_code", "doc_type", type);
    if (mime != "application/pdf" && mime != "image/jpeg" && mime != "image/png")
        return w.c.error("document.bad_type", "mime", mime);
    if (!size.is_number_integer() || size.get<int64_t>() <= 0) return w.c.error("document.empty", "size");
    if (size.get<int64_t>() > s.max_document_bytes)
        return w.c.error("document.too_large", "size", std::to_string(s.max_document_bytes));
    if (!is_hex64(sha)) return w.c.error("document.bad_hash", "sha256", sha);
    if (name.size() > 200) return w.c.error("workflow.text_too_long", "file_name");
    doc = {{"request_id", r.id},         {"office_id", r.office_id},      {"to_office_id", r.to_office_id},
           {"employee_id", r.employee_id}, {"doc_type", type},            {"file_name", name},
           {"mime", mime},               {"size", size.get<int64_t>()}, {"sha256", sha},
           {"added_by", w.ctx.who.username}, {"added_ms", w.ctx.now_ms}, {"archived", 0}};
}

// The next number of the decision year's series. Runs inside the step's
// transaction (a savepoint on the server): a refused step leaves no gap.
std::string next_sk_number(store::Db& db, const WorkflowSettings& s, int year) {
    auto up = db.prepare("INSERT INTO sk_series(year, last) VALUES (?1, 1) "
                         "ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last");
    up.bind(1, year);
    if (!up.step()) throw store::DbError(0, "sk_series");
    const int64_t n = up.int64(0);
    up.reset();
    return format_sk_number(s.sk_number_format, n, year);
}

void decide(Work& w, Request& r) {
    const json& a = w.in.args;
    const auto tmt = parse_iso_date(arg_str(a, "tmt"));
    if (!tmt) return w.c.error("workflow.bad_tmt", "tmt", arg_str(a, "tmt"));
    if (*tmt < w.ctx.today) return w.c.error("workflow.bad_tmt", "tmt", arg_str(a, "tmt"));
    // Which wish is granted: the first unless named; it must lie in the destination office.
    const std::string chosen = arg_str(a, "position_id").empty() ? r.to_positions.front() : arg_str(a, "position_id");
    auto it = std::find(r.to_positions.begin(), r.to_positions.end(), chosen);
    auto p = store::get_position(w.ctx.db, chosen);
    if (it == r.to_positions.end() || !p || p->office_id != r.to_office_id)
        return w.c.error("workflow.bad_wishes", "position_id", chosen);
    std::rotate(r.to_positions.begin(), it, it + 1);  // the granted wish first
    // Between instansi the person's record is the sending side's (checked at
    // its approval); the receiving side decides on its own post.
    if (r.kind == Kind::antar_instansi) {
        if (p->archived) return w.c.error("workflow.unknown_position", "position_id", chosen);
    } else {
        check_eligibility(w, r, {chosen});
    }
    if (!w.c.ok()) return;
    const WorkflowSettings s = load_workflow_settings(w.ctx.db);
    r.sk_number = next_sk_number(w.ctx.db, s, w.ctx.today.year);
    r.sk_date = format_iso_date(w.ctx.today);
    r.tmt = format_iso_date(*tmt);
}

StepResult run(StepContext& ctx, const StepInput& in) {
    StepResult out;
    Check& c = out.check;
    Work w{ctx, in, out, c};
    const json no_args = json::object();
    if (!in.args.is_object()) {
        c.error("workflow.bad_args", "args");
        return out;
    }
    // [1] the request and the state the actor saw
    std::optional<Request> cur;
    Request r;
    if (in.command == Command::create) {
        r.id = in.request_id.empty() ? new_uuid_v7() : in.request_id;
        if (!is_uuid(r.id)) {
            c.error("workflow.bad_id", "id", r.id);
            return out;
        }
        if (store::read_row(ctx.db, table("requests"), r.id)) {
            c.error("workflow.exists", "id", r.id);
            return out;
        }
    } else {
        cur = get_request(ctx.db, in.request_id);
        if (!cur) {
            c.error("workflow.not_found", "id", in.request_id);
            return out;
        }
        r = *cur;
        if (!in.expect.empty() && in.expect != to_string(r.status)) {
            c.error("workflow.state_changed", "status", std::string(to_string(r.status)));
            return out;
        }
    }
    out.request_id = r.id;
    out.status = r.status;
    // [2] the graph
    const std::optional<Status> from = cur ? std::optional<Status>(r.status) : std::nullopt;
    const Step* step = find_step(in.command, from, kind_of_step(in, cur));
    if (!step) {
        c.error("workflow.bad_transition", "status",
                std::string(to_string(in.command)) + " @ " + (cur ? std::string(to_string(r.status)) : "-"));
        return out;
    }
    // Steps without an action (complete) belong to the server itself (role ""), never to a user.
    if (!step->action && (ctx.authority != Authority::server || !ctx.who.role.empty())) {
        c.error("workflow.forbidden", "role", ctx.who.role);
        return out;
    }
    if (step->online_only && ctx.authority != Authority::server) {
        c.error("workflow.online_only", "command", std::string(to_string(in.command)));
        return out;
    }
    // [3] fields of a new or edited request (the permission needs its applicant and offices)
    if (in.command == Command::create || in.command == Command::edit) {
        apply_fields(w, r, in.command == Command::create);
        if (!c.ok()) return out;
    }
    // [4] who may take it
    if (step->action && !access::permitted(ctx.who, *step->action, target_of(r))) {
        c.error("workflow.forbidden", "role", ctx.who.role);
        return out;
    }
    // [5] what it requires
    const std::string note = trimmed(arg_str(in.args, "note"));
    if (note.size() > kMaxTextLength) c.error("workflow.text_too_long", "note");
    if (step->note_required && note.empty()) c.error("workflow.note_required", "note");
    json doc;
    switch (in.command) {
        case Command::create:
        case Command::edit: check_single_open(w, r); break;
        case Command::submit:
            check_single_open(w, r);
            // (Between instansi the person's record is the other side's: its approval checks it.)
            if (c.ok() && r.kind != Kind::antar_instansi) check_eligibility(w, r, r.to_positions);
            break;
        case Command::approve:
            if (r.kind == Kind::antar_instansi) check_sending(w, r);
            break;
        case Command::attach: check_document(w, r, doc); break;
        case Command::verify: {
            const auto missing = missing_documents(ctx.db, load_workflow_settings(ctx.db), r);
            if (!missing.empty()) {
                std::string list;
                for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
                c.error("workflow.checklist_incomplete", "documents", list);
            }
            break;
        }
        case Command::decide: decide(w, r); break;
        default: break;
    }
    if (!c.ok()) return out;
    // [6] the writes: the request, its document, the event
    if (in.command == Command::create) {
        r.number = request_number(r.id);
        r.created_by = ctx.who.username;
        r.created_ms = ctx.now_ms;
    }
    if (!cur || r.status != step->to) r.status_ms = ctx.now_ms;
    r.status = step->to;
    const bool local = ctx.authority == Authority::server;  // a device writes server-like state, not an edit
    store::write_row(ctx.db, table("requests"), r.id, to_fields(r), local);
    if (!doc.is_null()) store::write_row(ctx.db, table("request_documents"), arg_str(in.args, "document_id"), doc, local);
    out.event_id = arg_str(in.args, "event_id");
    if (out.event_id.empty()) out.event_id = new_uuid_v7();
    if (!is_uuid(out.event_id) || store::read_row(ctx.db, table("request_events"), out.event_id))
        throw store::DbError(0, "event id " + out.event_id);
    std::string event_note = note;
    if (in.command == Command::attach) event_note = doc["doc_type"].get<std::string>() + ": " + doc["file_name"].get<std::string>();
    if (in.command == Command::decide) event_note = r.sk_number + " (TMT " + r.tmt + ")" + (note.empty() ? "" : ": " + note);
    int64_t ordinal = 1;
    {
        auto q = ctx.db.prepare("SELECT coalesce(max(ordinal), 0) + 1 FROM request_events WHERE request_id = ?1");
        q.bind(1, r.id);
        if (q.step()) ordinal = q.int64(0);
    }
    store::write_row(ctx.db, table("request_events"), out.event_id,
                     {{"request_id", r.id},
                      {"ordinal", ordinal},
                      {"office_id", r.office_id},
                      {"to_office_id", r.to_office_id},
                      {"employee_id", r.employee_id},
                      {"command", std::string(to_string(in.command))},
                      {"from_status", cur ? std::string(to_string(cur->status)) : std::string()},
                      {"to_status", std::string(to_string(step->to))},
                      {"actor", ctx.who.username},
                      {"actor_role", ctx.who.role},
                      {"at_ms", ctx.now_ms},
                      {"note", event_note}},
                     local);
    out.status = r.status;
    out.sk_number = r.sk_number;
    return out;
}

}  // namespace

StepResult take_step(StepContext& ctx, const StepInput& given) {
    StepInput in = given;
    if (in.args.is_null()) in.args = json::object();
    StepResult out;
    try {
        ctx.db.transaction([&] {
            out = run(ctx, in);
            if (!out.check.ok()) throw Check(out.check);  // roll back whatever was written
        });
    } catch (const Check&) {
    } catch (const store::DbError& e) {
        if (e.storage_failure()) throw;  // a full disk fails the whole push, it refuses no step
        out.check.error("store.error", "", e.what());
    }
    return out;
}

StepResult take_step_offline(store::Db& db, const access::Actor& who, StepInput in, const Date& today) {
    if (in.command == Command::create && in.request_id.empty()) in.request_id = new_uuid_v7();
    if (in.args.is_null()) in.args = json::object();
    if (in.args.is_object() && !in.args.contains("event_id")) in.args["event_id"] = new_uuid_v7();
    StepContext ctx{db, who, Authority::device, today, sync::now_ms()};
    StepResult out;
    try {
        db.transaction([&] {
            out = run(ctx, in);
            if (!out.check.ok()) throw Check(out.check);
            // What this step created locally, removed again if the server refuses it.
            json creates = json::array({json::array({"request_events", out.event_id})});
            if (in.command == Command::create) creates.push_back(json::array({"requests", out.request_id}));
            if (in.command == Command::attach) creates.push_back(json::array({"request_documents", in.args["document_id"]}));
            json args = in.args;
            args["_creates"] = creates;
            if (in.command == Command::create) args["request_id"] = out.request_id;
            sync::enqueue_command(db, "requests", out.request_id, std::string(to_string(in.command)), in.expect, args);
        });
    } catch (const Check&) {
    } catch (const store::DbError& e) {
        out.check.error("store.error", "", e.what());
    }
    return out;
}

access::Actor make_actor(store::Db& db, const std::string& username, const std::string& role,
                         const std::string& office_id, const std::string& employee_id) {
    access::Actor a{username, role, employee_id, {}};
    const auto parsed = access::parse_role(role);
    if (parsed && access::read_reach(*parsed) == access::Reach::everything) {
        for (const auto& o : store::list_offices(db, true)) a.offices.insert(o.id);
    } else if (!office_id.empty() && access::role_known(role)) {
        for (auto& id : store::office_subtree(db, office_id)) a.offices.insert(std::move(id));
    }
    return a;
}

access::Target target_of(const Request& r) { return {r.employee_id, r.office_id, r.to_office_id}; }

// [reads] ----------------------------------------------------------------------

std::optional<Request> get_request(store::Db& db, const std::string& id) {
    auto row = store::read_row(db, table("requests"), id);
    if (!row) return std::nullopt;
    return request_from_row(*row);
}

namespace {
std::vector<json> rows(store::Db& db, const char* t, const std::string& where_sql,
                       const std::function<void(store::Stmt&)>& bind) {
    const store::TableSpec& spec = table(t);
    std::string sql = "SELECT id";
    for (const auto& c : spec.columns) sql += ", " + c;
    auto s = db.prepare(sql + " FROM " + spec.name + " " + where_sql);
    if (bind) bind(s);
    std::vector<json> out;
    while (s.step()) {
        json row = json::object();
        for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
        out.push_back(std::move(row));
    }
    return out;
}
}  // namespace

std::optional<Request> find_request_by_number(store::Db& db, const std::string& number) {
    auto r = rows(db, "requests", "WHERE number = ?1 LIMIT 1", [&](store::Stmt& s) { s.bind(1, number); });
    if (r.empty()) return std::nullopt;
    return request_from_row(r.front());
}

std::vector<Request> list_requests(store::Db& db, const RequestFilter& f) {
    std::vector<Request> out;
    std::unordered_set<std::string> scope;
    if (!f.office_id.empty())
        for (auto& id : store::office_subtree(db, f.office_id)) scope.insert(std::move(id));
    for (const auto& row : rows(db, "requests", "ORDER BY status_ms, id", nullptr)) {
        Request r = request_from_row(row);
        if (f.status && r.status != *f.status) continue;
        if (f.open_only && !is_open(r.status)) continue;
        if (!f.office_id.empty() && !scope.count(r.office_id) && !scope.count(r.to_office_id)) continue;
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<Event> timeline(store::Db& db, const std::string& request_id) {
    std::vector<Event> out;
    for (const auto& row : rows(db, "request_events", "WHERE request_id = ?1 ORDER BY ordinal, at_ms, id",
                                [&](store::Stmt& s) { s.bind(1, request_id); }))
        out.push_back(event_from_row(row));
    return out;
}

std::vector<Document> documents(store::Db& db, const std::string& request_id) {
    std::vector<Document> out;
    for (const auto& row : rows(db, "request_documents", "WHERE request_id = ?1 AND archived = 0 ORDER BY added_ms, id",
                                [&](store::Stmt& s) { s.bind(1, request_id); }))
        out.push_back(document_from_row(row));
    return out;
}

std::vector<std::string> missing_documents(store::Db& db, const WorkflowSettings& s, const Request& r) {
    std::vector<std::string> missing;
    auto it = s.checklist.find(std::string(to_string(r.kind)));
    if (it == s.checklist.end()) return missing;
    std::set<std::string> have;
    for (const auto& d : documents(db, r.id)) have.insert(d.doc_type);
    for (const auto& type : it->second)
        if (!have.count(type)) missing.push_back(type);
    return missing;
}

std::vector<std::string> reason_evidence(Reason r) {
    if (r == Reason::kesehatan) return {"surat_keterangan_dokter"};
    return {};
}

std::vector<std::string> missing_evidence(store::Db& db, const Request& r) {
    std::set<std::string> have;
    for (const auto& d : documents(db, r.id)) have.insert(d.doc_type);
    std::vector<std::string> missing;
    for (const auto& type : reason_evidence(r.reason))
        if (!have.count(type)) missing.push_back(type);
    return missing;
}

std::vector<Command> available_commands(store::Db& db, const access::Actor& who, const Request& r) {
    (void)db;
    std::vector<Command> out;
    for (const auto& st : steps()) {
        if (!st.from || *st.from != r.status || !st.action || !on_path(st, r.kind)) continue;
        if (!access::permitted(who, *st.action, target_of(r))) continue;
        if (std::find(out.begin(), out.end(), st.command) == out.end()) out.push_back(st.command);
    }
    return out;
}

std::string sniff_mime(const std::string& b) {
    if (b.size() >= 5 && b.compare(0, 5, "%PDF-") == 0) return "application/pdf";
    if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
        static_cast<unsigned char>(b[2]) == 0xFF)
        return "image/jpeg";
    static const char png[] = "\x89PNG\r\n\x1a\n";
    if (b.size() >= 8 && b.compare(0, 8, std::string(png, 8)) == 0) return "image/png";
    return {};
}

}  // namespace seimbang::workflow
