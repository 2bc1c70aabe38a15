// A plan instance as JSON (`seimbang plan --instance FILE`).
#include "fuzz_target.h"
#include "plan/parse.h"

namespace {
void run(std::string_view input) { (void)seimbang::plan::parse_instance(input); }
}  // namespace

SEIMBANG_FUZZ_TARGET("plan_instance", run)
