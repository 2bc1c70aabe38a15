// `seimbang --db FILE demo [--synthetic] [--employees N]`: fills an empty local
// database with the Medan Marelan demo (or Kota Medan scale synthetic data).
#include <ostream>

#include "cli/commands.h"
#include "cli/open_db.h"
#include "demo/seed.h"
#include "i18n/strings.h"
#include "store/repo.h"

namespace seimbang::cli {

int cmd_demo(Context& ctx, const Args& args) {
    auto db = open_db(ctx);
    if (!db) return kExitFailure;
    if (!store::get_local_meta(*db, "sync.server").empty()) {
        ctx.err << "seimbang demo: " << i18n::tr("cli.db_is_synced") << "\n";
        return kExitBadInput;
    }
    if (!store::list_offices(*db, true).empty()) {
        ctx.err << "seimbang demo: " << i18n::tr("cli.db_not_empty") << "\n";
        return kExitBadInput;
    }
    demo::SeedStats st;
    store::set_local_meta(*db, "demo.local", "1");
    if (has_flag(args, "--synthetic")) {
        demo::SyntheticParams p;
        if (auto n = find_option(args, "--employees")) {
            try {
                p.employees = std::stoi(*n);
            } catch (const std::exception&) {
                p.employees = -1;
            }
            if (p.employees < 0) {
                ctx.err << "seimbang demo: --employees: " << i18n::tr("abk.csv.bad_integer") << ": " << *n << "\n";
                return kExitBadInput;
            }
        }
        st = demo::seed_synthetic(*db, p);
    } else {
        st = demo::seed_marelan(*db);
    }
    ctx.out << st.offices << " offices, " << st.positions << " positions, " << st.employees << " employees, "
            << st.tasks << " ABK tasks\n";
    return kExitOk;
}

}  // namespace seimbang::cli
