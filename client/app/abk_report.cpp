#include "app/abk_report.h"

#include "app/app.h"
#include "i18n/format.h"
#include "report/abk_forms.h"
#include "report/print_html.h"
#include "sync/client.h"
#include "workflow/sync_commands.h"

namespace seimbang::app {

namespace {
void save_local_csv(App& a, const std::string& scope, int year, const std::function<void(const std::string&)>& done) {
    const report::AbkForms f = report::build_abk_forms(a.local->db(), scope, year);
    if (f.positions.empty()) return done("ui.units.no_positions");
    a.platform.save_file("abk-" + std::to_string(year) + ".csv", "text/csv;charset=utf-8",
                         report::positions_csv(f, i18n::current()));
    done("ui.eval.saved_csv");
}
}  // namespace

void download_abk(App& a, const std::string& scope, int year, std::function<void(const std::string&)> done) {
    if (!a.login.session || a.login.session->token.empty() || !a.platform.online() || a.login.demo_mode())
        return save_local_csv(a, scope, year, done);
    const std::string path = "/api/v1/reports/abk.xlsx?scope=" + scope + "&year=" + std::to_string(year) +
                             "&lang=" + (i18n::current() == i18n::Lang::en ? "en" : "id");
    HttpRequest req{"GET", path, "", a.login.session->token, sync::device_id(a.local->db())};
    a.platform.http(req, [&a, scope, year, done](const HttpResponse& r) {
        if (r.status == 0) return save_local_csv(a, scope, year, done);  // no answer: what this device has
        if (r.status != 200) return done("ui.eval.download_failed");
        a.platform.save_file("abk-" + std::to_string(year) + ".xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.body);
        done("ui.eval.saved_xlsx");
    });
}

void print_abk(App& a, const std::string& scope, int year, std::function<void(const std::string&)> done) {
    const report::AbkForms f = report::build_abk_forms(a.local->db(), scope, year);
    if (f.positions.empty()) return done("ui.units.no_positions");
    const i18n::Lang lang = i18n::current();
    a.platform.save_file("abk-" + std::to_string(year) + ".html", "text/html;charset=utf-8",
                         report::print_html(report::abk_print(f, lang, i18n::format_date(workflow::today_wib())), lang));
    done("ui.print.saved");
}

}  // namespace seimbang::app
