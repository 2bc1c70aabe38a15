#include "store/table_facts.h"

#include <algorithm>
#include <stdexcept>

namespace seimbang::store {

namespace {

char affinity_of(std::string type) {
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (type.find("INT") != std::string::npos) return 'I';  // the rules in their order
    if (type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
        type.find("TEXT") != std::string::npos)
        return 'T';
    if (type.empty() || type.find("BLOB") != std::string::npos) return 'B';
    if (type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
        type.find("DOUB") != std::string::npos)
        return 'R';
    return 'N';
}

size_t registry_index(const TableSpec& t) {
    const auto& tables = synced_tables();
    if (&t < tables.data() || &t >= tables.data() + tables.size())
        throw std::logic_error("store: " + t.name + " is not a registry table");
    return static_cast<size_t>(&t - tables.data());
}

std::vector<TableFacts> build() {
    std::vector<TableFacts> all;
    for (const auto& t : synced_tables()) {
        TableFacts f;
        std::string columns = "id";
        for (const auto& c : t.columns) columns += ", " + c;
        f.select_all = "SELECT " + columns + " FROM " + t.name;
        f.select_by_id = f.select_all + " WHERE id = ?1";
        f.log_by_id = "SELECT _seq, _meta FROM " + t.name + " WHERE id = ?1";
        f.office_by_id = "SELECT " + t.office_column + " FROM " + t.name + " WHERE id = ?1";
        f.delete_by_id = "DELETE FROM " + t.name + " WHERE id = ?1";
        f.canonical_order.resize(t.columns.size() + 1);
        for (size_t k = 0; k < f.canonical_order.size(); ++k) f.canonical_order[k] = k;
        auto name = [&](size_t k) -> std::string_view { return k == 0 ? std::string_view("id") : t.columns[k - 1]; };
        std::sort(f.canonical_order.begin(), f.canonical_order.end(),
                  [&](size_t a, size_t b) { return name(a) < name(b); });
        all.push_back(std::move(f));
    }
    return all;
}

std::vector<std::vector<char>> build_affinities() {
    std::vector<std::vector<char>> all;
    Db schema(":memory:");  // the declared column types as this build's migrations create them
    migrate(schema);
    for (const auto& t : synced_tables()) {
        std::vector<char> a(t.columns.size(), 'N');
        auto q = schema.prepare("SELECT name, type FROM pragma_table_info(?1)");
        q.bind(1, t.name);
        while (q.step())
            if (const int i = t.column_index(q.text(0)); i >= 0) a[static_cast<size_t>(i)] = affinity_of(q.text(1));
        all.push_back(std::move(a));
    }
    return all;
}

}  // namespace

const TableFacts& facts(const TableSpec& t) {
    static const std::vector<TableFacts> all = build();
    return all[registry_index(t)];
}

const std::vector<char>& affinity(const TableSpec& t) {
    static const std::vector<std::vector<char>> all = build_affinities();
    return all[registry_index(t)];
}

}  // namespace seimbang::store
