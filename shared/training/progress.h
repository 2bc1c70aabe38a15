// Training progress (docs/TRAINING.md "Progress"): each leader's latest attempt
// per lesson and case in `training_progress` (migration 9). On a device the
// attempt is written to the REAL database and queued as the sync command
// `training_progress` in one transaction (offline: it waits in the outbox).
// The server scores lessons again from the answers and the content it carries
// itself, and keeps the row under the signed-in user; it is never pulled.
// The attempt's detail (answers, decisions, notes) is its user's only: the
// summaries others read carry counts.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "i18n/strings.h"
#include "model/result.h"
#include "store/db.h"
#include "training/content.h"

namespace seimbang::training {

inline constexpr std::string_view kProgressTable = "training_progress";
inline constexpr std::string_view kProgressCommand = "training_progress";

struct Progress {
    std::string username, item_id, kind, office_id;  // kind: "lesson" | "case"
    int total = 0;     // questions, or decisions of the case
    int good = 0;      // right answers, or decisions meeting every rule
    int attempts = 0;
    nlohmann::json detail = nlohmann::json::array();
    int64_t updated_ms = 0;
};

// A lesson's answers: one option index per question. Refused when the count or
// an index is wrong. `good`: how many are right.
Check score_lesson(const Lesson& l, const nlohmann::json& answers, int& good);
// A case's decisions: [{key, action, declare_conflict, met, note}], one per
// decided request in the case's order. `good`: how many met every rule.
// `replay` (the server): the decisions are taken again on a fresh sandbox
// staged with the case and judged by its rules, so `good` is what the rules
// say, not the device's "met" flags. Without it (the device, which has just
// shown that feedback) the flags are counted.
Check score_case(const Case& c, const nlohmann::json& decisions, int& good, bool replay = false);

// Device: records an attempt of `item_id` (a lesson or a case) for the user and
// queues it; refused (nothing written) when the item is unknown or the detail
// does not fit it.
Check record_attempt(store::Db& db, const std::string& username, const std::string& office_id,
                     const std::string& item_id, const nlohmann::json& detail, int64_t now_ms);

// The user's rows (with detail: for that user only).
std::vector<Progress> progress_of(store::Db& db, const std::string& username);

// Device, at a sign-in on a shared device: drops the progress rows (with their
// answers and written reasons) of every other account. Safe because a sign-in
// is refused while the outbox holds another account's edits, so theirs have
// reached the server. Returns how many rows went.
int forget_other_users(store::Db& db, const std::string& username);

// Server: registers `training_progress` with sync::register_command. Idempotent.
void register_training_commands();

// Completion per leader, for the camat/BKPSDM view (no detail).
struct Leader {
    std::string username, display_name, role, office_id, office_name;
};
struct PersonSummary {
    Leader who;
    int lessons_done = 0, lessons_total = 0;
    int questions_right = 0, questions_total = 0;
    int cases_done = 0, cases_total = 0;
    int decisions_met = 0, decisions_total = 0;
    bool complete() const { return lessons_done == lessons_total && cases_done == cases_total; }
};
std::vector<PersonSummary> summarise(store::Db& db, const std::vector<Leader>& leaders);
nlohmann::json to_json(const PersonSummary& s);
PersonSummary summary_from_json(const nlohmann::json& j);
// One line per leader, headers in `lang` (the app's CSV export).
std::string summary_csv(const std::vector<PersonSummary>& people, i18n::Lang lang);

}  // namespace seimbang::training
