// Shared pieces of the PDF reports (libharu): the error hook, WinAnsi text and
// a paged table with repeated headings. Used by abk_pdf.cpp and survey_pdf.cpp.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

namespace seimbang::report {

// libharu is C: its error handler must not throw through it. The first error is
// kept (user_data: an HPDF_STATUS) and reported once the document is done.
void on_error(HPDF_STATUS error_no, HPDF_STATUS, void* user_data);

// libharu's base-14 fonts take WinAnsi (CP1252) text: UTF-8 is converted; the
// few characters outside it get their closest CP1252 form.
std::string cp1252(std::string_view utf8);

inline constexpr float kMargin = 36;

class PdfTable {
public:
    struct Column {
        std::string heading;
        float width;
        bool right;  // figures are right-aligned
    };
    PdfTable(HPDF_Doc doc, HPDF_Font regular, HPDF_Font bold, std::string title, std::string footer)
        : doc_(doc), regular_(regular), bold_(bold), title_(std::move(title)), footer_(std::move(footer)) {}

    void section(const std::string& heading, std::vector<Column> columns) {
        columns_ = std::move(columns);
        if (!page_ || y_ < kMargin + 90) new_page();
        y_ -= 24;
        text(bold_, 11, kMargin, y_, heading);
        y_ -= 4;
        header_row();
    }
    void row(const std::vector<std::string>& cells, bool strong = false) {
        if (y_ < kMargin + 24) {
            new_page();
            header_row();
        }
        y_ -= 13;
        float x = kMargin;
        for (size_t c = 0; c < columns_.size() && c < cells.size(); ++c) {
            fit(strong ? bold_ : regular_, 8, x, y_, columns_[c].width, cells[c], columns_[c].right);
            x += columns_[c].width;
        }
        line(y_ - 3.5f, 0.2f);
    }

    // Free text wrapped to the page's width on as many lines as it needs (comments).
    void paragraph(const std::string& utf8) {
        if (!page_) new_page();
        HPDF_Page_SetFontAndSize(page_, regular_, 8);
        const float room = width_ - 2 * kMargin - 8;
        auto flush = [&](const std::string& line) {
            if (y_ < kMargin + 24) new_page();
            y_ -= 11;
            text(regular_, 8, kMargin + 4, y_, line);
        };
        std::string line, word;
        auto place = [&] {
            if (word.empty()) return;
            const std::string candidate = line.empty() ? word : line + " " + word;
            HPDF_Page_SetFontAndSize(page_, regular_, 8);
            if (!line.empty() && HPDF_Page_TextWidth(page_, cp1252(candidate).c_str()) > room) {
                flush(line);
                line = word;
            } else {
                line = candidate;
            }
            word.clear();
        };
        for (char ch : utf8) {
            if (ch == ' ' || ch == '\n' || ch == '\t') place();
            else word += ch;
        }
        place();
        if (!line.empty()) flush(line);
        line_at(y_ - 4, 0.2f);
        y_ -= 4;
    }
    // A heading line outside a table.
    void heading(const std::string& utf8) {
        if (!page_ || y_ < kMargin + 60) new_page();
        y_ -= 24;
        text(bold_, 11, kMargin, y_, utf8);
        y_ -= 4;
    }

private:
    void line_at(float y, float w) { line(y, w); }
    void new_page() {
        page_ = HPDF_AddPage(doc_);
        HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
        ++pages_;
        height_ = HPDF_Page_GetHeight(page_);
        width_ = HPDF_Page_GetWidth(page_);
        y_ = height_ - kMargin;
        text(bold_, 13, kMargin, y_ - 4, title_);
        y_ -= 22;
        text(regular_, 8, kMargin, kMargin - 18, footer_ + " · " + std::to_string(pages_));
    }
    // Headings on up to three lines (words wrapped to the column), bottom-aligned.
    void header_row() {
        y_ -= 32;
        HPDF_Page_SetRGBFill(page_, 0.91f, 0.93f, 0.96f);
        HPDF_Page_Rectangle(page_, kMargin, y_ - 5, width_ - 2 * kMargin, 34);
        HPDF_Page_Fill(page_);
        HPDF_Page_SetRGBFill(page_, 0, 0, 0);
        float x = kMargin;
        for (const auto& c : columns_) {
            const auto lines = wrap(bold_, 7.5f, c.width - 6, c.heading);
            for (size_t i = 0; i < lines.size(); ++i)
                fit(bold_, 7.5f, x, y_ + 9 * static_cast<float>(lines.size() - 1 - i), c.width, lines[i], c.right);
            x += c.width;
        }
        line(y_ - 5, 0.6f);
    }
    std::vector<std::string> wrap(HPDF_Font font, float size, float room, const std::string& utf8) {
        HPDF_Page_SetFontAndSize(page_, font, size);
        std::vector<std::string> lines{""};
        std::string word;
        auto width = [&](const std::string& s) { return HPDF_Page_TextWidth(page_, cp1252(s).c_str()); };
        auto place = [&] {
            if (word.empty()) return;
            std::string candidate = lines.back().empty() ? word : lines.back() + " " + word;
            if (!lines.back().empty() && width(candidate) > room && lines.size() < 3) lines.push_back(word);
            else lines.back() = candidate;
            word.clear();
        };
        for (char ch : utf8) {
            if (ch == ' ') place();
            else word += ch;
        }
        place();
        return lines;
    }
    void line(float y, float w) {
        HPDF_Page_SetLineWidth(page_, w);
        HPDF_Page_SetGrayStroke(page_, 0.6f);
        HPDF_Page_MoveTo(page_, kMargin, y);
        HPDF_Page_LineTo(page_, width_ - kMargin, y);
        HPDF_Page_Stroke(page_);
    }
    void text(HPDF_Font font, float size, float x, float y, const std::string& utf8) {
        const std::string s = cp1252(utf8);
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font, size);
        HPDF_Page_TextOut(page_, x, y, s.c_str());
        HPDF_Page_EndText(page_);
    }
    // Text cut to the column (with an ellipsis) so columns never overlap.
    void fit(HPDF_Font font, float size, float x, float y, float width, const std::string& utf8, bool right) {
        std::string s = cp1252(utf8);
        HPDF_Page_SetFontAndSize(page_, font, size);
        const float room = width - 6;
        if (HPDF_Page_TextWidth(page_, s.c_str()) > room) {
            while (!s.empty() && HPDF_Page_TextWidth(page_, (s + "\x85").c_str()) > room) s.pop_back();
            s += "\x85";
        }
        const float w = HPDF_Page_TextWidth(page_, s.c_str());
        HPDF_Page_BeginText(page_);
        HPDF_Page_TextOut(page_, right ? x + width - 4 - w : x + 2, y, s.c_str());
        HPDF_Page_EndText(page_);
    }

    HPDF_Doc doc_;
    HPDF_Font regular_, bold_;
    std::string title_, footer_;
    std::vector<Column> columns_;
    HPDF_Page page_ = nullptr;
    float y_ = 0, height_ = 0, width_ = 0;
    int pages_ = 0;
};

// The finished document as bytes; throws std::runtime_error on a libharu error.
std::string save_pdf(HPDF_Doc doc, HPDF_STATUS error);

}  // namespace seimbang::report
