// Compact binary form of a planner instance and of its plan, for handing a
// solve to another thread of execution: the browser client builds the instance
// on the UI thread from its SQLite copy and posts these bytes to the planner's
// Web Worker (client/platform/web/plan_worker.cpp), which answers with the
// plan's bytes; native front ends run the same round trip synchronously
// (docs/PLANNER.md "In the web client"). Little-endian, length-prefixed, with a
// magic and a version; decoding checks every length against the input and every
// index against the instance, and answers nullopt on anything malformed.
// Measured against the plan JSON format in docs/PLANNER.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "plan/instance.h"
#include "plan/planner.h"

namespace seimbang::plan {

std::string encode_instance(const Instance& inst);
std::optional<Instance> decode_instance(std::string_view bytes);

std::string encode_plan(const Plan& plan);
std::optional<Plan> decode_plan(std::string_view bytes);

// The worker's one job: decode an instance, solve it, encode the plan. An empty
// answer means the bytes were not an instance.
std::string solve_encoded(std::string_view instance_bytes);

}  // namespace seimbang::plan
