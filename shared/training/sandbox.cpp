#include "training/sandbox.h"

#include <algorithm>

#include "abk/abk.h"
#include "demo/seed.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "store/schema.h"
#include "util/sha256.h"
#include "util/uuid.h"
#include "workflow/settings.h"
#include "workflow/workflow.h"

namespace seimbang::training {

using nlohmann::json;

namespace {

// 2026-07-01T00:00:00Z: the time stamped on sandbox steps (kSandboxToday).
constexpr int64_t kSandboxMs = 1782864000000;

// EJ of one position of an office with `delta` holders more (the office's own
// positions only, the demo's ABK year).
std::optional<double> ej_with(store::Db& db, const std::string& office, const std::string& position, int delta) {
    std::vector<abk::PositionInput> own;
    for (auto& p : store::abk_inputs(db, office, demo::kDemoYear))
        if (p.unit == office) own.push_back(std::move(p));
    for (auto& p : own)
        if (p.position == position) p.holders = std::max(0, p.holders + delta);
    const abk::Result r = abk::analyse(own, store::load_settings(db));
    for (const auto& p : r.positions)
        if (p.position == position) return p.ej;
    return std::nullopt;
}

bool approved_at_destination(workflow::Status s) {
    using S = workflow::Status;
    return s == S::disetujui_unit_tujuan || s == S::verifikasi_bkpsdm || s == S::ditetapkan;
}

// What holds before the decision, from the sandbox's data.
struct Facts {
    std::vector<std::string> missing_documents;
    bool origin_over_after = false;  // the origin post is overloaded once the applicant leaves
    bool dest_under_after = false;   // the destination post has too many people once this one (and those approved) come
    bool competing_overfill = false; // this and every other open request for the post together would overfill it
    Effect origin, destination;
};

std::string name_of_office(store::Db& db, const std::string& id) {
    auto o = store::get_office(db, id);
    return o ? o->name : id;
}

std::string name_of_position(store::Db& db, const std::string& id) {
    auto p = store::get_position(db, id);
    return p ? p->name : id;
}

Facts facts(store::Db& db, const workflow::Request& r) {
    Facts f;
    const Settings settings = store::load_settings(db);
    f.missing_documents = workflow::missing_documents(db, workflow::load_workflow_settings(db), r);
    for (auto& t : workflow::missing_evidence(db, r)) f.missing_documents.push_back(std::move(t));

    f.origin = {name_of_office(db, r.office_id), name_of_position(db, r.from_position_id),
                ej_with(db, r.office_id, r.from_position_id, 0), ej_with(db, r.office_id, r.from_position_id, -1)};
    f.origin_over_after = abk::load_status(f.origin.ej_after, settings) == abk::LoadStatus::over;

    const std::string to = r.to_positions.empty() ? std::string() : r.to_positions.front();
    int approved = 0, competing = 0;
    for (const auto& o : workflow::list_requests(db, {})) {
        if (o.id == r.id || o.to_positions.empty() || o.to_positions.front() != to) continue;
        if (approved_at_destination(o.status)) ++approved;
        else if (workflow::is_open(o.status)) ++competing;
    }
    f.destination = {name_of_office(db, r.to_office_id), name_of_position(db, to),
                     ej_with(db, r.to_office_id, to, approved), ej_with(db, r.to_office_id, to, approved + 1)};
    f.dest_under_after = abk::load_status(f.destination.ej_after, settings) == abk::LoadStatus::under;
    if (competing > 0)
        f.competing_overfill =
            abk::load_status(ej_with(db, r.to_office_id, to, approved + 1 + competing), settings) == abk::LoadStatus::under;
    return f;
}

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

// The rules that apply to this decision, each met or broken (docs/TRAINING.md "Rules").
std::vector<RuleResult> judge(const Case& c, const Facts& f, const Decision& d) {
    std::vector<RuleResult> out;
    const bool approve = d.action == Action::approve;
    out.push_back({"alasan_tertulis", trimmed(d.note).size() >= kMinReasonBytes});
    if (!f.missing_documents.empty()) out.push_back({"dokumen_lengkap", !approve});
    const bool origin_objection = c.step == Step::origin && f.origin_over_after;
    const bool dest_objection = c.step == Step::destination && (f.dest_under_after || f.competing_overfill);
    // A fixable gap (documents) is returned, not rejected, unless the move is wrong anyway.
    if (!f.missing_documents.empty() && !origin_objection && !dest_objection && !c.conflict_of_interest)
        out.push_back({"tindakan_sepadan", d.action != Action::reject});
    if (origin_objection) out.push_back({"asal_tidak_kewalahan", !approve});
    if (c.step == Step::destination && f.dest_under_after) out.push_back({"tujuan_tidak_berlebih", !approve});
    if (c.conflict_of_interest)
        out.push_back({"konflik_dinyatakan", d.declare_conflict && d.action == Action::return_});
    // Nothing stands against it: holding it back is unfair.
    if (f.missing_documents.empty() && !origin_objection && !dest_objection && !c.conflict_of_interest)
        out.push_back({"permintaan_wajar", approve});
    return out;
}

}  // namespace

Sandbox::Sandbox() { reset(); }
Sandbox::~Sandbox() = default;

void Sandbox::reset() {
    db_ = std::make_unique<store::Db>(":memory:");
    store::migrate(*db_);
    demo::seed_marelan(*db_);
    case_ = nullptr;
    ids_.clear();
}

std::string Sandbox::office_id(const std::string& name) {
    for (const auto& o : store::list_offices(*db_))
        if (o.name == name) return o.id;
    return {};
}

std::optional<Position> Sandbox::position(const std::string& office, const std::string& name) {
    const std::string id = office_id(office);
    if (id.empty()) return std::nullopt;
    for (auto& p : store::list_positions(*db_, id))
        if (p.office_id == id && p.name == name) return p;
    return std::nullopt;
}

access::Actor Sandbox::trainee() {
    return workflow::make_actor(*db_, "latihan", "kepala_unit", case_ ? office_id(case_->trainee_office) : "", "");
}

// Files one request through the workflow's own steps up to its stage: the
// applicant is the first holder (by name) of the origin post for whom every
// step passes; each try is undone when a step refuses.
Check Sandbox::file(const CaseRequest& r, const std::string& where, int64_t& clock) {
    Check out;
    auto step = [&](const access::Actor& who, workflow::Command cmd, const std::string& id, json args) {
        workflow::StepContext ctx{*db_, who, workflow::Authority::server, kSandboxToday, ++clock};
        workflow::StepInput in{cmd, id, "", std::move(args)};
        return workflow::take_step(ctx, in);
    };
    const auto from = position(r.from.office, r.from.position);
    const auto to = position(r.to.office, r.to.position);
    if (!from) out.error("training.unknown_position", where, r.from.office + " / " + r.from.position);
    if (!to) out.error("training.unknown_position", where, r.to.office + " / " + r.to.position);
    if (!out.ok()) return out;
    const auto filer = workflow::make_actor(*db_, "latihan.operator", "operator", from->office_id, "");
    const auto head = workflow::make_actor(*db_, "latihan.asal", "kepala_unit", from->office_id, "");
    std::vector<std::string> holders;
    {
        auto q = db_->prepare("SELECT id FROM employees WHERE position_id = ?1 AND archived = 0 ORDER BY name, id");
        q.bind(1, from->id);
        while (q.step()) holders.push_back(q.text(0));
    }
    Check last;
    std::string filed;
    for (const auto& employee : holders) {
        db_->transaction([&] {
            db_->exec("SAVEPOINT candidate");
            auto done = step(filer, workflow::Command::create, "",
                             {{"employee_id", employee}, {"kind", r.kind}, {"reason", r.reason},
                              {"explanation", r.explanation}, {"to_positions", json::array({to->id})}});
            last = done.check;
            for (const auto& type : r.documents) {
                if (!last.ok()) break;
                const std::string body = where + "/" + type;
                last = step(filer, workflow::Command::attach, done.request_id,
                            {{"document_id", new_uuid_v7()}, {"doc_type", type}, {"file_name", type + ".pdf"},
                             {"mime", "application/pdf"}, {"size", 120000}, {"sha256", sha256_hex(body)}})
                           .check;
            }
            if (last.ok()) last = step(filer, workflow::Command::submit, done.request_id, json::object()).check;
            if (last.ok() && r.stage == "disetujui_unit_asal")
                last = step(head, workflow::Command::approve, done.request_id,
                            {{"note", "Disetujui unit asal (latihan)."}}).check;
            if (last.ok()) {
                filed = done.request_id;
                db_->exec("RELEASE candidate");
            } else {
                db_->exec("ROLLBACK TO candidate");
                db_->exec("RELEASE candidate");
            }
        });
        if (!filed.empty()) break;
    }
    if (filed.empty()) {
        out.error("training.cannot_stage", where,
                  last.first_error() ? last.first_error()->code + " " + last.first_error()->detail : "no holder");
        return out;
    }
    ids_[r.key] = filed;
    return out;
}

Check Sandbox::stage(const Case& c) {
    reset();
    Check out;
    int64_t clock = kSandboxMs;
    for (const auto& r : c.requests) {
        out.merge(file(r, c.id + "." + r.key, clock));
        if (!out.ok()) break;
    }
    if (!out.ok()) {
        reset();
        return out;
    }
    case_ = &c;
    return out;
}

Check Sandbox::stage_request(const CaseRequest& r, const std::string& where) {
    reset();
    int64_t clock = kSandboxMs;
    Check out = file(r, where, clock);
    if (!out.ok()) reset();
    return out;
}

std::optional<workflow::Request> Sandbox::request(const std::string& key) {
    auto it = ids_.find(key);
    if (it == ids_.end()) return std::nullopt;
    return workflow::get_request(*db_, it->second);
}

std::string Sandbox::applicant_name(const std::string& key) {
    auto r = request(key);
    if (!r) return {};
    auto e = store::get_employee(*db_, r->employee_id);
    return e ? e->name : std::string();
}

std::string Sandbox::situation(i18n::Lang lang) {
    if (!case_) return {};
    std::string s = case_->situation.in(lang);
    for (const auto& r : case_->requests) {
        const std::string mark = "{" + r.key + "}", name = applicant_name(r.key);
        for (size_t at = s.find(mark); at != std::string::npos; at = s.find(mark, at + name.size()))
            s.replace(at, mark.size(), name);
    }
    return s;
}

bool Sandbox::waiting(const std::string& key) {
    auto r = request(key);
    if (!r || !case_) return false;
    return r->status == (case_->step == Step::origin ? workflow::Status::diajukan : workflow::Status::disetujui_unit_asal);
}

Feedback Sandbox::decide(const Decision& d) {
    Feedback fb;
    fb.key = d.key;
    auto r = request(d.key);
    if (!case_ || !r) {
        fb.check.error("training.unknown_request", "key", d.key);
        return fb;
    }
    if (!waiting(d.key)) {
        fb.check.error("training.already_decided", "key", d.key);
        return fb;
    }
    const Facts f = facts(*db_, *r);
    // The declaration goes on the record with the note, as it would in real work.
    std::string note = trimmed(d.note);
    if (d.declare_conflict) note = std::string(i18n::tr("training.conflict_note", i18n::Lang::id)) + " " + note;
    const workflow::Command cmd = d.action == Action::approve   ? workflow::Command::approve
                                  : d.action == Action::return_ ? workflow::Command::return_
                                                                : workflow::Command::reject;
    const access::Actor who = trainee();
    workflow::StepContext ctx{*db_, who, workflow::Authority::server, kSandboxToday, kSandboxMs + 1000};
    workflow::StepInput in{cmd, r->id, std::string(workflow::to_string(r->status)), {{"note", note}}};
    auto done = workflow::take_step(ctx, in);
    if (!done.check.ok()) {
        fb.check = done.check;
        return fb;
    }
    fb.rules = judge(*case_, f, d);
    fb.all_met = std::all_of(fb.rules.begin(), fb.rules.end(), [](const RuleResult& x) { return x.met; });
    fb.origin = f.origin;
    fb.destination = f.destination;
    if (auto it = case_->recommended.find(d.key); it != case_->recommended.end()) {
        fb.recommended = it->second;
        fb.matches_recommended = it->second.action == d.action && it->second.declare_conflict == d.declare_conflict;
    }
    return fb;
}

Check validate_against_demo(const Content& all) {
    Check c;
    Sandbox sb;
    for (const auto& l : all.lessons)
        for (const auto& s : l.screens) {
            if (!s.show) continue;
            if (sb.office_id(s.show->office).empty()) c.error("training.unknown_office", l.id, s.show->office);
            else if (!s.show->position.empty() && !sb.position(s.show->office, s.show->position))
                c.error("training.unknown_position", l.id, s.show->office + " / " + s.show->position);
            if (s.show->request) c.merge(sb.stage_request(*s.show->request, l.id + ".request"));
        }
    for (const auto& k : all.cases) {
        if (sb.office_id(k.trainee_office).empty()) c.error("training.unknown_office", k.id, k.trainee_office);
        for (const auto& key : k.decide)
            if (const CaseRequest* r = k.request(key)) {
                const std::string& at = k.step == Step::origin ? r->from.office : r->to.office;
                if (at != k.trainee_office) c.error("training.not_trainee_office", k.id + "." + key, at);
            }
        c.merge(sb.stage(k));
    }
    return c;
}

}  // namespace seimbang::training
