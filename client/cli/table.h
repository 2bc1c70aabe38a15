// Plain-text table for terminal output: columns padded to the widest cell
// (UTF-8 aware, so "Tanah Enam Ratus" and names with accents line up).
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace seimbang::cli {

class Table {
public:
    explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const;

private:
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace seimbang::cli
