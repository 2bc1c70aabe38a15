#include "report/print_html.h"

namespace seimbang::report {

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string print_html(const PrintDocument& d, i18n::Lang lang) {
    const auto e = html_escape;
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"";
    h += lang == i18n::Lang::en ? "en" : "id";
    h += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" + e(d.title) + "</title><style>"
         "@page{size:A4 landscape;margin:12mm}"
         "body{font:12px/1.35 system-ui,Arial,sans-serif;color:#1d2430;margin:16px}"
         "h1{font-size:16px;margin:0 0 4px}h2{font-size:13px;margin:18px 0 6px}"
         ".sub{color:#55606e;margin:0 0 8px}"
         "table{border-collapse:collapse;width:100%}"
         "th,td{border:1px solid #c9d0d8;padding:3px 6px;vertical-align:top}"
         "th{background:#eef1f4;text-align:left}td.r,th.r{text-align:right}tr.b td{font-weight:bold}"
         "thead{display:table-header-group}tr{page-break-inside:avoid}"
         ".note{color:#55606e;margin:8px 0}.foot{color:#55606e;margin-top:14px;font-size:11px}"
         ".how{background:#fff6d6;border:1px solid #e8d48a;padding:6px 10px;margin:0 0 12px}"
         "@media print{.how{display:none}body{margin:0}}"
         "</style></head><body>\n";
    // No script (a print button would need one): the line names the browser's own print, and is not printed.
    h += "<p class=\"how\">" + e(std::string(i18n::tr("report.print.how", lang))) + "</p>\n";
    h += "<h1>" + e(d.title) + "</h1>\n";
    if (!d.subtitle.empty()) h += "<p class=\"sub\">" + e(d.subtitle) + "</p>\n";
    for (const auto& t : d.tables) {
        if (!t.heading.empty()) h += "<h2>" + e(t.heading) + "</h2>\n";
        h += "<table><thead><tr>";
        for (size_t c = 0; c < t.columns.size(); ++c)
            h += std::string(c < t.right.size() && t.right[c] ? "<th class=\"r\">" : "<th>") + e(t.columns[c]) + "</th>";
        h += "</tr></thead><tbody>\n";
        for (size_t r = 0; r < t.rows.size(); ++r) {
            h += r < t.strong.size() && t.strong[r] ? "<tr class=\"b\">" : "<tr>";
            for (size_t c = 0; c < t.rows[r].size(); ++c)
                h += std::string(c < t.right.size() && t.right[c] ? "<td class=\"r\">" : "<td>") + e(t.rows[r][c]) + "</td>";
            h += "</tr>\n";
        }
        h += "</tbody></table>\n";
    }
    for (const auto& n : d.notes) h += "<p class=\"note\">" + e(n) + "</p>\n";
    if (!d.printed.empty())
        h += "<p class=\"foot\">" + e(std::string(i18n::tr("report.printed", lang))) + " " + e(d.printed) + "</p>\n";
    h += "</body></html>\n";
    return h;
}

}  // namespace seimbang::report
