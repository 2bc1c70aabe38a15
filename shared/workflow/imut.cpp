#include "workflow/imut.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "i18n/strings.h"
#include "store/repo.h"
#include "util/csv.h"
#include "workflow/workflow.h"

namespace seimbang::workflow {

std::string imut_header(const WorkflowSettings& s) {
    std::string out;
    for (size_t k = 0; k < s.imut_columns.size(); ++k) {
        if (k) out += ',';
        out += csv::field(s.imut_columns[k]);
    }
    return out + "\r\n";
}

std::string imut_line(const WorkflowSettings& s, const ImutMove& m) {
    const std::map<std::string, std::string> v = {
        {"nip", m.nip},
        {"nama", m.nama},
        {"golongan", m.golongan},
        {"instansi_asal", m.instansi_asal},
        {"unit_asal", m.unit_asal},
        {"jabatan_asal", m.jabatan_asal},
        {"instansi_tujuan", m.instansi_tujuan},
        {"unit_tujuan", m.unit_tujuan},
        {"jabatan_tujuan", m.jabatan_tujuan},
        {"jenis_mutasi", std::string(i18n::tr("workflow.kind." + std::string(to_string(m.kind)), i18n::Lang::id))},
        {"nomor_sk", m.nomor_sk},
        {"tanggal_sk", m.tanggal_sk},
        {"tmt", m.tmt},
        {"alasan", std::string(i18n::tr("workflow.reason." + std::string(to_string(m.reason)), i18n::Lang::id))},
    };
    std::string out;
    for (size_t k = 0; k < s.imut_columns.size(); ++k) {
        auto it = v.find(s.imut_columns[k]);
        if (k) out += ',';
        out += csv::field(it == v.end() ? std::string() : it->second);
    }
    return out + "\r\n";
}

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
    std::string out = imut_header(s);
    for (const auto& r : moves) {
        auto e = store::get_employee(db, r.employee_id);
        // Before the TMT the employee still holds the origin post; afterwards the
        // request keeps what the move was (the employee record has moved on).
        ImutMove m;
        if (e) {
            m.nip = e->nip;
            m.nama = e->name;
            m.golongan = e->golongan;
        } else {  // (between instansi: the record is the other side's; the request's snapshot)
            m.nip = r.employee_nip;
            m.nama = r.employee_name;
            m.golongan = r.employee_golongan;
        }
        m.instansi_asal = s.instansi;
        m.unit_asal = office(r.office_id);
        m.jabatan_asal = position(r.from_position_id);
        m.instansi_tujuan = r.to_instansi.empty() ? s.instansi : r.to_instansi;
        m.unit_tujuan = office(r.to_office_id);
        m.jabatan_tujuan = r.to_positions.empty() ? "" : position(r.to_positions.front());
        m.kind = r.kind;
        m.reason = r.reason;
        m.nomor_sk = r.sk_number;
        m.tanggal_sk = r.sk_date;
        m.tmt = r.tmt;
        out += imut_line(s, m);
    }
    return out;
}

}  // namespace seimbang::workflow
