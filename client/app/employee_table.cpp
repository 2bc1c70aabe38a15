// The Pegawai list's rows (employee_table.h).
#include "app/employee_table.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "model/golongan.h"
#include "model/nip.h"

namespace seimbang::app {

void EmployeeTable::refresh() {
    dirty = false;
    rows.clear();
    std::string needle;
    for (char c : search) needle += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto contains = [&](const std::string& hay) {
        if (needle.empty()) return true;
        auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                              [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
        return it != hay.end();
    };
    std::unordered_map<std::string, bool> in_scope;
    auto under = [&](const std::string& office_id, const std::string& root) {
        if (root.empty()) return true;
        std::string key = office_id + "|" + root;
        if (auto it = in_scope.find(key); it != in_scope.end()) return it->second;
        const bool ok = workload_.within(office_id, root);
        in_scope[key] = ok;
        return ok;
    };
    // NIPs are written with spaces ("19660801 198803 1 001"): digits match without them.
    const std::string nip_needle = normalise_nip(needle);
    const bool digits_only = !nip_needle.empty() && std::all_of(nip_needle.begin(), nip_needle.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    const std::string root = session_ && !workload_.reads_all_offices() ? session_->office_id : "";
    for (int i = 0; i < static_cast<int>(workload_.data.employees.size()); ++i) {
        const auto& e = workload_.data.employees[i];
        if (e.archived != show_archived) continue;
        if (!under(e.office_id, root) || !under(e.office_id, office_filter)) continue;
        if (!needle.empty()) {
            const Position* p = workload_.position(e.position_id);
            const bool nip_hit = digits_only && e.nip.find(nip_needle) != std::string::npos;
            if (!nip_hit && !contains(e.name) && !contains(e.nip) && !(p && contains(p->name))) continue;
        }
        rows.push_back(i);
    }
    auto key = [&](const Employee& e) -> std::string {
        switch (sort_column) {
            case 0: return e.nip;
            case 2: {
                auto g = parse_golongan(e.golongan);
                char buf[8];
                std::snprintf(buf, sizeof buf, "%d%02d", g ? int(g->scale) : 9, g ? g->rank : 0);
                return buf;
            }
            case 3: {
                const Position* p = workload_.position(e.position_id);
                return p ? p->name : "";
            }
            case 4: {
                const Office* o = workload_.office(e.office_id);
                return o ? o->name : "";
            }
            default: return e.name;
        }
    };
    std::vector<std::pair<std::string, int>> keyed;
    keyed.reserve(rows.size());
    for (int i : rows) keyed.emplace_back(key(workload_.data.employees[i]), i);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        return sort_ascending ? a.first < b.first : a.first > b.first;
    });
    for (size_t k = 0; k < keyed.size(); ++k) rows[k] = keyed[k].second;
}

}  // namespace seimbang::app
