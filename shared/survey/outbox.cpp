#include "survey/outbox.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/repo.h"
#include "survey/survey_db.h"
#include "survey/sync_commands.h"
#include "sync/client.h"

namespace seimbang::survey {

using nlohmann::json;

namespace {
std::string answered_key(const std::string& campaign_id) { return "survey.answered." + campaign_id; }
std::string codes_key(const std::string& campaign_id) { return "survey.codes." + campaign_id; }

json meta_json(store::Db& db, const std::string& key, json fallback) {
    json j = json::parse(store::get_local_meta(db, key), nullptr, false);
    return j.is_discarded() || j.type() != fallback.type() ? fallback : j;
}
}  // namespace

bool answered_here(store::Db& db, const std::string& campaign_id, const std::string& employee_id) {
    if (employee_id.empty()) return false;
    const json who = meta_json(db, answered_key(campaign_id), json::array());
    return std::find(who.begin(), who.end(), json(employee_id)) != who.end();
}

void mark_answered(store::Db& db, const std::string& campaign_id, const std::string& employee_id) {
    if (employee_id.empty() || answered_here(db, campaign_id, employee_id)) return;
    json who = meta_json(db, answered_key(campaign_id), json::array());
    who.push_back(employee_id);
    store::set_local_meta(db, answered_key(campaign_id), who.dump());
}

void add_kiosk_codes(store::Db& db, const std::string& campaign_id, const std::vector<std::string>& codes) {
    json m = meta_json(db, codes_key(campaign_id), json::object());
    for (const auto& c : codes)
        if (!m.contains(c)) m[c] = false;  // false: not used on this device yet
    store::set_local_meta(db, codes_key(campaign_id), m.dump());
}

std::vector<std::string> unused_kiosk_codes(store::Db& db, const std::string& campaign_id) {
    std::vector<std::string> out;
    const json m = meta_json(db, codes_key(campaign_id), json::object());
    for (const auto& [code, used] : m.items())
        if (used == false) out.push_back(code);
    return out;
}

int pending_answers(store::Db& db) {
    auto s = db.prepare("SELECT COUNT(*) FROM sync_outbox WHERE table_name = 'survey_answers'");
    return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

Check queue_answer(store::Db& db, const std::string& campaign_id, const std::string& employee_id,
                   const std::string& scores, const std::string& comment, const std::string& code, const Date& today) {
    Check c;
    const auto campaign = get_campaign(db, campaign_id);
    if (!campaign) {
        c.error("survey.unknown_campaign", "campaign");
        return c;
    }
    if (!is_open(*campaign, today)) {
        const auto opens = parse_iso_date(campaign->opens);
        c.error(opens && today < *opens ? "survey.not_open" : "survey.closed", "campaign");
        return c;
    }
    c = validate_answer(campaign->instrument, scores, comment);
    if (!c.ok()) return c;
    std::string normal;
    json codes;
    if (!code.empty()) {
        normal = normalise_code(code);
        codes = meta_json(db, codes_key(campaign_id), json::object());
        if (normal.empty() || !codes.contains(normal)) {
            c.error("survey.bad_code", "code");
            return c;
        }
        if (codes[normal] != false) {
            c.error("survey.code_used", "code");
            return c;
        }
    } else if (employee_id.empty()) {
        c.error("survey.no_person", "employee");
        return c;
    } else if (answered_here(db, campaign_id, employee_id)) {
        c.error("survey.already_answered", "campaign");
        return c;
    }
    // (A comment's JSON is at most 2 + 2 × 1000 bytes: line breaks and tabs are the
    // only characters escaped, validate_answer refuses other control characters.)
    // Padding: the push that carries an answer has the same size whatever the
    // comment's length, so the server's request log (bytes_in) or the TLS record
    // sizes cannot match a push to a comment of the published list.
    const size_t encoded = json(comment).dump().size();
    json args = {{"scores", scores}, {"comment", comment}, {"pad", std::string(2 + 2 * kMaxCommentBytes - encoded, ' ')}};
    if (!normal.empty()) args["code"] = normal;
    db.transaction([&] {
        sync::enqueue_command(db, std::string(kAnswerTable), campaign_id, std::string(kAnswerCommand), "", args);
        if (!normal.empty()) {
            codes[normal] = true;
            store::set_local_meta(db, codes_key(campaign_id), codes.dump());
        } else {
            mark_answered(db, campaign_id, employee_id);
        }
    });
    return c;
}

}  // namespace seimbang::survey
