// Import and export of employees, positions and ABK tasks (docs/IMPORT.md).
//   seimbang --db FILE import employees|positions|tasks --file F [--sheet S]
//            [--mapping M] [--save-mapping M] [--office OFFICE] [--create-positions]
//            [--year Y] [--report R.csv] [--json] [--apply [--skip-refused]]
//   seimbang --db FILE export employees|positions|tasks [--file F] [--office OFFICE] [--year Y]
// Without --apply nothing is written: the plan (added, changed field by field,
// unchanged, refused with line and column) is printed. With --apply the plan is
// written in one transaction through the repositories, so it syncs like any
// edit. A file with refused rows exits 2 and writes nothing, unless
// --skip-refused asks to write the rows that are fine.
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/sync_session.h"
#include "i18n/strings.h"
#include "io/export.h"
#include "io/import.h"

namespace seimbang::cli {

namespace {

using nlohmann::json;

// False when unreadable; `too_big` (and nothing read) above the import limit.
bool read_file(const std::string& path, std::string& out, bool* too_big = nullptr) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    f.seekg(0, std::ios::end);
    const auto size = f.tellg();
    if (size < 0) return false;
    if (static_cast<size_t>(size) > io::kMaxFileBytes) {
        out.clear();
        if (too_big) *too_big = true;
        return too_big != nullptr;
    }
    f.seekg(0);
    out.assign(static_cast<size_t>(size), '\0');
    f.read(out.data(), size);
    return static_cast<bool>(f);
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    return static_cast<bool>(f);
}

json plan_json(const io::ImportPlan& plan) {
    json rows = json::array();
    for (const auto& r : plan.rows) {
        json j = {{"line", r.line}, {"action", io::to_string(r.action)}, {"key", r.key}};
        if (!r.id.empty()) j["id"] = r.id;
        if (!r.changes.empty()) {
            j["changes"] = json::array();
            for (const auto& c : r.changes) {
                json cj = {{"field", c.field}, {"before", c.before}, {"after", c.after}};
                if (!c.before_label.empty()) cj["before_name"] = c.before_label;  // ids keep their field; names beside them
                if (!c.after_label.empty()) cj["after_name"] = c.after_label;
                j["changes"].push_back(std::move(cj));
            }
        }
        rows.push_back(std::move(j));
    }
    json issues = json::array();
    for (const auto& i : plan.issues) {
        json j = {{"line", i.line}, {"column", i.column}, {"code", i.code}, {"detail", i.detail},
                  {"warning", i.warning}, {"message", io::describe(i, i18n::current())}};
        if (!i.suggestions.empty()) j["suggestions"] = i.suggestions;
        issues.push_back(std::move(j));
    }
    json created = json::array();
    for (const auto& p : plan.new_positions) created.push_back({{"id", p.id}, {"office_id", p.office_id}, {"name", p.name}});
    return {{"kind", io::to_string(plan.kind)},
            {"header_line", plan.layout.header_line},
            {"header_rows", plan.layout.header_rows},
            {"columns", plan.layout.column},
            {"unused_columns", plan.layout.unused},
            {"added", plan.added},
            {"changed", plan.changed},
            {"unchanged", plan.same},
            {"refused", plan.refused},
            {"skipped", plan.skipped},
            {"new_positions", created},
            {"rows", rows},
            {"issues", issues}};
}

void print_plan(Context& ctx, const io::ImportPlan& plan) {
    const auto lang = i18n::current();
    auto t = [&](const char* k) { return std::string(i18n::tr(k, lang)); };
    ctx.out << t("import.summary") << " (" << io::to_string(plan.kind) << "): " << t("import.action.add") << " "
            << plan.added << ", " << t("import.action.change") << " " << plan.changed << ", "
            << t("import.action.same") << " " << plan.same << ", " << t("import.action.refused") << " "
            << plan.refused << ", " << t("import.action.skipped") << " " << plan.skipped << "\n";
    if (!plan.new_positions.empty()) {
        ctx.out << t("import.summary.new_positions") << ":";
        for (const auto& p : plan.new_positions) ctx.out << " " << p.name << ";";
        ctx.out << "\n";
    }
    if (!plan.layout.unused.empty()) {
        ctx.out << t("import.summary.unused_columns") << ":";
        for (const auto& u : plan.layout.unused) ctx.out << " " << u << ";";
        ctx.out << "\n";
    }
    for (const auto& r : plan.rows)
        for (const auto& c : r.changes)
            ctx.out << t("import.action.change") << " " << t("import.line") << " " << r.line << " " << r.key << ": "
                    << c.field << " '" << c.shown_before() << "' -> '" << c.shown_after() << "'\n";
}

int usage(Context& ctx) {
    ctx.err << "usage: seimbang --db FILE import employees|positions|tasks --file F [--sheet S] [--mapping M]\n"
               "         [--save-mapping M] [--office OFFICE] [--create-positions] [--year Y] [--report R.csv]\n"
               "         [--json] [--apply [--skip-refused]]\n";
    return kExitBadInput;
}

// --office: an id, code or name; refused with near misses when unknown.
bool office_option(Context& ctx, store::Db& db, const Args& args, std::string& id) {
    const auto office = find_option(args, "--office");
    if (!office) return true;
    io::RowIssue issue;
    auto found = io::find_office(db, *office, issue);
    if (!found) {
        ctx.err << "seimbang: " << io::describe(issue, i18n::current()) << "\n";
        return false;
    }
    id = *found;
    return true;
}

bool year_option(Context& ctx, const Args& args, int& year) {
    const auto y = find_option(args, "--year");
    if (!y) return true;
    try {
        size_t used = 0;
        year = std::stoi(*y, &used);
        if (used == y->size() && year >= 2000 && year <= 2200) return true;
    } catch (const std::exception&) {
    }
    ctx.err << "seimbang: " << i18n::tr("abk.bad_year") << ": " << *y << "\n";
    return false;
}

}  // namespace

int cmd_import(Context& ctx, const Args& args) {
    if (args.empty()) return usage(ctx);
    const auto kind = io::parse_import_kind(args[0]);
    const auto file = find_option(args, "--file");
    if (!kind || !file) return usage(ctx);

    io::Mapping mapping;
    mapping.kind = *kind;
    if (const auto mpath = find_option(args, "--mapping")) {
        std::string text;
        if (!read_file(*mpath, text)) {
            ctx.err << "seimbang: " << i18n::tr("cli.cannot_read") << ": " << *mpath << "\n";
            return kExitBadInput;
        }
        Check c;
        mapping = io::mapping_from_json(json::parse(text, nullptr, false), c);
        if (!c.ok()) {
            for (const auto& i : c.issues) ctx.err << "seimbang: " << *mpath << ": " << i18n::describe(i, i18n::current())
                                                   << (i.field.empty() ? "" : " [" + i.field + "]") << "\n";
            return kExitBadInput;
        }
        if (mapping.kind != *kind) {
            ctx.err << "seimbang: " << *mpath << ": " << i18n::tr("import.mapping.bad_value") << " [kind]\n";
            return kExitBadInput;
        }
    }
    if (const auto sheet = find_option(args, "--sheet")) mapping.sheet = *sheet;
    if (has_flag(args, "--create-positions")) mapping.create_positions = true;
    if (!year_option(ctx, args, mapping.year)) return kExitBadInput;

    std::string bytes;
    bool too_big = false;
    if (!read_file(*file, bytes, &too_big)) {
        ctx.err << "seimbang: " << i18n::tr("cli.cannot_read") << ": " << *file << "\n";
        return kExitBadInput;
    }
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    std::string scope;
    if (!office_option(ctx, *db, args, scope)) return kExitBadInput;
    if (!scope.empty() && mapping.office.empty()) mapping.office = scope;

    io::ReadError rerr;
    auto sheet = bytes.empty() ? std::nullopt : io::read_sheet(bytes, mapping.sheet, &rerr);
    if (bytes.empty())
        rerr = too_big ? io::ReadError{"import.file_too_big", 0, std::to_string(io::kMaxFileBytes >> 20) + " MB"}
                       : io::ReadError{"abk.csv.empty", 0, {}};
    const io::ImportPlan plan = sheet ? io::plan_import(*db, *sheet, mapping, scope) : io::refused_file(*kind, rerr);

    if (const auto save = find_option(args, "--save-mapping"); save && !plan.file_refused) {
        io::Mapping found = mapping;
        found.header_line = plan.layout.header_line;
        found.header_rows = plan.layout.header_rows;
        for (const auto& [field, col] : plan.layout.column)
            found.columns[field] = static_cast<size_t>(col) < plan.layout.labels.size() &&
                                           !plan.layout.labels[static_cast<size_t>(col)].empty()
                                       ? plan.layout.labels[static_cast<size_t>(col)]
                                       : io::column_letter(col);
        if (!write_file(*save, io::to_json(found).dump(2) + "\n")) {
            ctx.err << "seimbang: " << i18n::tr("cli.cannot_read") << ": " << *save << "\n";
            return kExitFailure;
        }
    }
    if (const auto report = find_option(args, "--report")) {
        if (!write_file(*report, io::plan_report_csv(plan, i18n::current()))) {
            ctx.err << "seimbang: " << i18n::tr("cli.cannot_read") << ": " << *report << "\n";
            return kExitFailure;
        }
    }
    for (const auto& i : plan.issues)
        ctx.err << (i.warning ? "peringatan: " : "galat: ") << *file << ": " << io::describe(i, i18n::current()) << "\n";

    const bool apply = has_flag(args, "--apply");
    const bool refused = !plan.ok();
    const bool may_write = apply && !plan.file_refused && (!refused || has_flag(args, "--skip-refused"));
    json out = plan_json(plan);
    if (!has_flag(args, "--json")) print_plan(ctx, plan);
    if (may_write) {
        io::ApplyResult res = io::apply_import(*db, plan);
        if (!res.check.ok()) {
            for (const auto& i : res.check.issues)
                ctx.err << "galat: " << i18n::describe(i, i18n::current()) << (i.field.empty() ? "" : " [" + i.field + "]")
                        << "\n";
            return kExitBadInput;
        }
        out["written"] = res.written;
        if (!has_flag(args, "--json"))
            ctx.out << i18n::tr("import.summary.applied") << ": " << res.written << "\n";
    } else if (!has_flag(args, "--json")) {
        ctx.out << i18n::tr(refused ? "import.summary.refused" : "import.summary.dry_run") << "\n";
    }
    if (has_flag(args, "--json")) ctx.out << out.dump(2) << "\n";
    if (refused && !may_write) return kExitBadInput;
    return kExitOk;
}

int cmd_export(Context& ctx, const Args& args) {
    const auto kind = args.empty() ? std::nullopt : io::parse_import_kind(args[0]);
    if (!kind) {
        ctx.err << "usage: seimbang --db FILE export employees|positions|tasks [--file F] [--office OFFICE] [--year Y]\n";
        return kExitBadInput;
    }
    int year = 0;
    if (!year_option(ctx, args, year)) return kExitBadInput;
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    std::string scope;
    if (!office_option(ctx, *db, args, scope)) return kExitBadInput;
    const std::string csv = io::export_csv(*db, *kind, scope, year);
    if (const auto file = find_option(args, "--file")) {
        if (!write_file(*file, csv)) {
            ctx.err << "seimbang: " << i18n::tr("cli.cannot_read") << ": " << *file << "\n";
            return kExitFailure;
        }
        return kExitOk;
    }
    ctx.out << csv;
    return kExitOk;
}

}  // namespace seimbang::cli
