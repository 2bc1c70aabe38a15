// View state of the Survei screen and Beranda's survey card (docs/SURVEY.md):
// the campaigns this device holds (fetched with each sync), the answer form,
// kiosk mode, and the last results the server sent (kept for offline reading;
// results are aggregates under the k rule, never answers).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/result.h"
#include "survey/survey_db.h"

namespace seimbang::app {

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
};

}  // namespace seimbang::app
