// The evaluation report as XLSX and PDF (report/evaluation.h builds the content).
#include <stdexcept>

#include "i18n/format.h"
#include "report/evaluation.h"
#include "report/native/pdf_table.h"
#include "report/native/writers.h"
#include "report/native/xlsx_file.h"

namespace seimbang::report {

std::string evaluation_xlsx(const EvaluationReport& r, i18n::Lang lang) {
    XlsxFile file;
    lxw_workbook* wb = file.wb;
    lxw_format* title = file.title_format();
    lxw_format* heading = file.heading_format();
    lxw_format* dec = workbook_add_format(wb);
    format_set_num_format(dec, "0.00");
    lxw_format* pct = workbook_add_format(wb);
    format_set_num_format(pct, "0%");
    lxw_format* indent[4];
    for (int i = 0; i < 4; ++i) {
        indent[i] = workbook_add_format(wb);
        format_set_indent(indent[i], static_cast<uint8_t>(i));
        if (i == 0) format_set_bold(indent[i]);
    }
    const std::string t = evaluation_title(r, lang);
    {
        lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(i18n::tr("report.eval.sheet.offices", lang)).c_str());
        worksheet_write_string(ws, 0, 0, t.c_str(), title);
        worksheet_write_string(ws, 1, 0, evaluation_period_line(r, lang).c_str(), nullptr);
        const auto h = evaluation_headings(lang);
        for (size_t c = 0; c < h.size(); ++c) worksheet_write_string(ws, 3, static_cast<lxw_col_t>(c), h[c].c_str(), heading);
        worksheet_set_row(ws, 3, 32, nullptr);
        worksheet_freeze_panes(ws, 4, 1);
        worksheet_set_column(ws, 0, 0, 40, nullptr);
        worksheet_set_column(ws, 1, 13, 13, nullptr);
        lxw_row_t row = 3;
        for (const auto& x : r.rows) {
            ++row;
            const auto& b = x.now.balance;
            worksheet_write_string(ws, row, 0, x.now.office_name.c_str(), indent[std::min(x.depth, 3)]);
            if (b.eu) worksheet_write_number(ws, row, 1, *b.eu, dec);
            worksheet_write_number(ws, row, 2, b.ej_cv, dec);
            worksheet_write_number(ws, row, 3, b.ej_max, dec);
            worksheet_write_number(ws, row, 4, b.ej_min, dec);
            worksheet_write_number(ws, row, 5, b.share_balanced, pct);
            worksheet_write_number(ws, row, 6, b.overloaded, nullptr);
            worksheet_write_number(ws, row, 7, b.positions_short, nullptr);
            worksheet_write_number(ws, row, 8, b.positions_surplus, nullptr);
            worksheet_write_number(ws, row, 9, b.sum_sq, dec);
            if (x.before) worksheet_write_number(ws, row, 10, x.before->balance.ej_cv, dec);
            worksheet_write_string(ws, row, 11, std::string(i18n::tr(eval::change_key(x.change), lang)).c_str(), nullptr);
            worksheet_write_number(ws, row, 12, x.now.moves.decided, nullptr);
            if (x.now.moves.median_days) worksheet_write_number(ws, row, 13, *x.now.moves.median_days, dec);
        }
        worksheet_write_string(ws, row + 2, 0, std::string(i18n::tr("report.eval.note", lang)).c_str(), nullptr);
    }
    {
        lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(i18n::tr("report.eval.sheet.moves", lang)).c_str());
        worksheet_write_string(ws, 0, 0, t.c_str(), title);
        worksheet_write_string(ws, 1, 0, evaluation_period_line(r, lang).c_str(), nullptr);
        worksheet_write_string(ws, 3, 0, std::string(i18n::tr("report.eval.col.what", lang)).c_str(), heading);
        worksheet_write_string(ws, 3, 1, std::string(i18n::tr("report.eval.col.count", lang)).c_str(), heading);
        worksheet_set_column(ws, 0, 0, 50, nullptr);
        lxw_row_t row = 3;
        for (const auto& [label, n] : evaluation_move_lines(r, lang)) {
            ++row;
            worksheet_write_string(ws, row, 0, label.c_str(), nullptr);
            worksheet_write_number(ws, row, 1, n, nullptr);
        }
        if (!r.rows.empty() && r.rows.front().now.moves.median_days) {
            ++row;
            worksheet_write_string(ws, row, 0, std::string(i18n::tr("report.eval.col.median_days", lang)).c_str(), nullptr);
            worksheet_write_number(ws, row, 1, *r.rows.front().now.moves.median_days, dec);
        }
    }
    {
        // Per position: the ABK figures of each office's own positions.
        lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(i18n::tr("report.eval.sheet.positions", lang)).c_str());
        worksheet_write_string(ws, 0, 0, t.c_str(), title);
        worksheet_write_string(ws, 1, 0, evaluation_period_line(r, lang).c_str(), nullptr);
        const auto h = evaluation_position_headings(lang);
        for (size_t c = 0; c < h.size(); ++c) worksheet_write_string(ws, 3, static_cast<lxw_col_t>(c), h[c].c_str(), heading);
        worksheet_set_row(ws, 3, 32, nullptr);
        worksheet_freeze_panes(ws, 4, 2);
        worksheet_set_column(ws, 0, 0, 32, nullptr);
        worksheet_set_column(ws, 1, 1, 40, nullptr);
        worksheet_set_column(ws, 2, 8, 12, nullptr);
        lxw_row_t row = 3;
        for (const auto& l : evaluation_position_lines(r)) {
            ++row;
            const auto& p = *l.now;
            worksheet_write_string(ws, row, 0, l.office->now.office_name.c_str(), nullptr);
            worksheet_write_string(ws, row, 1, p.name.c_str(), nullptr);
            worksheet_write_number(ws, row, 2, p.needed, dec);
            worksheet_write_number(ws, row, 3, p.needed_rounded, nullptr);
            worksheet_write_number(ws, row, 4, p.holders, nullptr);
            worksheet_write_number(ws, row, 5, p.difference, nullptr);
            if (p.ej) worksheet_write_number(ws, row, 6, *p.ej, dec);
            if (!p.pj.empty()) worksheet_write_string(ws, row, 7, p.pj.c_str(), nullptr);
            if (l.before && l.before->ej) worksheet_write_number(ws, row, 8, *l.before->ej, dec);
        }
    }
    return file.bytes();
}

std::string evaluation_pdf(const EvaluationReport& r, i18n::Lang lang, const std::string& printed) {
    pdf::Document d;
    if (!d.doc) throw std::runtime_error("cannot create the PDF");
    const std::string title = evaluation_title(r, lang) + " · " + evaluation_period_line(r, lang);
    const std::string footer = std::string(i18n::tr("report.printed", lang)) + " " + printed + " · " +
                               std::string(i18n::tr("report.page", lang));
    pdf::PdfTable t(d.doc, d.regular, d.bold, title, footer);
    const auto h = evaluation_headings(lang);
    const float w[] = {150, 40, 44, 48, 48, 52, 44, 52, 52, 52, 56, 56, 46, 60};
    std::vector<pdf::PdfTable::Column> cols;
    for (size_t c = 0; c < h.size(); ++c) cols.push_back({h[c], w[c], c > 0 && c != 11});
    t.section(std::string(i18n::tr("report.eval.section.offices", lang)), cols);
    for (const auto& x : r.rows) t.row(evaluation_office_cells(x, lang), x.depth == 0);
    t.section(std::string(i18n::tr("report.eval.section.moves", lang)),
              {{std::string(i18n::tr("report.eval.col.what", lang)), 300, false},
               {std::string(i18n::tr("report.eval.col.count", lang)), 80, true}});
    for (const auto& [label, n] : evaluation_move_lines(r, lang)) t.row({label, i18n::format_int(n, lang)});
    {
        const auto ph = evaluation_position_headings(lang);
        const float pw[] = {140, 190, 60, 56, 60, 56, 44, 30, 70};
        std::vector<pdf::PdfTable::Column> pc;
        for (size_t c = 0; c < ph.size(); ++c) pc.push_back({ph[c], pw[c], c > 1 && c != 7});
        t.section(std::string(i18n::tr("report.eval.section.positions", lang)), pc);
        for (const auto& l : evaluation_position_lines(r)) t.row(evaluation_position_cells(l, lang));
    }
    std::string out = d.bytes();
    if (out.empty()) throw std::runtime_error("cannot write the PDF (libharu error " + std::to_string(d.error) + ")");
    return out;
}

}  // namespace seimbang::report
