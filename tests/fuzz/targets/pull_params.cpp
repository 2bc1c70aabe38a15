// The pull request's query (cursor, limit, snapshot), then the pull itself on the
// demo server database, as a kelurahan operator. Input: the three values
// separated by '&' (a missing one is absent).
#include <string>

#include "fixture.h"
#include "fuzz_target.h"

namespace {
void run(std::string_view input) {
    using namespace seimbang;
    std::optional<std::string_view> part[3];
    for (int i = 0; i < 3 && !input.empty(); ++i) {
        const size_t amp = input.find('&');
        part[i] = input.substr(0, amp);
        input = amp == std::string_view::npos ? std::string_view() : input.substr(amp + 1);
    }
    const sync::PullParams p = sync::parse_pull_params(part[0], part[1], part[2]);
    if (!p.error.empty()) return;
    fuzz::require(p.cursor >= 0 && p.limit >= 1 && p.limit <= 100000, "pull parameters are in range");
    auto& f = fuzz::server_fixture();
    const sync::Reply r = f.sync->pull(f.operator_, p.cursor, p.limit, p.snapshot, true);
    fuzz::require(r.status == 200 || r.status == 410, "a pull answers 200 or 410");
}
}  // namespace

SEIMBANG_FUZZ_TARGET("pull_params", run)
