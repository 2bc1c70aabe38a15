// The national views from the command line (docs/SCALE.md "National views"),
// for a `pusat` account signed in to a national server with `seimbang login`.
// Nothing is replicated: each call reads one bounded answer of the server.
//   seimbang --db FILE national abk [--year N] [--province P] [--limit L] [--offset O]
//   seimbang --db FILE national transfers --from YYYY-MM-DD --to YYYY-MM-DD [--instansi ID] [--limit L] [--offset O]
//   seimbang --db FILE national claims [--limit L] [--offset O]
//   seimbang --db FILE national imut --from YYYY-MM-DD --to YYYY-MM-DD [--instansi ID] [--limit L] [--offset O]
// JSON views print the server's answer; `imut` prints the CSV (and the next
// page's offset on stderr when more follow). A refusal exits 2 with its code.
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/http_transport.h"
#include "cli/open_db.h"
#include "i18n/strings.h"
#include "model/date.h"
#include "store/repo.h"
#include "sync/client.h"
#include "sync/http.h"

namespace seimbang::cli {

namespace {

using nlohmann::json;

constexpr const char* kUsage =
    "usage: seimbang --db FILE national abk [--year N] [--province P] [--limit L] [--offset O]\n"
    "       seimbang --db FILE national transfers --from YYYY-MM-DD --to YYYY-MM-DD [--instansi ID] [--limit L] "
    "[--offset O]\n"
    "       seimbang --db FILE national claims [--limit L] [--offset O]\n"
    "       seimbang --db FILE national imut --from YYYY-MM-DD --to YYYY-MM-DD [--instansi ID] [--limit L] [--offset O]\n";

int refused(Context& ctx, const sync::HttpResult& r) {
    if (r.status == 0) {
        ctx.err << "seimbang national: " << i18n::tr("sync.cli.offline") << " [network]\n";
        return kExitFailure;
    }
    ctx.err << "seimbang national: HTTP " << r.status << " [" << sync::error_code(r) << "]\n";
    return r.status >= 500 ? kExitFailure : kExitBadInput;
}

}  // namespace

int cmd_national(Context& ctx, const Args& args) {
    if (args.empty() || (args[0] != "abk" && args[0] != "transfers" && args[0] != "claims" && args[0] != "imut")) {
        ctx.err << kUsage;
        return kExitBadInput;
    }
    const std::string view = args[0];
    // The query, from the options the view takes; dates are checked here first.
    std::string query;
    auto add = [&](const char* option, const char* param) {
        if (auto v = find_option(args, option)) query += std::string(query.empty() ? "?" : "&") + param + "=" + sync::query_value(*v);
    };
    if (view == "transfers" || view == "imut") {
        const auto from = find_option(args, "--from"), to = find_option(args, "--to");
        if (!from || !to || !parse_iso_date(*from) || !parse_iso_date(*to)) {
            ctx.err << "seimbang national: " << i18n::tr("export.bad_period") << " [export.bad_period]\n" << kUsage;
            return kExitBadInput;
        }
        add("--from", "from");
        add("--to", "to");
        add("--instansi", "instansi");
    }
    if (view == "abk") {
        add("--year", "year");
        add("--province", "province");
    }
    add("--limit", "limit");
    add("--offset", "offset");

    auto db = open_db(ctx);
    if (!db) return kExitFailure;
    const std::string server = store::get_local_meta(*db, "sync.server");
    const std::string token = store::get_local_meta(*db, "sync.token");
    if (server.empty() || token.empty()) {
        ctx.err << "seimbang national: " << i18n::tr("sync.cli.not_logged_in") << "\n";
        return kExitBadInput;
    }
    HttpTransport http(server, token, sync::device_id(*db));
    const std::string path = "/api/v1/national/" + (view == "imut" ? std::string("imut.csv") : view) + query;
    const auto r = http.get(path);
    if (r.status != 200) return refused(ctx, r);
    if (view == "imut") {
        ctx.out << r.body;
        return kExitOk;
    }
    const json j = json::parse(r.body, nullptr, false);
    if (j.is_discarded()) return refused(ctx, {502, r.body});
    ctx.out << j.dump(2) << "\n";
    return kExitOk;
}

}  // namespace seimbang::cli
