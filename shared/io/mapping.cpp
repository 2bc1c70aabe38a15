#include "io/mapping.h"

#include <algorithm>
#include <set>

#include "io/values.h"

namespace seimbang::io {

namespace {

const std::vector<std::string_view> kOfficeHeaders = {
    "unit kerja", "unit organisasi", "unor", "satuan kerja", "satker", "opd", "skpd", "unit", "kantor",
    "sub unit kerja", "unit kerja terakhir", "tempat tugas", "lokasi kerja", "instansi unit kerja", "nama unit kerja",
    "unit kerja nama"};

const std::vector<FieldSpec> kEmployees = {
    {"nip", true, {"nip", "nip baru", "nip 18 digit", "nomor induk pegawai", "no induk pegawai", "nip nik",
                   "nip ni pppk", "ni pppk", "nip pppk", "nomor induk", "nip nipppk"}},
    {"name", true, {"nama", "nama pegawai", "nama lengkap", "nama asn", "nama pns", "nama gelar",
                    "nama lengkap dan gelar", "nama dan gelar", "nama lengkap gelar"}},
    {"gender", false, {"jenis kelamin", "jk", "l p", "kelamin", "gender", "sex"}},
    {"birth_date", false, {"tanggal lahir", "tgl lahir", "tanggal kelahiran", "lahir tanggal", "tgl lhr"}},
    {"asn_type", false, {"jenis asn", "status asn", "status pegawai", "jenis pegawai", "status kepegawaian", "status"}},
    {"golongan", true, {"gol", "golongan", "gol ruang", "golongan ruang", "pangkat gol", "pangkat golongan",
                        "pangkat gol ruang", "pangkat golongan ruang", "pangkat", "gol akhir", "golongan terakhir",
                        "gol ruang akhir", "pangkat gol gol", "pangkat golongan gol", "pangkat gol ruang gol"}},
    {"education", false, {"pendidikan", "pendidikan terakhir", "tingkat pendidikan", "jenjang pendidikan",
                          "pendidikan tingkat", "pendidikan jenjang", "pend terakhir"}},
    {"position", true, {"jabatan", "nama jabatan", "jabatan nama", "jabatan sekarang", "jabatan terakhir"}},
    {"office", false, kOfficeHeaders},
    {"tmt_position", false, {"tmt jabatan", "jabatan tmt", "tmt jab", "tmt jabatan terakhir"}},
};

const std::vector<FieldSpec> kPositions = {
    {"office", false, kOfficeHeaders},
    {"name", true, {"jabatan", "nama jabatan", "jabatan nama"}},
    {"kind", false, {"jenis jabatan", "jenis", "kelompok jabatan", "tipe jabatan"}},
    {"eselon", false, {"eselon", "eselon jabatan"}},
    {"golongan_min", false, {"golongan minimal", "gol min", "gol minimal", "pangkat minimal"}},
    {"golongan_max", false, {"golongan maksimal", "gol maks", "gol max", "gol maksimal"}},
    {"is_head", false, {"kepala", "kepala unit", "pimpinan"}},
};

const std::vector<FieldSpec> kTasks = {
    {"office", false, kOfficeHeaders},
    {"position", true, {"jabatan", "nama jabatan", "jabatan nama"}},
    {"year", false, {"tahun", "tahun anggaran"}},
    {"task", true, {"uraian tugas", "tugas", "uraian kegiatan", "kegiatan", "butir kegiatan", "uraian tugas jabatan",
                    "tugas pokok"}},
    {"output_unit", false, {"satuan hasil", "satuan", "output", "hasil kerja", "satuan output", "hasil"}},
    {"volume", true, {"volume", "beban kerja", "volume kerja", "target", "jumlah beban kerja", "volume beban kerja",
                      "beban kerja volume", "beban kerja 1 tahun", "volume 1 tahun"}},
    {"period", false, {"periode", "satuan waktu", "per"}},
    {"norm_minutes", false, {"norma waktu", "norma waktu menit", "waktu penyelesaian", "waktu penyelesaian menit",
                             "norma waktu mnt", "standar waktu", "standar waktu menit", "norma waktu menit"}},
    {"norm_hours", false, {"norma waktu jam", "waktu penyelesaian jam", "standar waktu jam"}},
};

bool is_column_letter(const std::string& s) {
    return !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

int column_from_letter(const std::string& s) {
    int c = 0;
    for (char ch : s) c = c * 26 + (ch - 'A' + 1);
    return c - 1;
}

const FieldSpec* recognise(const std::vector<FieldSpec>& fields, const std::string& key) {
    if (key.empty()) return nullptr;
    for (const auto& f : fields)
        for (auto h : f.headers)
            if (key == h) return &f;
    return nullptr;
}

std::string cell_text(const SheetRow& r, size_t c) { return c < r.cells.size() ? trim(r.cells[c].text) : std::string(); }

// The labels of a header made of rows [i, i+rows): a cell left empty in the
// upper row under a merged title (CSV has no merges) takes the title on its left.
std::vector<std::string> header_labels(const Sheet& s, size_t i, int rows, std::vector<std::string>* upper,
                                       std::vector<std::string>* lower) {
    size_t width = 0;
    for (int k = 0; k < rows && i + k < s.rows.size(); ++k) width = std::max(width, s.rows[i + k].cells.size());
    std::vector<std::string> top(width), sub(width), labels(width);
    std::string carry;
    for (size_t c = 0; c < width; ++c) {
        top[c] = cell_text(s.rows[i], c);
        if (rows == 2) {
            sub[c] = cell_text(s.rows[i + 1], c);
            if (top[c].empty() && !sub[c].empty()) top[c] = carry;
            else carry = top[c];
        }
        labels[c] = rows == 2 && !sub[c].empty() && sub[c] != top[c] ? top[c] + " / " + sub[c] : top[c];
    }
    if (upper) *upper = top;
    if (lower) *lower = sub;
    return labels;
}

// The field each column is recognised as (nullptr: none); duplicates keep the first.
std::vector<const FieldSpec*> recognise_columns(const std::vector<FieldSpec>& fields, const std::vector<std::string>& top,
                                                const std::vector<std::string>& sub, int rows) {
    std::vector<const FieldSpec*> out(top.size(), nullptr);
    std::set<std::string_view> taken;
    for (size_t c = 0; c < top.size(); ++c) {
        const FieldSpec* f = nullptr;
        if (rows == 1) {
            f = recognise(fields, header_key(top[c]));
        } else {
            // The two rows together ("Jabatan" over "TMT"), then the lower row on its
            // own ("Gol"), then the upper one only when nothing is under it.
            f = recognise(fields, header_key(top[c] + " " + sub[c]));
            if (!f) f = recognise(fields, header_key(sub[c]));
            if (!f && (sub[c].empty() || sub[c] == top[c])) f = recognise(fields, header_key(top[c]));
        }
        if (f && taken.insert(f->key).second) out[c] = f;
    }
    return out;
}

// A row "1 | 2 | 3 | ..." printed under many official headers.
bool numbering_row(const SheetRow& r) {
    int expect = 1, seen = 0;
    for (size_t c = 0; c < r.cells.size(); ++c) {
        const std::string t = trim(r.cells[c].text);
        if (t.empty()) continue;
        const std::string n = std::to_string(expect);
        if (t != n && !(t.size() == n.size() + 2 && t.front() == '(' && t.back() == ')' && t.compare(1, n.size(), n) == 0))
            return false;
        ++expect;
        ++seen;
    }
    return seen >= 3;
}

}  // namespace

std::string_view to_string(ImportKind k) {
    switch (k) {
        case ImportKind::employees: return "employees";
        case ImportKind::positions: return "positions";
        case ImportKind::tasks: return "tasks";
    }
    return "";
}

std::optional<ImportKind> parse_import_kind(std::string_view s) {
    for (auto k : {ImportKind::employees, ImportKind::positions, ImportKind::tasks})
        if (s == to_string(k)) return k;
    return std::nullopt;
}

const std::vector<FieldSpec>& fields_of(ImportKind k) {
    switch (k) {
        case ImportKind::employees: return kEmployees;
        case ImportKind::positions: return kPositions;
        case ImportKind::tasks: return kTasks;
    }
    return kEmployees;
}

std::string header_key(std::string_view text) {
    std::string out;
    bool space = false;
    for (char ch : text) {
        char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80);
        if (!word) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

std::string column_letter(int col) {
    std::string s;
    for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

Mapping mapping_from_json(const nlohmann::json& j, Check& check) {
    Mapping m;
    if (!j.is_object()) {
        check.error("import.mapping.bad_json", "");
        return m;
    }
    auto str_map = [&](const char* key, std::map<std::string, std::string>& out) {
        if (!j.contains(key)) return;
        if (!j[key].is_object()) {
            check.error("import.mapping.bad_value", key);
            return;
        }
        for (const auto& [k, v] : j[key].items()) {
            if (!v.is_string() || k.size() > kMaxCellBytes || v.get<std::string>().size() > kMaxCellBytes)
                check.error("import.mapping.bad_value", key, k);
            else out[k] = v.get<std::string>();
        }
    };
    for (const auto& [k, v] : j.items()) {
        static const std::set<std::string> known = {"kind", "sheet", "header_line", "header_rows", "columns",
                                                    "offices", "positions", "office", "create_positions", "year"};
        if (!known.count(k)) check.error("import.mapping.unknown_key", k);
    }
    if (j.contains("kind")) {
        auto k = j["kind"].is_string() ? parse_import_kind(j["kind"].get<std::string>()) : std::nullopt;
        if (!k) check.error("import.mapping.bad_value", "kind");
        else m.kind = *k;
    }
    auto get_int = [&](const char* key, int lo, int hi, int& out) {
        if (!j.contains(key)) return;
        if (!j[key].is_number_integer() || j[key].get<long long>() < lo || j[key].get<long long>() > hi)
            check.error("import.mapping.bad_value", key);
        else out = j[key].get<int>();
    };
    get_int("header_line", 0, 1048576, m.header_line);
    get_int("header_rows", 0, 2, m.header_rows);
    get_int("year", 0, 2200, m.year);
    if (j.contains("sheet")) {
        if (!j["sheet"].is_string()) check.error("import.mapping.bad_value", "sheet");
        else m.sheet = j["sheet"].get<std::string>();
    }
    if (j.contains("office")) {
        if (!j["office"].is_string()) check.error("import.mapping.bad_value", "office");
        else m.office = j["office"].get<std::string>();
    }
    if (j.contains("create_positions")) {
        if (!j["create_positions"].is_boolean()) check.error("import.mapping.bad_value", "create_positions");
        else m.create_positions = j["create_positions"].get<bool>();
    }
    str_map("columns", m.columns);
    str_map("offices", m.offices);
    str_map("positions", m.positions);
    for (const auto& entry : m.columns) {
        const auto& fs = fields_of(m.kind);
        if (std::none_of(fs.begin(), fs.end(), [&](const FieldSpec& f) { return f.key == entry.first; }))
            check.error("import.mapping.unknown_field", "columns", entry.first);
    }
    return m;
}

nlohmann::json to_json(const Mapping& m) {
    nlohmann::json j = {{"kind", to_string(m.kind)}, {"columns", m.columns}};
    if (!m.sheet.empty()) j["sheet"] = m.sheet;
    if (m.header_line) j["header_line"] = m.header_line;
    if (m.header_rows) j["header_rows"] = m.header_rows;
    if (!m.offices.empty()) j["offices"] = m.offices;
    if (!m.positions.empty()) j["positions"] = m.positions;
    if (!m.office.empty()) j["office"] = m.office;
    if (m.create_positions) j["create_positions"] = true;
    if (m.year) j["year"] = m.year;
    return j;
}

std::optional<Layout> find_layout(const Sheet& sheet, const Mapping& m, ReadError* error, Layout* found) {
    auto fail = [&](std::string code, int line, std::string detail) -> std::optional<Layout> {
        if (error) *error = {std::move(code), line, std::move(detail)};
        return std::nullopt;
    };
    const auto& fields = fields_of(m.kind);
    // Candidates: the given header line, or every non-blank row among the first 30.
    struct Best {
        size_t index = 0;
        int rows = 1, score = -1;
    } best;
    size_t scanned = 0;
    for (size_t i = 0; i < sheet.rows.size() && scanned < 30; ++i) {
        if (m.header_line && sheet.rows[i].line != m.header_line) continue;
        if (sheet.rows[i].blank()) continue;
        ++scanned;
        for (int rows = 1; rows <= 2; ++rows) {
            if (m.header_rows && rows != m.header_rows) continue;
            // The two rows of a header are adjacent lines.
            if (rows == 2 && (i + 1 >= sheet.rows.size() || sheet.rows[i + 1].line != sheet.rows[i].line + 1)) continue;
            std::vector<std::string> top, sub;
            header_labels(sheet, i, rows, &top, &sub);
            int score = 0;
            for (const auto* f : recognise_columns(fields, top, sub, rows)) score += f != nullptr;
            // Columns named in the mapping count too, so a header of unusual texts is found.
            for (const auto& [field, col] : m.columns)
                for (size_t c = 0; c < top.size(); ++c)
                    if (!is_column_letter(col) && header_key(col) == header_key(rows == 2 && !sub[c].empty() && sub[c] != top[c] ? top[c] + " / " + sub[c] : top[c]))
                        score += 2;
            // Ties go to the single-row header: a title above the real header must
            // not be taken for its upper half.
            score = score * 2 - (rows == 2 ? 1 : 0);
            if (score > best.score) best = {i, rows, score};
        }
        if (m.header_line) break;
    }
    if (best.score <= 0) return fail("import.no_header", m.header_line, {});

    Layout lay;
    lay.header_line = sheet.rows[best.index].line;
    lay.header_rows = best.rows;
    std::vector<std::string> top, sub;
    lay.labels = header_labels(sheet, best.index, best.rows, &top, &sub);
    const auto recognised = recognise_columns(fields, top, sub, best.rows);
    std::set<int> used;
    // Explicit mapping first, then what the headers say for the rest.
    for (const auto& [field, col] : m.columns) {
        int c = -1;
        for (size_t k = 0; k < lay.labels.size() && c < 0; ++k)
            if (header_key(lay.labels[k]) == header_key(col) || header_key(top[k]) == header_key(col))
                c = static_cast<int>(k);
        if (c < 0 && is_column_letter(col)) c = column_from_letter(col);
        if (c < 0 || c >= static_cast<int>(kMaxColumns)) return fail("import.mapping.unknown_column", lay.header_line, field + " = " + col);
        lay.column[field] = c;
        used.insert(c);
    }
    for (size_t c = 0; c < recognised.size(); ++c) {
        if (!recognised[c] || used.count(static_cast<int>(c))) continue;
        lay.column.try_emplace(std::string(recognised[c]->key), static_cast<int>(c));
        used.insert(static_cast<int>(c));
    }
    for (size_t c = 0; c < lay.labels.size(); ++c)
        if (!used.count(static_cast<int>(c)) && !lay.labels[c].empty()) lay.unused.push_back(lay.labels[c]);
    if (found) *found = lay;
    for (const auto& f : fields)
        if (f.required && !lay.column.count(std::string(f.key)))
            return fail("import.missing_column", lay.header_line, std::string(f.headers.front()));
    if (m.office.empty() && !lay.column.count("office"))
        return fail("import.missing_column", lay.header_line, "unit kerja");
    if (m.kind == ImportKind::tasks && !lay.column.count("norm_minutes") && !lay.column.count("norm_hours"))
        return fail("import.missing_column", lay.header_line, "norma waktu");

    lay.first_data = best.index + static_cast<size_t>(best.rows);
    while (lay.first_data < sheet.rows.size() &&
           (sheet.rows[lay.first_data].blank() || numbering_row(sheet.rows[lay.first_data])))
        ++lay.first_data;
    return lay;
}

}  // namespace seimbang::io
