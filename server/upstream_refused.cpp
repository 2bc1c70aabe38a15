// [between instansi] What the centre refused of this instansi's own steps as
// taken on a stale copy (docs/SCALE.md "Steps taken on a stale copy"): the
// refused events leave the instansi database and its devices.
#include "upstream.h"

#include "store/repo.h"
#include "sync/server_sync.h"

namespace seimbang::server::upstream {

int64_t retract_refused_events(store::Db& instansi, store::Db& replica) {
    int64_t from = 0;
    try {
        from = std::stoll(store::get_local_meta(replica, "upstream.retracted_counter", "0"));
    } catch (const std::exception&) {
        from = 0;
    }
    std::vector<std::string> ids;
    int64_t upto = from;
    {
        auto s = replica.prepare(
            "SELECT counter, row_id FROM sync_rejected WHERE counter > ?1 AND table_name = 'request_events' AND "
            "reason = 'workflow.state_changed' ORDER BY counter");
        s.bind(1, from);
        while (s.step()) {
            upto = std::max(upto, s.int64(0));
            ids.push_back(s.text(1));
        }
    }
    if (ids.empty()) return 0;
    int64_t removed = 0;
    sync::ServerSync log(instansi);  // (the exit records enter the instansi's change log)
    instansi.transaction([&] {
        for (const auto& id : ids)
            if (log.retract_event("request_events", id)) ++removed;
    });
    // (After the removal: a crash before this line finds the events gone next time, which removes nothing.)
    store::set_local_meta(replica, "upstream.retracted_counter", std::to_string(upto));
    return removed;
}

}  // namespace seimbang::server::upstream
