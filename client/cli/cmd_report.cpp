// `seimbang --db FILE report abk [--scope OFFICE] [--year YYYY] --format xlsx|pdf|csv
//   --out FILE [--lang id|en]`
// `seimbang --db FILE report evaluation [--scope OFFICE] --period 2026-S2 --format …`
//   (the balance snapshots synced to this database, docs/EVALUATION.md)
// `seimbang --db FILE report survey (--campaign ID | --period P) [--scope OFFICE] [--year YYYY] --format …`
// Reports for people to print or hand on, from the local database: ABK laid out
// like the forms offices fill (Form A, D, E); survey results (docs/SURVEY.md:
// the k rule applies here as on every path; a device holds no answers, so this
// is for a server database or a copy of one). The file is written whole or not
// at all (a temporary file renamed into place).
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/commands.h"
#include "cli/open_db.h"
#include "i18n/format.h"
#include "model/date.h"
#include "eval/period.h"
#include "report/abk_forms.h"
#include "report/evaluation.h"
#include "report/native/writers.h"
#include "survey/survey_db.h"

namespace seimbang::cli {

namespace {
constexpr const char* kUsage =
    "usage: seimbang --db FILE report abk [--scope OFFICE] [--year YYYY] --format xlsx|pdf|csv --out FILE "
    "[--lang id|en]\n"
    "       seimbang --db FILE report evaluation [--scope OFFICE] --period 2026-S2 --format xlsx|pdf|csv --out FILE "
    "[--lang id|en]\n"
    "       seimbang --db FILE report survey (--campaign ID | --period P) [--scope OFFICE] [--year YYYY] "
    "--format xlsx|pdf|csv --out FILE [--lang id|en]\n";

bool write_whole(const std::string& path, const std::string& bytes) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return false;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) std::filesystem::remove(tmp, ec);
    return !ec;
}
}  // namespace

int cmd_report(Context& ctx, const Args& args) {
    if (args.empty() || (args[0] != "abk" && args[0] != "evaluation" && args[0] != "survey")) {
        ctx.err << "seimbang report: " << i18n::tr("report.unknown_kind") << "\n" << kUsage;
        return kExitBadInput;
    }
    const auto format = find_option(args, "--format");
    const auto out = find_option(args, "--out");
    if (!format || (*format != "xlsx" && *format != "pdf" && *format != "csv")) {
        ctx.err << "seimbang report: " << i18n::tr("report.bad_format") << "\n" << kUsage;
        return kExitBadInput;
    }
    if (!out || out->empty()) {
        ctx.err << "seimbang report: --out FILE is required\n" << kUsage;
        return kExitBadInput;
    }
    i18n::Lang lang = i18n::Lang::id;
    if (auto l = find_option(args, "--lang")) {
        if (*l == "en") lang = i18n::Lang::en;
        else if (*l != "id") return ctx.err << "seimbang report: --lang must be id or en\n", kExitBadInput;
    }
    auto db = open_db(ctx);
    if (!db) return kExitFailure;
    const auto scope = scope_option(ctx, *db, args, "report");
    if (!scope) return kExitBadInput;
    std::string bytes;
    if (args[0] == "evaluation") {  // the stored balance snapshots of a period (docs/EVALUATION.md)
        const auto period = find_option(args, "--period");
        if (!period || !eval::parse_period(*period)) {
            ctx.err << "seimbang report: " << i18n::tr("eval.bad_period") << "\n" << kUsage;
            return kExitBadInput;
        }
        try {
            const auto r = report::build_evaluation_report(*db, *scope, *period);
            if (r.rows.empty()) {
                ctx.err << "seimbang report: " << i18n::tr("eval.no_snapshot") << ": " << *period << "\n";
                return kExitBadInput;
            }
            if (*format == "xlsx") bytes = report::evaluation_xlsx(r, lang);
            else if (*format == "pdf") bytes = report::evaluation_pdf(r, lang, i18n::format_date(today_utc(), lang));
            else bytes = report::evaluation_csv(r, lang);
        } catch (const std::exception& e) {
            ctx.err << "seimbang report: " << i18n::tr("report.write_failed") << ": " << e.what() << "\n";
            return kExitFailure;
        }
        if (!write_whole(*out, bytes)) {
            ctx.err << "seimbang report: " << i18n::tr("report.write_failed") << ": " << *out << "\n";
            return kExitFailure;
        }
        return kExitOk;
    }
    const auto year = year_option(ctx, args, "report");
    if (!year) return kExitBadInput;

    std::optional<survey::Campaign> campaign;
    if (args[0] == "survey") {
        campaign = survey::find_report_campaign(*db, find_option(args, "--campaign").value_or(""),
                                                find_option(args, "--period").value_or(""), *scope);
        if (!campaign) {
            ctx.err << "seimbang report: " << i18n::tr("survey.unknown_campaign") << "\n" << kUsage;
            return kExitBadInput;
        }
    }
    try {
        const std::string printed = i18n::format_date(today_utc(), lang);
        if (campaign) {
            const survey::CampaignResults r = survey::campaign_results(*db, *campaign, *scope, *year);
            if (*format == "xlsx") bytes = report::survey_xlsx(r, lang);
            else if (*format == "pdf") bytes = report::survey_pdf(r, lang, printed);
            else bytes = report::survey_csv(r, lang);
        } else {
            const report::AbkForms forms = report::build_abk_forms(*db, *scope, *year);
            if (*format == "xlsx") bytes = report::abk_xlsx(forms, lang);
            else if (*format == "pdf") bytes = report::abk_pdf(forms, lang, printed);
            else bytes = report::positions_csv(forms, lang);
        }
    } catch (const std::exception& e) {
        ctx.err << "seimbang report: " << i18n::tr("report.write_failed") << ": " << e.what() << "\n";
        return kExitFailure;
    }
    if (!write_whole(*out, bytes)) {
        ctx.err << "seimbang report: " << i18n::tr("report.write_failed") << ": " << *out << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace seimbang::cli
