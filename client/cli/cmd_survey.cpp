// Survey campaigns from the command line (docs/SURVEY.md): a camat or BKPSDM
// opens one without curl, and anyone signed in lists those that concern them.
// Campaigns are the server's (not synced rows), so both talk to the server
// named by `seimbang login`:
//   seimbang --db FILE survey create --title TEXT --period 2026-S2 --opens YYYY-MM-DD --closes YYYY-MM-DD
//            [--scope OFFICE]          (default: the signed-in user's office; the default questionnaire)
//   seimbang --db FILE survey list [--json]
// The campaign is checked on this side first (every field's problem, nothing
// sent), then by the server; a refusal exits 2 with the reason and its code.
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/http_transport.h"
#include "cli/open_db.h"
#include "i18n/strings.h"
#include "store/repo.h"
#include "survey/survey_db.h"
#include "sync/client.h"

namespace seimbang::cli {

namespace {

using nlohmann::json;

constexpr const char* kUsage =
    "usage: seimbang --db FILE survey create --title TEXT --period 2026-S2 --opens YYYY-MM-DD --closes YYYY-MM-DD "
    "[--scope OFFICE]\n"
    "       seimbang --db FILE survey list [--json]\n";

void print_issue(Context& ctx, const Issue& i) {
    ctx.err << "seimbang survey: " << i18n::describe(i, i18n::current()) << " [" << i.code
            << (i.field.empty() ? "" : ", " + i.field) << "]\n";
}

// The server's refusal ({"error": {"code", "field"}}) or a transport failure: exit code.
int report_failure(Context& ctx, const sync::HttpResult& r) {
    if (r.status == 0) {
        ctx.err << "seimbang survey: " << i18n::tr("survey.create_offline") << " [network]\n";
        return kExitFailure;
    }
    const json j = json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object()) {
        print_issue(ctx, {j["error"].value("code", "request.failed"), j["error"].value("field", ""), "", false});
        return r.status >= 500 ? kExitFailure : kExitBadInput;
    }
    ctx.err << "seimbang survey: HTTP " << r.status << "\n";
    return kExitFailure;
}

std::unique_ptr<HttpTransport> server_of(Context& ctx, store::Db& db) {
    const std::string server = store::get_local_meta(db, "sync.server");
    const std::string token = store::get_local_meta(db, "sync.token");
    if (server.empty() || token.empty()) {
        ctx.err << "seimbang survey: " << i18n::tr("sync.cli.not_logged_in") << "\n";
        return nullptr;
    }
    return std::make_unique<HttpTransport>(server, token, sync::device_id(db));
}

int cmd_create(Context& ctx, store::Db& db, const Args& args) {
    survey::Campaign c;
    c.title = find_option(args, "--title").value_or("");
    c.period = find_option(args, "--period").value_or("");
    c.opens = find_option(args, "--opens").value_or("");
    c.closes = find_option(args, "--closes").value_or("");
    if (find_option(args, "--scope")) {
        const auto scope = scope_option(ctx, db, args, "survey");
        if (!scope) return kExitBadInput;
        c.scope_office_id = *scope;
    } else {
        const json u = json::parse(store::get_local_meta(db, "sync.user", "{}"), nullptr, false);
        c.scope_office_id = u.is_object() ? u.value("office_id", "") : "";
    }
    auto server = server_of(ctx, db);
    if (!server) return kExitBadInput;
    // Every field's problem at once, before anything is sent (the offices come with sync).
    const Check k = survey::validate_campaign(db, c);
    if (!k.ok()) {
        for (const auto& i : k.issues) print_issue(ctx, i);
        ctx.err << kUsage;
        return kExitBadInput;
    }
    const auto r = server->post_json("/api/v1/surveys", json{{"title", c.title},
                                                             {"period", c.period},
                                                             {"scope_office_id", c.scope_office_id},
                                                             {"opens", c.opens},
                                                             {"closes", c.closes}}
                                                            .dump());
    if (r.status != 201) return report_failure(ctx, r);
    const json j = json::parse(r.body, nullptr, false);
    const json made = j.is_object() && j.contains("campaign") ? j["campaign"] : json::object();
    ctx.out << i18n::tr("survey.cli.created") << ": " << made.value("title", "") << " (" << made.value("period", "")
            << ", " << made.value("opens", "") << " – " << made.value("closes", "") << ")\nid " << made.value("id", "")
            << "\n";
    return kExitOk;
}

int cmd_list(Context& ctx, store::Db& db, const Args& args) {
    auto server = server_of(ctx, db);
    if (!server) return kExitBadInput;
    const auto r = server->get("/api/v1/surveys");
    if (r.status != 200) return report_failure(ctx, r);
    const json j = json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.contains("campaigns") || !j["campaigns"].is_array()) {
        ctx.err << "seimbang survey: " << i18n::tr("survey.create_failed") << "\n";
        return kExitFailure;
    }
    if (has_flag(args, "--json")) {
        json out = json::array();
        for (const auto& c : j["campaigns"]) {
            json x = c;
            x.erase("instrument");  // long and the same for every campaign of the default questionnaire
            out.push_back(std::move(x));
        }
        ctx.out << out.dump(2) << "\n";
        return kExitOk;
    }
    for (const auto& c : j["campaigns"])
        ctx.out << c.value("period", "") << "  " << c.value("opens", "") << " – " << c.value("closes", "") << "  "
                << (c.value("open", false) ? i18n::tr("survey.ui.open") : i18n::tr("survey.ui.closed")) << "  "
                << c.value("title", "") << "  " << c.value("id", "") << "\n";
    return kExitOk;
}

}  // namespace

int cmd_survey(Context& ctx, const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    if (sub != "create" && sub != "list") {
        ctx.err << kUsage;
        return kExitBadInput;
    }
    auto db = open_db(ctx);
    if (!db) return kExitFailure;
    const Args rest(args.begin() + 1, args.end());
    return sub == "create" ? cmd_create(ctx, *db, rest) : cmd_list(ctx, *db, rest);
}

}  // namespace seimbang::cli
