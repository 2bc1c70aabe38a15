// JSON form of ABK results (used by the CLI, the API and the client):
// {"positions":[{unit,position,workload_minutes,needed,needed_rounded,holders,
//   difference,ej,pj}], "units":[{unit,workload_minutes,needed,holders,eu,pu}]}
#pragma once
#include <nlohmann/json.hpp>

#include "abk/abk.h"

namespace seimbang::abk {

nlohmann::json to_json(const PositionResult& p);
nlohmann::json to_json(const UnitResult& u);
nlohmann::json to_json(const Result& r);

}  // namespace seimbang::abk
