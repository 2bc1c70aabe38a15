#include "report/native/xlsx_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/uuid.h"

namespace seimbang::report {

TempFile::TempFile()
    : path(std::filesystem::temp_directory_path() / ("seimbang-report-" + new_uuid_v7() + ".xlsx")) {}

TempFile::~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

std::string close_workbook(lxw_workbook* wb, const TempFile& tmp) {
    if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
        throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(e));
    std::ifstream in(tmp.path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw std::runtime_error("cannot read the workbook back");
    return bytes.str();
}

}  // namespace seimbang::report
