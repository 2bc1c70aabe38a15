// Placeholder until the planner lands (issue 5): refuses clearly.
#include <ostream>

#include "cli/commands.h"

namespace seimbang::cli {
int cmd_plan(Context& ctx, const Args&) {
    ctx.err << "seimbang plan: not available yet\n";
    return kExitFailure;
}
}  // namespace seimbang::cli
