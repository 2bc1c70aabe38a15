// `seimbang abk --input FILE.csv [--wke MINUTES] [--format json|table]`
// Computes ABK (workload analysis) from a CSV of task rows. Errors name the line
// and column; nothing is printed on stdout unless the whole input is valid.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "abk/csv_input.h"
#include "abk/csv_export.h"
#include "cli/open_db.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "abk/json_output.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "i18n/strings.h"

namespace seimbang::cli {

namespace {

bool read_input(const std::string& path, std::istream& stdin_stream, std::string& text) {
    if (path == "-") {
        std::ostringstream ss;
        ss << stdin_stream.rdbuf();
        text = ss.str();
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    text = ss.str();
    return true;
}

std::string fmt(std::optional<double> v, int places) {
    if (!v) return "-";
    std::ostringstream ss;
    ss << std::fixed << std::setprecision(places) << *v;
    return ss.str();
}

std::string fmt(double v, int places) { return fmt(std::optional<double>(v), places); }

std::string signed_int(int v) {
    std::string s = std::to_string(v);
    if (v > 0) s.insert(s.begin(), '+');
    return s;
}

void print_table(std::ostream& out, const abk::Result& r) {
    Table pos({"unit", "position", "workload_min", "needed", "K", "B", "+/-", "EJ", "PJ"});
    for (const auto& p : r.positions)
        pos.add({p.unit, p.position, fmt(p.workload_minutes, 0), fmt(p.needed, 3), std::to_string(p.needed_rounded),
                 std::to_string(p.holders), signed_int(p.difference), fmt(p.ej, 2), p.pj ? p.pj->grade : "-"});
    pos.print(out);
    out << "\n";
    Table units({"unit", "workload_min", "needed", "K", "B", "+/-", "short", "surplus", "EU", "PU"});
    for (const auto& u : r.units)
        units.add({u.unit, fmt(u.workload_minutes, 0), fmt(u.needed, 3), std::to_string(u.needed_rounded),
                   std::to_string(u.holders), signed_int(u.difference), std::to_string(u.positions_short),
                   std::to_string(u.positions_surplus), fmt(u.eu, 2), u.pu ? u.pu->grade : "-"});
    units.print(out);
}

// ABK straight from the local database: names instead of ids, optional scope
// (office id or exact name) and year; `--export-csv` prints the task rows in the
// --input CSV format instead (the two paths give identical results).
int abk_from_db(Context& ctx, const Args& args, const Settings& cli_settings, const std::string& format) {
    auto db = open_db(ctx);
    if (!db) return kExitFailure;
    Settings settings = store::load_settings(*db);
    if (find_option(args, "--wke")) settings.wke_minutes = cli_settings.wke_minutes;
    const auto scope = scope_option(ctx, *db, args, "abk");
    if (!scope) return kExitBadInput;
    const auto year = year_option(ctx, args, "abk");
    if (!year) return kExitBadInput;
    std::map<std::string, std::string> names;
    for (const auto& o : store::list_offices(*db)) names[o.id] = o.name;
    for (const auto& p : store::list_positions(*db)) names[p.id] = p.name;
    auto inputs = store::abk_inputs(*db, *scope, *year);
    for (auto& in : inputs) {
        in.unit = names[in.unit];
        in.position = names[in.position];
    }
    if (has_flag(args, "--export-csv")) {
        ctx.out << abk::to_csv(inputs);
        return kExitOk;
    }
    const abk::Result r = abk::analyse(inputs, settings);
    if (format == "json") ctx.out << abk::to_json(r).dump(2) << "\n";
    else print_table(ctx.out, r);
    return kExitOk;
}

}  // namespace

int cmd_abk(Context& ctx, const Args& args) {
    bool missing = false;
    auto input = find_option(args, "--input", &missing);
    if ((!input && ctx.db_path.empty()) || missing) {
        ctx.err << "seimbang abk: " << i18n::tr("cli.input_required") << " (--input FILE.csv | --db FILE)\n";
        return kExitBadInput;
    }
    Settings settings;
    if (auto wke = find_option(args, "--wke", &missing)) {
        char* end = nullptr;
        const double v = std::strtod(wke->c_str(), &end);
        if (end != wke->c_str() + wke->size() || !(v > 0)) {
            ctx.err << "seimbang abk: --wke: " << i18n::tr("settings.bad_wke") << ": " << *wke << "\n";
            return kExitBadInput;
        }
        settings.wke_minutes = v;
    }
    std::string format = "json";
    if (auto f = find_option(args, "--format", &missing)) format = *f;
    if (missing || (format != "json" && format != "table")) {
        ctx.err << "seimbang abk: --format: " << i18n::tr("cli.bad_format") << " (json|table)\n";
        return kExitBadInput;
    }
    if (!input) return abk_from_db(ctx, args, settings, format);
    std::string text;
    if (!read_input(*input, ctx.in, text)) {
        ctx.err << "seimbang abk: " << i18n::tr("cli.cannot_read") << ": " << *input << "\n";
        return kExitBadInput;
    }
    const abk::CsvInput in = abk::read_csv(text);
    if (!in.errors.empty()) {
        for (const auto& e : in.errors) {
            ctx.err << *input << ":" << e.line << ":";
            if (!e.column.empty()) ctx.err << " " << i18n::tr("cli.column") << " '" << e.column << "':";
            ctx.err << " " << i18n::tr(e.code);
            if (!e.value.empty()) ctx.err << " ('" << e.value << "')";
            ctx.err << " [" << e.code << "]\n";
        }
        return kExitBadInput;
    }
    const abk::Result r = abk::analyse(in.positions, settings);
    if (format == "json") ctx.out << abk::to_json(r).dump(2) << "\n";
    else print_table(ctx.out, r);
    return kExitOk;
}

}  // namespace seimbang::cli
