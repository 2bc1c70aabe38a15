// Survey campaigns, answers, participation marks and kiosk codes in the
// database (docs/SURVEY.md). The tables (migration 8) are outside the sync
// registry: campaigns reach devices through GET /api/v1/surveys, answers reach
// the server only as the `survey_answer` command (survey/sync_commands.h) and
// never come back down; devices receive results (aggregates under the k rule).
//
// Anonymity by construction: survey_answers holds the campaign, the office the
// answer counts for, the scores and the comment — no person, device, user,
// time, sequence or rowid (WITHOUT ROWID, keyed by a random 16-byte id, so
// neither key order nor rowid tells the order answers arrived in).
// survey_participation holds (campaign, person, office) and nothing that
// orders it either. No statement ever reads the two together.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/date.h"
#include "model/result.h"
#include "store/db.h"
#include "survey/instrument.h"
#include "survey/results.h"

namespace seimbang::survey {

// Stored as JSON under key 'survey' of the settings table.
struct SurveySettings {
    int min_group = 5;  // k: the fewest answers a shown group may hold (2..100)
    // Days after a campaign's close date that answers given (offline) before it
    // are still accepted when they arrive.
    int late_days = 14;
};
SurveySettings load_survey_settings(store::Db& db);
Check save_survey_settings(store::Db& db, const SurveySettings& s);
nlohmann::json to_json(const SurveySettings& s);
// Reads `j` over `out` (missing keys keep out's values); min_group 2..100 and
// late_days 0..90, else settings.bad_value with the field and `out` unchanged.
Check survey_settings_from_json(const nlohmann::json& j, SurveySettings& out);

struct Campaign {
    std::string id;
    std::string title;             // "Survei Kepuasan Pegawai Semester II 2026"
    std::string period;            // "2026-S2": the period the campaign speaks for
    std::string scope_office_id;   // the office subtree asked
    std::string opens, closes;     // ISO dates, inclusive (WIB)
    Instrument instrument = default_instrument();
    std::string created_by;
    int64_t created_ms = 0;
};
nlohmann::json to_json(const Campaign& c);
std::optional<Campaign> campaign_from_json(const nlohmann::json& j);

// Title 1..120 bytes, period 1..20, valid dates with opens ≤ closes, the scope
// office exists, a valid instrument.
Check validate_campaign(store::Db& db, const Campaign& c);
// Validates and inserts (a new UUIDv7 id when empty). Nothing is written on error.
Check create_campaign(store::Db& db, Campaign& c);
std::optional<Campaign> get_campaign(store::Db& db, const std::string& id);
std::vector<Campaign> list_campaigns(store::Db& db);  // newest opening first
// A device's copy: replaces the stored campaigns by the server's list.
void replace_campaigns(store::Db& db, const std::vector<Campaign>& cs);
bool is_open(const Campaign& c, const Date& today);

// Kiosk codes: `count` (1..200) new single-use codes for `office` (inside the
// campaign's scope). The server keeps only their SHA-256. Codes are 8 characters
// of an alphabet without look-alikes, shown grouped "ABCD-EFGH".
struct CodeIssue {
    Check check;
    std::vector<std::string> codes;
};
CodeIssue issue_codes(store::Db& db, const std::string& campaign_id, const std::string& office_id, int count);
// "abcd efgh" / "ABCD-EFGH" → "ABCDEFGH"; empty when it cannot be a code.
std::string normalise_code(const std::string& typed);

// The server's part of an answer (the `survey_answer` command). Either
// `employee_id` (own login: the participation mark is written) or `code` (a
// kiosk: the code is spent) names who may answer; neither is stored with the
// answer. `answered_on`: the device's date of answering (checked against the
// campaign's dates, never stored); `today`: the server's date.
struct AnswerInput {
    std::string campaign_id;
    std::string employee_id;
    std::string code;
    std::vector<std::string> code_offices;  // offices the kiosk's user may issue codes for (its write scope)
    std::string scores, comment;
    Date answered_on, today;
};
Check record_answer(store::Db& db, const AnswerInput& in);
bool has_participated(store::Db& db, const std::string& campaign_id, const std::string& employee_id);

// Results of a campaign for a scope (an office subtree), with the k rule.
struct OfficeLine {
    std::string office_id, name;
    int depth = 0;
    int eligible = 0;      // active employees of the office now
    int participated = 0;  // participation marks and spent codes of the office
    std::optional<double> ej;  // the office's EU from the ABK engine (its own positions)
};
struct CampaignResults {
    Campaign campaign;
    std::string scope_office_id, scope_name;
    int year = 0;  // the ABK year of the EJ column
    std::vector<OfficeLine> offices;  // tree order
    int eligible = 0, participated = 0;
    ScopeResults results;
};
CampaignResults campaign_results(store::Db& db, const Campaign& c, const std::string& scope_office_id, int year);

struct TrendPoint {
    std::string campaign_id, title, period, opens;
    bool shown = false;
    double index = 0;
    char category = 'D';
    std::optional<double> workload_index;  // the beban-kerja facet
};
// Every campaign whose scope contains `scope_office_id`, oldest first, with the
// scope's overall index when its total passes the k rule.
std::vector<TrendPoint> trend(store::Db& db, const std::string& scope_office_id);

// The campaign a report names: by id, or else the newest campaign of `period`
// whose scope holds `scope_office_id`; nullopt when none.
std::optional<Campaign> find_report_campaign(store::Db& db, const std::string& campaign_id, const std::string& period,
                                             const std::string& scope_office_id);

// The API's and the client's form: only what the k rule lets out.
nlohmann::json to_json(const CampaignResults& r);
// The inverse on a device (the results kept for offline reading), with the
// campaign it holds: what the server let out and nothing more (a hidden group
// comes back hidden, without figures; an office without answers too, as the
// body does not tell them apart). nullopt for a body of another shape.
std::optional<CampaignResults> campaign_results_from_json(const nlohmann::json& j, const Campaign& c);
nlohmann::json to_json(const std::vector<TrendPoint>& t);

}  // namespace seimbang::survey
