// The one writer of the instansi's rule settings on a server (docs/SETTINGS.md):
// a checked group written with its settings_log row (who, role, when, before,
// after) in one transaction. The log's highest id is the version devices
// compare, so whatever writes here reaches every device at its next sync.
// Used by PUT /api/v1/settings (bkpsdm) and by the upstream's settings handed
// down from the centre (server/upstream.cpp).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace seimbang::server {

// `canonical`: the group's value as settings::check_group gave it. False (and
// nothing written) when the group already holds exactly that value.
bool write_settings_logged(store::Db& db, const std::string& group, const nlohmann::json& canonical,
                           const std::string& username, const std::string& role);

}  // namespace seimbang::server
