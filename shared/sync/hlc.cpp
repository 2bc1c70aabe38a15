#include "sync/hlc.h"

#include <algorithm>
#include <chrono>

namespace seimbang::sync {

Hlc hlc_tick(Hlc previous, int64_t now) {
    const int64_t wall = std::max(hlc_wall(previous), now);
    if (wall == hlc_wall(previous)) {
        const int64_t logical = hlc_logical(previous) + 1;
        // Logical overflow (65,536 events in one ms): borrow the next millisecond.
        if (logical >> kHlcLogicalBits) return make_hlc(wall + 1, 0);
        return make_hlc(wall, logical);
    }
    return make_hlc(wall, 0);
}

Hlc hlc_receive(Hlc local, Hlc remote, int64_t now) { return hlc_tick(std::max(local, remote), now); }

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace seimbang::sync
