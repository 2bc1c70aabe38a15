// The survey answer as a sync command (docs/SURVEY.md "Anonymity"): a device
// queues {table: "survey_answers", row: CAMPAIGN_ID, op: "command", command:
// "survey_answer", args: {scores, comment[, code]}}; the server checks the
// campaign, the dates and who may answer, writes the participation mark (own
// login) or spends the code (kiosk), and stores the answer as a new row with a
// random key and no person, device or time. Nothing of the mutation (device,
// counter, HLC) is kept with it; the answer never goes back down.
#pragma once
#include <string_view>

namespace seimbang::survey {

inline constexpr std::string_view kAnswerTable = "survey_answers";
inline constexpr std::string_view kAnswerCommand = "survey_answer";

// Registers `survey_answer` with sync::register_command. Idempotent.
void register_survey_commands();

}  // namespace seimbang::survey
