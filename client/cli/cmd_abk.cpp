// Placeholder until the ABK command lands: refuses clearly.
#include <ostream>

#include "cli/commands.h"

namespace seimbang::cli {
int cmd_abk(Context& ctx, const Args&) {
    ctx.err << "seimbang abk: not available yet\n";
    return kExitFailure;
}
}  // namespace seimbang::cli
