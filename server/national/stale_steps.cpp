// [between instansi] The stale-step rule on the PostgreSQL tier (sync/step_chain.h):
// what the centre holds of the batch's requests, read in one round trip, and
// the refusals of the steps that do not chain from it.
#include "national/store.h"

#include "sync/step_chain.h"
#include "util/uuid.h"

namespace seimbang::national {

using nlohmann::json;

std::map<size_t, std::string> NationalStore::stale_steps(const std::vector<sync::PushMutation>& ms) {
    std::vector<std::string> ids;
    for (auto& id : sync::step_requests(ms))
        if (is_uuid(id)) ids.push_back(std::move(id));  // (checked ids: the array literal needs no quoting)
    if (ids.empty()) return {};
    std::string array = "{";
    for (const auto& id : ids) array += id + ",";
    array.back() = '}';
    // Each request's row as written last (by either side, or BKN's step) and
    // the events every copy holds. A two-argument advisory lock per request,
    // in id order (no deadlock between pushes), holds off another instansi's
    // step on the same request until this transaction ends, so two sides
    // forwarding at the same moment cannot both pass the check.
    const std::vector<PgResult> read = pg_.pipeline(
        {{"SELECT pg_advisory_xact_lock(17, hashtext(u)) FROM unnest($1::text[]) AS u ORDER BY u", {array}},
         {"SELECT DISTINCT ON (id) id, status, _seq, (to_jsonb(requests) - 'instansi' - '_seq')::text FROM requests "
          "WHERE id = ANY($1::text[]) ORDER BY id, _seq DESC",
          {array}},
         {"SELECT DISTINCT request_id, ordinal, id FROM request_events WHERE request_id = ANY($1::text[])", {array}}});
    sync::StoredSteps stored;
    std::map<std::string, std::pair<int64_t, std::string>> rows;  // request id → (seq, row as JSON)
    for (int k = 0; k < read[1].rows(); ++k) {
        const std::string id(read[1].text(k, 0));
        stored[id].status = std::string(read[1].text(k, 1));
        rows[id] = {read[1].int64(k, 2), std::string(read[1].text(k, 3))};
    }
    for (int k = 0; k < read[2].rows(); ++k)
        if (auto s = stored.find(std::string(read[2].text(k, 0))); s != stored.end())
            s->second.ordinals.emplace(read[2].int64(k, 1), std::string(read[2].text(k, 2)));
    std::map<size_t, std::string> out;
    for (const auto& [k, status] : sync::stale_steps(ms, stored)) {
        const auto& m = ms[k];
        // The request row as the centre holds it, so the instansi's replica puts
        // it back (SYNC.md §5); a refused event is held by no one here (null).
        json row = nullptr;
        int64_t version = 0;
        if (auto r = rows.find(m.row); m.table == "requests" && r != rows.end()) {
            row = json::parse(r->second.second, nullptr, false);
            version = r->second.first;
        }
        json answer = {{"counter", m.counter}, {"detail", status}, {"reason", "workflow.state_changed"},
                       {"row", row.is_object() ? row : json(nullptr)}, {"status", "rejected"}, {"version", version}};
        out.emplace(k, answer.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    return out;
}

}  // namespace seimbang::national
