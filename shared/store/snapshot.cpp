#include "store/snapshot.h"

#include <cstdio>
#include <cstring>
#include <string>

#include <sqlite3.h>

namespace seimbang::store {

namespace {

// The committed database read straight from its file, or nothing when that is
// not safe: an in-memory or temporary database, a transaction open on this
// connection (its changes may sit in the page cache or the file, half done), or
// a WAL database (committed pages may still be in the -wal file). Otherwise the
// file holds exactly the committed state (rollback journal: a commit writes its
// pages to the file before it ends). One read is one copy; sqlite3_serialize
// fetches page by page through the pager and the VFS, which in the browser took
// 0.14-0.2 s of the UI thread for the 14 MB Kota-scale database (MEMFS).
// Appends the file to `out`; false (out unchanged) when that is not safe.
bool read_file_copy(Db& db, std::string& out) {
    sqlite3* h = db.handle();
    const char* file = sqlite3_db_filename(h, "main");
    if (!file || !*file || !sqlite3_get_autocommit(h)) return false;
    {
        auto mode = db.prepare("PRAGMA main.journal_mode");
        if (!mode.step() || mode.text(0) == "wal") return false;
    }
    std::FILE* f = std::fopen(file, "rb");
    if (!f) return false;
    const size_t at = out.size();
    bool ok = std::fseek(f, 0, SEEK_END) == 0;
    const long size = ok ? std::ftell(f) : -1;
    ok = ok && size >= 0 && std::fseek(f, 0, SEEK_SET) == 0;
    if (ok) {
        out.resize(at + static_cast<size_t>(size));
        ok = std::fread(out.data() + at, 1, static_cast<size_t>(size), f) == static_cast<size_t>(size);
    }
    std::fclose(f);
    if (!ok) out.resize(at);
    return ok;
}

}  // namespace

void append_snapshot(Db& db, std::string& out) {
    if (read_file_copy(db, out)) return;
    sqlite3_int64 size = 0;
    unsigned char* data = sqlite3_serialize(db.handle(), "main", &size, 0);
    if (!data) throw DbError(SQLITE_NOMEM, "snapshot: out of memory");
    out.append(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
    sqlite3_free(data);
}

std::string snapshot(Db& db) {
    std::string out;
    append_snapshot(db, out);
    return out;
}

std::string snapshot_version(Db& db) {
    // Inside a transaction a snapshot holds uncommitted changes that a rollback
    // takes back without a commit: no version to vouch for it.
    if (!sqlite3_get_autocommit(db.handle())) return {};
    auto v = db.prepare("PRAGMA main.data_version");
    const int64_t data_version = v.step() ? v.int64(0) : -1;
    return std::to_string(db.serial()) + ":" + std::to_string(db.commits()) + ":" + std::to_string(data_version);
}

void load_snapshot(Db& db, std::string_view bytes) {
    auto* data = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size() ? bytes.size() : 1));
    if (!data) throw DbError(SQLITE_NOMEM, "load snapshot: out of memory");
    if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());
    // A WAL-mode file (header bytes 18-19 = 2) cannot be read in memory; the
    // same pages are read as a rollback-journal database.
    if (bytes.size() >= 20 && data[18] == 2 && data[19] == 2) data[18] = data[19] = 1;
    const auto size = static_cast<sqlite3_int64>(bytes.size());
    // SQLite frees `data` itself, also when this fails.
    const int rc = sqlite3_deserialize(db.handle(), "main", data, size, size,
                                       SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK) throw DbError(rc, std::string("load snapshot: ") + sqlite3_errmsg(db.handle()));
    // Bytes that are not a database show on the first read.
    db.exec("SELECT count(*) FROM sqlite_schema");
}

}  // namespace seimbang::store
