#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <xlsxwriter.h>

#include "report/native/writers.h"
#include "report/native/xlsx_file.h"
#include "util/uuid.h"

namespace seimbang::report {
namespace {

struct Formats {
    lxw_format *title, *heading, *text, *integer, *decimal2, *decimal3, *indent[4];
};

void write_headings(lxw_worksheet* ws, int row, const std::vector<std::string>& h, lxw_format* f) {
    for (size_t c = 0; c < h.size(); ++c)
        worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c), h[c].c_str(), f);
}

void opt_number(lxw_worksheet* ws, int row, int col, const std::optional<double>& v, lxw_format* f) {
    if (v) worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), *v, f);
}

int sheet_header(lxw_worksheet* ws, const AbkForms& forms, i18n::Lang lang, const char* form_key, const Formats& f) {
    std::string title = std::string(i18n::tr("report.abk.title", lang)) + " — " + forms.scope_name;
    worksheet_write_string(ws, 0, 0, title.c_str(), f.title);
    std::ostringstream sub;
    sub << i18n::tr(form_key, lang) << " · " << i18n::tr("report.year", lang) << " " << forms.year << " · "
        << i18n::tr("report.wke", lang) << " " << forms.settings.wke_minutes << " "
        << i18n::tr("report.minutes_per_year", lang);
    worksheet_write_string(ws, 1, 0, sub.str().c_str(), f.text);
    return 3;  // first table row
}

}  // namespace

std::string abk_xlsx(const AbkForms& forms, i18n::Lang lang) {
    TempFile tmp;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = nullptr;
    lxw_workbook* wb = workbook_new_opt(tmp.path.c_str(), &options);
    if (!wb) throw std::runtime_error("cannot create the workbook");
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 13);
    f.heading = workbook_add_format(wb);
    format_set_bold(f.heading);
    format_set_text_wrap(f.heading);
    format_set_bg_color(f.heading, 0xE8EEF4);
    format_set_border(f.heading, LXW_BORDER_THIN);
    format_set_align(f.heading, LXW_ALIGN_VERTICAL_CENTER);
    f.text = workbook_add_format(wb);
    f.integer = workbook_add_format(wb);
    format_set_num_format(f.integer, "#,##0");
    f.decimal2 = workbook_add_format(wb);
    format_set_num_format(f.decimal2, "0.00");
    f.decimal3 = workbook_add_format(wb);
    format_set_num_format(f.decimal3, "0.000");
    for (int i = 0; i < 4; ++i) {
        f.indent[i] = workbook_add_format(wb);
        format_set_indent(f.indent[i], static_cast<uint8_t>(i));
        if (i == 0) format_set_bold(f.indent[i]);
    }

    {  // Form E
        lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(i18n::tr("report.sheet.units", lang)).c_str());
        int row = sheet_header(ws, forms, lang, "report.form.e", f);
        write_headings(ws, row, unit_headings(lang), f.heading);
        worksheet_set_row(ws, static_cast<lxw_row_t>(row), 32, nullptr);
        worksheet_freeze_panes(ws, static_cast<lxw_row_t>(row + 1), 1);
        worksheet_set_column(ws, 0, 0, 42, nullptr);
        worksheet_set_column(ws, 1, 10, 14, nullptr);
        for (const auto& u : forms.units) {
            ++row;
            const auto& x = u.figures;
            const auto r = static_cast<lxw_row_t>(row);
            worksheet_write_string(ws, r, 0, u.unit.c_str(), f.indent[std::min(u.depth, 3)]);
            worksheet_write_number(ws, r, 1, x.workload_minutes, f.integer);
            worksheet_write_number(ws, r, 2, x.needed, f.decimal2);
            worksheet_write_number(ws, r, 3, x.needed_rounded, f.integer);
            worksheet_write_number(ws, r, 4, x.holders, f.integer);
            worksheet_write_number(ws, r, 5, x.difference, f.integer);
            worksheet_write_number(ws, r, 6, x.positions_short, f.integer);
            worksheet_write_number(ws, r, 7, x.positions_surplus, f.integer);
            opt_number(ws, row, 8, x.eu, f.decimal2);
            if (x.pu) worksheet_write_string(ws, r, 9, (x.pu->grade + " — " + x.pu->label).c_str(), f.text);
            worksheet_write_string(ws, r, 10, load_status_text(x.eu, forms.settings, lang).c_str(), f.text);
        }
        worksheet_write_string(ws, static_cast<lxw_row_t>(row + 2), 0,
                               std::string(i18n::tr("report.note.ej", lang)).c_str(), f.text);
    }
    {  // Form D
        lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(i18n::tr("report.sheet.positions", lang)).c_str());
        int row = sheet_header(ws, forms, lang, "report.form.d", f);
        write_headings(ws, row, position_headings(lang), f.heading);
        worksheet_set_row(ws, static_cast<lxw_row_t>(row), 32, nullptr);
        worksheet_freeze_panes(ws, static_cast<lxw_row_t>(row + 1), 2);
        worksheet_set_column(ws, 0, 0, 30, nullptr);
        worksheet_set_column(ws, 1, 1, 40, nullptr);
        worksheet_set_column(ws, 2, 9, 14, nullptr);
        for (const auto& p : forms.positions) {
            ++row;
            const auto& x = p.figures;
            const auto r = static_cast<lxw_row_t>(row);
            worksheet_write_string(ws, r, 0, p.unit.c_str(), f.text);
            worksheet_write_string(ws, r, 1, p.position.c_str(), f.text);
            worksheet_write_number(ws, r, 2, x.workload_minutes, f.integer);
            worksheet_write_number(ws, r, 3, x.needed, f.decimal3);
            worksheet_write_number(ws, r, 4, x.needed_rounded, f.integer);
            worksheet_write_number(ws, r, 5, x.holders, f.integer);
            worksheet_write_number(ws, r, 6, x.difference, f.integer);
            opt_number(ws, row, 7, x.ej, f.decimal2);
            if (x.pj) worksheet_write_string(ws, r, 8, x.pj->grade.c_str(), f.text);
            const std::string status = x.holders == 0 && x.needed > 0 ? std::string(i18n::tr("report.vacant", lang))
                                                                      : load_status_text(x.ej, forms.settings, lang);
            worksheet_write_string(ws, r, 9, status.c_str(), f.text);
        }
    }
    {  // Form A
        lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(i18n::tr("report.sheet.tasks", lang)).c_str());
        int row = sheet_header(ws, forms, lang, "report.form.a", f);
        write_headings(ws, row, task_headings(lang), f.heading);
        worksheet_set_row(ws, static_cast<lxw_row_t>(row), 32, nullptr);
        worksheet_freeze_panes(ws, static_cast<lxw_row_t>(row + 1), 0);
        worksheet_set_column(ws, 0, 1, 30, nullptr);
        worksheet_set_column(ws, 2, 2, 50, nullptr);
        worksheet_set_column(ws, 3, 8, 14, nullptr);
        for (const auto& t : forms.tasks) {
            ++row;
            const auto r = static_cast<lxw_row_t>(row);
            worksheet_write_string(ws, r, 0, t.unit.c_str(), f.text);
            worksheet_write_string(ws, r, 1, t.position.c_str(), f.text);
            worksheet_write_string(ws, r, 2, t.task.c_str(), f.text);
            worksheet_write_string(ws, r, 3, t.output_unit.c_str(), f.text);
            worksheet_write_number(ws, r, 4, t.volume, nullptr);  // General: 2.5 stays 2.5
            const std::string period = std::string(i18n::tr("ui.period." + std::string(to_string(t.period)), lang));
            worksheet_write_string(ws, r, 5, period.c_str(), f.text);
            worksheet_write_number(ws, r, 6, t.annual_volume, nullptr);
            worksheet_write_number(ws, r, 7, t.norm_minutes, nullptr);
            worksheet_write_number(ws, r, 8, t.workload_minutes, f.integer);
        }
    }
    return close_workbook(wb, tmp);
}

}  // namespace seimbang::report
