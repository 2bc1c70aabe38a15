// Transfer requests in the app: the cached list and its filters, the selected
// request's detail, the new-request form with validation as the person types,
// documents, and the steps — every step through workflow::take_step_offline
// (queued as a sync command; a refusal by the server comes back through the
// attention list), the decision online (the server numbers the SK).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "i18n/format.h"
#include "store/db.h"
#include "store/repo.h"
#include "sync/client.h"
#include "workflow/settings.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

namespace seimbang::app {

using nlohmann::json;
using workflow::Command;

int64_t waiting_ms(const workflow::Request& r, int64_t now_ms) {
    if (r.status_ms <= 0 || now_ms <= r.status_ms) return 0;
    return now_ms - r.status_ms;
}


namespace {
// Steps that move a request forward: whoever may take one is who it waits for.
bool moves_forward(Command c) {
    return c == Command::submit || c == Command::approve || c == Command::verify || c == Command::decide;
}
}  // namespace

const access::Actor& App::actor() {
    const std::string key = login.session ? login.session->username + '\n' + std::string(access::to_string(login.session->role)) + '\n' +
                                          login.session->office_id + '\n' + login.session->employee_id
                                    : std::string();
    if (key != actor_key_) {  // another account (or role) since: its scope, its buttons
        actor_.reset();
        actor_key_ = key;
        requests.dirty = true;
    }
    if (!actor_) {
        if (login.session)
            actor_ = workflow::make_actor(local->db(), login.session->username, std::string(access::to_string(login.session->role)),
                                          login.session->office_id, login.session->employee_id);
        else
            actor_ = access::Actor{};
    }
    return *actor_;
}

bool App::can_file_request() const {
    if (!login.session) return false;
    switch (login.session->role) {
        case Role::pegawai: return !login.session->employee_id.empty();
        case Role::operator_:
        case Role::camat:
        case Role::bkpsdm: return true;
        default: return false;
    }
}

void App::load_position_choices() {
    position_choices_.clear();
    position_choice_ix_.clear();
    auto add = [&](PositionChoice c) {
        if (c.id.empty() || position_choice_ix_.count(c.id)) return;
        position_choice_ix_[c.id] = position_choices_.size();
        position_choices_.push_back(std::move(c));
    };
    for (const auto& p : workload.data.positions)
        if (!p.archived) add({p.id, p.name, p.office_id, p.golongan_min, p.golongan_max, p.is_head});
    // The instansi's reference list (pulled by sync, read-only): positions of
    // other offices. Parsed again only when a sync brought a new version.
    const std::string version = local->meta("ref.positions.version").value_or("");
    if (version != ref_version_) {
        ref_version_ = version;
        ref_positions_.clear();
        auto ref = json::parse(local->meta("ref.positions").value_or("{}"), nullptr, false);
        if (ref.is_object() && ref.contains("positions") && ref["positions"].is_array())
            for (const auto& p : ref["positions"])
                if (p.is_object() && p.contains("id") && p["id"].is_string())
                    ref_positions_.push_back({p.value("id", ""), p.value("name", ""), p.value("office_id", ""),
                                              p.value("golongan_min", ""), p.value("golongan_max", ""),
                                              p.value("is_head", false)});
    }
    for (const auto& p : ref_positions_) add(p);
    std::stable_sort(position_choices_.begin(), position_choices_.end(), [&](const auto& a, const auto& b) {
        const Office* oa = workload.office(a.office_id);
        const Office* ob = workload.office(b.office_id);
        const std::string na = oa ? oa->name : a.office_id, nb = ob ? ob->name : b.office_id;
        return std::tie(na, a.name) < std::tie(nb, b.name);
    });
    position_choice_ix_.clear();
    for (size_t i = 0; i < position_choices_.size(); ++i) position_choice_ix_[position_choices_[i].id] = i;
}

const PositionChoice* App::position_choice(const std::string& id) const {
    auto it = position_choice_ix_.find(id);
    return it == position_choice_ix_.end() ? nullptr : &position_choices_[it->second];
}

// [SECTION] List

void App::refresh_requests() {
    auto& v = requests;
    if (login.session) actor();  // marks the list dirty when the account changed
    if (v.dirty) {
        v.dirty = false;
        v.filter_dirty = true;
        v.rows.clear();
        if (!login.session) return;
        const access::Actor& who = actor();
        store::Db& db = local->db();
        auto name_of_office = [&](const std::string& id) {
            const Office* o = workload.office(id);
            return o ? o->name : std::string("-");
        };
        for (auto& r : workflow::list_requests(db)) {
            RequestRow row;
            const Employee* e = workload.employee(r.employee_id);
            row.applicant = e ? e->name : std::string("-");
            row.origin = name_of_office(r.office_id);
            // The destination office is set by the server when this device does not
            // hold the wished position; the reference list names it meanwhile.
            std::string to_office = r.to_office_id;
            if (to_office.empty() && !r.to_positions.empty())
                if (const PositionChoice* p = position_choice(r.to_positions.front())) to_office = p->office_id;
            row.destination = r.kind == workflow::Kind::antar_instansi && !r.to_instansi.empty()
                                  ? r.to_instansi
                                  : name_of_office(to_office);
            row.available = workflow::available_commands(db, who, r);
            row.waits_for_me = std::any_of(row.available.begin(), row.available.end(), moves_forward);
            row.r = std::move(r);
            v.rows.push_back(std::move(row));
        }
    }
    if (!v.filter_dirty) return;
    v.filter_dirty = false;
    v.shown.clear();
    std::vector<std::string> subtree;
    if (!v.office_filter.empty())
        for (const Office* o : workload.subtree(v.office_filter)) subtree.push_back(o->id);
    auto in_filter_office = [&](const std::string& id) {
        return std::find(subtree.begin(), subtree.end(), id) != subtree.end();
    };
    const int64_t now = platform.unix_seconds() * 1000;
    const int64_t day = 24LL * 3600 * 1000;
    const int64_t min_wait = v.wait_filter == WaitFilter::week ? 7 * day : v.wait_filter == WaitFilter::month ? 30 * day : 0;
    for (size_t i = 0; i < v.rows.size(); ++i) {
        const auto& row = v.rows[i];
        if (v.status_filter && row.r.status != *v.status_filter) continue;
        if (!v.office_filter.empty() && !in_filter_office(row.r.office_id) && !in_filter_office(row.r.to_office_id))
            continue;
        if (min_wait > 0 && (workflow::is_final(row.r.status) || waiting_ms(row.r, now) < min_wait)) continue;
        if (v.mine_only && !row.waits_for_me) continue;
        v.shown.push_back(static_cast<int>(i));
    }
}

const RequestRow* App::request_row(const std::string& id) const {
    for (const auto& r : requests.rows)
        if (r.r.id == id) return &r;
    return nullptr;
}

std::vector<const RequestRow*> App::waiting_for_me() const {
    std::vector<const RequestRow*> out;
    for (const auto& r : requests.rows)
        if (r.waits_for_me) out.push_back(&r);
    // rows are ordered by status_ms ascending: the longest waiting first already
    return out;
}

void App::select_request(const std::string& id) {
    auto& v = requests;
    if (v.selected_id != id) {
        v.note.clear();
        v.tmt_text.clear();
        v.step_check = {};
    }
    v.selected_id = id;
    v.detail_for.clear();
    if (id.empty()) return;
    store::Db& db = local->db();
    auto r = workflow::get_request(db, id);
    if (!r) return;
    v.detail_for = id;
    v.timeline = workflow::timeline(db, id);
    v.documents = workflow::documents(db, id);
    v.missing = workflow::missing_documents(db, workflow::load_workflow_settings(db), *r);
    v.missing_evidence = workflow::missing_evidence(db, *r);
    v.support = workflow::decision_support(db, *r, workload.abk_year, workflow::today_wib());
    if (v.doc_type.empty() && !v.missing.empty()) v.doc_type = v.missing.front();
}

// [SECTION] New request

void App::new_request() {
    request_editor = {};
    request_editor.open = true;
    if (login.session && login.session->role == Role::pegawai) request_editor.employee_id = login.session->employee_id;
    auto s = workflow::load_workflow_settings(local->db());
    auto it = s.checklist.find(std::string(workflow::to_string(request_editor.kind)));
    if (it != s.checklist.end() && !it->second.empty()) request_editor.doc_type = it->second.front();
    validate_request_draft();
}

void App::edit_request(const std::string& id) {
    auto r = workflow::get_request(local->db(), id);
    if (!r) return;
    request_editor = {};
    auto& ed = request_editor;
    ed.open = true;
    ed.editing_id = r->id;
    ed.editing_status = r->status;
    ed.employee_id = r->employee_id;
    ed.kind = r->kind;
    for (size_t i = 0; i < r->to_positions.size() && i < ed.wishes.size(); ++i) ed.wishes[i] = r->to_positions[i];
    ed.reason = r->reason;
    ed.explanation = r->explanation;
    if (r->kind == workflow::Kind::antar_instansi) {  // the person as the request names them (kept on edit)
        ed.between_nip = r->employee_nip;
        ed.between = BetweenPerson{r->from_instansi, "", r->employee_id, r->employee_nip, r->employee_name,
                                   r->employee_golongan, r->office_id, "", r->from_position_id, ""};
    }
    const auto missing = workflow::missing_documents(local->db(), workflow::load_workflow_settings(local->db()), *r);
    if (!missing.empty()) ed.doc_type = missing.front();
    validate_request_draft();
}

void App::validate_request_draft() {
    auto& ed = request_editor;
    Check c;
    const bool between = ed.kind == workflow::Kind::antar_instansi;
    const Employee* e = between ? nullptr : workload.employee(ed.employee_id);
    if (between) {
        // The receiving side's BKPSDM proposes, naming the person found by NIP at the centre.
        if (!can_propose_between()) c.error("workflow.kind_not_allowed", "kind");
        else if (!ed.between) c.error("workflow.person_required", "between_nip");
    } else if (ed.employee_id.empty()) {
        c.error("field.required", "employee_id");
    } else if (!e) {
        c.error("workflow.unknown_employee", "employee_id", ed.employee_id);
    }
    if (login.session && ed.kind == workflow::Kind::dinas && !access::may(login.session->role, access::Feature::request_dinas))
        c.error("workflow.kind_not_allowed", "kind");
    std::vector<std::string> wishes;
    for (const auto& w : ed.wishes)
        if (!w.empty()) wishes.push_back(w);
    if (wishes.empty()) c.error("workflow.destination_required", "wishes");
    for (size_t i = 0; i < wishes.size(); ++i) {
        if (std::count(wishes.begin(), wishes.end(), wishes[i]) > 1) {
            c.error("workflow.bad_wishes", "wishes");
            break;
        }
        if (e && wishes[i] == e->position_id) c.error("workflow.same_position", "wishes");
        if (const PositionChoice* p = position_choice(wishes[i]); p && p->head)
            c.error("workflow.head_position", "wishes");
    }
    if (!ed.reason) c.error("workflow.bad_reason", "reason");
    if (ed.explanation.find_first_not_of(" \t\r\n") == std::string::npos)
        c.error("workflow.explanation_required", "explanation");
    else if (ed.explanation.size() > workflow::kMaxTextLength)
        c.error("workflow.text_too_long", "explanation", std::to_string(workflow::kMaxTextLength));
    ed.check = c;
}

Check App::save_request_draft(bool submit) {
    auto& ed = request_editor;
    ed.attempted = true;
    validate_request_draft();
    if (!ed.check.ok()) return ed.check;
    store::Db& db = local->db();
    json wishes = json::array();
    for (const auto& w : ed.wishes)
        if (!w.empty()) wishes.push_back(w);
    json args = {{"employee_id", ed.employee_id},
                 {"kind", std::string(workflow::to_string(ed.kind))},
                 {"reason", std::string(workflow::to_string(*ed.reason))},
                 {"explanation", ed.explanation},
                 {"to_positions", wishes}};
    if (ed.kind == workflow::Kind::antar_instansi && ed.between) {
        // The person as the sending instansi keeps them (the centre's lookup), this instansi the receiver.
        const BetweenPerson& b = *ed.between;
        args["employee_id"] = b.employee_id;
        args["office_id"] = b.office_id;
        args["from_position_id"] = b.position_id;
        args["employee_nip"] = b.nip;
        args["employee_name"] = b.name;
        args["employee_golongan"] = b.golongan;
        args["from_instansi"] = b.instansi;
        args["to_instansi"] = workflow::load_workflow_settings(db).instansi;
    }
    const Date today = workflow::today_wib();
    // Editing keeps the applicant (a returned request is the same person's).
    const bool editing = !ed.editing_id.empty();
    if (editing) args.erase("employee_id");
    const workflow::StepInput step = editing ? workflow::StepInput{Command::edit, ed.editing_id,
                                                                   std::string(workflow::to_string(ed.editing_status)), args}
                                             : workflow::StepInput{Command::create, "", "", args};
    auto res = workflow::take_step_offline(db, actor(), step, today);
    ed.saved_check = res.check;
    if (!res.check.ok()) {
        committed();
        return res.check;
    }
    const std::string id = res.request_id;
    // Documents, then the submission: each its own queued step. A refusal keeps
    // the draft (saved) and says why; the person continues on its detail.
    Check after;
    for (const auto& d : ed.documents) {
        auto r = workflow::get_request(db, id);
        if (!r) break;
        auto a = workflow::attach_document_offline(db, actor(), *r, d.doc_type, d.file_name, d.bytes, today);
        if (!a.check.ok() && after.ok()) after = a.check;
    }
    if (submit && after.ok()) {
        auto r = workflow::get_request(db, id);
        if (r) after = workflow::take_step_offline(db, actor(), {Command::submit, id, std::string(workflow::to_string(r->status)), json::object()}, today).check;
    }
    request_editor = {};
    requests.dirty = true;
    committed();
    refresh_requests();
    select_request(id);
    requests.step_check = after;
    show_notice(submit && after.ok() ? "ui.request.submitted" : editing ? "ui.request.changed" : "ui.request.saved");
    return after;
}

// [SECTION] Documents

Check App::add_document(const std::string& file_name, const std::string& bytes, int64_t size) {
    store::Db& db = local->db();
    std::string mime;
    const int64_t max = workflow::load_workflow_settings(db).max_document_bytes;
    // Too large to be read by the chooser: refused by its size alone.
    Check c = bytes.empty() && size > 0 ? workflow::check_document_size(size, max) : workflow::check_document(bytes, max, mime);
    if (request_editor.open) {
        auto& ed = request_editor;
        if (c.ok()) {
            ed.documents.push_back({ed.doc_type, file_name, mime, bytes});
            ed.saved_check = {};
        } else {
            ed.saved_check = c;
        }
        return c;
    }
    auto& v = requests;
    if (!c.ok()) {
        v.step_check = c;
        return c;
    }
    auto r = workflow::get_request(db, v.selected_id);
    if (!r) {
        c.error("workflow.not_found", "id", v.selected_id);
        v.step_check = c;
        return c;
    }
    auto res = workflow::attach_document_offline(db, actor(), *r, v.doc_type, file_name, bytes, workflow::today_wib());
    v.step_check = res.check;
    if (res.check.ok()) {
        v.doc_type.clear();
        requests.dirty = true;
        committed();
        select_request(v.selected_id);
        show_notice("ui.request.document_added");
    }
    return res.check;
}

void App::pick_document() {
    const int64_t max = workflow::load_workflow_settings(local->db()).max_document_bytes;
    platform.pick_file(max, [this](const std::string& name, const std::string& bytes, int64_t size) {
        add_document(name, bytes, size);
    });
}

// [SECTION] Steps

Check App::take_request_step(Command c) {
    auto& v = requests;
    store::Db& db = local->db();
    Check out;
    auto r = workflow::get_request(db, v.selected_id);
    if (!r) {
        out.error("workflow.not_found", "id", v.selected_id);
        v.step_check = out;
        return out;
    }
    json args = json::object();
    if (!v.note.empty()) args["note"] = v.note;
    const std::string expect(workflow::to_string(r->status));
    if (c == Command::decide) {
        // Online only: sent at once; never left queued (request_decided).
        if (!sync.enabled() || !sync.online) {
            out.error("workflow.online_only", "command", "decide");
            v.step_check = out;
            return out;
        }
        const auto tmt = i18n::parse_date(v.tmt_text);
        if (!tmt.value) {
            out.error("workflow.bad_tmt", "tmt", v.tmt_text);
            v.step_check = out;
            return out;
        }
        if (!access::permitted(actor(), access::Action::request_decide, workflow::target_of(*r))) {
            out.error("workflow.forbidden", "role", actor().role);
            v.step_check = out;
            return out;
        }
        args["tmt"] = format_iso_date(*tmt.value);
        db.transaction([&] { sync::enqueue_command(db, "requests", r->id, "decide", expect, args); });
        auto s = db.prepare("SELECT max(counter) FROM sync_outbox");
        v.decide_counter = s.step() && !s.is_null(0) ? s.int64(0) : 0;
        v.step_check = {};
        platform.request_persist();
        sync.now();
        show_notice("ui.request.deciding");
        return out;
    }
    auto res = workflow::take_step_offline(db, actor(), {c, r->id, expect, args}, workflow::today_wib());
    v.step_check = res.check;
    if (res.check.ok()) {
        v.note.clear();
        requests.dirty = true;
        committed();
        refresh_requests();
        select_request(r->id);
        show_notice("ui.request.step_taken");
    }
    return res.check;
}

// The run that carried a decision finished: a decision still in the outbox was
// not sent (offline, server unreachable) and is withdrawn; a refusal is shown.
void App::request_decided(bool sent) {
    auto& v = requests;
    if (v.decide_counter == 0) return;
    const long long counter = v.decide_counter;
    v.decide_counter = 0;
    store::Db& db = local->db();
    bool queued = false;
    {
        auto s = db.prepare("SELECT 1 FROM sync_outbox WHERE counter = ?1");
        s.bind(1, static_cast<int64_t>(counter));
        queued = s.step();
    }
    Check c;
    if (queued) {
        db.transaction([&] {
            auto d = db.prepare("DELETE FROM sync_outbox WHERE counter = ?1");
            d.bind(1, static_cast<int64_t>(counter));
            d.run();
        });
        platform.request_persist();
        c.error("workflow.online_only", "command", "decide");
    } else {
        for (const auto& rej : sync::list_rejected(db))
            if (rej.counter == counter) c.error(rej.reason, "", rej.detail);
    }
    (void)sent;
    v.step_check = c;
    requests.dirty = true;
    if (!v.selected_id.empty()) select_request(v.selected_id);
}

}  // namespace seimbang::app
