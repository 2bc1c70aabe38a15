// Opens (and migrates) the local database named by the global --db option,
// reporting a clear error when it is missing or unusable.
#pragma once
#include <memory>

#include "cli/commands.h"
#include "store/db.h"

namespace seimbang::cli {

std::unique_ptr<store::Db> open_db(Context& ctx);

}  // namespace seimbang::cli
