// A transfer request (usulan mutasi) and its reference lists: kinds, reason
// categories, states. The state graph is in graph.h, the steps in workflow.h.
// Rows live in the synced tables `requests`, `request_events`,
// `request_documents` (store/schema.cpp migration 4) and are changed only by
// workflow commands, never by field edits.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace seimbang::workflow {

// `antar_instansi` (between instansi) has its own path across two instansi
// servers and the national tier (graph.h, docs/SCALE.md "Between-instansi
// transfers"): the receiving PPK proposes, the sending PPK approves, BKN
// (pusat) gives its pertimbangan teknis, the receiving PPK decides.
enum class Kind { atas_permintaan_sendiri, dinas, antar_instansi };

// Domain.md "own-request reasons" plus the organisation's need; "lainnya" with
// free text. Every reason needs an explanation.
enum class Reason {
    kesehatan,
    mengikuti_suami_istri,
    merawat_orang_tua,
    pengembangan_karier,
    kesesuaian_kompetensi,
    kebutuhan_organisasi,
    lainnya
};

enum class Status {
    draf,
    diajukan,
    disetujui_unit_asal,
    disetujui_unit_tujuan,
    verifikasi_bkpsdm,
    pertimbangan_teknis,  // antar_instansi: BKN gave its pertimbangan teknis
    ditetapkan,
    selesai,
    dikembalikan,
    ditolak,
    dibatalkan
};

std::string_view to_string(Kind k);
std::string_view to_string(Reason r);
std::string_view to_string(Status s);
std::optional<Kind> parse_kind(std::string_view s);
std::optional<Reason> parse_reason(std::string_view s);
std::optional<Status> parse_status(std::string_view s);
const std::vector<Kind>& all_kinds();
const std::vector<Reason>& all_reasons();
const std::vector<Status>& all_statuses();
// Ditolak, dibatalkan, selesai: nothing more happens.
bool is_final(Status s);
// Still moving toward a decision or its effect (not final).
inline bool is_open(Status s) { return !is_final(s); }

constexpr size_t kMaxWishes = 3;
constexpr size_t kMaxTextLength = 2000;  // explanation, note

struct Request {
    std::string id;
    std::string number;            // "UM-…": what an applicant quotes (public status check)
    std::string employee_id;       // the applicant
    std::string office_id;         // origin office (row scope)
    std::string from_position_id;
    std::string to_office_id;      // destination office (of the first wish)
    std::vector<std::string> to_positions;  // 1..3 wished positions, in order
    std::string to_instansi;       // antar_instansi: the receiving instansi (free text)
    Kind kind = Kind::atas_permintaan_sendiri;
    Reason reason = Reason::lainnya;
    std::string explanation;
    Status status = Status::draf;
    int64_t status_ms = 0;         // when the current status began (waiting times)
    std::string created_by;        // username of who filed it
    int64_t created_ms = 0;
    std::string sk_number, sk_date, tmt;  // set at Ditetapkan
    // Whom it is about, as the request was filed (shared migration 11): the
    // receiving side of a between-instansi move holds neither the applicant's
    // record nor the origin office. `from_instansi`: the sending instansi's
    // root office ("" for a request inside one instansi).
    std::string from_instansi, employee_nip, employee_name;
    std::string employee_golongan;  // (migration 12) the entry record's golongan at the TMT, the SK's
};

// One step in the append-only timeline.
struct Event {
    std::string id, request_id, command;
    std::string from_status, to_status;
    std::string actor, actor_role, note;
    int64_t at_ms = 0;
    int64_t ordinal = 0;  // 1, 2, … within the request
};

struct Document {
    std::string id, request_id, doc_type, file_name, mime, sha256, added_by;
    int64_t size = 0, added_ms = 0;
};

// Row conversions (the JSON row form of store/rows.h).
nlohmann::json to_fields(const Request& r);
Request request_from_row(const nlohmann::json& row);
Event event_from_row(const nlohmann::json& row);
Document document_from_row(const nlohmann::json& row);

// The number shown to people, derived from the (random part of the) id so an
// offline office can give it without asking anyone: "UM-" + 10 hex digits.
std::string request_number(const std::string& id);

}  // namespace seimbang::workflow
