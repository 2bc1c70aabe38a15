// XLSX worksheets read with libzip (the ZIP container) and expat (the XML
// parts), both Debian packages: no hand-written ZIP or XML parsing. Parts are
// streamed from the archive into the XML parser in chunks and capped in size,
// so a crafted file (a "ZIP bomb") is refused rather than filling memory.
#include "io/sheet.h"

#ifdef SEIMBANG_HAVE_XLSX
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#endif

namespace seimbang::io {

#ifndef SEIMBANG_HAVE_XLSX

bool xlsx_supported() { return false; }

std::optional<Sheet> read_xlsx_sheet(std::string_view, const std::string&, ReadError* error) {
    if (error) *error = {"import.xlsx_unsupported", 0, {}};
    return std::nullopt;
}

std::vector<std::string> xlsx_sheet_names(std::string_view, ReadError* error) {
    if (error) *error = {"import.xlsx_unsupported", 0, {}};
    return {};
}

#else

bool xlsx_supported() { return true; }

namespace {

struct BadFile {
    std::string code, detail;
};

// The archive, opened from memory; closed (discarded: read-only) on scope exit.
class Archive {
public:
    explicit Archive(std::string_view bytes) {
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
        if (src) {
            zip_ = zip_open_from_source(src, ZIP_RDONLY, &ze);
            if (!zip_) zip_source_free(src);
        }
        zip_error_fini(&ze);
        if (!zip_) throw BadFile{"import.xlsx_bad_zip", {}};
    }
    ~Archive() { zip_discard(zip_); }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    bool has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

    // Streams the part into `sink` in chunks; refuses parts above the cap.
    void read(const std::string& name, const std::function<void(const char*, size_t, bool)>& sink) {
        zip_file_t* f = zip_fopen(zip_, name.c_str(), 0);
        if (!f) throw BadFile{"import.xlsx_missing_part", name};
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
        char buf[1 << 16];
        size_t total = 0;
        for (;;) {
            const zip_int64_t n = zip_fread(f, buf, sizeof buf);
            if (n < 0) throw BadFile{"import.xlsx_bad_zip", name};
            total += static_cast<size_t>(n);
            if (total > kMaxXmlPartBytes) throw BadFile{"import.file_too_big", name};
            sink(buf, static_cast<size_t>(n), n == 0);
            if (n == 0) break;
        }
    }

private:
    zip_t* zip_ = nullptr;
};

// Namespace-aware expat parse of one part; element and attribute names are given
// by their local name (the part after the namespace URI), attributes of the
// relationships namespace ("r:id") as "r:<local>".
struct XmlHandler {
    std::function<void(std::string_view name, const char** attrs)> start;
    std::function<void(std::string_view name)> end;
    std::function<void(const char* s, int len)> text;
};

std::string_view local_name(const char* n) {
    std::string_view v(n);
    auto bar = v.rfind('|');
    return bar == std::string_view::npos ? v : v.substr(bar + 1);
}

const char* attr(const char** attrs, std::string_view local, bool relationship = false) {
    for (int i = 0; attrs[i]; i += 2) {
        std::string_view n(attrs[i]);
        const bool rel = n.find("relationships|") != std::string_view::npos;
        if (rel == relationship && local_name(attrs[i]) == local) return attrs[i + 1];
    }
    return nullptr;
}

void parse_part(Archive& zip, const std::string& name, XmlHandler& h) {
    std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> p(XML_ParserCreateNS("UTF-8", '|'), XML_ParserFree);
    if (!p) throw BadFile{"import.xlsx_bad_xml", name};
    XML_SetUserData(p.get(), &h);
    XML_SetElementHandler(
        p.get(),
        [](void* ud, const XML_Char* n, const XML_Char** a) {
            auto* hh = static_cast<XmlHandler*>(ud);
            if (hh->start) hh->start(local_name(n), a);
        },
        [](void* ud, const XML_Char* n) {
            auto* hh = static_cast<XmlHandler*>(ud);
            if (hh->end) hh->end(local_name(n));
        });
    XML_SetCharacterDataHandler(p.get(), [](void* ud, const XML_Char* s, int len) {
        auto* hh = static_cast<XmlHandler*>(ud);
        if (hh->text) hh->text(s, len);
    });
    zip.read(name, [&](const char* data, size_t n, bool last) {
        if (XML_Parse(p.get(), data, static_cast<int>(n), last ? 1 : 0) == XML_STATUS_ERROR)
            throw BadFile{"import.xlsx_bad_xml",
                          name + ":" + std::to_string(XML_GetCurrentLineNumber(p.get())) + ": " +
                              XML_ErrorString(XML_GetErrorCode(p.get()))};
    });
}

struct SheetRef {
    std::string name, part;  // part: path inside the archive
};

std::vector<SheetRef> workbook_sheets(Archive& zip) {
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    XmlHandler wb;
    wb.start = [&](std::string_view n, const char** a) {
        if (n != "sheet") return;
        const char* name = attr(a, "name");
        const char* rid = attr(a, "id", true);
        if (name && rid) sheets.emplace_back(name, rid);
    };
    parse_part(zip, "xl/workbook.xml", wb);
    std::map<std::string, std::string> targets;
    XmlHandler rels;
    rels.start = [&](std::string_view n, const char** a) {
        if (n != "Relationship") return;
        const char* id = attr(a, "Id");
        const char* target = attr(a, "Target");
        if (id && target) targets[id] = target;
    };
    parse_part(zip, "xl/_rels/workbook.xml.rels", rels);
    std::vector<SheetRef> out;
    for (const auto& [name, rid] : sheets) {
        auto it = targets.find(rid);
        if (it == targets.end()) continue;
        std::string part = it->second;
        part = part.rfind('/', 0) == 0 ? part.substr(1) : "xl/" + part;  // absolute or relative to xl/
        out.push_back({name, part});
    }
    return out;
}

std::vector<std::string> shared_strings(Archive& zip) {
    std::vector<std::string> out;
    if (!zip.has("xl/sharedStrings.xml")) return out;
    std::string cur;
    bool in_si = false, in_t = false;
    int phonetic = 0;  // <rPh> runs (ruby text) are not part of the value
    XmlHandler h;
    h.start = [&](std::string_view n, const char**) {
        if (n == "si") {
            in_si = true;
            cur.clear();
        } else if (n == "rPh") ++phonetic;
        else if (n == "t" && in_si && !phonetic) in_t = true;
    };
    h.end = [&](std::string_view n) {
        if (n == "si") {
            in_si = false;
            out.push_back(std::move(cur));
            cur.clear();
        } else if (n == "rPh") --phonetic;
        else if (n == "t") in_t = false;
    };
    h.text = [&](const char* s, int len) {
        if (in_t) {
            if (cur.size() + static_cast<size_t>(len) > kMaxCellBytes) throw BadFile{"import.cell_too_long", {}};
            cur.append(s, static_cast<size_t>(len));
        }
    };
    parse_part(zip, "xl/sharedStrings.xml", h);
    return out;
}

// "BC12" → column 54 (0-based), row 12; false when malformed.
bool parse_ref(std::string_view ref, int& col, int& row) {
    col = 0;
    size_t i = 0;
    while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
        col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
        if (col > 16384) return false;
        ++i;
    }
    if (i == 0 || i == ref.size()) return false;
    row = 0;
    for (; i < ref.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(ref[i]))) return false;
        row = row * 10 + (ref[i] - '0');
        if (row > 1048576) return false;
    }
    col -= 1;
    return row >= 1;
}

Sheet read_worksheet(Archive& zip, const SheetRef& ref) {
    const std::vector<std::string> strings = shared_strings(zip);
    Sheet sheet;
    sheet.name = ref.name;
    struct Merge {
        int r1, c1, r2, c2;
    };
    std::vector<Merge> merges;
    SheetRow* row = nullptr;
    int next_row = 1, next_col = 0, col = 0;
    std::string type, value;
    bool in_value = false, in_inline = false;
    XmlHandler h;
    h.start = [&](std::string_view n, const char** a) {
        if (n == "row") {
            const char* r = attr(a, "r");
            int line = r ? std::atoi(r) : next_row;
            if (line < next_row || line > 1048576) throw BadFile{"import.xlsx_bad_xml", ref.part};
            if (sheet.rows.size() >= kMaxRows) throw BadFile{"import.too_many_rows", std::to_string(kMaxRows)};
            sheet.rows.push_back({line, {}});
            row = &sheet.rows.back();
            next_row = line + 1;
            next_col = 0;
        } else if (n == "c" && row) {
            const char* r = attr(a, "r");
            int rr = 0;
            col = next_col;
            if (r && !parse_ref(r, col, rr)) throw BadFile{"import.xlsx_bad_xml", ref.part + ": " + r};
            if (col >= static_cast<int>(kMaxColumns)) throw BadFile{"import.too_many_columns", std::to_string(kMaxColumns)};
            const char* t = attr(a, "t");
            type = t ? t : "n";
            value.clear();
            next_col = col + 1;
        } else if (n == "v" || (n == "t" && in_inline)) {
            in_value = true;
        } else if (n == "is") {
            in_inline = true;
        } else if (n == "mergeCell") {
            const char* r = attr(a, "ref");
            std::string_view rs = r ? r : "";
            auto colon = rs.find(':');
            Merge m{};
            if (colon != std::string_view::npos && parse_ref(rs.substr(0, colon), m.c1, m.r1) &&
                parse_ref(rs.substr(colon + 1), m.c2, m.r2) && m.r2 >= m.r1 && m.c2 >= m.c1)
                merges.push_back(m);
        }
    };
    h.end = [&](std::string_view n) {
        if (n == "v" || n == "t") in_value = false;
        else if (n == "is") in_inline = false;
        else if (n == "c" && row) {
            Cell cell;
            if (type == "s") {
                const long i = std::atol(value.c_str());
                if (value.empty() || i < 0 || static_cast<size_t>(i) >= strings.size())
                    throw BadFile{"import.xlsx_bad_xml", ref.part + ": shared string " + value};
                cell.text = strings[static_cast<size_t>(i)];
            } else if (type == "n") {
                cell.text = value;
                cell.number = !value.empty();
            } else if (type == "b") {
                cell.text = value == "1" ? "TRUE" : "FALSE";
            } else {  // str (formula result), inlineStr, e (error such as #N/A)
                cell.text = value;
            }
            if (row->cells.size() <= static_cast<size_t>(col)) row->cells.resize(static_cast<size_t>(col) + 1);
            row->cells[static_cast<size_t>(col)] = std::move(cell);
        } else if (n == "row") {
            row = nullptr;
        }
    };
    h.text = [&](const char* s, int len) {
        if (!in_value) return;
        if (value.size() + static_cast<size_t>(len) > kMaxCellBytes) throw BadFile{"import.cell_too_long", {}};
        value.append(s, static_cast<size_t>(len));
    };
    parse_part(zip, ref.part, h);

    // Merged cells: every cell of the range shows the top-left value (a merged
    // "Unit Kerja" over five employees belongs to all five; a merged header
    // over two sub-columns names both).
    size_t filled = 0;
    for (const auto& m : merges) {
        auto find_row = [&](int line) -> SheetRow* {
            auto it = std::lower_bound(sheet.rows.begin(), sheet.rows.end(), line,
                                       [](const SheetRow& r, int l) { return r.line < l; });
            if (it != sheet.rows.end() && it->line == line) return &*it;
            if (sheet.rows.size() >= kMaxRows) throw BadFile{"import.too_many_rows", std::to_string(kMaxRows)};
            return &*sheet.rows.insert(it, SheetRow{line, {}});
        };
        Cell top;
        if (SheetRow* r = find_row(m.r1); static_cast<size_t>(m.c1) < r->cells.size()) top = r->cells[m.c1];
        if (top.text.empty()) continue;
        for (int r = m.r1; r <= m.r2; ++r) {
            SheetRow* sr = find_row(r);
            for (int c = m.c1; c <= m.c2 && c < static_cast<int>(kMaxColumns); ++c) {
                if (++filled > 4 * kMaxRows) throw BadFile{"import.too_many_rows", std::to_string(kMaxRows)};
                if (sr->cells.size() <= static_cast<size_t>(c)) sr->cells.resize(static_cast<size_t>(c) + 1);
                sr->cells[static_cast<size_t>(c)] = top;
            }
        }
    }
    return sheet;
}

}  // namespace

std::vector<std::string> xlsx_sheet_names(std::string_view bytes, ReadError* error) {
    try {
        Archive zip(bytes);
        std::vector<std::string> out;
        for (const auto& s : workbook_sheets(zip)) out.push_back(s.name);
        return out;
    } catch (const BadFile& b) {
        if (error) *error = {b.code, 0, b.detail};
        return {};
    }
}

std::optional<Sheet> read_xlsx_sheet(std::string_view bytes, const std::string& sheet, ReadError* error) {
    try {
        Archive zip(bytes);
        const auto sheets = workbook_sheets(zip);
        for (const auto& s : sheets)
            if (sheet.empty() || s.name == sheet) return read_worksheet(zip, s);
        std::string names;
        for (const auto& s : sheets) names += (names.empty() ? "" : ", ") + s.name;
        throw BadFile{sheets.empty() ? "import.xlsx_no_sheet" : "import.xlsx_unknown_sheet", sheet + " (" + names + ")"};
    } catch (const BadFile& b) {
        if (error) *error = {b.code, 0, b.detail};
        return std::nullopt;
    }
}

#endif

}  // namespace seimbang::io
