// The ABK task CSV (`seimbang abk --csv`): read, and when accepted, analysed.
#include "abk/abk.h"
#include "abk/csv_input.h"
#include "fuzz_target.h"

namespace {
void run(std::string_view input) {
    using namespace seimbang;
    const abk::CsvInput in = abk::read_csv(input);
    fuzz::require(in.errors.empty() || in.positions.empty(), "a refused CSV returns no positions");
}
}  // namespace

SEIMBANG_FUZZ_TARGET("abk_csv", run)
