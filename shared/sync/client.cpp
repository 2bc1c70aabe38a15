#include "sync/client.h"

#include <algorithm>
#include <set>

#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/fast_rows.h"
#include "sync/rowhash.h"
#include "util/uuid.h"

namespace seimbang::sync {

using nlohmann::json;
using store::Db;

namespace {

int64_t meta_int(Db& db, const std::string& key) {
    try {
        return std::stoll(store::get_local_meta(db, key, "0"));
    } catch (...) {
        return 0;
    }
}
void set_meta_int(Db& db, const std::string& key, int64_t v) { store::set_local_meta(db, key, std::to_string(v)); }

int64_t seen_version(Db& db, const std::string& table, const std::string& id) {
    auto s = db.prepare("SELECT version FROM sync_seen WHERE table_name = ?1 AND row_id = ?2");
    s.bind(1, table).bind(2, id);
    return s.step() ? s.int64(0) : 0;
}

void set_seen(Db& db, const std::string& table, const std::string& id, int64_t version) {
    auto s = db.prepare("INSERT INTO sync_seen(table_name, row_id, version) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT(table_name, row_id) DO UPDATE SET version = max(version, excluded.version)");
    s.bind(1, table).bind(2, id).bind(3, version);
    s.run();
}

// Fields of the row that still have local edits waiting to be pushed: incoming
// server state must not overwrite them (the pending edit will reach the server
// and come back).
std::set<std::string> pending_fields(Db& db, const std::string& table, const std::string& id) {
    std::set<std::string> out;
    auto s = db.prepare("SELECT body, op FROM sync_outbox WHERE table_name = ?1 AND row_id = ?2");
    s.bind(1, table).bind(2, id);
    while (s.step()) {
        if (s.text(1) == "command") {
            // A workflow step waits to be sent: the local copy shows its effect
            // until the server answers, so no field is taken from the server.
            out.insert("*");
            continue;
        }
        auto b = json::parse(s.text(0), nullptr, false);
        if (b.is_object() && b.contains("fields"))
            for (const auto& [k, v] : b["fields"].items()) out.insert(k);
    }
    return out;
}

int64_t pending_count(Db& db) {
    auto s = db.prepare("SELECT count(*) FROM sync_outbox");
    s.step();
    return s.int64(0);
}

// Writes server state into the local copy (local=false: no outbox entry),
// keeping fields with pending local edits. `cache`: statements reused across the
// rows of one page (a fresh pull writes tens of thousands of rows).
void apply_server_row(Db& db, const std::string& table, const std::string& id, const json& row, int64_t version,
                      bool check_pending, StmtCache* cache = nullptr) {
    const store::TableSpec* t = store::find_table(table);
    if (!t) return;  // a table from a newer server: ignored until this client updates
    json fields = json::object();
    std::set<std::string> keep;
    if (check_pending) keep = pending_fields(db, table, id);
    if (keep.count("*")) return;  // a pending command's effect stays (see pending_fields)
    for (const auto& [k, v] : row.items())
        if (k != "id" && t->has(k) && !keep.count(k)) fields[k] = v;
    if (cache) {
        if (!fields.empty()) store::write_row(db, *t, id, fields, cached_read_row(*cache, *t, id), false);
        if (version > 0) {
            auto q = cache->get("INSERT INTO sync_seen(table_name, row_id, version) VALUES (?1, ?2, ?3) "
                                "ON CONFLICT(table_name, row_id) DO UPDATE SET version = max(version, excluded.version)");
            q.bind(1, table).bind(2, id).bind(3, version);
            q.run();
        }
        return;
    }
    if (!fields.empty()) store::write_row(db, *t, id, fields, false);
    if (version > 0) set_seen(db, table, id, version);
}

void delete_local_row(Db& db, const std::string& table, const std::string& id) {
    const store::TableSpec* t = store::find_table(table);
    if (!t) return;
    store::delete_row(db, *t, id, false);
    auto v = db.prepare("DELETE FROM sync_seen WHERE table_name = ?1 AND row_id = ?2");
    v.bind(1, table).bind(2, id);
    v.run();
}

// Pulled pages may name a row before the rows it references (the log keeps
// only each row's latest sequence), and the server already checked references:
// foreign keys are relaxed while server state is applied.
template <typename Fn>
void without_foreign_keys(Db& db, Fn fn) {
    const bool outer = db.in_transaction();
    if (!outer) db.exec("PRAGMA foreign_keys=OFF");
    try {
        db.transaction(fn);
    } catch (...) {
        if (!outer) db.exec("PRAGMA foreign_keys=ON");
        throw;
    }
    if (!outer) db.exec("PRAGMA foreign_keys=ON");
}

void record_rejected(Db& db, int64_t counter, const json& r) {
    auto s = db.prepare(
        "INSERT OR REPLACE INTO sync_rejected(counter, table_name, row_id, op, body, reason, detail, created_ms, "
        "rejected_ms) SELECT counter, table_name, row_id, op, "
        "CASE WHEN table_name = 'survey_answers' THEN '{}' ELSE body END, ?2, ?3, created_ms, ?4 FROM sync_outbox "
        "WHERE counter = ?1");
    s.bind(1, counter).bind(2, r.value("reason", std::string("rejected")));
    const json& d = r.contains("detail") ? r["detail"] : json("");
    s.bind(3, d.is_string() ? d.get<std::string>() : d.dump()).bind(4, now_ms());
    s.run();
}

void delete_outbox(Db& db, int64_t counter) {
    auto s = db.prepare("DELETE FROM sync_outbox WHERE counter = ?1");
    s.bind(1, counter);
    s.run();
}

// How long acknowledged mutations are kept for a replay after a server restore.
constexpr int64_t kSentRetentionMs = int64_t{30} * 24 * 3600 * 1000;

// The mutation left the outbox acknowledged (its effect is on the server, at
// `seq`): it is kept in sync_sent, so that it can be sent again if the server is
// restored from a backup taken before `seq` (docs/SYNC.md §8.1).
// [survey] Anonymous survey answers (docs/SURVEY.md) leave the device once the
// server has answered: no copy in sync_sent (not re-sent after a server restore,
// the price of anonymity) and a refused one keeps its reason but not its body.
void acknowledge(Db& db, int64_t counter, int64_t seq) {
    auto s = db.prepare(
        "INSERT OR REPLACE INTO sync_sent(counter, hlc, schema_version, table_name, row_id, op, base_version, body, "
        "created_ms, seq, acked_ms) SELECT counter, hlc, schema_version, table_name, row_id, op, base_version, body, "
        "created_ms, ?2, ?3 FROM sync_outbox WHERE counter = ?1 AND table_name <> 'survey_answers'");
    s.bind(1, counter).bind(2, seq).bind(3, now_ms());
    s.run();
    delete_outbox(db, counter);
}

struct OutboxEntry {
    std::string table, row_id;
};
std::optional<OutboxEntry> outbox_entry(Db& db, int64_t counter) {
    auto s = db.prepare("SELECT table_name, row_id FROM sync_outbox WHERE counter = ?1");
    s.bind(1, counter);
    if (!s.step()) return std::nullopt;
    return OutboxEntry{s.text(0), s.text(1)};
}

// The rows a queued command created locally (args "_creates": [[table, id], ...]),
// removed again when the server refuses the command.
json created_rows(Db& db, int64_t counter) {
    auto s = db.prepare("SELECT body FROM sync_outbox WHERE counter = ?1 AND op = 'command'");
    s.bind(1, counter);
    if (!s.step()) return json::array();
    const json b = json::parse(s.text(0), nullptr, false);
    if (!b.is_object() || !b.contains("args") || !b["args"].is_object()) return json::array();
    const json& c = b["args"].value("_creates", json::array());
    return c.is_array() ? c : json::array();
}

Hlc next_hlc(Db& db) {
    Hlc h = hlc_tick(meta_int(db, "sync.hlc"), now_ms());
    set_meta_int(db, "sync.hlc", h);
    return h;
}

// After the first complete pull from a restored server: every local row the
// server did not send (no sync_seen entry) is a row it lost. It is queued whole
// (base 0) with the lowest HLC, so it only fills in a row the server lacks and
// never overrides a value someone wrote (SYNC.md §8.1). Rows of commands-only
// tables cannot be written by upserts and are not sent.
void resend_rows_server_lacks(Db& db) {
    for (const auto& t : store::synced_tables()) {
        if (t.commands_only) continue;
        std::vector<std::string> ids;
        auto q = db.prepare("SELECT id FROM " + t.name +
                            " WHERE id NOT IN (SELECT row_id FROM sync_seen WHERE table_name = ?1)");  // registry name
        q.bind(1, t.name);
        while (q.step()) ids.push_back(q.text(0));
        for (const auto& id : ids) {
            auto row = store::read_row(db, t, id);
            if (!row) continue;
            row->erase("id");
            auto s = db.prepare(
                "INSERT INTO sync_outbox(hlc, schema_version, table_name, row_id, op, base_version, body, created_ms) "
                "VALUES (1, ?1, ?2, ?3, 'upsert', 0, ?4, ?5)");
            s.bind(1, store::latest_schema_version()).bind(2, t.name).bind(3, id);
            s.bind(4, json{{"fields", *row}, {"old", json::object()}}.dump()).bind(5, now_ms());
            s.run();
        }
    }
    store::set_local_meta(db, "sync.restore_pending", "0");
}

}  // namespace

PushSummary& PushSummary::operator+=(const PushSummary& o) {
    applied += o.applied;
    duplicate += o.duplicate;
    conflict += o.conflict;
    rejected += o.rejected;
    retry += o.retry;
    return *this;
}

std::string device_id(Db& db) {
    std::string id = store::get_local_meta(db, "sync.device_id");
    if (id.empty()) {
        id = new_uuid_v7();
        store::set_local_meta(db, "sync.device_id", id);
    }
    return id;
}

std::string device_id_for_login(Db& db, const std::string& username) {
    const std::string last = store::get_local_meta(db, "sync.username");
    if (last.empty() || last == username) return device_id(db);
    std::string id = new_uuid_v7();
    store::set_local_meta(db, "sync.device_id", id);
    return id;
}

void install_client(Db& db) {
    device_id(db);
    db.set_change_hook([](Db& d, const store::RowChange& c) {
        if (!c.local) return;  // server state being applied: not an edit of ours
        // Removing rows is never an edit that syncs (archiving is the soft delete, SYNC.md §8).
        if (store::is_deletion(c)) throw store::DbError(0, "a synced row is archived, never deleted: " + c.table);
        auto s = d.prepare(
            "INSERT INTO sync_outbox(hlc, schema_version, table_name, row_id, op, base_version, body, created_ms) "
            "VALUES (?1, ?2, ?3, ?4, 'upsert', ?5, ?6, ?7)");
        s.bind(1, next_hlc(d)).bind(2, store::latest_schema_version()).bind(3, c.table).bind(4, c.id);
        s.bind(5, seen_version(d, c.table, c.id));
        s.bind(6, json{{"fields", c.after}, {"old", c.before}}.dump()).bind(7, now_ms());
        s.run();
    });
}

void enqueue_command(Db& db, const std::string& table, const std::string& row_id, const std::string& command,
                     const std::string& expect, const json& args) {
    db.transaction([&] {
        auto s = db.prepare(
            "INSERT INTO sync_outbox(hlc, schema_version, table_name, row_id, op, base_version, body, created_ms) "
            "VALUES (?1, ?2, ?3, ?4, 'command', ?5, ?6, ?7)");
        s.bind(1, next_hlc(db)).bind(2, store::latest_schema_version()).bind(3, table).bind(4, row_id);
        s.bind(5, seen_version(db, table, row_id));
        s.bind(6, json{{"command", command}, {"expect", expect}, {"args", args}}.dump()).bind(7, now_ms());
        s.run();
    });
}

// [SECTION] push -------------------------------------------------------------------

std::optional<PushBatch> build_push(Db& db, size_t max) {
    PushBatch b;
    json ms = json::array();
    auto s = db.prepare("SELECT counter, hlc, schema_version, table_name, row_id, op, base_version, body "
                        "FROM sync_outbox ORDER BY counter LIMIT ?1");
    s.bind(1, static_cast<int64_t>(max));
    while (s.step()) {
        json m = {{"counter", s.int64(0)}, {"hlc", s.int64(1)},  {"schema", s.int64(2)}, {"table", s.text(3)},
                  {"row", s.text(4)},      {"op", s.text(5)},    {"base", s.int64(6)}};
        json body = json::parse(s.text(7), nullptr, false);
        if (body.is_object())
            for (auto& [k, v] : body.items()) m[k] = v;
        ms.push_back(std::move(m));
    }
    if (ms.empty()) return std::nullopt;
    b.count = ms.size();
    b.body = {{"device_id", device_id(db)}, {"mutations", std::move(ms)}};
    // The server refuses the batch (409) if it was restored since: see begin_restore.
    if (const std::string g = store::get_local_meta(db, "sync.generation"); !g.empty()) b.body["generation"] = g;
    return b;
}

PushSummary apply_push_response(Db& db, const json& response) {
    PushSummary sum;
    if (!response.contains("results") || !response["results"].is_array()) return sum;
    const std::string me = device_id(db);
    without_foreign_keys(db, [&] {
        for (const auto& res : response["results"]) {
            if (!res.is_object() || !res.contains("counter")) continue;
            const int64_t counter = res["counter"];
            auto entry = outbox_entry(db, counter);
            if (!entry) continue;  // already handled (answer applied twice)
            json r = res;
            if (r.value("status", "") == "duplicate") {
                ++sum.duplicate;
                r = res.value("original", json::object());
            }
            const std::string status = r.value("status", "");
            const int64_t seq = r.contains("seq") && r["seq"].is_number_integer() ? r["seq"].get<int64_t>() : 0;
            if (status == "applied") {
                if (res.value("status", "") != "duplicate") ++sum.applied;
                acknowledge(db, counter, seq);
            } else if (status == "conflict") {
                ++sum.conflict;
                for (const auto& c : r.value("conflicts", json::array())) {
                    auto s = db.prepare(
                        "INSERT OR IGNORE INTO sync_conflicts(table_name, row_id, field, base, mine, theirs, kept, "
                        "mine_device, mine_user, mine_hlc, mine_counter, theirs_device, theirs_user, theirs_hlc, "
                        "server_seq, recorded_ms) SELECT table_name, row_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, hlc, counter, "
                        "?9, ?10, ?11, ?12, ?13 FROM sync_outbox WHERE counter = ?1");
                    s.bind(1, counter).bind(2, c.value("field", "")).bind(3, c.value("base", json()).dump());
                    s.bind(4, c.value("mine", json()).dump()).bind(5, c.value("theirs", json()).dump());
                    s.bind(6, c.value("kept", "theirs")).bind(7, me).bind(8, r.value("mine_user", ""));
                    s.bind(9, c.value("theirs_device", "")).bind(10, c.value("theirs_user", ""));
                    s.bind(11, c.value("theirs_hlc", int64_t{0})).bind(12, r.value("version", int64_t{0}));
                    s.bind(13, now_ms());
                    s.run();
                }
                acknowledge(db, counter, seq);
                if (r.contains("row") && r["row"].is_object())
                    apply_server_row(db, entry->table, entry->row_id, r["row"], r.value("version", int64_t{0}), true);
            } else if (status == "rejected") {
                ++sum.rejected;
                record_rejected(db, counter, r);
                const json created = created_rows(db, counter);
                delete_outbox(db, counter);
                // A refused command's optimistic rows (its event, ...) go away.
                for (const auto& c : created)
                    if (c.is_array() && c.size() == 2 && c[0].is_string() && c[1].is_string() &&
                        pending_fields(db, c[0], c[1]).empty())
                        delete_local_row(db, c[0], c[1]);
                // Put the row back to what the server holds, so the replica stays equal.
                if (r.contains("row")) {
                    if (r["row"].is_object())
                        apply_server_row(db, entry->table, entry->row_id, r["row"], r.value("version", int64_t{0}),
                                         true);
                    else if (pending_fields(db, entry->table, entry->row_id).empty())
                        delete_local_row(db, entry->table, entry->row_id);
                }
            } else {
                ++sum.retry;
                auto s = db.prepare("UPDATE sync_outbox SET attempts = attempts + 1 WHERE counter = ?1");
                s.bind(1, counter);
                s.run();
            }
        }
        if (response.contains("server_hlc") && response["server_hlc"].is_number_integer())
            set_meta_int(db, "sync.hlc", hlc_receive(meta_int(db, "sync.hlc"), response["server_hlc"], now_ms()));
        auto prune = db.prepare("DELETE FROM sync_sent WHERE acked_ms < ?1");
        prune.bind(1, now_ms() - kSentRetentionMs);
        prune.run();
    });
    return sum;
}

PushSummary apply_push_forbidden(Db& db, const json& body) {
    PushSummary sum;
    const json& e = body.contains("error") ? body["error"] : body;
    if (!e.contains("counters") || !e["counters"].is_array()) return sum;
    without_foreign_keys(db, [&] {
        for (const auto& c : e["counters"]) {
            if (!c.is_number_integer()) continue;
            const int64_t counter = c;
            auto entry = outbox_entry(db, counter);
            if (!entry) continue;
            record_rejected(db, counter, {{"reason", e.value("code", "scope.forbidden")}});
            delete_outbox(db, counter);
            ++sum.rejected;
        }
    });
    // The local copy may now hold a change the server refused and we may not
    // read back: re-fetch everything once the queue is empty.
    store::set_local_meta(db, "sync.resnapshot_pending", "1");
    return sum;
}

// [SECTION] pull ------------------------------------------------------------------

std::string pull_path(Db& db, int limit) {
    const int64_t cursor = meta_int(db, "sync.cursor");
    const bool snapshot = cursor == 0 || store::get_local_meta(db, "sync.snapshot") == "1";
    return "/api/v1/sync/pull?cursor=" + std::to_string(cursor) + "&limit=" + std::to_string(limit) +
           (snapshot ? "&snapshot=1" : "");
}

PullResult apply_pull_page(Db& db, const json& page) {
    PullResult r;
    if (!page.contains("changes") || !page["changes"].is_array()) return r;
    if (auto change = generation_change(db, page)) {
        r.generation = std::move(change);  // nothing applied: the caller starts begin_restore
        return r;
    }
    without_foreign_keys(db, [&] {
        if (page.contains("generation") && page["generation"].is_string() &&
            store::get_local_meta(db, "sync.generation").empty())
            store::set_local_meta(db, "sync.generation", page["generation"].get<std::string>());
        const bool check_pending = pending_count(db) > 0;
        StmtCache cache(db);
        for (const auto& c : page["changes"]) {
            const std::string table = c.value("t", ""), id = c.value("id", "");
            if (c.value("exit", false)) {
                if (!check_pending || pending_fields(db, table, id).empty()) delete_local_row(db, table, id);
            } else if (c.contains("row") && c["row"].is_object()) {
                apply_server_row(db, table, id, c["row"], c.value("seq", int64_t{0}), check_pending, &cache);
            }
            ++r.applied;
        }
        const int64_t before = meta_int(db, "sync.cursor");
        if (before == 0) store::set_local_meta(db, "sync.snapshot", "1");
        set_meta_int(db, "sync.cursor", page.value("cursor", before));
        if (!page.value("more", false)) {
            store::set_local_meta(db, "sync.snapshot", "0");
            if (store::get_local_meta(db, "sync.restore_pending") == "1") resend_rows_server_lacks(db);
        }
        if (page.contains("server_hlc") && page["server_hlc"].is_number_integer())
            set_meta_int(db, "sync.hlc", hlc_receive(meta_int(db, "sync.hlc"), page["server_hlc"], now_ms()));
    });
    r.more = page.value("more", false);
    if (!r.more && page.contains("checksum") && pending_count(db) == 0) {
        r.checksum_checked = true;
        r.checksum_ok = local_checksum(db) == Checksum::from_json(page["checksum"]);
    }
    return r;
}

void begin_resnapshot(Db& db) {
    without_foreign_keys(db, [&] {
        if (pending_count(db) == 0) {
            // Children before parents; pending edits would be lost, so only when none wait.
            const auto& tables = store::synced_tables();
            for (auto it = tables.rbegin(); it != tables.rend(); ++it) store::delete_all_rows(db, *it, false);
            db.exec("DELETE FROM sync_seen");
            store::set_local_meta(db, "sync.resnapshot_pending", "0");
        } else {
            store::set_local_meta(db, "sync.resnapshot_pending", "1");
        }
        set_meta_int(db, "sync.cursor", 0);
    });
}

std::optional<GenerationChange> generation_change(Db& db, const json& answer) {
    const json* g = &answer;
    if (answer.contains("error") && answer["error"].is_object()) g = &answer["error"];  // a 409 push answer
    if (!g->contains("generation") || !(*g)["generation"].is_string()) return std::nullopt;
    const std::string now = (*g)["generation"];
    const std::string mine = store::get_local_meta(db, "sync.generation");
    if (mine.empty() || mine == now) return std::nullopt;
    const json& seq = g->value("generation_seq", json(0));
    return GenerationChange{now, seq.is_number_integer() ? seq.get<int64_t>() : 0};
}

void begin_restore(Db& db, const GenerationChange& change) {
    without_foreign_keys(db, [&] {
        // The acknowledged mutations the backup lacks go back into the outbox
        // under their own counters (the server recognises those it has) and HLCs
        // (so last-writer-wins decides as it did). Base: at most the backup's
        // seq, so a field written since the restore counts as concurrent.
        auto q = db.prepare(
            "INSERT OR IGNORE INTO sync_outbox(counter, hlc, schema_version, table_name, row_id, op, base_version, "
            "body, created_ms) SELECT counter, hlc, schema_version, table_name, row_id, op, min(base_version, ?1), "
            "body, created_ms FROM sync_sent WHERE seq > ?1 OR seq = 0");
        q.bind(1, change.seq);
        q.run();
        auto d = db.prepare("DELETE FROM sync_sent WHERE seq > ?1 OR seq = 0");
        d.bind(1, change.seq);
        d.run();
        // Versions seen in the old numbering mean nothing now. The whole scope is
        // pulled again over the local copy (nothing deleted: a row the server lost
        // is sent back once the pull is complete, resend_rows_server_lacks).
        db.exec("DELETE FROM sync_seen");
        set_meta_int(db, "sync.cursor", 0);
        store::set_local_meta(db, "sync.snapshot", "1");
        store::set_local_meta(db, "sync.resnapshot_pending", "0");
        store::set_local_meta(db, "sync.restore_pending", "1");
        store::set_local_meta(db, "sync.generation", change.generation);
    });
}

void record_sync_attempt(Db& db, bool ok, const std::string& error) {
    db.transaction([&] {
        const int64_t now = now_ms();
        set_meta_int(db, "sync.last_attempt_ms", now);
        if (ok) set_meta_int(db, "sync.last_ok_ms", now);
        store::set_local_meta(db, "sync.last_error", ok ? "" : error);
        set_meta_int(db, "sync.failures", ok ? 0 : meta_int(db, "sync.failures") + 1);
    });
}

int64_t retry_delay_ms(int failures, uint64_t random) {
    const int64_t cap = 5 * 60 * 1000;
    int64_t base = 1000;
    for (int i = 1; i < failures && base < cap; ++i) base *= 2;
    base = std::min(base, cap);
    return base / 2 + static_cast<int64_t>(random % static_cast<uint64_t>(base / 2 + 1));  // "equal jitter"
}

// [SECTION] status ------------------------------------------------------------------

std::string outbox_owner(Db& db) {
    const std::string owner = store::get_local_meta(db, "sync.outbox_user");
    return owner.empty() ? store::get_local_meta(db, "sync.username") : owner;
}

std::string outbox_blocked_by(Db& db, const std::string& username) {
    const std::string owner = outbox_owner(db);
    if (owner.empty() || owner == username) return {};
    auto q = db.prepare("SELECT 1 FROM sync_outbox LIMIT 1");
    return q.step() ? owner : std::string();
}

void set_outbox_owner(Db& db, const std::string& username) { store::set_local_meta(db, "sync.outbox_user", username); }

SyncStatus sync_status(Db& db) {
    SyncStatus st;
    {
        auto s = db.prepare("SELECT count(*), coalesce(min(created_ms), 0) FROM sync_outbox");
        s.step();
        st.pending = s.int64(0);
        st.oldest_pending_ms = s.int64(1);
    }
    {
        auto s = db.prepare("SELECT count(*) FROM sync_rejected WHERE dismissed = 0");
        s.step();
        st.rejected = s.int64(0);
    }
    {
        auto s = db.prepare("SELECT count(*) FROM sync_conflicts WHERE resolved = 0");
        s.step();
        st.conflicts = s.int64(0);
    }
    st.last_sync_ms = meta_int(db, "sync.last_ok_ms");
    st.last_attempt_ms = meta_int(db, "sync.last_attempt_ms");
    st.last_error = store::get_local_meta(db, "sync.last_error");
    st.cursor = meta_int(db, "sync.cursor");
    return st;
}

std::vector<Rejected> list_rejected(Db& db) {
    std::vector<Rejected> out;
    auto s = db.prepare("SELECT counter, table_name, row_id, op, body, reason, detail, created_ms, rejected_ms "
                        "FROM sync_rejected WHERE dismissed = 0 ORDER BY counter");
    while (s.step())
        out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(5), s.text(6),
                       json::parse(s.text(4), nullptr, false), s.int64(7), s.int64(8)});
    return out;
}

void dismiss_rejected(Db& db, int64_t counter) {
    auto s = db.prepare("UPDATE sync_rejected SET dismissed = 1 WHERE counter = ?1");
    s.bind(1, counter);
    s.run();
}

std::vector<Conflict> list_conflicts(Db& db, bool include_resolved) {
    std::vector<Conflict> out;
    auto s = db.prepare(std::string("SELECT id, table_name, row_id, field, base, mine, theirs, kept, mine_user, "
                                    "theirs_user, theirs_device, mine_hlc, theirs_hlc, recorded_ms, resolved "
                                    "FROM sync_conflicts") +
                        (include_resolved ? "" : " WHERE resolved = 0") + " ORDER BY id");
    auto parse = [](const std::string& t) { return json::parse(t, nullptr, false); };
    while (s.step()) {
        Conflict c;
        c.id = s.int64(0);
        c.table = s.text(1);
        c.row_id = s.text(2);
        c.field = s.text(3);
        c.base = parse(s.text(4));
        c.mine = parse(s.text(5));
        c.theirs = parse(s.text(6));
        c.kept = s.text(7);
        c.mine_user = s.text(8);
        c.theirs_user = s.text(9);
        c.theirs_device = s.text(10);
        c.mine_hlc = s.int64(11);
        c.theirs_hlc = s.int64(12);
        c.recorded_ms = s.int64(13);
        c.resolved = s.int64(14) != 0;
        out.push_back(std::move(c));
    }
    return out;
}

Check resolve_conflict(Db& db, int64_t id, Resolution r) {
    Check check;
    try {
        db.transaction([&] {
            auto s = db.prepare("SELECT table_name, row_id, field, mine, theirs FROM sync_conflicts WHERE id = ?1");
            s.bind(1, id);
            if (!s.step()) {
                check.error("sync.conflict_not_found", "id", std::to_string(id));
                return;
            }
            const std::string table = s.text(0), row_id = s.text(1), field = s.text(2);
            const json chosen = json::parse(r == Resolution::keep_mine ? s.text(3) : s.text(4), nullptr, false);
            const store::TableSpec* t = store::find_table(table);
            auto cur = t ? store::read_row(db, *t, row_id) : std::nullopt;
            if (!t || !cur) {
                check.error("sync.conflict_row_gone", "id", row_id);
                return;
            }
            // An ordinary local edit: it syncs (and is checked by the server) like any other.
            store::write_row(db, *t, row_id, json{{field, chosen}}, true);
            auto u = db.prepare("UPDATE sync_conflicts SET resolved = 1 WHERE id = ?1");
            u.bind(1, id);
            u.run();
        });
    } catch (const store::DbError& e) {
        check.error("store.error", "", e.what());
    }
    return check;
}

}  // namespace seimbang::sync
