// Hybrid logical clock (HLC). Orders edits and breaks last-writer-wins ties; it
// is never the sync cursor (that is the server sequence). Packed in one int64:
// wall-clock milliseconds << 16 | logical counter, so plain integer comparison
// orders clocks and SQLite stores them as INTEGER. Ties between equal clocks are
// broken by device id (see merge rules in docs/SYNC.md).
#pragma once
#include <cstdint>

namespace seimbang::sync {

using Hlc = int64_t;

constexpr int kHlcLogicalBits = 16;
inline int64_t hlc_wall(Hlc h) { return h >> kHlcLogicalBits; }
inline int64_t hlc_logical(Hlc h) { return h & ((int64_t{1} << kHlcLogicalBits) - 1); }
inline Hlc make_hlc(int64_t wall_ms, int64_t logical) { return (wall_ms << kHlcLogicalBits) | logical; }

// Next clock for a local event: max(previous, now) with the logical part bumped
// when the wall clock did not advance (two edits in one millisecond stay ordered).
Hlc hlc_tick(Hlc previous, int64_t now_ms);

// Clock after receiving a remote clock: never goes backwards, stays after both.
Hlc hlc_receive(Hlc local, Hlc remote, int64_t now_ms);

// A device clock more than this far ahead of the server is clamped (not refused).
constexpr int64_t kMaxClockSkewMs = 5 * 60 * 1000;

// Wall-clock milliseconds since the Unix epoch.
int64_t now_ms();

}  // namespace seimbang::sync
