// `seimbang plan`: propose an optimal set of transfers (see docs/PLANNER.md).
//
//   seimbang plan --input INSTANCE.json|- [--format json|table] [--lang id|en]
//   seimbang plan --db FILE --scope OFFICE [--format json|table]
//
// Bad input exits 2 with one line naming the offending item; nothing is printed
// on stdout unless a whole plan was computed.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "i18n/strings.h"
#include "plan/parse.h"
#include "plan/plan_json.h"
#include "plan/planner.h"
#include "plan/reasons.h"

namespace seimbang::cli {

namespace {

void print_table(std::ostream& os, const plan::Instance& inst, const plan::Plan& p, i18n::Lang lang) {
    os << std::fixed << std::setprecision(4);
    os << "objective  " << p.objective << (p.optimal ? "  (optimal)" : "") << "\n";
    if (!p.optimal) os << "gap        " << p.gap << "  (lower bound " << p.lower_bound << ")\n";
    os << "moves      " << p.moves.size() << "\n\n";
    os << "metric                 before      after\n";
    auto row = [&](const char* name, double b, double a) {
        os << std::left << std::setw(20) << name << std::right << std::setw(10) << b << " " << std::setw(10) << a
           << "\n";
    };
    row("sum (h-n)^2", p.before.sum_sq, p.after.sum_sq);
    row("EJ cv", p.before.ej_cv, p.after.ej_cv);
    row("EJ max", p.before.ej_max, p.after.ej_max);
    row("EJ min", p.before.ej_min, p.after.ej_min);
    row("share EJ 0.9-1.1", p.before.share_balanced, p.after.share_balanced);
    row("EJ > 1.2", p.before.overloaded, p.after.overloaded);
    if (!p.moves.empty()) os << "\nemployee\tfrom\tto\treason\n";
    for (const auto& m : p.moves)
        os << inst.employees[static_cast<size_t>(m.employee)].id << "\t"
           << inst.positions[static_cast<size_t>(m.from)].id << "\t" << inst.positions[static_cast<size_t>(m.to)].id
           << "\t" << plan::reason(inst, p, m, lang) << "\n";
}

bool read_all(std::istream& in, std::string& out) {
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

}  // namespace

int cmd_plan(Context& ctx, const Args& args) {
    bool missing = false;
    const std::string* format = find_option(args, "--format", &missing);
    if (missing) return ctx.err << "seimbang plan: --format needs a value (json or table)\n", kExitBadInput;
    const std::string fmt = format ? *format : "json";
    if (fmt != "json" && fmt != "table")
        return ctx.err << "seimbang plan: unknown --format '" << fmt << "' (json or table)\n", kExitBadInput;
    i18n::Lang lang = i18n::current();
    if (const std::string* l = find_option(args, "--lang", &missing)) {
        if (*l != "id" && *l != "en")
            return ctx.err << "seimbang plan: unknown --lang '" << *l << "' (id or en)\n", kExitBadInput;
        lang = *l == "en" ? i18n::Lang::en : i18n::Lang::id;
    }

    const std::string* input = find_option(args, "--input", &missing);
    if (missing) return ctx.err << "seimbang plan: --input needs a file name or -\n", kExitBadInput;
    const std::string* db = find_option(args, "--db");
    if (!input && (db || !ctx.db_path.empty())) {
        ctx.err << "seimbang plan: --db/--scope planning is not available in this build yet; "
                   "export the instance and use --input\n";
        return kExitFailure;
    }
    if (!input) {
        ctx.err << "usage: seimbang plan --input INSTANCE.json|- [--format json|table] [--lang id|en]\n"
                   "       seimbang plan --db FILE --scope OFFICE [--format json|table]\n";
        return kExitBadInput;
    }

    std::string text;
    if (*input == "-") {
        if (!read_all(ctx.in, text)) return ctx.err << "seimbang plan: cannot read stdin\n", kExitFailure;
    } else {
        std::ifstream file(*input, std::ios::binary);
        if (!file) return ctx.err << "seimbang plan: cannot open " << *input << "\n", kExitFailure;
        if (!read_all(file, text)) return ctx.err << "seimbang plan: cannot read " << *input << "\n", kExitFailure;
    }

    auto parsed = plan::parse_instance(text);
    if (const Issue* issue = std::get_if<Issue>(&parsed)) {
        ctx.err << "seimbang plan: " << (issue->field.empty() ? "" : issue->field + ": ")
                << i18n::describe(*issue, lang) << "\n";
        return kExitBadInput;
    }
    const plan::Instance& inst = std::get<plan::Instance>(parsed);
    const plan::Plan p = plan::solve(inst);
    if (!p.ok) return ctx.err << "seimbang plan: " << i18n::tr("plan.error.solver_failed", lang) << "\n", kExitFailure;
    if (fmt == "json")
        ctx.out << plan::to_json(inst, p, lang).dump(2) << "\n";
    else
        print_table(ctx.out, inst, p, lang);
    return kExitOk;
}

}  // namespace seimbang::cli
