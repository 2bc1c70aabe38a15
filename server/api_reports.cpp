// GET /api/v1/reports/{kind}.{xlsx|pdf|csv}?scope=OFFICE_ID&year=YYYY&lang=id|en
// Reports for people to print or hand on, computed from the server's current
// data. Kinds: `abk` (Form A, D, E); `survey` (&campaign=ID or &period=P: the
// survey's results under the k rule, docs/SURVEY.md). The same role and scope rule as
// GET /api/v1/abk: any signed-in role except pegawai, inside its read scope; the
// default scope is the caller's own office. The database is read under the lock;
// the file is written outside it.
#include <algorithm>
#include <cctype>

#include <httplib.h>

#include "access/access.h"
#include "api.h"
#include "i18n/format.h"
#include "model/date.h"
#include "eval/period.h"
#include "report/abk_forms.h"
#include "report/evaluation.h"
#include "report/native/writers.h"
#include "server_context.h"
#include "store/repo.h"
#include "survey/survey_db.h"
#include "sync/scope.h"

namespace seimbang::server {

namespace {
void error(httplib::Response& res, int status, const char* code) {
    send(res, {status, {{"error", {{"code", code}}}}});
}

// An ASCII file name for Content-Disposition: "abk-kecamatan-medan-marelan-2026.pdf".
std::string file_name(const std::string& kind, const std::string& scope_name, const std::string& when,
                      const std::string& ext) {
    std::string slug;
    for (char c : scope_name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug += c;
        else if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
        else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return kind + "-" + (slug.empty() ? "laporan" : slug) + "-" + when + "." + ext;
}

// GET /api/v1/reports/evaluation.{xlsx|pdf|csv}?scope=OFFICE&period=2026-S2:
// the same role and scope rule as the abk kind; the period is required.
void evaluation_report(ServerContext& ctx, const httplib::Request& req, httplib::Response& res,
                       const std::string& format, i18n::Lang lang) {
    const std::string period = req.has_param("period") ? req.get_param_value("period") : std::string();
    report::EvaluationReport rep;
    {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::abk_read)) return error(res, 403, "role.forbidden");
        if (!eval::parse_period(period)) return error(res, 400, "eval.bad_period");
        const std::string scope = req.has_param("scope") ? req.get_param_value("scope") : who->office_id;
        if (!store::get_office(ctx.db, scope)) return error(res, 404, "office.not_found");
        if (!sync::read_scope(ctx.db, *who).contains(scope)) return error(res, 403, "scope.forbidden");
        rep = report::build_evaluation_report(ctx.db, scope, period);
    }
    if (rep.rows.empty()) return error(res, 404, "eval.no_snapshot");
    std::string body, type;
    try {
        if (format == "xlsx") {
            body = report::evaluation_xlsx(rep, lang);
            type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        } else if (format == "pdf") {
            body = report::evaluation_pdf(rep, lang, i18n::format_date(today_utc(), lang));
            type = "application/pdf";
        } else {
            body = report::evaluation_csv(rep, lang);
            type = "text/csv; charset=utf-8";
        }
    } catch (const std::exception&) {
        return error(res, 500, "report.write_failed");
    }
    const std::string name = file_name("evaluasi", rep.scope_name, period, format);
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), type);
}
}  // namespace

void mount_reports(httplib::Server& srv, ServerContext& ctx) {
    srv.Get(R"(/api/v1/reports/([a-z]+)\.(xlsx|pdf|csv))", [&ctx](const httplib::Request& req,
                                                                 httplib::Response& res) {
        const std::string kind = req.matches[1], format = req.matches[2];
        int year = today_utc().year;
        if (req.has_param("year")) {
            const std::string y = req.get_param_value("year");
            year = y.size() == 4 && std::all_of(y.begin(), y.end(), ::isdigit) ? std::stoi(y) : 0;
            if (year < 2000 || year > 2200) return error(res, 400, "abk.bad_year");
        }
        i18n::Lang lang = i18n::Lang::id;
        if (req.has_param("lang")) {
            const std::string l = req.get_param_value("lang");
            if (l == "en") lang = i18n::Lang::en;
            else if (l != "id") return error(res, 400, "report.bad_lang");
        }
        // [evaluation] the stored balance snapshots of a period (docs/EVALUATION.md).
        if (kind == "evaluation") return evaluation_report(ctx, req, res, format, lang);
        report::AbkForms forms;
        std::optional<survey::CampaignResults> survey_results;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            const auto feature = kind == "survey" ? access::Feature::survey_results : access::Feature::abk_read;
            if (!access::may(who->role, feature)) return error(res, 403, "role.forbidden");
            if (kind != "abk" && kind != "survey") return error(res, 404, "report.unknown_kind");
            const std::string scope = req.has_param("scope") ? req.get_param_value("scope") : who->office_id;
            if (!store::get_office(ctx.db, scope)) return error(res, 404, "office.not_found");
            if (!sync::read_scope(ctx.db, *who).contains(scope)) return error(res, 403, "scope.forbidden");
            if (kind == "survey") {
                const auto c = survey::find_report_campaign(
                    ctx.db, req.has_param("campaign") ? req.get_param_value("campaign") : "",
                    req.has_param("period") ? req.get_param_value("period") : "", scope);
                if (!c) return error(res, 404, "survey.unknown_campaign");
                survey_results = survey::campaign_results(ctx.db, *c, scope, year);
            } else {
                forms = report::build_abk_forms(ctx.db, scope, year);
            }
        }
        std::string body, type;
        try {
            if (survey_results) {
                const auto& r = *survey_results;
                if (format == "xlsx") body = report::survey_xlsx(r, lang);
                else if (format == "pdf") body = report::survey_pdf(r, lang, i18n::format_date(today_utc(), lang));
                else body = report::survey_csv(r, lang);
                type = format == "xlsx"  ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                       : format == "pdf" ? "application/pdf"
                                         : "text/csv; charset=utf-8";
                forms.scope_name = r.scope_name;
            } else if (format == "xlsx") {
                body = report::abk_xlsx(forms, lang);
                type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            } else if (format == "pdf") {
                body = report::abk_pdf(forms, lang, i18n::format_date(today_utc(), lang));
                type = "application/pdf";
            } else {
                body = report::positions_csv(forms, lang);
                type = "text/csv; charset=utf-8";
            }
        } catch (const std::exception&) {
            return error(res, 500, "report.write_failed");
        }
        res.set_header("Content-Disposition",
                       "attachment; filename=\"" + file_name(kind, forms.scope_name, std::to_string(year), format) + "\"");
        res.set_header("Cache-Control", "no-store");  // personnel data: never kept by a shared cache
        res.set_content(std::move(body), type);
    });
}

}  // namespace seimbang::server
