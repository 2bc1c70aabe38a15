// Writes ABK inputs in the CSV format read by csv_input.h (round-trips).
#pragma once
#include <string>
#include <vector>

#include "abk/abk.h"

namespace seimbang::abk {

std::string to_csv(const std::vector<PositionInput>& positions);

}  // namespace seimbang::abk
