// The JSON bodies the API reads besides the push (which has its own parser):
// the depth check every body passes first (server/api.cpp parse_json_body), then
// the readers of the plans request (plan::parse_plan_request), of a plan
// instance given whole, and of an import mapping.
#include <nlohmann/json.hpp>

#include "fuzz_target.h"
#include "io/mapping.h"
#include "plan/parse.h"
#include "plan/service.h"
#include "util/json_depth.h"

namespace {
void run(std::string_view input) {
    using namespace seimbang;
    if (!json_depth_within(input)) return;  // 400 request.too_deep before any parse
    const auto body = nlohmann::json::parse(input, nullptr, false);
    if (body.is_discarded()) return;
    (void)plan::parse_plan_request(body, Date{2026, 6, 1});
    (void)plan::parse_instance_json(body);
    Check check;
    (void)io::mapping_from_json(body, check);
}
}  // namespace

SEIMBANG_FUZZ_TARGET("api_json", run)
