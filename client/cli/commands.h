// Subcommands of the `seimbang` command-line client. Each lives in its own file
// (cmd_<name>.cpp) and is registered in main.cpp.
//
// Exit codes (all commands): 0 success, 1 runtime failure (I/O, network, server),
// 2 bad input or usage (nothing was changed or printed on stdout).
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace seimbang::cli {

struct Context {
    std::string db_path;   // from the global `--db FILE` option; empty when not given
    std::ostream& out;     // results
    std::ostream& err;     // diagnostics
    std::istream& in;      // for --password-stdin and prompts
};

using Args = std::vector<std::string>;  // arguments after the command name

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

int cmd_abk(Context& ctx, const Args& args);
int cmd_plan(Context& ctx, const Args& args);
int cmd_demo(Context& ctx, const Args& args);
int cmd_report(Context& ctx, const Args& args);
// [sync] (cmd_login.cpp, cmd_status.cpp, cmd_records.cpp)
int cmd_login(Context& ctx, const Args& args);
int cmd_sync(Context& ctx, const Args& args);
int cmd_status(Context& ctx, const Args& args);
int cmd_resolve(Context& ctx, const Args& args);
int cmd_dismiss(Context& ctx, const Args& args);
int cmd_employee(Context& ctx, const Args& args);
int cmd_position(Context& ctx, const Args& args);
int cmd_task(Context& ctx, const Args& args);
// [import] (cmd_import.cpp)
int cmd_import(Context& ctx, const Args& args);
int cmd_export(Context& ctx, const Args& args);
// [workflow] (cmd_request.cpp)
int cmd_request(Context& ctx, const Args& args);
// [survey] campaigns (cmd_survey.cpp; online: campaigns are the server's)
int cmd_survey(Context& ctx, const Args& args);
// [national] the national views for pusat (cmd_national.cpp; online, after login to a national server)
int cmd_national(Context& ctx, const Args& args);

// Small shared helper: value of `--name VALUE` or `--name=VALUE` (a copy); nullopt when absent.
// Sets `missing_value` when the flag is present without a value.
std::optional<std::string> find_option(const Args& args, const std::string& name, bool* missing_value = nullptr);
bool has_flag(const Args& args, const std::string& name);

}  // namespace seimbang::cli
