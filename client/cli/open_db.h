// Opens (and migrates) the local database named by the global --db option,
// reporting a clear error when it is missing or unusable.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "store/db.h"

namespace seimbang::cli {

std::unique_ptr<store::Db> open_db(Context& ctx);

// `--scope OFFICE` (an office id or its exact name) as an office id. Absent: the
// root office, or a usage error when `required`. On bad input prints
// "seimbang CMD: --scope: ..." and returns nullopt.
std::optional<std::string> scope_option(Context& ctx, store::Db& db, const Args& args, std::string_view cmd,
                                        bool required = false);
// `--year YYYY` (2000–2200); absent: this year (UTC). nullopt (message printed) on bad input.
std::optional<int> year_option(Context& ctx, const Args& args, std::string_view cmd);

}  // namespace seimbang::cli
