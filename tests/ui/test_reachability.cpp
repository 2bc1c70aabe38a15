// The desktop build's connectivity guess (client/app/reachability.h): offline
// after an unanswered request, a probe due every interval while offline, online
// again after any answer.
#include <doctest/doctest.h>

#include "app/reachability.h"

using seimbang::app::Reachability;

TEST_CASE("reachability: unanswered request -> offline; probes every interval; any answer -> online") {
    Reachability r(5000);
    CHECK(r.online());
    CHECK_FALSE(r.probe_due(100));  // online: nothing to probe

    r.answered(false, 1000);  // a push found no server
    CHECK_FALSE(r.online());
    CHECK_FALSE(r.probe_due(3000));  // the failed request was the first probe
    CHECK(r.probe_due(6000));
    CHECK_FALSE(r.probe_due(6001));  // counted as sent
    r.answered(false, 6100);          // the probe failed too
    CHECK_FALSE(r.probe_due(10000));
    CHECK(r.probe_due(11100));

    r.answered(true, 11200);  // any answer, even a 401 or 500, means the server is reachable
    CHECK(r.online());
    CHECK_FALSE(r.probe_due(30000));
}
