// A workbook written by libxlsxwriter and returned as bytes, shared by the
// XLSX report writers. libxlsxwriter 1.1.4 (Debian 12) writes to a file only:
// a private temporary file, read back and removed. Native only.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <xlsxwriter.h>

#include "util/uuid.h"

namespace seimbang::report {

class XlsxFile {
public:
    XlsxFile() {
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE;
        options.tmpdir = nullptr;
        wb = workbook_new_opt(path_.c_str(), &options);
        if (!wb) throw std::runtime_error("cannot create the workbook");
    }
    ~XlsxFile() {
        if (wb) workbook_close(wb);
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    XlsxFile(const XlsxFile&) = delete;
    XlsxFile& operator=(const XlsxFile&) = delete;
    // Closes the workbook and returns the file's bytes.
    std::string bytes() {
        lxw_error e = workbook_close(wb);
        wb = nullptr;
        if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(e));
        std::ifstream in(path_, std::ios::binary);
        std::ostringstream out;
        out << in.rdbuf();
        if (!in) throw std::runtime_error("cannot read the workbook back");
        return out.str();
    }
    lxw_workbook* wb = nullptr;

    // The reports' house style: the title line, and column headings (bold,
    // wrapped, shaded, bordered). One of each per workbook.
    lxw_format* title_format() {
        lxw_format* f = workbook_add_format(wb);
        format_set_bold(f);
        format_set_font_size(f, 13);
        return f;
    }
    lxw_format* heading_format() {
        lxw_format* f = workbook_add_format(wb);
        format_set_bold(f);
        format_set_text_wrap(f);
        format_set_bg_color(f, 0xE8EEF4);
        format_set_border(f, LXW_BORDER_THIN);
        return f;
    }

private:
    std::filesystem::path path_ =
        std::filesystem::temp_directory_path() / ("seimbang-report-" + new_uuid_v7() + ".xlsx");
};

}  // namespace seimbang::report
