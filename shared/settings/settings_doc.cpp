#include "settings/settings_doc.h"

#include "eval/period.h"
#include "eval/snapshot.h"
#include "model/settings.h"
#include "store/repo.h"
#include "survey/survey_db.h"
#include "workflow/settings.h"

namespace seimbang::settings {

using nlohmann::json;

const std::vector<std::string>& groups() {
    static const std::vector<std::string> g = {"rules", "workflow", "survey"};
    return g;
}

namespace {
// The rules group: model/settings.h plus the evaluation period length, which
// lives in the same stored value (shared/eval reads it from there).
json rules_json(const Settings& s, eval::PeriodLength period) {
    json j = to_json(s);
    j["evaluation_period"] = std::string(eval::to_string(period));
    return j;
}
}  // namespace

json current(store::Db& db) {
    return {{"rules", rules_json(store::load_settings(db), eval::period_length_setting(db))},
            {"workflow", workflow::to_json(workflow::load_workflow_settings(db))},
            {"survey", survey::to_json(survey::load_survey_settings(db))}};
}

Check check_group(std::string_view group, const json& value, json& out) {
    Check c;
    if (!value.is_object()) {
        c.error("settings.bad_value", std::string(group));
        return c;
    }
    if (group == "rules") {
        Settings s;
        c = settings_from_json(value, s);
        eval::PeriodLength period = eval::PeriodLength::semester;
        if (value.contains("evaluation_period")) {
            const auto& p = value["evaluation_period"];
            const auto parsed = p.is_string() ? eval::parse_period_length(p.get<std::string>()) : std::nullopt;
            if (parsed) period = *parsed;
            else c.error("settings.bad_value", "evaluation_period", p.dump());
        }
        if (c.ok()) out = rules_json(s, period);
    } else if (group == "workflow") {
        workflow::WorkflowSettings s;
        c = workflow::workflow_settings_from_json(value, s);
        if (c.ok()) out = workflow::to_json(s);
    } else if (group == "survey") {
        survey::SurveySettings s;
        c = survey::survey_settings_from_json(value, s);
        if (c.ok()) out = survey::to_json(s);
    } else {
        c.error("settings.unknown_group", std::string(group));
    }
    return c;
}

void write_group(store::Db& db, std::string_view group, const json& canonical) {
    auto st = db.prepare("INSERT INTO settings(key, value) VALUES(?1, ?2) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, std::string(group));
    st.bind(2, canonical.dump());
    st.run();
}

bool apply_handed_down(store::Db& db, const json& answer) {
    if (!answer.is_object() || !answer.contains("version") || !answer["version"].is_number_integer()) return false;
    if (answer.value("unchanged", false)) return false;
    if (!answer.contains("settings") || !answer["settings"].is_object()) return false;
    std::vector<std::pair<std::string, json>> checked;
    for (const auto& g : groups()) {
        if (!answer["settings"].contains(g)) continue;
        json canonical;
        if (!check_group(g, answer["settings"][g], canonical).ok()) return false;
        checked.emplace_back(g, std::move(canonical));
    }
    const json before = current(db);
    db.transaction([&] {
        for (const auto& [g, v] : checked) write_group(db, g, v);
        store::set_local_meta(db, "ref.settings.version", std::to_string(answer["version"].get<int64_t>()));
        store::set_local_meta(db, "ref.settings.changed_by", answer.value("changed_by", std::string()));
        store::set_local_meta(db, "ref.settings.changed_ms", std::to_string(answer.value("changed_ms", int64_t{0})));
    });
    return current(db) != before;
}

std::string handed_down_path(store::Db& db) {
    const std::string have = store::get_local_meta(db, "ref.settings.version", "");
    return "/api/v1/settings" + (have.empty() ? std::string() : "?version=" + have);
}

sync::FollowUp handed_down_follow_up() {
    sync::FollowUp f;
    f.next = [](store::Db& db, int answered) { return answered > 0 ? std::string() : handed_down_path(db); };
    f.answer = [](store::Db& db, const sync::HttpResult& r, int) {
        return r.status == 200 && apply_handed_down(db, nlohmann::json::parse(r.body, nullptr, false));
    };
    return f;
}

}  // namespace seimbang::settings
