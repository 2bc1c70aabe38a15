// Transfer requests (usulan mutasi) from the command line, offline like every
// record command: each step is taken on the local copy and queued as a sync
// command (shared/workflow); the server takes it again and has the last word.
//   seimbang --db FILE request new --employee ID --to POSITION_ID [--to …] --reason CODE
//            --explanation TEXT [--kind KIND] [--to-instansi TEXT] [--attach [TYPE=]FILE …]
//   seimbang --db FILE request edit ID|NUMBER [--to POSITION_ID …] [--reason CODE] [--explanation TEXT]
//            [--kind KIND] [--to-instansi TEXT]   (a draft or a returned request; only what is given changes)
//   seimbang --db FILE request list [--status S] [--json]
//   seimbang --db FILE request show ID|NUMBER [--json]
//   seimbang --db FILE request submit|approve|return|reject|cancel|verify|advise ID [--note TEXT]
//            (advise: BKN's pertimbangan teknis on a move between instansi, pusat)
//   seimbang --db FILE request attach ID [TYPE=]FILE
//   seimbang --db FILE request decide ID --tmt YYYY-MM-DD [--note TEXT]   (online: syncs at once)
// The actor is the account signed in with `seimbang login`. A refused step
// exits 2 with the reason (Bahasa Indonesia and its code) and changes nothing.
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/sync_session.h"
#include "cli/table.h"
#include "i18n/strings.h"
#include "store/repo.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "util/uuid.h"
#include "workflow/decision.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

namespace seimbang::cli {

namespace {

using nlohmann::json;
using workflow::Command;

void print_issue(Context& ctx, const Issue& i) {
    ctx.err << "seimbang request: " << i18n::describe(i, i18n::current()) << " [" << i.code
            << (i.field.empty() ? "" : ", " + i.field) << "]\n";
}

std::vector<std::string> all_options(const Args& args, const std::string& name) {
    std::vector<std::string> out;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name && i + 1 < args.size()) out.push_back(args[++i]);
        else if (args[i].rfind(name + "=", 0) == 0) out.push_back(args[i].substr(name.size() + 1));
    }
    return out;
}

// The signed-in account (seimbang login) as a workflow actor.
std::optional<access::Actor> signed_in(Context& ctx, store::Db& db) {
    const json u = json::parse(store::get_local_meta(db, "sync.user", "{}"), nullptr, false);
    if (!u.is_object() || u.value("username", "").empty()) {
        ctx.err << "seimbang request: " << i18n::tr("workflow.cli.login_required") << " (seimbang login)\n";
        return std::nullopt;
    }
    return workflow::make_actor(db, u.value("username", ""), u.value("role", ""), u.value("office_id", ""),
                                u.value("employee_id", ""));
}

// A request by id or by its number ("UM-…").
std::optional<workflow::Request> find(Context& ctx, store::Db& db, const std::string& key) {
    auto r = workflow::get_request(db, key);
    if (!r) r = workflow::find_request_by_number(db, key);
    if (!r) print_issue(ctx, {"workflow.not_found", "id", key});
    return r;
}

// A document read from disk: its type is judged by content, its size by the
// setting (workflow::check_document), before anything is written.
struct Attachment {
    std::string type, file_name, bytes;
};
std::optional<Attachment> read_attachment(Context& ctx, store::Db& db, const std::string& spec) {
    Attachment a;
    std::string path = spec;
    if (auto eq = spec.find('='); eq != std::string::npos && spec.find('/') > eq) {
        a.type = spec.substr(0, eq);
        path = spec.substr(eq + 1);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        print_issue(ctx, {"document.unreadable", "attach", path});
        return std::nullopt;
    }
    a.bytes.assign(std::istreambuf_iterator<char>(in), {});
    std::string mime;
    Check c = workflow::check_document(a.bytes, workflow::load_workflow_settings(db).max_document_bytes, mime);
    if (const Issue* i = c.first_error()) {
        Issue shown = *i;
        if (shown.code != "document.too_large") shown.detail = path;
        shown.field = "attach";
        print_issue(ctx, shown);
        return std::nullopt;
    }
    a.file_name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    return a;
}

// Attaches a document (kept in local_blobs until uploaded; an untyped one
// takes the first checklist item still missing).
workflow::StepResult attach(store::Db& db, const access::Actor& who, const workflow::Request& r, Attachment a) {
    return workflow::attach_document_offline(db, who, r, a.type, a.file_name, a.bytes, workflow::today_wib());
}

std::string label(workflow::Status s) {
    return workflow::status_label(workflow::WorkflowSettings{}, s);
}

std::string office_name(store::Db& db, const std::string& id) {
    auto o = id.empty() ? std::nullopt : store::get_office(db, id);
    return o ? o->name : id;
}

json to_json(store::Db& db, const workflow::Request& r, bool detail, const access::Actor* who) {
    json j = workflow::to_fields(r);
    j["id"] = r.id;
    j["to_positions"] = r.to_positions;
    j["status_label"] = label(r.status);
    j["sync_state"] = row_sync_state(db, "requests", r.id);
    if (auto e = store::get_employee(db, r.employee_id)) {
        j["employee_name"] = e->name;
        j["nip"] = e->nip;
    }
    j["office_name"] = office_name(db, r.office_id);
    j["to_office_name"] = office_name(db, r.to_office_id);
    if (!detail) return j;
    json tl = json::array();
    for (const auto& ev : workflow::timeline(db, r.id))
        tl.push_back({{"id", ev.id}, {"command", ev.command}, {"from", ev.from_status}, {"to", ev.to_status},
                      {"actor", ev.actor}, {"role", ev.actor_role}, {"at_ms", ev.at_ms}, {"note", ev.note}});
    j["timeline"] = tl;
    json docs = json::array();
    for (const auto& d : workflow::documents(db, r.id))
        docs.push_back({{"id", d.id}, {"type", d.doc_type}, {"file_name", d.file_name}, {"mime", d.mime},
                        {"size", d.size}, {"sha256", d.sha256}});
    j["documents"] = docs;
    j["missing_documents"] = workflow::missing_documents(db, workflow::load_workflow_settings(db), r);
    {
        // Decision support: the ABK figures of both offices before and after, fit, tenure, other requests.
        const auto d = workflow::decision_support(db, r, workflow::today_wib().year, workflow::today_wib());
        auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
        auto side = [&](const workflow::WorkloadChange& w) {
            return json{{"office_id", w.office_id},      {"position_id", w.position_id},
                        {"ej_before", opt(w.ej_before)}, {"ej_after", opt(w.ej_after)},
                        {"eu_before", opt(w.eu_before)}, {"eu_after", opt(w.eu_after)}};
        };
        json wishes = json::array();
        for (const auto& wf : d.wishes)
            wishes.push_back({{"position_id", wf.position_id}, {"name", wf.name}, {"known", wf.known}, {"eligible", wf.eligible}});
        j["decision_support"] = {{"origin", side(d.origin)},
                                 {"destination", side(d.destination)},
                                 {"wishes", wishes},
                                 {"tenure_months", d.tenure_months ? json(*d.tenure_months) : json(nullptr)},
                                 {"other_open", d.other_open}};
    }
    if (who) {
        json can = json::array();
        for (Command c : workflow::available_commands(db, *who, r)) can.push_back(workflow::to_string(c));
        j["available"] = can;
    }
    return j;
}

std::string format_ms(int64_t ms) {
    const std::time_t t = static_cast<std::time_t>(ms / 1000) + 7 * 3600;  // WIB
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

int cmd_new(Context& ctx, store::Db& db, const Args& args) {
    auto who = signed_in(ctx, db);
    if (!who) return kExitBadInput;
    std::string employee = find_option(args, "--employee").value_or(who->employee_id);
    json a = {{"employee_id", employee},
              {"kind", find_option(args, "--kind").value_or("atas_permintaan_sendiri")},
              {"reason", find_option(args, "--reason").value_or("")},
              {"explanation", find_option(args, "--explanation").value_or("")},
              {"to_positions", all_options(args, "--to")}};
    if (auto t = find_option(args, "--to-instansi")) a["to_instansi"] = *t;
    // Documents are read and judged before anything is written.
    std::vector<Attachment> files;
    for (const auto& spec : all_options(args, "--attach")) {
        auto f = read_attachment(ctx, db, spec);
        if (!f) return kExitBadInput;
        files.push_back(std::move(*f));
    }
    workflow::StepResult res;
    struct Refused {};
    try {
        db.transaction([&] {
            res = workflow::take_step_offline(db, *who, {Command::create, "", "", a}, workflow::today_wib());
            if (!res.check.ok()) throw Refused{};
            for (auto& f : files) {
                auto r = workflow::get_request(db, res.request_id);
                auto att = attach(db, *who, *r, std::move(f));
                if (!att.check.ok()) {
                    res.check = att.check;
                    throw Refused{};
                }
            }
        });
    } catch (const Refused&) {
        print_issue(ctx, *res.check.first_error());
        return kExitBadInput;
    }
    auto r = workflow::get_request(db, res.request_id);
    ctx.out << r->id << "\t" << r->number << "\n";
    return kExitOk;
}

// What `request edit` changes: only the options given (checked like `new`).
json edit_args(const Args& args) {
    json a = json::object();
    for (const char* f : {"kind", "reason", "explanation"})
        if (auto v = find_option(args, std::string("--") + f)) a[f] = *v;
    if (auto t = find_option(args, "--to-instansi")) a["to_instansi"] = *t;
    if (auto to = all_options(args, "--to"); !to.empty()) a["to_positions"] = to;
    return a;
}

int cmd_list(Context& ctx, store::Db& db, const Args& args) {
    workflow::RequestFilter f;
    if (auto s = find_option(args, "--status")) {
        f.status = workflow::parse_status(*s);
        if (!f.status) {
            print_issue(ctx, {"workflow.bad_status", "status", *s});
            return kExitBadInput;
        }
    }
    if (auto o = find_option(args, "--office")) f.office_id = *o;
    const auto list = workflow::list_requests(db, f);
    if (has_flag(args, "--json")) {
        json out = json::array();
        for (const auto& r : list) out.push_back(to_json(db, r, false, nullptr));
        ctx.out << out.dump(2) << "\n";
        return kExitOk;
    }
    const int64_t now = sync::now_ms();
    Table t({"number", "status", "employee", "from", "to", "waiting_days", "sync", "id"});
    for (const auto& r : list) {
        auto e = store::get_employee(db, r.employee_id);
        t.add({r.number, label(r.status), e ? e->name : r.employee_id, office_name(db, r.office_id),
               r.to_instansi.empty() ? office_name(db, r.to_office_id) : r.to_instansi,
               std::to_string(r.status_ms > 0 ? (now - r.status_ms) / 86'400'000 : 0), row_sync_state(db, "requests", r.id),
               r.id});
    }
    t.print(ctx.out);
    return kExitOk;
}

int cmd_show(Context& ctx, store::Db& db, const Args& args) {
    if (args.size() < 2) {
        ctx.err << "usage: seimbang --db FILE request show ID|NUMBER [--json]\n";
        return kExitBadInput;
    }
    auto r = find(ctx, db, args[1]);
    if (!r) return kExitBadInput;
    const json u = json::parse(store::get_local_meta(db, "sync.user", "{}"), nullptr, false);
    std::optional<access::Actor> who;
    if (u.is_object() && !u.value("username", "").empty())
        who = workflow::make_actor(db, u.value("username", ""), u.value("role", ""), u.value("office_id", ""),
                                   u.value("employee_id", ""));
    const json j = to_json(db, *r, true, who ? &*who : nullptr);
    if (has_flag(args, "--json")) {
        ctx.out << j.dump(2) << "\n";
        return kExitOk;
    }
    ctx.out << i18n::tr("workflow.cli.number") << ": " << r->number << "  (" << r->id << ")\n"
            << i18n::tr("workflow.cli.status") << ": " << label(r->status) << " [" << j["sync_state"].get<std::string>() << "]\n"
            << i18n::tr("workflow.cli.employee") << ": " << j.value("employee_name", "") << " (" << j.value("nip", "") << ")\n"
            << i18n::tr("workflow.cli.from") << ": " << j["office_name"].get<std::string>() << "\n"
            << i18n::tr("workflow.cli.to") << ": "
            << (r->to_instansi.empty() ? j["to_office_name"].get<std::string>() : r->to_instansi) << "\n"
            << i18n::tr("workflow.cli.reason") << ": " << i18n::tr("workflow.reason." + std::string(workflow::to_string(r->reason)))
            << " — " << r->explanation << "\n";
    if (!r->sk_number.empty())
        ctx.out << "SK: " << r->sk_number << " (" << r->sk_date << "), TMT " << r->tmt << "\n";
    ctx.out << "\n" << i18n::tr("workflow.cli.timeline") << ":\n";
    for (const auto& ev : j["timeline"])
        ctx.out << "  " << format_ms(ev["at_ms"]) << "  " << i18n::tr("workflow.command." + ev["command"].get<std::string>())
                << " → " << label(*workflow::parse_status(ev["to"].get<std::string>())) << "  (" << ev["actor"].get<std::string>()
                << ")" << (ev["note"].get<std::string>().empty() ? "" : ": " + ev["note"].get<std::string>()) << "\n";
    ctx.out << "\n" << i18n::tr("workflow.cli.documents") << ":\n";
    for (const auto& d : j["documents"])
        ctx.out << "  " << i18n::tr("document.type." + d["type"].get<std::string>()) << ": " << d["file_name"].get<std::string>()
                << " (" << d["mime"].get<std::string>() << ", " << d["size"].get<int64_t>() << " B)\n";
    for (const auto& m : j["missing_documents"])
        ctx.out << "  " << i18n::tr("workflow.cli.missing") << ": " << i18n::tr("document.type." + m.get<std::string>()) << "\n";
    {
        const json& d = j["decision_support"];
        auto fig = [](const json& v) {
            if (v.is_null()) return std::string("-");
            char buf[16];
            std::snprintf(buf, sizeof buf, "%.2f", v.get<double>());
            return std::string(buf);
        };
        ctx.out << "\n" << i18n::tr("workflow.cli.decision_support") << ":\n";
        for (const char* k : {"origin", "destination"})
            ctx.out << "  " << i18n::tr(std::string("workflow.cli.") + k) << ": EJ " << fig(d[k]["ej_before"]) << " → "
                    << fig(d[k]["ej_after"]) << ", EU " << fig(d[k]["eu_before"]) << " → " << fig(d[k]["eu_after"]) << "\n";
        for (const auto& wf : d["wishes"])
            ctx.out << "  " << (wf["name"].get<std::string>().empty() ? wf["position_id"].get<std::string>() : wf["name"].get<std::string>())
                    << ": " << i18n::tr(!wf["known"].get<bool>() ? "workflow.cli.fit_unknown"
                                        : wf["eligible"].get<bool>() ? "workflow.cli.fit_yes" : "workflow.cli.fit_no")
                    << "\n";
        if (!d["tenure_months"].is_null())
            ctx.out << "  " << i18n::tr("workflow.cli.tenure") << ": " << d["tenure_months"].get<int>() << "\n";
        if (!d["other_open"].empty()) {
            ctx.out << "  " << i18n::tr("workflow.cli.other_open") << ":";
            for (const auto& n : d["other_open"]) ctx.out << " " << n.get<std::string>();
            ctx.out << "\n";
        }
    }
    if (j.contains("available")) {
        ctx.out << "\n" << i18n::tr("workflow.cli.available") << ":";
        for (const auto& c : j["available"]) ctx.out << " " << c.get<std::string>();
        ctx.out << "\n";
    }
    return kExitOk;
}

// One step on an existing request (edit: a draft or returned one changed in
// place; then `request submit` sends it again), taken offline and queued.
int cmd_step(Context& ctx, store::Db& db, Command cmd, const Args& args) {
    if (args.size() < 2 || args[1].rfind("--", 0) == 0) {
        ctx.err << "usage: seimbang --db FILE request " << args[0]
                << (cmd == Command::edit ? " ID [--to POSITION_ID ...] [--reason CODE] [--explanation TEXT] [--kind KIND] "
                                           "[--to-instansi TEXT]\n"
                                         : " ID [--note TEXT]\n");
        return kExitBadInput;
    }
    auto who = signed_in(ctx, db);
    if (!who) return kExitBadInput;
    auto r = find(ctx, db, args[1]);
    if (!r) return kExitBadInput;
    json a = cmd == Command::edit ? edit_args(args) : json::object();
    if (cmd == Command::edit && a.empty()) {
        ctx.err << "seimbang request: " << i18n::tr("workflow.cli.nothing_to_edit") << "\n";
        return kExitBadInput;
    }
    if (auto n = find_option(args, "--note")) a["note"] = *n;
    workflow::StepResult res;
    if (cmd == Command::attach) {
        if (args.size() < 3) {
            ctx.err << "usage: seimbang --db FILE request attach ID [TYPE=]FILE\n";
            return kExitBadInput;
        }
        auto f = read_attachment(ctx, db, args[2]);
        if (!f) return kExitBadInput;
        res = attach(db, *who, *r, std::move(*f));
    } else {
        res = workflow::take_step_offline(db, *who, {cmd, r->id, std::string(workflow::to_string(r->status)), a},
                                          workflow::today_wib());
    }
    if (const Issue* i = res.check.first_error()) {
        print_issue(ctx, *i);
        return kExitBadInput;
    }
    ctx.out << r->number << ": " << label(res.status) << " (" << i18n::tr("workflow.cli.queued") << ")\n";
    return kExitOk;
}

// Ditetapkan is taken online: the command is sent at once and the server's
// answer (the SK number, or why not) is shown. Offline, nothing is queued.
int cmd_decide(Context& ctx, store::Db& db, const Args& args) {
    if (args.size() < 2 || !find_option(args, "--tmt")) {
        ctx.err << "usage: seimbang --db FILE request decide ID --tmt YYYY-MM-DD [--note TEXT]\n";
        return kExitBadInput;
    }
    auto who = signed_in(ctx, db);
    if (!who) return kExitBadInput;
    auto r = find(ctx, db, args[1]);
    if (!r) return kExitBadInput;
    // The local checks first (state, role, scope), without writing.
    const workflow::Step* step = workflow::find_step(workflow::Command::decide, r->status, r->kind);
    if (!step) {
        print_issue(ctx, {"workflow.bad_transition", "status", "decide @ " + std::string(workflow::to_string(r->status))});
        return kExitBadInput;
    }
    if (!step->action || !access::permitted(*who, *step->action, workflow::target_of(*r))) {
        print_issue(ctx, {"workflow.forbidden", "role", who->role});
        return kExitBadInput;
    }
    if (!parse_iso_date(*find_option(args, "--tmt"))) {
        print_issue(ctx, {"workflow.bad_tmt", "tmt", *find_option(args, "--tmt")});
        return kExitBadInput;
    }
    json a = {{"tmt", *find_option(args, "--tmt")}};
    if (auto n = find_option(args, "--note")) a["note"] = *n;
    sync::enqueue_command(db, "requests", r->id, "decide", std::string(workflow::to_string(r->status)), a);
    auto last_counter = [&] {
        auto s = db.prepare("SELECT max(counter) FROM sync_outbox");
        s.step();
        return s.is_null(0) ? int64_t{0} : s.int64(0);
    };
    const int64_t counter = last_counter();
    std::ostringstream quiet;
    Context sub{ctx.db_path, quiet, ctx.err, ctx.in};
    const int rc = sync_now(sub, db, 2);
    {
        auto s = db.prepare("SELECT 1 FROM sync_outbox WHERE counter = ?1");
        s.bind(1, counter);
        if (s.step()) {  // not sent: an online step is never left queued
            auto d = db.prepare("DELETE FROM sync_outbox WHERE counter = ?1");
            d.bind(1, counter);
            d.run();
            print_issue(ctx, {"workflow.online_only", "command", "decide"});
            return rc == kExitOk ? kExitFailure : rc;
        }
    }
    for (const auto& rej : sync::list_rejected(db))
        if (rej.counter == counter) {
            print_issue(ctx, {rej.reason, "", rej.detail});
            return kExitBadInput;
        }
    auto now = workflow::get_request(db, r->id);
    ctx.out << now->number << ": " << label(now->status) << " — SK " << now->sk_number << ", TMT " << now->tmt << "\n";
    return kExitOk;
}

}  // namespace

int cmd_request(Context& ctx, const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    static const std::map<std::string, Command> steps = {
        {"submit", Command::submit}, {"approve", Command::approve}, {"return", Command::return_},
        {"reject", Command::reject}, {"cancel", Command::cancel},   {"verify", Command::verify},
        {"attach", Command::attach}, {"edit", Command::edit},     {"advise", Command::advise}};
    if (sub != "new" && sub != "list" && sub != "show" && sub != "decide" && !steps.count(sub)) {
        ctx.err << "usage: seimbang --db FILE request new|edit|list|show|submit|approve|return|reject|cancel|verify|advise|"
                   "decide|attach ...\n";
        return kExitBadInput;
    }
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    if (sub == "new") return cmd_new(ctx, *db, args);
    if (sub == "list") return cmd_list(ctx, *db, args);
    if (sub == "show") return cmd_show(ctx, *db, args);
    if (sub == "decide") return cmd_decide(ctx, *db, args);
    return cmd_step(ctx, *db, steps.at(sub), args);
}

}  // namespace seimbang::cli
