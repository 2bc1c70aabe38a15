// The rule settings as one document (shared/settings, docs/SETTINGS.md): each
// group checked by its own module's rules, written where that module reads it,
// and a device copy changed only by a well-formed answer.
#include <doctest/doctest.h>

#include "eval/snapshot.h"
#include "settings/settings_doc.h"
#include "store/repo.h"
#include "store/schema.h"
#include "survey/survey_db.h"
#include "workflow/settings.h"

using namespace seimbang;
using nlohmann::json;

namespace {
struct Fresh {
    store::Db db{":memory:"};
    Fresh() { store::migrate(db); }
};
}  // namespace

TEST_CASE("settings document: defaults, canonical form, each group's own checks") {
    Fresh f;
    const json doc = settings::current(f.db);
    CHECK(doc["rules"]["wke_minutes"] == 75000);
    CHECK(doc["rules"]["evaluation_period"] == "semester");
    CHECK(doc["workflow"]["max_document_bytes"] == 5 * 1024 * 1024);
    CHECK(doc["survey"]["min_group"] == 5);

    json out;
    // What a value leaves out gets the default; the evaluation period is checked too.
    REQUIRE(settings::check_group("rules", {{"wke_minutes", 72000}, {"evaluation_period", "quarter"}}, out).ok());
    CHECK(out["wke_minutes"] == 72000);
    CHECK(out["min_tenure_months"] == 24);
    CHECK(out["evaluation_period"] == "quarter");
    Check c = settings::check_group("rules", {{"evaluation_period", "bulanan"}}, out);
    REQUIRE(!c.ok());
    CHECK(c.first_error()->field == "evaluation_period");
    c = settings::check_group("rules", {{"status_bands", {{"balanced_min", 1.2}, {"balanced_max", 1.1}}}}, out);
    REQUIRE(!c.ok());
    CHECK(c.first_error()->code == "settings.bad_status_bands");
    c = settings::check_group("workflow", {{"max_document_bytes", 0}}, out);
    REQUIRE(!c.ok());
    CHECK(c.first_error()->field == "max_document_bytes");
    c = settings::check_group("survey", {{"min_group", "lima"}}, out);
    REQUIRE(!c.ok());
    CHECK(c.first_error()->field == "min_group");
    c = settings::check_group("survey", {{"late_days", 91}}, out);
    REQUIRE(!c.ok());
    CHECK(c.first_error()->field == "late_days");
    CHECK(settings::check_group("gaji", json::object(), out).first_error()->code == "settings.unknown_group");

    // Written where each module reads it.
    REQUIRE(settings::check_group("rules", {{"wke_minutes", 72000}, {"evaluation_period", "quarter"}}, out).ok());
    settings::write_group(f.db, "rules", out);
    REQUIRE(settings::check_group("survey", {{"min_group", 7}}, out).ok());
    settings::write_group(f.db, "survey", out);
    CHECK(store::load_settings(f.db).wke_minutes == 72000);
    CHECK(eval::period_length_setting(f.db) == eval::PeriodLength::quarter);
    CHECK(survey::load_survey_settings(f.db).min_group == 7);
}

TEST_CASE("settings handed down: applied with their version; a malformed answer changes nothing") {
    Fresh f;
    json rules;
    REQUIRE(settings::check_group("rules", {{"wke_minutes", 60000}}, rules).ok());
    const json good = {{"version", 3}, {"changed_by", "bkpsdm.medan"}, {"changed_ms", 1700000000000},
                       {"settings", {{"rules", rules}}}};
    // A group that does not pass its own checks: nothing of the answer is taken.
    json broken = good;
    broken["settings"]["survey"] = {{"min_group", 1}};
    CHECK_FALSE(settings::apply_handed_down(f.db, broken));
    CHECK(store::load_settings(f.db).wke_minutes == 75000);
    CHECK_FALSE(settings::apply_handed_down(f.db, json::parse("[1]")));
    CHECK_FALSE(settings::apply_handed_down(f.db, {{"version", 3}, {"unchanged", true}}));
    CHECK(settings::handed_down_path(f.db) == "/api/v1/settings");

    CHECK(settings::apply_handed_down(f.db, good));
    CHECK(store::load_settings(f.db).wke_minutes == 60000);
    CHECK(store::get_local_meta(f.db, "ref.settings.changed_by") == "bkpsdm.medan");
    CHECK(settings::handed_down_path(f.db) == "/api/v1/settings?version=3");
    CHECK_FALSE(settings::apply_handed_down(f.db, good));  // the same again: nothing changed
}
