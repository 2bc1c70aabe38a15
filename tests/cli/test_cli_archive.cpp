// `seimbang employee archive` records why a person left, like the app's
// "Arsipkan pegawai": exit kind and reason required, a placement history row.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "cli/commands.h"
#include "store/db.h"
#include "store/placements.h"
#include "store/repo.h"

using namespace seimbang;
using namespace seimbang::cli;

TEST_CASE("cli employee archive: exit kind and reason required, recorded in the history") {
    const auto path = (std::filesystem::temp_directory_path() / "seimbang-cli-archive.db").string();
    std::filesystem::remove(path);
    std::ostringstream out, err;
    std::istringstream in;
    Context ctx{path, out, err, in};
    REQUIRE(cmd_demo(ctx, {}) == kExitOk);
    std::string id;
    {
        store::Db db(path);
        id = store::list_employees(db).front().id;
    }
    CHECK(cmd_employee(ctx, {"archive", id}) == kExitBadInput);  // no exit kind, no reason
    CHECK(cmd_employee(ctx, {"archive", id, "--exit", "pensiun"}) == kExitBadInput);  // no reason
    {
        store::Db db(path);
        CHECK_FALSE(store::get_employee(db, id)->archived);
    }
    CHECK(cmd_employee(ctx, {"archive", id, "--exit", "pensiun", "--reason", "BUP 58 tahun", "--tmt", "2026-04-01"}) ==
          kExitOk);
    store::Db db(path);
    CHECK(store::get_employee(db, id)->archived);
    const auto h = store::list_placements(db, id);
    REQUIRE(h.size() == 1);
    CHECK(h[0].cause == "arsip");
    CHECK(h[0].exit_kind == "pensiun");
    CHECK(h[0].reason == "BUP 58 tahun");
    CHECK(h[0].tmt == "2026-04-01");
    std::filesystem::remove(path);
}
