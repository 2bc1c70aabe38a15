#include "settings_log.h"

#include "settings/settings_doc.h"
#include "sync/hlc.h"

namespace seimbang::server {

bool write_settings_logged(store::Db& db, const std::string& group, const nlohmann::json& canonical,
                           const std::string& username, const std::string& role) {
    bool written = false;
    db.transaction([&] {
        const nlohmann::json before = settings::current(db);
        if (before.contains(group) && before[group] == canonical) return;
        settings::write_group(db, group, canonical);
        auto s = db.prepare(
            "INSERT INTO settings_log(grp, before, after, username, role, at_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        s.bind(1, group);
        s.bind(2, before.contains(group) ? before[group].dump() : std::string("null"));
        s.bind(3, canonical.dump());
        s.bind(4, username);
        s.bind(5, role);
        s.bind(6, sync::now_ms());
        s.run();
        written = true;
    });
    return written;
}

}  // namespace seimbang::server
