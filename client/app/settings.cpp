// Pengaturan: the rule settings in force on this device and BKPSDM's form that
// changes them for the whole instansi (docs/SETTINGS.md). A change is checked
// here with the server's own rules (settings::check_group), so a mistake is
// named at once in the user's language, then sent online; the server's answer
// is written over the local copy like any handed-down settings.
#include <cmath>

#include "app/app.h"
#include "i18n/format.h"
#include "settings/settings_doc.h"
#include "store/repo.h"
#include "sync/client.h"
#include "sync/http.h"

namespace seimbang::app {

using nlohmann::json;

namespace {
constexpr double kMiB = 1024.0 * 1024.0;

std::string number_text(const json& v, int decimals) {
    return v.is_number() ? i18n::format_number(v.get<double>(), decimals) : std::string();
}

long long meta_number(LocalData& local, const char* key) {
    const std::string v = store::get_local_meta(local.db(), key, "0");
    try {
        return std::stoll(v);
    } catch (const std::exception&) {
        return 0;
    }
}
}  // namespace

bool App::can_edit_settings() const {
    return login.session && access::may(login.session->role, access::Feature::settings_edit) && login.server_mode() &&
           !login.session->token.empty();
}

void App::open_settings() {
    SettingsForm& f = settings_form;
    f = SettingsForm{};
    f.doc = settings::current(local->db());
    f.version = meta_number(*local, "ref.settings.version");
    f.changed_by = store::get_local_meta(local->db(), "ref.settings.changed_by");
    f.changed_unix = meta_number(*local, "ref.settings.changed_ms") / 1000;
    const json& r = f.doc["rules"];
    f.wke = number_text(r["wke_minutes"], 2);
    f.per_month = number_text(r["annualisation"]["month"], 2);
    f.per_week = number_text(r["annualisation"]["week"], 2);
    f.per_day = number_text(r["annualisation"]["day"], 2);
    f.balanced_min = number_text(r["status_bands"]["balanced_min"], 3);
    f.balanced_max = number_text(r["status_bands"]["balanced_max"], 3);
    f.min_tenure = number_text(r["min_tenure_months"], 0);
    f.max_tenure = number_text(r["max_tenure_months"], 0);
    for (const auto& g : r["grades"]) f.grade_min.push_back(number_text(g["min"], 2));
    f.rounding = r.value("rounding", "half_up") == "ceil" ? 1 : 0;
    f.period = r.value("evaluation_period", "semester") == "quarter" ? 1 : 0;
    f.max_document_mb = number_text(json(f.doc["workflow"].value("max_document_bytes", 0.0) / kMiB), 1);
    f.min_group = number_text(f.doc["survey"]["min_group"], 0);
    f.late_days = number_text(f.doc["survey"]["late_days"], 0);
    f.loaded = true;
}

void App::save_settings(const std::string& group) {
    SettingsForm& f = settings_form;
    f.check = Check{};
    f.error.clear();
    f.failed_group = group;
    Check c;
    // A field as typed, read the way the UI reads every number ("75.000", "0,9").
    auto number = [&](const std::string& text, const char* field, bool whole) -> double {
        const auto p = i18n::parse_number(text);
        if (!p.value) {
            c.error(p.error, field, p.hint);
            return 0;
        }
        if (whole && *p.value != std::floor(*p.value)) c.error("number.whole", field, text);
        return *p.value;
    };
    json value = f.doc[group];
    if (group == "rules") {
        value["wke_minutes"] = number(f.wke, "wke_minutes", false);
        value["annualisation"]["month"] = number(f.per_month, "annualisation", false);
        value["annualisation"]["week"] = number(f.per_week, "annualisation", false);
        value["annualisation"]["day"] = number(f.per_day, "annualisation", false);
        value["status_bands"]["balanced_min"] = number(f.balanced_min, "status_bands", false);
        value["status_bands"]["balanced_max"] = number(f.balanced_max, "status_bands", false);
        value["min_tenure_months"] = static_cast<int>(number(f.min_tenure, "min_tenure_months", true));
        value["max_tenure_months"] = static_cast<int>(number(f.max_tenure, "min_tenure_months", true));
        for (size_t i = 0; i < f.grade_min.size() && i < value["grades"].size(); ++i)
            value["grades"][i]["min"] = number(f.grade_min[i], "grades", false);
        value["rounding"] = f.rounding == 1 ? "ceil" : "half_up";
        value["evaluation_period"] = f.period == 1 ? "quarter" : "semester";
    } else if (group == "workflow") {
        value["max_document_bytes"] = std::llround(number(f.max_document_mb, "max_document_bytes", false) * kMiB);
    } else if (group == "survey") {
        value["min_group"] = static_cast<int>(number(f.min_group, "min_group", true));
        value["late_days"] = static_cast<int>(number(f.late_days, "late_days", true));
    }
    json canonical;
    if (c.ok()) c = settings::check_group(group, value, canonical);
    if (!c.ok()) {
        f.check = c;
        return;
    }
    if (!can_edit_settings()) {
        f.error = login.session && access::may(login.session->role, access::Feature::settings_edit) ? "ui.settings.need_online"
                                                                                          : "settings.forbidden";
        return;
    }
    f.saving_group = group;
    HttpRequest req{"PUT", "/api/v1/settings",
                    json{{"group", group}, {"value", canonical}, {"version", f.version}}.dump(), login.session->token,
                    sync::device_id(local->db())};
    platform.http(req, [this, group](const HttpResponse& r) { settings_answer(group, r); });
}

void App::settings_answer(const std::string& group, const HttpResponse& r) {
    SettingsForm& f = settings_form;
    f.saving_group.clear();
    if (r.status == 401) return sync.auth_failed(sync::error_code(r.status, r.body));
    const json body = json::parse(r.body, nullptr, false);
    auto take = [&](const json& answer) {
        if (settings::apply_handed_down(local->db(), answer)) {
            platform.request_persist();
            reload();
        }
    };
    if (r.status == 200) {
        take(body);
        open_settings();
        show_notice("ui.settings.saved");
        return;
    }
    if (r.status == 409) {
        // Someone changed the settings since this form was filled: show theirs
        // first; nothing is overwritten unseen.
        HttpRequest get{"GET", "/api/v1/settings", "", login.session ? login.session->token : "", sync::device_id(local->db())};
        platform.http(get, [this, take](const HttpResponse& g) {
            if (g.status == 200) take(json::parse(g.body, nullptr, false));
            open_settings();
            settings_form.error = "ui.settings.changed_meanwhile";
        });
        return;
    }
    f.failed_group = group;
    if (r.status == 0) {
        f.error = "ui.settings.need_online";
        return;
    }
    const std::string code = sync::error_code(r.status, r.body);
    if (r.status == 400 && body.is_object() && body.contains("error")) {
        f.check.error(code, body["error"].value("detail", std::string()));
        return;
    }
    f.error = i18n::has(code, i18n::current()) ? code : "ui.settings.failed";
}

}  // namespace seimbang::app
