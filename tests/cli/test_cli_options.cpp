// Regression: find_option returned a pointer into one shared buffer, so with two
// `--name=value` options the first one read the second's value
// (`login --server=URL --user=U` contacted a server named U,
// `abk --input=F --format=table` read a file named "table").
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "cli/commands.h"

using namespace seimbang::cli;

TEST_CASE("find_option: two --name=value options do not alias each other") {
    const Args args{"--server=http://127.0.0.1:9", "--user=operator.terjun"};
    auto server = find_option(args, "--server");
    auto user = find_option(args, "--user");
    REQUIRE(server);
    REQUIRE(user);
    CHECK(*server == "http://127.0.0.1:9");
    CHECK(*user == "operator.terjun");
}

TEST_CASE("find_option: both forms give the same value; a flag without a value is reported") {
    bool missing = false;
    CHECK(find_option({"--format", "table"}, "--format", &missing) == "table");
    CHECK_FALSE(missing);
    CHECK(find_option({"--format=table"}, "--format", &missing) == "table");
    CHECK_FALSE(find_option({"--format"}, "--format", &missing));
    CHECK(missing);
    CHECK_FALSE(find_option({"--formats=x"}, "--format"));
}

TEST_CASE("abk --input=F --format=table reads F and prints a table") {
    std::ostringstream out, err;
    std::istringstream in;
    Context ctx{{}, out, err, in};
    const std::string data = std::string(SEIMBANG_SOURCE_DIR) + "/tests/cli/data/two_kelurahan.csv";
    const int code = cmd_abk(ctx, {"--input=" + data, "--format=table"});
    INFO(err.str());
    REQUIRE(code == kExitOk);
    CHECK(out.str().find("Kelurahan Terjun") != std::string::npos);
    CHECK(out.str().find("{") == std::string::npos);  // a table, not JSON
}

TEST_CASE("login --server=URL --user=U contacts URL, not a server named after the user") {
    std::ostringstream out, err;
    std::istringstream in("secret\n");
    const std::string db = (std::filesystem::temp_directory_path() / "seimbang-cli-options-login.db").string();
    std::filesystem::remove(db);
    Context ctx{db, out, err, in};
    // Port 9 (discard) on loopback: nothing listens, the login fails offline and names the server it tried.
    const int code = cmd_login(ctx, {"--server=http://127.0.0.1:9", "--user=operator.terjun", "--password-stdin"});
    CHECK(code == kExitFailure);
    CHECK(err.str().find("http://127.0.0.1:9") != std::string::npos);
    CHECK(err.str().find(": operator.terjun") == std::string::npos);
    std::filesystem::remove(db);
}
