// Planner instance from JSON (the `seimbang plan --input` format, see
// docs/PLANNER.md). Errors are values naming the offending item and field, so
// the CLI can print them and exit 2 and the server can answer 400 with them.
#pragma once
#include <optional>
#include <string_view>
#include <variant>

#include <nlohmann/json_fwd.hpp>

#include "model/result.h"
#include "plan/instance.h"

namespace seimbang::plan {

// Either an instance or the first problem found. Issue::code is a string-table
// key ("plan.error.unknown_position"), Issue::field the location
// ("employees[E7].position"), Issue::detail the offending value.
using ParseResult = std::variant<Instance, Issue>;

ParseResult parse_instance(std::string_view json_text);
ParseResult parse_instance_json(const nlohmann::json& doc);  // e.g. a server request body

}  // namespace seimbang::plan
