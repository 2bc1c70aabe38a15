#include "cli/table.h"

#include <algorithm>

namespace seimbang::cli {

namespace {
size_t display_width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;  // count UTF-8 lead bytes only
    return n;
}
}  // namespace

void Table::print(std::ostream& out) const {
    std::vector<size_t> width;
    for (const auto& r : rows_) {
        if (width.size() < r.size()) width.resize(r.size(), 0);
        for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
    }
    for (size_t ri = 0; ri < rows_.size(); ++ri) {
        const auto& r = rows_[ri];
        for (size_t i = 0; i < r.size(); ++i) {
            out << r[i];
            if (i + 1 < r.size()) out << std::string(width[i] - display_width(r[i]) + 2, ' ');
        }
        out << "\n";
        if (ri == 0) {
            size_t total = 0;
            for (size_t w : width) total += w + 2;
            out << std::string(total > 2 ? total - 2 : 0, '-') << "\n";
        }
    }
}

}  // namespace seimbang::cli
