// An import file as CSV (`seimbang import`): read into a sheet, then planned
// (dry run, nothing written) for each kind of import against the demo database.
#include "fixture.h"
#include "fuzz_target.h"
#include "io/import.h"
#include "io/sheet.h"

namespace {
void run(std::string_view input) {
    using namespace seimbang;
    io::ReadError error;
    const auto sheet = io::read_csv_sheet(input, &error);
    if (!sheet) return;
    auto& f = fuzz::server_fixture();
    for (auto kind : {io::ImportKind::employees, io::ImportKind::positions, io::ImportKind::tasks}) {
        io::Mapping m;
        m.kind = kind;
        const io::ImportPlan plan = io::plan_import(f.db, *sheet, m);
        fuzz::require(plan.refused >= 0 && plan.added >= 0, "plan counts are not negative");
    }
}
}  // namespace

SEIMBANG_FUZZ_TARGET("import_csv", run)
