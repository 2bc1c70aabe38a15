// `seimbang`: the native command-line client. Global options come before the
// command: `seimbang [--db FILE] COMMAND [ARGS...]`.
#include <cstring>
#include <functional>
#include <iostream>
#include <map>

#include "cli/commands.h"

namespace seimbang::cli {

// Returns a copy, never a pointer into shared storage: two options read one after
// the other (`--server=URL --user=U`) must not alias each other.
std::optional<std::string> find_option(const Args& args, const std::string& name, bool* missing_value) {
    if (missing_value) *missing_value = false;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            if (i + 1 < args.size()) return args[i + 1];
            if (missing_value) *missing_value = true;
            return std::nullopt;
        }
        if (args[i].rfind(name + "=", 0) == 0) return args[i].substr(name.size() + 1);
    }
    return std::nullopt;
}

bool has_flag(const Args& args, const std::string& name) {
    for (const auto& a : args)
        if (a == name) return true;
    return false;
}

}  // namespace seimbang::cli

#ifndef SEIMBANG_CLI_NO_MAIN
namespace {

using seimbang::cli::Args;
using seimbang::cli::Context;

struct Command {
    std::function<int(Context&, const Args&)> run;
    const char* summary;
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"abk", {seimbang::cli::cmd_abk, "compute workload analysis (ABK) from a CSV file"}},
        {"plan", {seimbang::cli::cmd_plan, "propose rebalancing moves (optimal plan)"}},
        {"report", {seimbang::cli::cmd_report, "reports to print: abk --format xlsx|pdf|csv --out FILE [--scope OFFICE]"}},
        {"demo", {seimbang::cli::cmd_demo, "fill an empty local database with demo data"}},
        {"login", {seimbang::cli::cmd_login, "log in to a sync server (--server URL --user U [--password-stdin])"}},
        {"sync", {seimbang::cli::cmd_sync, "send pending edits and fetch changes (safe to re-run)"}},
        {"status", {seimbang::cli::cmd_status, "pending edits, last sync, conflicts, rejected edits [--json]"}},
        {"resolve", {seimbang::cli::cmd_resolve, "settle a conflict: ID --keep-mine|--take-theirs"}},
        {"dismiss", {seimbang::cli::cmd_dismiss, "remove a rejected edit from the attention list"}},
        {"employee", {seimbang::cli::cmd_employee, "employees: add|edit|list|archive (offline)"}},
        {"position", {seimbang::cli::cmd_position, "positions: add|edit|list|archive (offline)"}},
        {"task", {seimbang::cli::cmd_task, "ABK tasks: add|edit|list|archive (offline)"}},
        {"import", {seimbang::cli::cmd_import, "import employees|positions|tasks from CSV/XLSX (dry run; --apply)"}},
        {"export", {seimbang::cli::cmd_export, "export employees|positions|tasks as CSV of the import shape"}},
        {"survey", {seimbang::cli::cmd_survey, "satisfaction survey campaigns: create|list (online, after login)"}},
        {"request", {seimbang::cli::cmd_request,
                     "transfer requests: new|list|show|submit|approve|return|reject|cancel|verify|decide|attach"}},
        {"national", {seimbang::cli::cmd_national,
                      "national views for pusat: abk|transfers|claims|imut (online, a national server)"}},
    };
    return table;
}

void usage(std::ostream& os) {
    os << "usage: seimbang [--db FILE] COMMAND [ARGS...]\n\ncommands:\n";
    for (const auto& [name, cmd] : commands()) os << "  " << name << "\t" << cmd.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    Args all(argv + 1, argv + argc);
    Context ctx{{}, std::cout, std::cerr, std::cin};
    size_t i = 0;
    while (i < all.size() && all[i].rfind("--", 0) == 0) {
        if (all[i] == "--db" && i + 1 < all.size()) {
            ctx.db_path = all[i + 1];
            i += 2;
        } else if (all[i].rfind("--db=", 0) == 0) {
            ctx.db_path = all[i].substr(5);
            ++i;
        } else if (all[i] == "--help") {
            usage(std::cout);
            return 0;
        } else {
            std::cerr << "seimbang: unknown global option " << all[i] << "\n";
            usage(std::cerr);
            return seimbang::cli::kExitBadInput;
        }
    }
    if (i >= all.size()) {
        usage(std::cerr);
        return seimbang::cli::kExitBadInput;
    }
    auto it = commands().find(all[i]);
    if (it == commands().end()) {
        std::cerr << "seimbang: unknown command '" << all[i] << "'\n";
        usage(std::cerr);
        return seimbang::cli::kExitBadInput;
    }
    Args rest(all.begin() + static_cast<long>(i) + 1, all.end());
    return it->second.run(ctx, rest);
}
#endif  // SEIMBANG_CLI_NO_MAIN
