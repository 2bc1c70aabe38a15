// `seimbang plan`: propose an optimal set of transfers (see docs/PLANNER.md).
//
//   seimbang plan --input INSTANCE.json|- [--format json|table] [--lang id|en]
//   seimbang plan --db FILE --scope OFFICE [--year Y] [--today YYYY-MM-DD] [--pin ID,ID]
//                 [--move-cost X] [--request-bonus X] [--fit-bonus X] [--max-moves N]
//                 [--allow-managerial] [--format ..]
//
// Bad input exits 2 with one line naming the offending item; nothing is printed
// on stdout unless a whole plan was computed.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/open_db.h"
#include "i18n/strings.h"
#include "model/date.h"
#include "plan/from_db.h"
#include "plan/parse.h"
#include "plan/plan_json.h"
#include "plan/planner.h"
#include "plan/reasons.h"
#include "store/repo.h"

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
    for (const auto& u : p.unfilled)
        os << "unfilled   " << inst.positions[static_cast<size_t>(u.position)].label() << ": "
           << plan::unfilled_reason(u, lang) << "\n";
    if (!p.moves.empty()) os << "\nemployee\tfrom\tto\treason\n";
    for (const auto& m : p.moves) {
        const auto& e = inst.employees[static_cast<size_t>(m.employee)];
        os << (e.name.empty() ? e.id : e.name) << "\t" << inst.positions[static_cast<size_t>(m.from)].label() << "\t"
           << inst.positions[static_cast<size_t>(m.to)].label() << "\t" << plan::reason(inst, p, m, lang) << "\n";
    }
}

bool read_all(std::istream& in, std::string& out) {
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

const char* kUsage =
    "usage: seimbang plan --input INSTANCE.json|- [--format json|table] [--lang id|en]\n"
    "       seimbang plan --db FILE --scope OFFICE [--year Y] [--today YYYY-MM-DD] [--pin ID,ID]\n"
    "                     [--move-cost X] [--request-bonus X] [--fit-bonus X] [--max-moves N]\n"
    "                     [--allow-managerial]\n"
    "                     [--format json|table] [--lang id|en]\n";

// A number option; false (with a message) when present but not a number.
bool number_option(Context& ctx, const Args& args, const char* name, double& out) {
    if (auto v = find_option(args, name)) {
        char* end = nullptr;
        const double x = std::strtod(v->c_str(), &end);
        if (v->empty() || end != v->c_str() + v->size()) {
            ctx.err << "seimbang plan: " << name << ": " << i18n::tr("plan.error.bad_setting") << ": " << *v << "\n";
            return false;
        }
        out = x;
    }
    return true;
}

// Builds the instance from the database: `seimbang plan --db FILE --scope OFFICE`.
int instance_from_database(Context& ctx, const Args& args, plan::Instance& out) {
    auto db = open_db(ctx);
    if (!db) return kExitFailure;
    plan::DbQuery q;
    auto scope = scope_option(ctx, *db, args, "plan", /*required=*/true);
    if (!scope) return ctx.err << kUsage, kExitBadInput;
    q.scope_office_id = *scope;
    auto year = year_option(ctx, args, "plan");
    if (!year) return kExitBadInput;
    q.year = *year;
    q.today = today_utc();
    if (auto t = find_option(args, "--today")) {
        auto d = parse_iso_date(*t);
        if (!d) return ctx.err << "seimbang plan: --today: expected YYYY-MM-DD: " << *t << "\n", kExitBadInput;
        q.today = *d;
    }
    if (auto pins = find_option(args, "--pin")) {
        std::string item;
        for (char ch : *pins + ",") {
            if (ch != ',') item += ch;
            else if (!item.empty()) q.pinned.push_back(item), item.clear();
        }
    }
    if (!number_option(ctx, args, "--move-cost", q.weights.move_cost) ||
        !number_option(ctx, args, "--request-bonus", q.weights.request_bonus) ||
        !number_option(ctx, args, "--fit-bonus", q.weights.fit_bonus))
        return kExitBadInput;
    if (q.weights.move_cost < 0)
        return ctx.err << "seimbang plan: --move-cost: " << i18n::tr("plan.error.bad_setting") << "\n", kExitBadInput;
    if (auto m = find_option(args, "--max-moves")) {
        char* end = nullptr;
        const long v = std::strtol(m->c_str(), &end, 10);
        if (m->empty() || end != m->c_str() + m->size() || v < 0)
            return ctx.err << "seimbang plan: --max-moves: " << i18n::tr("plan.error.bad_setting") << ": " << *m << "\n",
                   kExitBadInput;
        q.weights.max_moves = static_cast<int>(v);
    }
    // Managerial (struktural) posts are filled by promotion; exchanging staff
    // between them (same eselon) is an explicit choice.
    q.weights.allow_managerial_moves = has_flag(args, "--allow-managerial");
    try {
        auto built = plan::instance_from_db(*db, q);
        if (const Issue* issue = std::get_if<Issue>(&built)) {
            ctx.err << "seimbang plan: " << issue->field << ": " << i18n::describe(*issue, i18n::current()) << "\n";
            return kExitBadInput;
        }
        out = std::move(std::get<plan::Instance>(built));
    } catch (const store::DbError& e) {
        ctx.err << "seimbang plan: " << i18n::tr("cli.db_unusable") << ": " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

int cmd_plan(Context& ctx, const Args& args) {
    bool missing = false;
    auto format = find_option(args, "--format", &missing);
    if (missing) return ctx.err << "seimbang plan: --format needs a value (json or table)\n", kExitBadInput;
    const std::string fmt = format ? *format : "json";
    if (fmt != "json" && fmt != "table")
        return ctx.err << "seimbang plan: unknown --format '" << fmt << "' (json or table)\n", kExitBadInput;
    i18n::Lang lang = i18n::current();
    if (auto l = find_option(args, "--lang", &missing)) {
        if (*l != "id" && *l != "en")
            return ctx.err << "seimbang plan: unknown --lang '" << *l << "' (id or en)\n", kExitBadInput;
        lang = *l == "en" ? i18n::Lang::en : i18n::Lang::id;
    }

    auto input = find_option(args, "--input", &missing);
    if (missing) return ctx.err << "seimbang plan: --input needs a file name or -\n", kExitBadInput;
    if (auto db = find_option(args, "--db")) ctx.db_path = *db;
    if (!input && ctx.db_path.empty()) return ctx.err << kUsage, kExitBadInput;
    if (input && !ctx.db_path.empty())
        return ctx.err << "seimbang plan: give either --input or --db, not both\n", kExitBadInput;

    plan::Instance inst;
    if (!input) {
        if (int rc = instance_from_database(ctx, args, inst); rc != kExitOk) return rc;
    } else {
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
        inst = std::move(std::get<plan::Instance>(parsed));
    }

    const plan::Plan p = plan::solve(inst);
    if (!p.ok) return ctx.err << "seimbang plan: " << i18n::tr("plan.error.solver_failed", lang) << "\n", kExitFailure;
    if (fmt == "json")
        ctx.out << plan::to_json(inst, p, lang).dump(2) << "\n";
    else
        print_table(ctx.out, inst, p, lang);
    return kExitOk;
}

}  // namespace seimbang::cli
