#include "workflow/imut.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "i18n/strings.h"
#include "store/repo.h"
#include "util/csv.h"
#include "workflow/workflow.h"

namespace seimbang::workflow {

std::string imut_csv(store::Db& db, const WorkflowSettings& s, const std::string& scope_office, const Date& from,
                     const Date& to) {
    std::unordered_set<std::string> scope;
    for (auto& id : store::office_subtree(db, scope_office)) scope.insert(std::move(id));
    std::vector<Request> moves;
    for (auto& r : list_requests(db)) {
        if (r.status != Status::ditetapkan && r.status != Status::selesai) continue;
        const auto d = parse_iso_date(r.sk_date);
        if (!d || *d < from || to < *d) continue;
        if (!scope.count(r.office_id) && !scope.count(r.to_office_id)) continue;
        moves.push_back(std::move(r));
    }
    std::sort(moves.begin(), moves.end(), [](const Request& a, const Request& b) {
        return a.sk_date != b.sk_date ? a.sk_date < b.sk_date : a.sk_number < b.sk_number;
    });
    auto office = [&](const std::string& id) {
        auto o = store::get_office(db, id);
        return o ? o->name : std::string();
    };
    auto position = [&](const std::string& id) {
        auto p = id.empty() ? std::nullopt : store::get_position(db, id);
        return p ? p->name : std::string();
    };
    std::string out;
    for (size_t k = 0; k < s.imut_columns.size(); ++k) out += (k ? "," : "") + csv::field(s.imut_columns[k]);
    out += "\r\n";
    for (const auto& r : moves) {
        auto e = store::get_employee(db, r.employee_id);
        // Before the TMT the employee still holds the origin post; afterwards the
        // request keeps what the move was (the employee record has moved on).
        const std::map<std::string, std::string> v = {
            {"nip", e ? e->nip : ""},
            {"nama", e ? e->name : ""},
            {"golongan", e ? e->golongan : ""},
            {"instansi_asal", s.instansi},
            {"unit_asal", office(r.office_id)},
            {"jabatan_asal", position(r.from_position_id)},
            {"instansi_tujuan", r.to_instansi.empty() ? s.instansi : r.to_instansi},
            {"unit_tujuan", office(r.to_office_id)},
            {"jabatan_tujuan", r.to_positions.empty() ? "" : position(r.to_positions.front())},
            {"jenis_mutasi", std::string(i18n::tr("workflow.kind." + std::string(to_string(r.kind)), i18n::Lang::id))},
            {"nomor_sk", r.sk_number},
            {"tanggal_sk", r.sk_date},
            {"tmt", r.tmt},
            {"alasan", std::string(i18n::tr("workflow.reason." + std::string(to_string(r.reason)), i18n::Lang::id))},
        };
        for (size_t k = 0; k < s.imut_columns.size(); ++k) {
            auto it = v.find(s.imut_columns[k]);
            out += (k ? "," : "") + csv::field(it == v.end() ? std::string() : it->second);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace seimbang::workflow
