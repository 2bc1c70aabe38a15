#include <stdexcept>

#include <xlsxwriter.h>

#include "report/native/writers.h"
#include "report/native/xlsx_file.h"

namespace seimbang::report {

namespace {
std::string tr(const char* key, i18n::Lang lang) { return std::string(i18n::tr(key, lang)); }
}  // namespace

std::string survey_xlsx(const survey::CampaignResults& r, i18n::Lang lang) {
    XlsxFile file;
    lxw_workbook* wb = file.wb;
    lxw_format* title = file.title_format();
    lxw_format* heading = file.heading_format();
    lxw_format* one = workbook_add_format(wb);
    format_set_num_format(one, "0.0");
    lxw_format* two = workbook_add_format(wb);
    format_set_num_format(two, "0.00");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    const std::string sub = tr("survey.report.campaign", lang) + ": " + r.campaign.title + " · " +
                            tr("survey.report.period", lang) + " " + r.campaign.period + " · " + r.campaign.opens +
                            " – " + r.campaign.closes;
    {
        lxw_worksheet* ws = workbook_add_worksheet(wb, tr("survey.report.index", lang).substr(0, 31).c_str());
        worksheet_write_string(ws, 0, 0, survey_title(r, lang).c_str(), title);
        worksheet_write_string(ws, 1, 0, sub.c_str(), nullptr);
        const auto h = survey_headings(r, lang);
        for (size_t c = 0; c < h.size(); ++c)
            worksheet_write_string(ws, 3, static_cast<lxw_col_t>(c), h[c].c_str(), heading);
        worksheet_set_row(ws, 3, 45, nullptr);
        worksheet_set_column(ws, 0, 0, 36, nullptr);
        worksheet_set_column(ws, 1, static_cast<lxw_col_t>(h.size() - 1), 12, nullptr);
        worksheet_freeze_panes(ws, 4, 1);
        lxw_row_t row = 4;
        for (const auto& l : survey_lines(r)) {
            // Figures as numbers where there are figures; the same text cells otherwise.
            const auto cells = survey_cells(r, l, lang, false);
            const bool shown = l.group && l.group->shown;
            worksheet_write_string(ws, row, 0, (std::string(static_cast<size_t>(l.depth) * 3, ' ') + cells[0]).c_str(),
                                   l.total ? bold : nullptr);
            worksheet_write_number(ws, row, 1, l.eligible, nullptr);
            worksheet_write_number(ws, row, 2, l.participated, nullptr);
            if (l.rate) worksheet_write_number(ws, row, 3, *l.rate, one);
            if (shown) {
                const auto& f = l.group->figures;
                worksheet_write_number(ws, row, 4, f.answers, nullptr);
                worksheet_write_number(ws, row, 5, f.index, one);
                worksheet_write_string(ws, row, 6, cells[6].c_str(), nullptr);
                for (size_t i = 0; i < f.facets.size(); ++i)
                    worksheet_write_number(ws, row, static_cast<lxw_col_t>(9 + i), f.facets[i].index, one);
            } else {
                worksheet_write_string(ws, row, 4, cells[4].c_str(), nullptr);
            }
            if (l.ej) worksheet_write_number(ws, row, 7, *l.ej, two);
            if (l.workload_index) worksheet_write_number(ws, row, 8, *l.workload_index, one);
            ++row;
        }
        worksheet_write_string(ws, row + 1, 0, survey_k_note(r, lang).c_str(), nullptr);
        worksheet_write_string(ws, row + 2, 0, tr("survey.report.index_note", lang).c_str(), nullptr);
    }
    {
        lxw_worksheet* ws = workbook_add_worksheet(wb, tr("survey.report.comments", lang).substr(0, 31).c_str());
        worksheet_write_string(ws, 0, 0, survey_title(r, lang).c_str(), title);
        worksheet_write_string(ws, 1, 0, survey_k_note(r, lang).c_str(), nullptr);
        worksheet_set_column(ws, 0, 0, 30, nullptr);
        worksheet_set_column(ws, 1, 1, 100, wrap);
        lxw_row_t row = 3;
        for (const auto& l : survey_lines(r)) {
            if (!l.group || !l.group->comments_shown) continue;
            const std::string who = l.total ? tr("survey.report.total", lang) : l.name;
            for (const auto& c : l.group->figures.comments) {
                worksheet_write_string(ws, row, 0, who.c_str(), nullptr);
                worksheet_write_string(ws, row, 1, c.c_str(), wrap);
                ++row;
            }
        }
    }
    return file.bytes();
}

}  // namespace seimbang::report
