// The push body (POST /api/v1/sync/push): the strict parser, then — for bodies
// it accepts — the whole push (scope, merge rules, record rules, commands) on
// the demo server database, as bkpsdm (may write everywhere) and as a kelurahan
// operator, alternately.
#include "fixture.h"
#include "fuzz_target.h"
#include "sync/push_request.h"

namespace {
void run(std::string_view input) {
    using namespace seimbang;
    auto req = sync::parse_push_request(std::string(input));
    if (req.error != sync::PushRequest::Error::None) {
        fuzz::require(req.mutations.empty() || req.error != sync::PushRequest::Error::MalformedJson,
                      "a malformed body yields no mutations");
        return;
    }
    auto& f = fuzz::server_fixture();
    const auto& who = input.size() % 2 ? f.bkpsdm : f.operator_;
    req.device_id = who.device_id;
    try {
        sync::Reply r = f.sync->push(who, std::move(req));
        fuzz::require(r.status == 200 || r.status == 400 || r.status == 403 || r.status == 409,
                      "a push answers 200, 400, 403 or 409");
    } catch (const store::DbError&) {
        // (an internal storage error: answered 500, the transaction rolled back)
    }
}
}  // namespace

SEIMBANG_FUZZ_TARGET("push_request", run)
