// What every reader and writer of a synced table needs beyond its registry
// entry (store/schema.h), derived once per table from that entry and from the
// schema itself: the statement texts, the row positions in canonical (key
// sorted) order for the row hash, the SQLite affinity of each column. One
// place, so the client's writer, the pull apply, the row hash, the checksums
// and the server's push and pull all use the same facts (they used to cache
// their own copies). Names come from the fixed registry, never from input.
#pragma once
#include <string>
#include <vector>

#include "store/schema.h"

namespace seimbang::store {

struct TableFacts {
    std::string select_by_id;   // "SELECT id, c1, … FROM t WHERE id = ?1" (row order: id, then t.columns)
    std::string select_all;     // "SELECT id, c1, … FROM t"
    std::string log_by_id;      // "SELECT _seq, _meta FROM t WHERE id = ?1" (the server's change-log columns)
    std::string office_by_id;   // "SELECT <office column> FROM t WHERE id = ?1"
    std::string delete_by_id;   // "DELETE FROM t WHERE id = ?1"
    // Row positions ([0] = id, [k + 1] = t.columns[k]) in the order nlohmann
    // dumps an object's keys (sorted): the canonical row of the row hash.
    std::vector<size_t> canonical_order;
};

// The facts of a registry table (`t` must be an entry of synced_tables()).
const TableFacts& facts(const TableSpec& t);

// Per column of t.columns: SQLite's affinity of its declared type
// (datatype3.html §3.1): 'I' integer, 'T' text, 'B' blob (none), 'R' real,
// 'N' numeric. Read once per process, on first use (the server's push), from
// a database migrated to this build's schema.
const std::vector<char>& affinity(const TableSpec& t);

}  // namespace seimbang::store
