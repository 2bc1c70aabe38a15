#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "cli/commands.h"

using namespace seimbang::cli;

TEST_CASE("a demo database never logs in to a server (its rows have no outbox entries)") {
    const auto path = (std::filesystem::temp_directory_path() / "seimbang-cli-demo-login.db").string();
    std::filesystem::remove(path);
    std::ostringstream out, err;
    std::istringstream in("marelan2026\n");
    Context ctx{path, out, err, in};
    REQUIRE(cmd_demo(ctx, {}) == kExitOk);
    const int code = cmd_login(ctx, {"--server", "http://127.0.0.1:9", "--user", "operator.terjun", "--password-stdin"});
    CHECK(code == kExitBadInput);
    CHECK(err.str().find("demo") != std::string::npos);
    std::filesystem::remove(path);
}
