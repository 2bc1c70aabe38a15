#include "cli/open_db.h"

#include <ostream>

#include "i18n/strings.h"
#include "model/date.h"
#include "store/repo.h"
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

std::optional<std::string> scope_option(Context& ctx, store::Db& db, const Args& args, std::string_view cmd,
                                        bool required) {
    auto scope = find_option(args, "--scope");
    const auto offices = store::list_offices(db);
    if (!scope) {
        if (required) {
            ctx.err << "seimbang " << cmd << ": --scope OFFICE is required\n";
            return std::nullopt;
        }
        for (const auto& o : offices)
            if (o.parent_id.empty()) return o.id;
        ctx.err << "seimbang " << cmd << ": " << i18n::tr("office.not_found") << "\n";
        return std::nullopt;
    }
    for (const auto& o : offices)
        if (o.id == *scope || o.name == *scope) return o.id;
    ctx.err << "seimbang " << cmd << ": --scope: " << i18n::tr("office.not_found") << ": " << *scope << "\n";
    return std::nullopt;
}

std::optional<int> year_option(Context& ctx, const Args& args, std::string_view cmd) {
    auto y = find_option(args, "--year");
    if (!y) return today_utc().year;
    int year = 0;
    try {
        size_t used = 0;
        year = std::stoi(*y, &used);
        if (used != y->size()) year = 0;
    } catch (const std::exception&) {
        year = 0;
    }
    if (year < 2000 || year > 2200) {
        ctx.err << "seimbang " << cmd << ": --year: " << i18n::tr("abk.bad_year") << ": " << *y << "\n";
        return std::nullopt;
    }
    return year;
}

}  // namespace seimbang::cli
