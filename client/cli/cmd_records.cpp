// Offline record commands of the native client; every save goes through the
// validated repositories and lands in the sync outbox in the same transaction.
//   seimbang --db FILE employee|position|task add  --COLUMN VALUE ...
//   seimbang --db FILE employee|position|task edit ID --COLUMN VALUE ...
//   seimbang --db FILE employee|position|task list [--office ID] [--all] [--json]
//   seimbang --db FILE position|task archive ID
//   seimbang --db FILE employee archive ID --exit KIND --reason TEXT [--tmt YYYY-MM-DD] [--reference SK]
//     (KIND: pensiun, wafat, pindah_instansi, diberhentikan, lainnya; recorded in the
//     employee's placement history like the app's "Arsipkan pegawai")
// Column options use the table's column names (`--birth-date` or `--birth_date`).
// `add` and `edit` print the record id on stdout.
#include <ctime>
#include <functional>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/sync_session.h"
#include "cli/table.h"
#include "i18n/strings.h"
#include "model/date.h"
#include "store/placements.h"
#include "store/records.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"

namespace seimbang::cli {

namespace {

using nlohmann::json;

struct Kind {
    const char* command;
    const char* table;
    std::function<Check(store::Db&, json&)> save;  // row in, id filled on success
    std::function<Check(store::Db&, const std::string&, const Args&)> archive;  // id, options
    std::function<json(store::Db&, const std::string& office, bool all)> list;
    std::vector<const char*> shown;
};

const std::vector<std::string> kIntColumns = {"is_head", "commitment_10y", "archived", "year"};
const std::vector<std::string> kRealColumns = {"volume", "norm_minutes"};

template <typename T>
json rows_of(const std::vector<T>& items) {
    json out = json::array();
    for (const auto& i : items) {
        json r = store::to_fields(i);
        r["id"] = i.id;
        out.push_back(std::move(r));
    }
    return out;
}

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k = {
        {"employee", "employees",
         [](store::Db& db, json& row) {
             Employee e = store::employee_from_row(row);
             Check c = store::save_employee(db, e);
             row["id"] = e.id;
             return c;
         },
         [](store::Db& db, const std::string& id, const Args& args) {
             // An employee leaves with a record: why (exit kind), a reason, since when.
             store::PlacementNote note;
             note.tmt = find_option(args, "--tmt").value_or(format_iso_date(today_utc()));
             note.reason = find_option(args, "--reason").value_or("");
             note.reference = find_option(args, "--reference").value_or("");
             note.recorded_by = sync::outbox_owner(db);
             note.recorded_ms = static_cast<int64_t>(std::time(nullptr)) * 1000;
             return store::archive_employee_recorded(db, id, find_option(args, "--exit").value_or(""), note);
         },
         [](store::Db& db, const std::string& office, bool all) {
             return rows_of(store::list_employees(db, {office, all}));
         },
         {"id", "nip", "name", "golongan", "office_id", "position_id"}},
        {"position", "positions",
         [](store::Db& db, json& row) {
             Position p = store::position_from_row(row);
             Check c = store::save_position(db, p);
             row["id"] = p.id;
             return c;
         },
         [](store::Db& db, const std::string& id, const Args&) {
             Check c;
             auto p = store::get_position(db, id);
             if (!p) {
                 c.error("position.not_found", "id", id);
                 return c;
             }
             p->archived = true;
             return store::save_position(db, *p);
         },
         [](store::Db& db, const std::string& office, bool all) {
             return rows_of(store::list_positions(db, office, all));
         },
         {"id", "name", "kind", "office_id"}},
        {"task", "abk_tasks",
         [](store::Db& db, json& row) {
             AbkTask t = store::task_from_row(row);
             Check c = store::save_task(db, t);
             row["id"] = t.id;
             return c;
         },
         [](store::Db& db, const std::string& id, const Args&) { return store::archive_task(db, id); },
         [](store::Db& db, const std::string& office, bool all) {
             json out = json::array();
             const store::TableSpec& t = *store::find_table("abk_tasks");
             auto s = db.prepare(all ? "SELECT id FROM abk_tasks ORDER BY position_id, id"
                                     : "SELECT id FROM abk_tasks WHERE archived = 0 ORDER BY position_id, id");
             while (s.step()) {
                 auto r = store::read_row(db, t, s.text(0));
                 if (r && (office.empty() || store::office_within(db, (*r)["office_id"], office))) out.push_back(*r);
             }
             return out;
         },
         {"id", "position_id", "year", "task", "volume", "period", "norm_minutes"}},
    };
    return k;
}

// Applies `--column value` options onto row; false (message printed) on an unknown option.
bool overlay(Context& ctx, const store::TableSpec& t, const Args& args, size_t from, json& row) {
    for (size_t i = from; i < args.size(); ++i) {
        if (args[i].rfind("--", 0) != 0) continue;
        std::string col = args[i].substr(2);
        for (auto& c : col)
            if (c == '-') c = '_';
        if (col == "json") continue;
        if (!t.has(col) && t.has(col + "_id")) col += "_id";  // --position, --office
        if (!t.has(col) || col == "archived" || i + 1 >= args.size()) {
            ctx.err << "seimbang: " << i18n::tr("sync.cli.unknown_option") << ": " << args[i] << "\n";
            return false;
        }
        const std::string& v = args[++i];
        try {
            if (std::find(kIntColumns.begin(), kIntColumns.end(), col) != kIntColumns.end()) row[col] = std::stoll(v);
            else if (std::find(kRealColumns.begin(), kRealColumns.end(), col) != kRealColumns.end())
                row[col] = std::stod(v);
            else row[col] = v;
        } catch (const std::exception&) {
            ctx.err << "seimbang: " << i18n::tr("abk.csv.bad_number") << ": " << args[i - 1] << " " << v << "\n";
            return false;
        }
    }
    return true;
}

void print_issues(Context& ctx, const Check& c) {
    for (const auto& i : c.issues)
        ctx.err << (i.warning ? "peringatan: " : "galat: ") << i18n::describe(i, i18n::current())
                << (i.field.empty() ? "" : " [" + i.field + "]") << "\n";
}

int run_kind(const Kind& k, Context& ctx, const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    const store::TableSpec& t = *store::find_table(k.table);
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    if (sub == "list") {
        auto office = find_option(args, "--office");
        json rows = k.list(*db, office ? *office : std::string(), has_flag(args, "--all"));
        if (has_flag(args, "--json")) {
            for (auto& r : rows) r["sync_state"] = row_sync_state(*db, k.table, r["id"]);
            ctx.out << rows.dump(2) << "\n";
            return kExitOk;
        }
        std::vector<std::string> header(k.shown.begin(), k.shown.end());
        header.push_back("sync");
        Table out(header);
        for (const auto& r : rows) {
            std::vector<std::string> cells;
            for (const char* c : k.shown) {
                const json& v = r.contains(c) ? r[c] : json("");
                cells.push_back(v.is_string() ? v.get<std::string>() : v.dump());
            }
            cells.push_back(row_sync_state(*db, k.table, r["id"]));
            out.add(cells);
        }
        out.print(ctx.out);
        return kExitOk;
    }
    if (sub == "add" || sub == "edit") {
        json row = json::object();
        size_t from = 1;
        if (sub == "edit") {
            if (args.size() < 2) {
                ctx.err << "usage: seimbang --db FILE " << k.command << " edit ID --COLUMN VALUE ...\n";
                return kExitBadInput;
            }
            auto cur = store::read_row(*db, t, args[1]);
            if (!cur) {
                ctx.err << "seimbang: " << i18n::tr("sync.cli.not_found") << ": " << args[1] << "\n";
                return kExitBadInput;
            }
            row = *cur;
            from = 2;
        }
        if (!overlay(ctx, t, args, from, row)) return kExitBadInput;
        Check c = k.save(*db, row);
        print_issues(ctx, c);
        if (!c.ok()) return kExitBadInput;
        ctx.out << row["id"].get<std::string>() << "\n";
        return kExitOk;
    }
    if (sub == "archive") {
        if (args.size() < 2) {
            ctx.err << "usage: seimbang --db FILE " << k.command << " archive ID"
                    << (std::string(k.command) == "employee" ? " --exit KIND --reason TEXT [--tmt YYYY-MM-DD]" : "") << "\n";
            return kExitBadInput;
        }
        Check c = k.archive(*db, args[1], args);
        print_issues(ctx, c);
        return c.ok() ? kExitOk : kExitBadInput;
    }
    ctx.err << "usage: seimbang --db FILE " << k.command << " add|edit|list|archive ...\n";
    return kExitBadInput;
}

}  // namespace

int cmd_employee(Context& ctx, const Args& args) { return run_kind(kinds()[0], ctx, args); }
int cmd_position(Context& ctx, const Args& args) { return run_kind(kinds()[1], ctx, args); }
int cmd_task(Context& ctx, const Args& args) { return run_kind(kinds()[2], ctx, args); }

}  // namespace seimbang::cli
