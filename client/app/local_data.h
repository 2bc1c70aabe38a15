// The app's view of the local database, the same SQLite store on every platform. Every
// save is one committed transaction (edit + outbox entry) before it returns.
// Implemented over shared/store in store_data.cpp.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/result.h"
#include "model/settings.h"
#include "model/types.h"

namespace seimbang::store {
class Db;
}

namespace seimbang::app {

struct Snapshot {
    std::vector<Office> offices;
    std::vector<Position> positions;
    std::vector<Employee> employees;
    std::vector<AbkTask> tasks;
    Settings settings;
};

// State of local changes waiting to reach the server.
struct OutboxStats {
    int pending = 0;
    long long oldest_unix = 0;  // creation time of the oldest pending change, 0 when none
};

// A change the server refused; stays in "Perlu perhatian" until dismissed.
struct RejectedItem {
    long long counter = 0;  // the mutation's per-device counter (dismiss key)
    std::string table, row_id, op, reason_code, detail;
    std::string fields_json;  // what was attempted ({"field": value, ...})
    long long at = 0;         // when the server refused it (unix seconds)
    long long edited_at = 0;  // when the edit was made on this device
};

// Both sides of a same-field concurrent edit (base / mine / theirs), values as
// display text.
struct ConflictItem {
    long long id = 0;
    std::string table, row_id, field, base, mine, theirs, kept, mine_by, theirs_by;
    long long mine_at = 0, theirs_at = 0, at = 0;  // unix seconds
};

class LocalData {
public:
    virtual ~LocalData() = default;

    virtual Snapshot load() = 0;
    virtual bool has_data() = 0;

    // Seeds the Kecamatan Medan Marelan demonstration data (shared/demo) into an
    // empty database.
    virtual Check seed_demo() = 0;
    virtual Check save_employee(const Employee& e) = 0;
    virtual Check save_position(const Position& p) = 0;
    virtual Check save_task(const AbkTask& t) = 0;

    // The underlying SQLite store (sync state lives in the same file).
    virtual store::Db& db() = 0;
    // Closes, deletes and recreates the local database (demo data is never mixed
    // with an account's data). local_meta keys starting with one of `keep` survive.
    virtual void reset(const std::vector<std::string>& keep) = 0;

    // Small key/value store for device state (cached credential, last sync, language).
    virtual std::optional<std::string> meta(const std::string& key) = 0;
    virtual void set_meta(const std::string& key, const std::string& value) = 0;
};

// The SQLite store (shared/store) at `path` (":memory:" for tests and as the
// fallback when the browser refuses storage). Returns nullptr when it cannot open.
std::unique_ptr<LocalData> open_store_data(const std::string& path);

}  // namespace seimbang::app
