// Satisfaction surveys on the device (docs/SURVEY.md): campaigns come with each
// sync (GET /api/v1/surveys), answers leave as the `survey_answer` command
// (survey/outbox.h), results come back as aggregates under the k rule and are
// kept in local_meta for offline reading. The form is emptied the moment an
// answer is queued, so the next person at a kiosk sees nothing of it.
#include <algorithm>
#include <memory>

#include "app/app.h"
#include "eval/period.h"
#include "eval/snapshot.h"
#include "i18n/format.h"
#include "report/survey_report.h"
#include "store/repo.h"
#include "survey/outbox.h"
#include "sync/client.h"
#include "sync/run.h"
#include "workflow/sync_commands.h"

namespace seimbang::app {

using nlohmann::json;

namespace {
std::string results_key(const std::string& id) { return "survey.results." + id; }
}  // namespace

bool App::can_read_survey_results() const {
    return login.session && access::may(login.session->role, access::Feature::survey_results);
}

bool App::can_open_kiosk() const {
    return login.session && access::may(login.session->role, access::Feature::survey_kiosk) && !login.demo_mode();
}

void App::refresh_surveys() {
    if (!surveys.dirty) return;
    surveys.dirty = false;
    store::Db& db = local->db();
    surveys.campaigns = survey::list_campaigns(db);
    if (surveys.selected_id.empty() && !surveys.campaigns.empty()) surveys.selected_id = surveys.campaigns.front().id;
    const std::string id = surveys.selected_id;
    surveys.results = json::parse(store::get_local_meta(db, results_key(id)), nullptr, false);
    if (surveys.results.is_discarded()) surveys.results = nullptr;
    // The trend: every campaign's results held here (this device's scope), oldest first.
    surveys.trend.clear();
    for (auto it = surveys.campaigns.rbegin(); it != surveys.campaigns.rend(); ++it) {
        SurveyTrendPoint p{it->id, it->title, it->period, it->opens};
        const json r = json::parse(store::get_local_meta(db, results_key(it->id)), nullptr, false);
        if (r.is_object() && r.contains("total") && r["total"].is_object()) {
            p.held = true;
            const json& t = r["total"];
            p.shown = t.value("shown", false);
            if (p.shown) {
                p.index = t.value("index", 0.0);
                p.category = t.value("category", std::string("D")).c_str()[0];
                if (t.contains("facets") && t["facets"].is_array())
                    for (const auto& f : t["facets"]) p.facets[f.value("id", "")] = f.value("index", 0.0);
            }
        }
        surveys.trend.push_back(std::move(p));
    }
    const auto unused = survey::unused_kiosk_codes(db, id);
    surveys.kiosk_codes_left = static_cast<int>(unused.size());
    // The list to print shrinks as codes are spent on this device.
    std::erase_if(surveys.printable_codes, [&](const std::string& c) {
        return std::find(unused.begin(), unused.end(), c) == unused.end();
    });
}

void App::select_survey(const std::string& id) {
    surveys.selected_id = id;
    surveys.answering = false;
    surveys.thanked = false;
    surveys.check = {};
    surveys.printable_codes.clear();
    surveys.dirty = true;
    refresh_surveys();
}

bool App::survey_answered(const std::string& campaign_id) const {
    return login.session && survey::answered_here(local->db(), campaign_id, login.session->employee_id);
}

const survey::Campaign* App::survey_to_answer() const {
    if (!login.session || login.session->employee_id.empty()) return nullptr;
    const Date today = workflow::today_wib();
    for (const auto& c : surveys.campaigns)
        if (survey::is_open(c, today) && !survey_answered(c.id)) return &c;
    return nullptr;
}

void App::open_survey_form(bool kiosk) {
    const survey::Campaign* c = nullptr;
    for (const auto& x : surveys.campaigns)
        if (x.id == surveys.selected_id) c = &x;
    if (!c) return;
    surveys.answering = true;
    surveys.kiosk = kiosk && can_open_kiosk();
    surveys.scores.assign(static_cast<size_t>(c->instrument.item_count()), 0);
    surveys.comment.clear();
    surveys.code.clear();
    surveys.check = {};
    surveys.thanked = false;
}

Check App::submit_survey() {
    Check c;
    std::string digits;
    for (int s : surveys.scores) {
        if (s < 1 || s > 5) {
            c.error("survey.bad_scores", "scores");
            surveys.check = c;
            return c;
        }
        digits += static_cast<char>('0' + s);
    }
    store::Db& db = local->db();
    c = survey::queue_answer(db, surveys.selected_id, surveys.kiosk ? std::string() : login.session->employee_id, digits,
                             surveys.comment, surveys.kiosk ? surveys.code : std::string(), workflow::today_wib());
    surveys.check = c;
    if (!c.ok()) return c;
    // Nothing of the answer stays in memory or on screen.
    std::fill(surveys.scores.begin(), surveys.scores.end(), 0);
    surveys.comment.clear();
    surveys.code.clear();
    surveys.thanked = true;
    surveys.answering = surveys.kiosk;  // a kiosk waits for the next person
    surveys.dirty = true;
    committed();
    return c;
}

void App::fetch_kiosk_codes(int count) {
    if (!can_open_kiosk() || surveys.fetching || !login.session || login.session->token.empty()) return;
    store::Db& db = local->db();
    const std::string id = surveys.selected_id;
    surveys.fetching = true;
    HttpRequest req{"POST", "/api/v1/surveys/" + id + "/codes",
                    json{{"office_id", login.session->office_id}, {"count", count}}.dump(), login.session->token,
                    sync::device_id(db)};
    platform.http(req, [this, id](const HttpResponse& r) {
        surveys.fetching = false;
        const json j = json::parse(r.body, nullptr, false);
        if (r.status != 200 || !j.is_object() || !j.contains("codes") || !j["codes"].is_array()) {
            surveys.check = {};
            surveys.check.error(r.status == 0 ? "survey.codes_offline" : j.is_object() && j.contains("error")
                                                                      ? j["error"].value("code", "survey.bad_count")
                                                                      : "survey.bad_count",
                                "codes");
            return;
        }
        std::vector<std::string> codes;
        for (const auto& c : j["codes"])
            if (c.is_string()) codes.push_back(c);
        survey::add_kiosk_codes(local->db(), id, codes);
        platform.request_persist();
        surveys.printable_codes = codes;
        surveys.dirty = true;
    });
}

bool App::can_create_survey() const {
    return login.session && access::may(login.session->role, access::Feature::survey_create) && !login.demo_mode();
}

void App::open_campaign_form() {
    if (!can_create_survey()) return;
    const Date today = workflow::today_wib();
    // The period of today by the configured length (handed down with the settings).
    const eval::PeriodLength length = eval::period_length_setting(local->db());
    const eval::PeriodId period = eval::period_of(today, length);
    survey::Campaign c;
    // "Survei Kepuasan Pegawai Semester II 2026": the period in words, as on a letter.
    static const char* roman[] = {"I", "II", "III", "IV"};
    c.title = std::string(i18n::tr("survey.ui.default_title")) + " " +
              std::string(i18n::tr(length == eval::PeriodLength::quarter ? "survey.ui.quarter" : "survey.ui.semester")) +
              " " + roman[period.index - 1] + " " + std::to_string(period.year);
    c.period = eval::to_string(period);
    c.scope_office_id = login.session->office_id;
    c.opens = format_iso_date(today);
    c.closes = format_iso_date(eval::last_day(period));  // the period's end: change it in the form
    surveys.draft = std::move(c);
    surveys.create_check = {};
    surveys.creating = true;
}

Check App::submit_campaign() {
    Check c;
    if (!can_create_survey() || surveys.create_sending) return c;
    surveys.draft.instrument = survey::default_instrument();
    // Checked here first: the person sees every field's problem at once, also offline.
    c = survey::validate_campaign(local->db(), surveys.draft);
    if (c.ok() && !workload.in_scope(surveys.draft.scope_office_id)) c.error("scope.forbidden", "scope_office_id");
    if (c.ok() && (!platform.online() || login.session->token.empty())) c.error("survey.create_offline", "campaign");
    surveys.create_check = c;
    if (!c.ok()) return c;
    const survey::Campaign& d = surveys.draft;
    surveys.create_sending = true;
    HttpRequest req{"POST", "/api/v1/surveys",
                    json{{"title", d.title}, {"period", d.period}, {"scope_office_id", d.scope_office_id},
                         {"opens", d.opens}, {"closes", d.closes}}.dump(),
                    login.session->token, sync::device_id(local->db())};
    platform.http(req, [this](const HttpResponse& r) {
        surveys.create_sending = false;
        const json j = json::parse(r.body, nullptr, false);
        std::optional<survey::Campaign> made;
        if (r.status == 201 && j.is_object() && j.contains("campaign")) made = survey::campaign_from_json(j["campaign"]);
        if (!made) {
            surveys.create_check = {};
            const bool coded = j.is_object() && j.contains("error") && j["error"].is_object();
            surveys.create_check.error(r.status == 0 ? "survey.create_offline"
                                       : coded      ? j["error"].value("code", "survey.create_failed")
                                                    : "survey.create_failed",
                                       coded ? j["error"].value("field", "campaign") : "campaign");
            return;
        }
        // The new campaign joins this device's list at once (the next sync brings the same).
        store::Db& db = local->db();
        auto list = survey::list_campaigns(db);
        list.push_back(*made);
        survey::replace_campaigns(db, list);
        platform.request_persist();
        surveys.creating = false;
        surveys.dirty = true;
        select_survey(made->id);
    });
    return c;
}

void download_survey(App& a, std::function<void(const std::string&)> done) {
    const auto& v = a.surveys;
    const survey::Campaign* c = nullptr;
    for (const auto& x : v.campaigns)
        if (x.id == v.selected_id) c = &x;
    if (!c || !a.login.session) return done("survey.ui.no_results_file");
    const std::string period = c->period, id = c->id;
    auto local_csv = [&a, id, period, done] {
        const survey::Campaign* c = nullptr;
        for (const auto& x : a.surveys.campaigns)
            if (x.id == id) c = &x;
        const auto r = c ? survey::campaign_results_from_json(a.surveys.results, *c) : std::nullopt;
        if (!r) return done("survey.ui.no_results_file");
        a.platform.save_file("survei-" + period + ".csv", "text/csv;charset=utf-8", report::survey_csv(*r, i18n::current()));
        done("ui.eval.saved_csv");
    };
    if (a.login.session->token.empty() || !a.platform.online() || a.login.demo_mode()) return local_csv();
    const std::string path = "/api/v1/reports/survey.xlsx?scope=" + a.login.session->office_id + "&campaign=" + id +
                             "&lang=" + (i18n::current() == i18n::Lang::en ? "en" : "id");
    HttpRequest req{"GET", path, "", a.login.session->token, sync::device_id(a.local->db())};
    a.platform.http(req, [&a, period, done, local_csv](const HttpResponse& r) {
        if (r.status == 0) return local_csv();  // no answer: what this device has
        if (r.status != 200) return done("ui.eval.download_failed");
        a.platform.save_file("survei-" + period + ".xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.body);
        done("ui.eval.saved_xlsx");
    });
}

void print_survey(App& a, std::function<void(const std::string&)> done) {
    const survey::Campaign* c = nullptr;
    for (const auto& x : a.surveys.campaigns)
        if (x.id == a.surveys.selected_id) c = &x;
    const auto r = c ? survey::campaign_results_from_json(a.surveys.results, *c) : std::nullopt;
    if (!r) return done("survey.ui.no_results_file");
    const i18n::Lang lang = i18n::current();
    a.platform.save_file("survei-" + c->period + ".html", "text/html;charset=utf-8",
                         report::print_html(report::survey_print(*r, lang, i18n::format_date(workflow::today_wib())), lang));
    done("ui.print.saved");
}

// [sync] A step of each sync run after the pull (sync::FollowUp): the campaigns,
// then (roles that read results) each campaign's results for the own office
// subtree. Neither fails the run.
sync::FollowUp App::survey_follow_up() {
    auto campaigns_ok = std::make_shared<bool>(false);  // this run's campaign list came
    sync::FollowUp f;
    f.next = [this, campaigns_ok](store::Db& db, int answered) -> std::string {
        if (answered == 0) return "/api/v1/surveys";
        if (!*campaigns_ok || !can_read_survey_results() || !login.session) return "";
        const auto cs = survey::list_campaigns(db);
        const size_t k = static_cast<size_t>(answered - 1);
        return k < cs.size() ? "/api/v1/surveys/" + cs[k].id + "/results?scope=" + login.session->office_id : "";
    };
    f.answer = [this, campaigns_ok](store::Db& db, const sync::HttpResult& r, int answered) {
        if (answered > 0) {
            const auto cs = survey::list_campaigns(db);
            const size_t k = static_cast<size_t>(answered - 1);
            if (k < cs.size() && r.status == 200 && json::accept(r.body)) {
                store::set_local_meta(db, results_key(cs[k].id), r.body);
                surveys.dirty = true;
            }
            return false;
        }
        const json j = json::parse(r.body, nullptr, false);
        if (r.status != 200 || !j.is_object() || !j.contains("campaigns") || !j["campaigns"].is_array()) return false;
        std::vector<survey::Campaign> cs;
        std::vector<std::string> answered_ids;
        for (const auto& c : j["campaigns"])
            if (auto x = survey::campaign_from_json(c)) {
                if (c.value("answered", false)) answered_ids.push_back(x->id);
                cs.push_back(std::move(*x));
            }
        db.transaction([&] {
            survey::replace_campaigns(db, cs);
            for (const auto& id : answered_ids) survey::mark_answered(db, id, login.session ? login.session->employee_id : "");
        });
        surveys.dirty = true;
        *campaigns_ok = true;
        return false;  // (the survey screen re-reads on its own: surveys.dirty)
    };
    return f;
}

}  // namespace seimbang::app
