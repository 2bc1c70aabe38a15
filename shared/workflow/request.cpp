#include "workflow/request.h"

#include <array>
#include <cctype>

namespace seimbang::workflow {

using nlohmann::json;

namespace {
template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E e) {
    for (const auto& [k, v] : names)
        if (k == e) return v;
    return "";
}
template <typename E, size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view s) {
    for (const auto& [k, v] : names)
        if (v == s) return k;
    return std::nullopt;
}

constexpr std::array<std::pair<Kind, std::string_view>, 3> kKinds = {{
    {Kind::atas_permintaan_sendiri, "atas_permintaan_sendiri"},
    {Kind::dinas, "dinas"},
    {Kind::antar_instansi, "antar_instansi"},
}};
constexpr std::array<std::pair<Reason, std::string_view>, 7> kReasons = {{
    {Reason::kesehatan, "kesehatan"},
    {Reason::mengikuti_suami_istri, "mengikuti_suami_istri"},
    {Reason::merawat_orang_tua, "merawat_orang_tua"},
    {Reason::pengembangan_karier, "pengembangan_karier"},
    {Reason::kesesuaian_kompetensi, "kesesuaian_kompetensi"},
    {Reason::kebutuhan_organisasi, "kebutuhan_organisasi"},
    {Reason::lainnya, "lainnya"},
}};
constexpr std::array<std::pair<Status, std::string_view>, 11> kStatuses = {{
    {Status::draf, "draf"},
    {Status::diajukan, "diajukan"},
    {Status::disetujui_unit_asal, "disetujui_unit_asal"},
    {Status::disetujui_unit_tujuan, "disetujui_unit_tujuan"},
    {Status::verifikasi_bkpsdm, "verifikasi_bkpsdm"},
    {Status::pertimbangan_teknis, "pertimbangan_teknis"},
    {Status::ditetapkan, "ditetapkan"},
    {Status::selesai, "selesai"},
    {Status::dikembalikan, "dikembalikan"},
    {Status::ditolak, "ditolak"},
    {Status::dibatalkan, "dibatalkan"},
}};

// Every value of a name table, in its order (the order lists and pickers show).
template <typename E, size_t N>
std::vector<E> values_of(const std::array<std::pair<E, std::string_view>, N>& table) {
    std::vector<E> out;
    for (const auto& [k, n] : table) out.push_back(k);
    return out;
}

std::string str(const json& row, const char* k) {
    auto it = row.find(k);
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int64_t num(const json& row, const char* k) {
    auto it = row.find(k);
    return it != row.end() && it->is_number() ? it->get<int64_t>() : 0;
}
}  // namespace

std::string_view to_string(Kind k) { return name_of(kKinds, k); }
std::string_view to_string(Reason r) { return name_of(kReasons, r); }
std::string_view to_string(Status s) { return name_of(kStatuses, s); }
std::optional<Kind> parse_kind(std::string_view s) { return value_of(kKinds, s); }
std::optional<Reason> parse_reason(std::string_view s) { return value_of(kReasons, s); }
std::optional<Status> parse_status(std::string_view s) { return value_of(kStatuses, s); }

const std::vector<Kind>& all_kinds() {
    static const std::vector<Kind> v = values_of(kKinds);
    return v;
}
const std::vector<Reason>& all_reasons() {
    static const std::vector<Reason> v = values_of(kReasons);
    return v;
}
const std::vector<Status>& all_statuses() {
    static const std::vector<Status> v = values_of(kStatuses);
    return v;
}

bool is_final(Status s) { return s == Status::selesai || s == Status::ditolak || s == Status::dibatalkan; }

json to_fields(const Request& r) {
    return {{"number", r.number},
            {"employee_id", r.employee_id},
            {"office_id", r.office_id},
            {"from_position_id", r.from_position_id},
            {"to_office_id", r.to_office_id},
            {"to_positions", json(r.to_positions).dump()},
            {"to_instansi", r.to_instansi},
            {"kind", std::string(to_string(r.kind))},
            {"reason", std::string(to_string(r.reason))},
            {"explanation", r.explanation},
            {"status", std::string(to_string(r.status))},
            {"status_ms", r.status_ms},
            {"created_by", r.created_by},
            {"created_ms", r.created_ms},
            {"sk_number", r.sk_number},
            {"sk_date", r.sk_date},
            {"tmt", r.tmt},
            {"from_instansi", r.from_instansi},
            {"employee_nip", r.employee_nip},
            {"employee_golongan", r.employee_golongan},
            {"employee_name", r.employee_name}};
}

Request request_from_row(const json& row) {
    Request r;
    r.id = str(row, "id");
    r.number = str(row, "number");
    r.employee_id = str(row, "employee_id");
    r.office_id = str(row, "office_id");
    r.from_position_id = str(row, "from_position_id");
    r.to_office_id = str(row, "to_office_id");
    const json wishes = json::parse(str(row, "to_positions"), nullptr, false);
    if (wishes.is_array())
        for (const auto& w : wishes)
            if (w.is_string()) r.to_positions.push_back(w.get<std::string>());
    r.to_instansi = str(row, "to_instansi");
    r.kind = parse_kind(str(row, "kind")).value_or(Kind::atas_permintaan_sendiri);
    r.reason = parse_reason(str(row, "reason")).value_or(Reason::lainnya);
    r.explanation = str(row, "explanation");
    r.status = parse_status(str(row, "status")).value_or(Status::draf);
    r.status_ms = num(row, "status_ms");
    r.created_by = str(row, "created_by");
    r.created_ms = num(row, "created_ms");
    r.sk_number = str(row, "sk_number");
    r.sk_date = str(row, "sk_date");
    r.tmt = str(row, "tmt");
    r.from_instansi = str(row, "from_instansi");
    r.employee_nip = str(row, "employee_nip");
    r.employee_golongan = str(row, "employee_golongan");
    r.employee_name = str(row, "employee_name");
    return r;
}

Event event_from_row(const json& row) {
    return {str(row, "id"),    str(row, "request_id"), str(row, "command"),    str(row, "from_status"),
            str(row, "to_status"), str(row, "actor"),  str(row, "actor_role"), str(row, "note"),
            num(row, "at_ms"), num(row, "ordinal")};
}

Document document_from_row(const json& row) {
    Document d;
    d.id = str(row, "id");
    d.request_id = str(row, "request_id");
    d.doc_type = str(row, "doc_type");
    d.file_name = str(row, "file_name");
    d.mime = str(row, "mime");
    d.sha256 = str(row, "sha256");
    d.added_by = str(row, "added_by");
    d.size = num(row, "size");
    d.added_ms = num(row, "added_ms");
    return d;
}

std::string request_number(const std::string& id) {
    std::string hex;
    for (char c : id)
        if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return "UM-" + (hex.size() >= 10 ? hex.substr(hex.size() - 10) : hex);
}

}  // namespace seimbang::workflow
