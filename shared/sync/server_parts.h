// The parts of ServerSync (server_sync.h) that each own one thing: the change
// log's clock, the per-office checksums, what one push remembers between its
// mutations, and who the change log names as the writer.
#pragma once
#include <any>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/types.h"
#include "store/db.h"
#include "store/schema.h"
#include "sync/hlc.h"

namespace seimbang::sync {

// The change log's clock (docs/SYNC.md §4, §8.1): the seqs it hands out, the
// oldest cursor it still serves (exit records older than the retention window
// are purged), the database generation and the server's hybrid logical clock.
// Other processes may write the same database (`seimbang-server purge`,
// `restore`, `init` beside a serving one): catch_up() and refresh() read what
// they changed.
class LogClock {
public:
    // Reads the stored state; a database served for the first time gets a generation.
    explicit LogClock(store::Db& db);
    // The highest seq stored in a server database (rows and exit records), 0 when empty.
    static int64_t stored_max(store::Db& db);
    int64_t stored_max() const { return stored_max(db_); }

    // Called at the start of every writing transaction: seqs must stay unique and
    // grow in commit order even when another process wrote since, or a device's
    // cursor could pass over a row.
    void catch_up();
    int64_t take() { return next_++; }  // the next seq, used
    // Seqs taken from a mark on were not used after all (the write failed).
    int64_t mark() const { return next_; }
    void give_back(int64_t mark) { next_ = mark; }
    int64_t last_taken() const { return next_ - 1; }
    // The seq of the last row write (what a command's answer names).
    void wrote(int64_t seq) { last_written_ = seq; }
    int64_t last_written() const { return last_written_; }

    // Re-reads the generation and the retention floor (a purge or a restore may
    // have changed them beside this process).
    void refresh();
    int64_t min_cursor() const { return min_cursor_; }
    // Exit records up to `seq` were purged: older cursors must re-snapshot (stored).
    void raise_min_cursor(int64_t seq);
    const std::string& generation() const { return generation_; }
    int64_t generation_seq() const { return generation_seq_; }

    // The server's HLC after receiving a device's clock at `now`.
    Hlc receive(Hlc remote, int64_t now);
    Hlc hlc() const { return hlc_; }

private:
    store::Db& db_;
    int64_t next_ = 1;
    int64_t seen_data_version_ = -1;  // PRAGMA data_version at the last catch_up
    int64_t last_written_ = 0;
    int64_t min_cursor_ = 0;
    std::string generation_;
    int64_t generation_seq_ = 0;
    Hlc hlc_ = 0;
};

// Per (table, office): row count and wrapping sum of row hashes, the checksum a
// pull hands out (docs/SYNC.md §6), kept as rows are written. During a push
// the deltas are summed in memory and written once per office (flush).
class ChecksumLedger {
public:
    explicit ChecksumLedger(store::Db& cache) : db_(cache) {}
    // A row of `hash` entered (+1) or left (-1) the office's sum.
    void adjust(const std::string& table, const std::string& office, uint64_t hash, int delta);
    void begin_batch() {
        batching_ = true;
        delta_.clear();
    }
    void flush();  // the batch's sums, inside its transaction
    void end_batch() {
        batching_ = false;
        delta_.clear();
    }
    bool batching() const { return batching_; }
    // The batch's sums so far, to go back to when a savepoint is rolled back.
    using Mark = std::map<std::pair<std::string, std::string>, std::pair<int64_t, uint64_t>>;
    Mark mark() const { return delta_; }
    void rewind(Mark m) { delta_ = std::move(m); }

private:
    void write(const std::string& table, const std::string& office, int64_t delta_rows, uint64_t delta_hash);
    store::Db& db_;
    bool batching_ = false;
    Mark delta_;
};

// What one push remembers between its mutations (forgotten when it starts).
struct PushMemo {
    // The field names of the last upsert and their column indexes: a batch's
    // mutations mostly carry the same keys.
    struct FieldColumns {
        const store::TableSpec* table = nullptr;
        std::vector<std::string> keys;
        std::vector<int> cols;
    };
    FieldColumns last_fields;
    // Offices and positions read by the reference rules (a batch's new rows point
    // at a few of them); forgotten when the push writes an office, a position or
    // runs a command.
    std::unordered_map<std::string, std::optional<Office>> offices;
    std::unordered_map<std::string, std::optional<Position>> positions;
    std::map<std::string, std::any> command;  // CommandContext::memo; forgotten when an office is written
    void forget_references() {
        offices.clear();
        positions.clear();
    }
    void clear() {
        forget_references();
        command.clear();
    }
};

// Who the change-log entries being written name: the pushing device and user
// with the mutation's clock, else the server itself.
class WriterStamp {
public:
    void set(std::string device, std::string user, Hlc hlc) {
        device_ = std::move(device);
        user_ = std::move(user);
        hlc_ = hlc;
    }
    void reset() { set("server", "server", 0); }
    const std::string& device() const { return device_; }
    const std::string& user() const { return user_; }
    Hlc hlc() const { return hlc_; }
    // `"device","user"` as JSON, escaped once per writer.
    const std::string& quoted();

private:
    std::string device_ = "server", user_ = "server";
    Hlc hlc_ = 0;
    std::pair<std::string, std::string> quoted_for_;
    std::string quoted_;
};

}  // namespace seimbang::sync
