// The device side of answering (docs/SURVEY.md "Offline answering"): an answer
// is checked against the campaign the device holds and queued as the
// `survey_answer` command; nothing else of it is written locally. Own login:
// the device remembers that this user answered (so Beranda stops asking); a
// kiosk: the code is checked against the codes the operator fetched for this
// device and struck off. Both the remembered mark and the code list name no
// answer.
#pragma once
#include <string>
#include <vector>

#include "model/date.h"
#include "model/result.h"
#include "store/db.h"

namespace seimbang::survey {

// Queues the answer. `code` empty: own login of `employee_id`. Refused (nothing
// written) when the campaign is unknown or not open on `today`, the answer is
// invalid, this user already answered on this device, or the code is not an
// unused one of this device.
Check queue_answer(store::Db& db, const std::string& campaign_id, const std::string& employee_id,
                   const std::string& scores, const std::string& comment, const std::string& code, const Date& today);

// Whether `employee_id` answered `campaign_id` from this device (or the server
// said so when the campaigns were fetched).
bool answered_here(store::Db& db, const std::string& campaign_id, const std::string& employee_id);
void mark_answered(store::Db& db, const std::string& campaign_id, const std::string& employee_id);

// Kiosk codes this device fetched for a campaign, and which are left unused.
void add_kiosk_codes(store::Db& db, const std::string& campaign_id, const std::vector<std::string>& codes);
std::vector<std::string> unused_kiosk_codes(store::Db& db, const std::string& campaign_id);

// The queued survey answers waiting to be sent (the count only: their content is not shown).
int pending_answers(store::Db& db);

}  // namespace seimbang::survey
