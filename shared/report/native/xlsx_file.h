// The workbook file of the XLSX reports: libxlsxwriter 1.1.4 (Debian 12)
// writes to a file only, so each report writes a private temporary file, reads
// it back and removes it.
#pragma once
#include <filesystem>
#include <string>

#include <xlsxwriter.h>

namespace seimbang::report {

struct TempFile {
    std::filesystem::path path;
    TempFile();
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

// Closes the workbook (written to tmp.path) and returns the file's bytes;
// throws std::runtime_error when it cannot be written or read back.
std::string close_workbook(lxw_workbook* wb, const TempFile& tmp);

}  // namespace seimbang::report
