// Pelatihan Pimpinan on the device (docs/TRAINING.md). Lessons and cases come
// from the content compiled into the core (they work offline from the first
// visit); practice runs on training::Sandbox, a database of its own; only the
// progress of an attempt is written to the device's database, as one row and
// one queued `training_progress` command (training::record_attempt).
#include "app/app.h"
#include "demo/seed.h"
#include "store/repo.h"
#include "store/snapshot.h"
#include "sync/client.h"
#include "workflow/sync_commands.h"
#include "workflow/settings.h"
#include "workflow/workflow.h"

namespace seimbang::app {

using nlohmann::json;

namespace {
constexpr const char* kResultsKey = "training.results";
}  // namespace

bool App::can_train() const { return login.session && access::may(login.session->role, access::Feature::training_take); }

bool App::can_read_training_results() const {
    return login.session && access::may(login.session->role, access::Feature::training_results);
}

void App::refresh_training() {
    if (!training.dirty || !login.session) return;
    training.dirty = false;
    training.mine = training::progress_of(local->db(), login.session->username);
    if (training.results.is_null()) {
        training.results = json::parse(store::get_local_meta(local->db(), kResultsKey), nullptr, false);
        if (training.results.is_discarded()) training.results = nullptr;
    }
}

const training::Progress* App::training_progress(const std::string& item_id) const {
    for (const auto& p : training.mine)
        if (p.item_id == item_id) return &p;
    return nullptr;
}

void App::open_lesson(const std::string& id) {
    const training::Lesson* l = training::find_lesson(id);
    if (!l) return;
    training.page = TrainingView::Page::lesson;
    training.item_id = id;
    training.screen = 0;
    training.answers.assign(l->questions.size(), -1);
    training.submitted = false;
    training.check = {};
}

Check App::submit_lesson_answers() {
    Check c;
    const training::Lesson* l = training::find_lesson(training.item_id);
    if (!l || !login.session) return c;
    json answers = json::array();
    for (int a : training.answers) {
        if (a < 0) {
            c.error("training.answer_all", "answers");
            training.check = c;
            return c;
        }
        answers.push_back(a);
    }
    c = training::record_attempt(local->db(), login.session->username, login.session->office_id, l->id, answers,
                                 static_cast<int64_t>(platform.now_ms()));
    training.check = c;
    if (!c.ok()) return c;
    training.submitted = true;
    training.dirty = true;
    show_notice("ui.training.lesson_done");
    committed();
    return c;
}

void TrainingView::read_detail(const workflow::Request& r) {
    if (support_for == r.id || !sandbox) return;
    store::Db& db = sandbox->db();
    support = workflow::decision_support(db, r, demo::kDemoYear, training::kSandboxToday);
    timeline = workflow::timeline(db, r.id);
    documents = workflow::documents(db, r.id);
    missing = workflow::missing_documents(db, workflow::load_workflow_settings(db), r);
    missing_evidence = workflow::missing_evidence(db, r);
    support_for = r.id;
}

std::optional<workflow::Request> App::lesson_request(const std::string& where, const training::CaseRequest& r) {
    if (!training.sandbox) training.sandbox = std::make_unique<training::Sandbox>();
    if (training.lesson_request != where) {
        training.check = training.sandbox->stage_request(r, where);
        forget_lesson_plan();  // (the sandbox's data changed)
        training.lesson_request = where;
    }
    auto req = training.sandbox->request(r.key);
    if (req) training.read_detail(*req);
    return req;
}

Check App::open_case(const std::string& id) {
    Check c;
    const training::Case* k = training::find_case(id);
    if (!k) return c;
    if (!training.sandbox) training.sandbox = std::make_unique<training::Sandbox>();
    c = training.sandbox->stage(*k);
    forget_lesson_plan();  // (the sandbox's data changed)
    training.lesson_request.clear();
    training.page = TrainingView::Page::practice;
    training.item_id = id;
    training.next = 0;
    training.action = -1;
    training.note.clear();
    training.declare = false;
    training.feedback.clear();
    training.decisions = json::array();
    training.recorded = false;
    training.check = c;
    return c;
}

Check App::decide_case() {
    Check c;
    const training::Case* k = training::find_case(training.item_id);
    if (!k || !training.sandbox || training.next >= k->decide.size() || !login.session) return c;
    if (training.action < 0) {
        c.error("training.choose_action", "action");
        training.check = c;
        return c;
    }
    const auto action = static_cast<training::Action>(training.action);
    const std::string& key = k->decide[training.next];
    training::Feedback f = training.sandbox->decide({key, action, training.note, training.declare});
    training.check = f.check;
    if (!f.check.ok()) return f.check;
    training.decisions.push_back({{"key", key},
                                  {"action", std::string(training::to_string(action))},
                                  {"declare_conflict", training.declare},
                                  {"met", f.all_met},
                                  {"note", training.note}});
    training.feedback.push_back(std::move(f));
    ++training.next;
    training.action = -1;
    training.note.clear();
    training.declare = false;
    if (training.next == k->decide.size()) {
        c = training::record_attempt(local->db(), login.session->username, login.session->office_id, k->id, training.decisions,
                                     static_cast<int64_t>(platform.now_ms()));
        training.check = c;
        if (!c.ok()) return c;
        training.recorded = true;
        training.dirty = true;
        show_notice("ui.training.case_done");
        committed();
    }
    return c;
}

void App::reset_sandbox() {
    if (training.sandbox) training.sandbox->reset();
    forget_lesson_plan();
    training.lesson_request.clear();
    if (training.page == TrainingView::Page::practice) open_case(training.item_id);
}

void App::forget_lesson_plan() {
    training.lesson_plan = {};
    ++training.lesson_plan_ticket;  // an answer still on its way is dropped
}

void App::request_lesson_plan(const std::string& office_name) {
    auto& lp = training.lesson_plan;
    if (lp.office == office_name && (lp.solving || lp.done)) return;
    if (!training.sandbox) training.sandbox = std::make_unique<training::Sandbox>();
    training::Sandbox& sb = *training.sandbox;
    RekomSettings settings;  // the planner's defaults, as Rekomendasi opens
    settings.scope_office = sb.office_id(office_name);
    settings.year = demo::kDemoYear;
    lp = {};
    lp.office = office_name;
    lp.solving = true;
    const long long ticket = ++training.lesson_plan_ticket;
    std::string request = plan::encode_db_request(rekom_query(settings, workflow::today_wib()), store::snapshot(sb.db()));
    platform.solve_plan(std::move(request), [this, ticket](const std::string& answer) {
        if (ticket != training.lesson_plan_ticket) return;  // the sandbox was reset since
        auto& done = training.lesson_plan;
        done.solving = false;
        done.done = true;
        done.answer = plan::decode_db_answer(answer);
    });
}

void App::close_training_item() {
    training.page = TrainingView::Page::list;
    training.item_id.clear();
    training.check = {};
}

void App::fetch_training_results() {
    if (!can_read_training_results() || training.fetching || login.session->token.empty()) {
        if (login.session && login.session->token.empty()) training.results_error = "ui.training.results_offline";
        return;
    }
    training.fetching = true;
    training.results_error.clear();
    HttpRequest req{"GET", "/api/v1/training/results?scope=" + login.session->office_id, "", login.session->token,
                    sync::device_id(local->db())};
    platform.http(req, [this](const HttpResponse& r) {
        training.fetching = false;
        const json j = json::parse(r.body, nullptr, false);
        if (r.status != 200 || !j.is_object() || !j.contains("people") || !j["people"].is_array()) {
            training.results_error = r.status == 0 ? "ui.training.results_offline"
                                     : j.is_object() && j.contains("error") ? j["error"].value("code", "ui.training.load_failed")
                                                                            : "ui.training.load_failed";
            return;
        }
        training.results = j;
        store::set_local_meta(local->db(), kResultsKey, r.body);
        platform.request_persist();
    });
}

void App::export_training_csv() {
    if (!training.results.is_object() || !training.results.contains("people")) return;
    std::vector<training::PersonSummary> people;
    for (const auto& p : training.results["people"]) people.push_back(training::summary_from_json(p));
    platform.save_file("hasil-pelatihan.csv", "text/csv", training::summary_csv(people, i18n::current()));
    show_notice("ui.training.saved_csv");
}

}  // namespace seimbang::app
