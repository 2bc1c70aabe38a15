#include "training/content.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "training/embedded.h"
#include "workflow/request.h"

namespace seimbang::training {

using nlohmann::json;

std::string_view to_string(Action a) {
    switch (a) {
        case Action::approve: return "approve";
        case Action::return_: return "return";
        case Action::reject: return "reject";
    }
    return "";
}

std::optional<Action> parse_action(std::string_view s) {
    if (s == "approve") return Action::approve;
    if (s == "return") return Action::return_;
    if (s == "reject") return Action::reject;
    return std::nullopt;
}

const CaseRequest* Case::request(const std::string& key) const {
    for (const auto& r : requests)
        if (r.key == key) return &r;
    return nullptr;
}

const std::vector<std::string>& widgets() {
    // abk_office: the ABK table of one office (positions, holders, needed, EJ, status);
    // abk_position: one position's EJ bar with its holders and need;
    // plan: Rekomendasi's plan for the office and everything below it (moves with
    // their reasons, the figures before and after);
    // request: a request filed in the sandbox, shown with Usulan Mutasi's detail
    // (summary, decision support with EJ before and after, checklist).
    static const std::vector<std::string> w = {"abk_office", "abk_position", "plan", "request"};
    return w;
}

const std::vector<std::string>& rule_codes() {
    static const std::vector<std::string> r = {"alasan_tertulis",      "dokumen_lengkap",       "tindakan_sepadan",
                                               "asal_tidak_kewalahan", "tujuan_tidak_berlebih", "permintaan_wajar",
                                               "konflik_dinyatakan"};
    return r;
}

namespace {

// Reads JSON into the structs; a wrong type or a missing key throws json errors,
// which parse_content turns into one issue naming the file.
Text text(const json& j) { return {j.at("id").get<std::string>(), j.at("en").get<std::string>()}; }

PostRef post(const json& j) { return {j.at("office").get<std::string>(), j.value("position", std::string())}; }

CaseRequest case_request(const json& r) {
    CaseRequest q;
    q.key = r.value("key", std::string("a"));
    q.from = post(r.at("from"));
    q.to = post(r.at("to"));
    q.kind = r.at("kind").get<std::string>();
    q.reason = r.at("reason").get<std::string>();
    q.explanation = r.at("explanation").get<std::string>();
    q.documents = r.value("documents", std::vector<std::string>{});
    q.stage = r.at("stage").get<std::string>();
    return q;
}

Lesson lesson(const json& j) {
    Lesson l;
    l.id = j.at("id").get<std::string>();
    l.order = j.at("order").get<int>();
    l.title = text(j.at("title"));
    for (const auto& s : j.at("screens")) {
        LessonScreen ls{text(s.at("text")), std::nullopt};
        if (s.contains("show")) {
            const json& w = s.at("show");
            ls.show = Show{w.at("screen").get<std::string>(), w.at("widget").get<std::string>(),
                           w.at("office").get<std::string>(), w.value("position", std::string()), std::nullopt};
            if (w.contains("request")) ls.show->request = case_request(w.at("request"));
        }
        l.screens.push_back(std::move(ls));
    }
    for (const auto& q : j.at("questions")) {
        Question x{text(q.at("text")), {}, q.at("answer").get<int>(), text(q.at("explain"))};
        for (const auto& o : q.at("options")) x.options.push_back(text(o));
        l.questions.push_back(std::move(x));
    }
    return l;
}

Case a_case(const json& j, Check& c, std::string_view name) {
    Case k;
    k.id = j.at("id").get<std::string>();
    k.order = j.at("order").get<int>();
    k.title = text(j.at("title"));
    k.situation = text(j.at("situation"));
    k.trainee_office = j.at("trainee").at("office").get<std::string>();
    const std::string step = j.at("trainee").at("step").get<std::string>();
    if (step != "origin" && step != "destination") c.error("training.bad_content", std::string(name), "step " + step);
    k.step = step == "destination" ? Step::destination : Step::origin;
    k.conflict_of_interest = j.value("conflict_of_interest", false);
    for (const auto& r : j.at("requests")) k.requests.push_back(case_request(r));
    k.decide = j.at("decide").get<std::vector<std::string>>();
    k.rules = j.at("rules").get<std::vector<std::string>>();
    for (const auto& [key, r] : j.at("recommended").items()) {
        const auto action = parse_action(r.at("action").get<std::string>());
        if (!action) c.error("training.bad_content", std::string(name), "action " + r.at("action").get<std::string>());
        k.recommended[key] = {action.value_or(Action::approve), r.value("declare_conflict", false), text(r.at("reason"))};
    }
    return k;
}

}  // namespace

Check parse_content(std::string_view name, std::string_view body, Content& into) {
    Check c;
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        c.error("training.bad_content", std::string(name), "not JSON");
        return c;
    }
    try {
        const std::string type = j.at("type").get<std::string>();
        if (type == "lesson") {
            Lesson l = lesson(j);
            into.lessons.push_back(std::move(l));
        } else if (type == "case") {
            Case k = a_case(j, c, name);
            if (c.ok()) into.cases.push_back(std::move(k));
        } else {
            c.error("training.bad_content", std::string(name), "type " + type);
        }
    } catch (const json::exception& e) {
        c.error("training.bad_content", std::string(name), e.what());
    }
    return c;
}

namespace {
struct Loaded {
    Content content;
    Check issues;
};
const Loaded& loaded() {
    static const Loaded l = [] {
        Loaded x;
        for (const auto& f : embedded_files()) x.issues.merge(parse_content(f.name, f.text, x.content));
        std::stable_sort(x.content.lessons.begin(), x.content.lessons.end(),
                         [](const Lesson& a, const Lesson& b) { return a.order < b.order; });
        std::stable_sort(x.content.cases.begin(), x.content.cases.end(),
                         [](const Case& a, const Case& b) { return a.order < b.order; });
        return x;
    }();
    return l;
}
}  // namespace

const Content& content() { return loaded().content; }
const Check& content_issues() { return loaded().issues; }

const Lesson* find_lesson(const std::string& id) {
    for (const auto& l : content().lessons)
        if (l.id == id) return &l;
    return nullptr;
}

const Case* find_case(const std::string& id) {
    for (const auto& c : content().cases)
        if (c.id == id) return &c;
    return nullptr;
}

Check validate_content(const Content& all) {
    Check c;
    std::set<std::string> ids;
    auto both = [&](const Text& t, const std::string& where) {
        if (t.id.empty() || t.en.empty()) c.error("training.missing_text", where);
    };
    auto unique = [&](const std::string& id) {
        if (id.empty() || id.size() > 64) c.error("training.bad_id", id);
        if (!ids.insert(id).second) c.error("training.duplicate_id", id);
    };
    const auto& w = widgets();
    const auto& rules = rule_codes();
    // A staged request of a case or a lesson: kind, reason, explanation, stage.
    auto check_request = [&](const CaseRequest& r, const std::string& where) {
        if (!workflow::parse_kind(r.kind)) c.error("training.bad_kind", where, r.kind);
        if (!workflow::parse_reason(r.reason)) c.error("training.bad_reason", where, r.reason);
        if (r.explanation.empty()) c.error("training.missing_text", where + ".explanation");
        if (r.stage != "diajukan" && r.stage != "disetujui_unit_asal") c.error("training.bad_stage", where, r.stage);
    };
    for (const auto& l : all.lessons) {
        unique(l.id);
        both(l.title, l.id + ".title");
        if (l.screens.empty()) c.error("training.no_screens", l.id);
        for (size_t i = 0; i < l.screens.size(); ++i) {
            const auto& s = l.screens[i];
            const std::string where = l.id + ".screens[" + std::to_string(i) + "]";
            both(s.text, where);
            if (!s.show) continue;
            if (!i18n::has(s.show->screen, i18n::Lang::id)) c.error("training.unknown_screen", where, s.show->screen);
            if (std::find(w.begin(), w.end(), s.show->widget) == w.end())
                c.error("training.unknown_widget", where, s.show->widget);
            if (s.show->widget == "abk_position" && s.show->position.empty())
                c.error("training.unknown_position", where, "(none)");
            if ((s.show->widget == "request") != s.show->request.has_value())
                c.error("training.request_widget", where, s.show->widget);
            if (s.show->request) check_request(*s.show->request, where + ".request");
        }
        if (l.questions.size() < 3 || l.questions.size() > 5)
            c.error("training.question_count", l.id, std::to_string(l.questions.size()));
        for (size_t i = 0; i < l.questions.size(); ++i) {
            const auto& q = l.questions[i];
            const std::string where = l.id + ".questions[" + std::to_string(i) + "]";
            both(q.text, where);
            both(q.explain, where + ".explain");
            if (q.options.size() < 2) c.error("training.option_count", where);
            for (const auto& o : q.options) both(o, where + ".option");
            if (q.answer < 0 || q.answer >= static_cast<int>(q.options.size()))
                c.error("training.bad_answer", where, std::to_string(q.answer));
        }
    }
    for (const auto& k : all.cases) {
        unique(k.id);
        both(k.title, k.id + ".title");
        both(k.situation, k.id + ".situation");
        if (k.requests.empty() || k.decide.empty()) c.error("training.no_requests", k.id);
        std::set<std::string> keys;
        for (const auto& r : k.requests) {
            const std::string where = k.id + "." + r.key;
            if (r.key.empty() || !keys.insert(r.key).second) c.error("training.duplicate_id", where);
            check_request(r, where);
            // The trainee acts at their step: the request must wait there.
            const std::string waiting = k.step == Step::origin ? "diajukan" : "disetujui_unit_asal";
            if (std::find(k.decide.begin(), k.decide.end(), r.key) != k.decide.end() && r.stage != waiting)
                c.error("training.bad_stage", where, r.stage + " (" + waiting + ")");
        }
        for (const auto& d : k.decide) {
            if (!keys.count(d)) c.error("training.unknown_request", k.id, d);
            auto it = k.recommended.find(d);
            if (it == k.recommended.end()) c.error("training.no_recommendation", k.id, d);
            else both(it->second.reason, k.id + ".recommended." + d);
        }
        if (k.rules.empty()) c.error("training.no_rules", k.id);
        for (const auto& r : k.rules)
            if (std::find(rules.begin(), rules.end(), r) == rules.end()) c.error("training.unknown_rule", k.id, r);
    }
    for (const auto& r : rules)
        if (!i18n::has("training.rule." + r, i18n::Lang::id) || !i18n::has("training.rule." + r, i18n::Lang::en))
            c.error("training.missing_text", "training.rule." + r);
    return c;
}

}  // namespace seimbang::training
