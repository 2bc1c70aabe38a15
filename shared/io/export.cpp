#include "io/export.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "model/date.h"
#include "store/repo.h"
#include "util/csv.h"

namespace seimbang::io {

namespace {

using csv::line;  // the one CSV writer

std::string date_id(const std::string& iso) {
    auto d = parse_iso_date(iso);
    if (!d) return iso;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d->day, d->month, d->year);
    return buf;
}

// Office names as the importer matches them: the name, or "Parent / Name" when
// the name is not unique (every kelurahan has a "Seksi Pemerintahan").
std::map<std::string, std::string> office_labels(store::Db& db) {
    const auto offices = store::list_offices(db, true);
    std::map<std::string, int> count;
    std::map<std::string, const Office*> by_id;
    for (const auto& o : offices) {
        ++count[o.name];
        by_id[o.id] = &o;
    }
    std::map<std::string, std::string> out;
    for (const auto& o : offices) {
        auto parent = by_id.find(o.parent_id);
        out[o.id] = count[o.name] > 1 && parent != by_id.end() ? parent->second->name + " / " + o.name : o.name;
    }
    return out;
}

std::string_view period_id(Period p) {
    switch (p) {
        case Period::year: return "tahun";
        case Period::month: return "bulan";
        case Period::week: return "minggu";
        case Period::day: return "hari";
    }
    return "tahun";
}

}  // namespace

std::string format_number_id(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    const auto dot = s.find('.');
    if (dot != std::string::npos) {
        if (s.size() - dot - 1 == 3) s += '0';
        s[dot] = ',';
    }
    if (s == "-0") s = "0";
    return s;
}

std::string export_csv(store::Db& db, ImportKind kind, const std::string& scope, int year) {
    const auto labels = office_labels(db);
    auto office = [&](const std::string& id) {
        auto it = labels.find(id);
        return it == labels.end() ? id : it->second;
    };
    std::map<std::string, Position> positions;
    for (auto& p : store::list_positions(db, scope, true)) positions[p.id] = p;
    auto position_name = [&](const std::string& id) {
        auto it = positions.find(id);
        return it == positions.end() ? std::string() : it->second.name;
    };
    std::string out;
    switch (kind) {
        case ImportKind::employees:
            out = line({"NIP", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Jenis ASN", "Gol/Ruang", "Pendidikan",
                        "Jabatan", "Unit Kerja", "TMT Jabatan"});
            for (const auto& e : store::list_employees(db, {scope, false}))
                out += line({e.nip, e.name, e.gender == Gender::female ? "P" : "L", date_id(e.birth_date), e.asn_type,
                             e.golongan, e.education, position_name(e.position_id), office(e.office_id),
                             date_id(e.tmt_position)});
            break;
        case ImportKind::positions:
            out = line({"Unit Kerja", "Nama Jabatan", "Jenis Jabatan", "Eselon", "Golongan Minimal",
                        "Golongan Maksimal", "Kepala"});
            for (const auto& [id, p] : positions) {
                if (p.archived) continue;
                out += line({office(p.office_id), p.name, std::string(to_string(p.kind)), p.eselon, p.golongan_min,
                             p.golongan_max, p.is_head ? "Ya" : "Tidak"});
            }
            break;
        case ImportKind::tasks: {
            out = line({"Unit Kerja", "Jabatan", "Tahun", "Uraian Tugas", "Satuan Hasil", "Volume", "Periode",
                        "Norma Waktu (menit)"});
            std::set<int> years;
            if (year) years.insert(year);
            else {
                auto s = db.prepare("SELECT DISTINCT year FROM abk_tasks WHERE archived = 0 ORDER BY year");
                while (s.step()) years.insert(static_cast<int>(s.int64(0)));
            }
            for (int y : years)
                for (const auto& [id, p] : positions) {
                    if (p.archived) continue;
                    for (const auto& t : store::list_tasks(db, p.id, y))
                        out += line({office(p.office_id), p.name, std::to_string(t.year), t.task, t.output_unit,
                                     format_number_id(t.volume), std::string(period_id(t.period)),
                                     format_number_id(t.norm_minutes)});
                }
            break;
        }
    }
    return out;
}

}  // namespace seimbang::io
