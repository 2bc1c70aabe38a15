// The body of POST /api/v1/sync/push (docs/SYNC.md §5) parsed straight into
// typed mutations, without a JSON tree: building and walking an nlohmann tree
// per mutation was more than half of a push's cost. The parser is a strict
// RFC 8259 reader (UTF-8 checked, surrogate pairs, no trailing garbage); what
// it does not need it only checks and skips. It stays cheap (~7,400 instructions
// per employee upsert) by never building what it can look at in place: keys are
// compared as views into the body, a string without escapes is found by a
// 16-byte scan and copied once, integers are summed while scanned, and objects
// sent sorted (as our clients send them) are not sorted again.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/value.h"

namespace seimbang::sync {

struct PushField {
    std::string key;
    store::Value value;
};

struct PushMutation {
    int64_t counter = 0, hlc = 0, schema = 0, base = 0;
    std::string table, row, op, command;
    // Sorted by key, a repeated key keeping its last value (the semantics of a
    // JSON object as nlohmann reads it, so results list fields in that order).
    std::vector<PushField> fields, old;
    bool has_fields = false;  // "fields" was an object
    // Where the mutation's own text lies in PushRequest::body: a command's
    // handler gets it as a JSON tree (rare).
    size_t raw_begin = 0, raw_end = 0;
    bool shape_ok = false;  // the typed keys §5 requires are there
};

struct PushRequest {
    enum class Error { None, MalformedJson, BadShapeMutations, BadShapeMutation };
    Error error = Error::None;
    std::string device_id;  // empty when absent or not a string
    // The server database generation the client last synced with (docs/SYNC.md
    // §8.1); empty when absent (first sync, older clients).
    std::string generation;
    std::vector<PushMutation> mutations;
    std::string body;
    std::string_view raw(const PushMutation& m) const {
        return std::string_view(body).substr(m.raw_begin, m.raw_end - m.raw_begin);
    }
    // The lowest and highest counter of the batch (not empty): the stores read
    // their idempotency records for the batch in one range.
    std::pair<int64_t, int64_t> counter_range() const {
        int64_t lo = mutations.front().counter, hi = lo;
        for (const auto& m : mutations) {
            lo = std::min(lo, m.counter);
            hi = std::max(hi, m.counter);
        }
        return {lo, hi};
    }
};

// Parses `body` (moved into the result).
PushRequest parse_push_request(std::string body);

}  // namespace seimbang::sync
