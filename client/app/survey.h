// View state of the Survei screen and Beranda's survey card (docs/SURVEY.md):
// the campaigns this device holds (fetched with each sync), the answer form,
// kiosk mode, and the last results the server sent (kept for offline reading;
// results are aggregates under the k rule, never answers).
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/result.h"
#include "survey/survey_db.h"

namespace seimbang::app {

// One campaign on the trend chart: the overall and per-facet index of this
// device's scope as the server sent them (the k rule already applied).
struct SurveyTrendPoint {
    std::string campaign_id, title, period, opens;
    bool held = false;   // results of this campaign are on the device
    bool shown = false;  // the scope's total passed the k rule
    double index = 0;
    char category = 'D';
    std::map<std::string, double> facets;  // facet id → index
};

struct SurveyView {
    bool dirty = true;                         // re-read campaigns (data changed)
    std::vector<survey::Campaign> campaigns;   // newest first
    std::string selected_id;                   // campaign shown
    bool answering = false;                    // the form is open (else: the results)
    bool kiosk = false;                        // shared office device: answers by code
    std::vector<int> scores;                   // 0: not chosen yet, else 1..5 (raw), item order
    std::string comment, code;
    Check check;                               // the last refusal of the form
    bool thanked = false;                      // "Terima kasih" after a queued answer
    int kiosk_codes_left = 0;                  // unused codes this device holds for the campaign
    bool fetching = false;                     // a codes request is on its way
    nlohmann::json results;                    // the server's last results for the selected campaign (or null)
    std::vector<std::string> printable_codes;  // codes shown for printing (operator)
    std::vector<SurveyTrendPoint> trend;       // every campaign held, oldest first
    std::string trend_facet;                   // charted facet id; "" = the overall index
    std::string download;                      // string-table key of the last download's outcome
    // The new-campaign form (camat, BKPSDM; sent online only: campaigns are the server's).
    bool creating = false;
    survey::Campaign draft;
    Check create_check;
    bool create_sending = false;
};

class App;
// "Unduh" on the Survei screen, for the selected campaign and this device's
// scope: signed in and online, the server's XLSX; offline, in the demo, or
// without an answer, a CSV of the results this device holds
// (report::survey_csv over survey::campaign_results_from_json). `done` gets a
// string-table key saying which (or why nothing was saved).
void download_survey(App& a, std::function<void(const std::string&)> done);
// The print-friendly view of the same results (report::survey_print), saved as an HTML page.
void print_survey(App& a, std::function<void(const std::string&)> done);

}  // namespace seimbang::app
