#include "cli/open_db.h"

#include <ostream>

#include "i18n/strings.h"
#include "store/schema.h"

namespace seimbang::cli {

std::unique_ptr<store::Db> open_db(Context& ctx) {
    if (ctx.db_path.empty()) {
        ctx.err << "seimbang: " << i18n::tr("cli.db_required") << " (--db FILE)\n";
        return nullptr;
    }
    try {
        auto db = std::make_unique<store::Db>(ctx.db_path);
        // Journal mode DELETE: the same as the browser (no WAL on IndexedDB files).
        db->exec("PRAGMA journal_mode=DELETE");
        store::migrate(*db);
        return db;
    } catch (const store::DbError& e) {
        ctx.err << "seimbang: " << i18n::tr("cli.db_unusable") << ": " << ctx.db_path << ": " << e.what() << "\n";
        return nullptr;
    }
}

}  // namespace seimbang::cli
