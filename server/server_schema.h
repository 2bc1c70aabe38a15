// Server-only tables (users, devices) as their own numbered migrations, kept
// apart from the shared schema so that browser and native client databases never
// contain password hashes or token tables. Version in table server_schema.
#pragma once
#include "store/db.h"

namespace seimbang::server {

// Applies the shared migrations, then the server's own; installs nothing else.
void migrate_server(store::Db& db);

}  // namespace seimbang::server
