// The native client's sync session: the local database opened with the outbox
// hook installed (so every edit made by these commands is queued), and the
// server address + device token saved by `seimbang login` (local_meta keys
// sync.server, sync.token, sync.user). The token is device-bound and revocable
// on the server; it is stored like the data it protects (docs/SYNC.md).
#pragma once
#include <memory>
#include <string>

#include "cli/commands.h"
#include "store/db.h"

namespace seimbang::cli {

// open_db + install the outbox hook. nullptr (message printed) on failure.
std::unique_ptr<store::Db> open_synced_db(Context& ctx);

// "pending" | "conflict" | "rejected" | "synced" | "local" for one record.
std::string row_sync_state(store::Db& db, const std::string& table, const std::string& id);

// One sync run with retries and backoff on network failures. Prints a summary.
int sync_now(Context& ctx, store::Db& db, int attempts);

}  // namespace seimbang::cli
