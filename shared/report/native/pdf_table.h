// The PDF table writer shared by the report writers (A4 landscape, a title and
// footer on each page, sections with wrapped headings, rows cut to their
// columns) over libharu with its base-14 fonts. Native only.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

namespace seimbang::report::pdf {

// libharu is C: its error handler must not throw through it. The first error is
// kept and reported once the document is done.
inline void on_error(HPDF_STATUS error_no, HPDF_STATUS, void* user_data) {
    auto* first = static_cast<HPDF_STATUS*>(user_data);
    if (*first == HPDF_OK) *first = error_no;
}

// libharu's base-14 fonts take WinAnsi (CP1252) text: UTF-8 is converted; the
// few characters outside it get their closest CP1252 form.
inline std::string cp1252(std::string_view utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        uint32_t cp = c;
        int len = 1;
        if (c >= 0xF0 && i + 3 < utf8.size()) {
            cp = ((c & 0x07u) << 18) | ((utf8[i + 1] & 0x3Fu) << 12) | ((utf8[i + 2] & 0x3Fu) << 6) | (utf8[i + 3] & 0x3Fu);
            len = 4;
        } else if (c >= 0xE0 && i + 2 < utf8.size()) {
            cp = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3Fu);
            len = 3;
        } else if (c >= 0xC0 && i + 1 < utf8.size()) {
            cp = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3Fu);
            len = 2;
        }
        i += static_cast<size_t>(len);
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) out += static_cast<char>(cp);
        else if (cp == 0x2212 || cp == 0x2013) out += static_cast<char>(0x96);  // minus, en dash → en dash
        else if (cp == 0x2014) out += static_cast<char>(0x97);
        else if (cp == 0x2026) out += static_cast<char>(0x85);
        else if (cp == 0x00B7 || cp == 0x2022) out += static_cast<char>(0xB7);
        else out += '?';
    }
    return out;
}

constexpr float kMargin = 36;

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

    // A paragraph of text wrapped to the page width (notes, comments).
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
        this->line(y_ - 4, 0.2f);  // (the method; `line` is the text here)
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

// A new document with compression on; `error` receives libharu's first error.
// The caller frees it (struct Free below) and reads it with `bytes`.
struct Document {
    HPDF_STATUS error = HPDF_OK;
    HPDF_Doc doc = nullptr;
    HPDF_Font regular = nullptr, bold = nullptr;
    Document() {
        doc = HPDF_New(on_error, &error);
        if (!doc) return;
        HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
        regular = HPDF_GetFont(doc, "Helvetica", "WinAnsiEncoding");
        bold = HPDF_GetFont(doc, "Helvetica-Bold", "WinAnsiEncoding");
    }
    ~Document() {
        if (doc) HPDF_Free(doc);
    }
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;
    // The whole file; empty when libharu failed.
    std::string bytes() {
        if (HPDF_SaveToStream(doc) != HPDF_OK || error != HPDF_OK) return {};
        std::string out(HPDF_GetStreamSize(doc), '\0');
        HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
        HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
        out.resize(size);
        return out;
    }
};

}  // namespace seimbang::report::pdf
