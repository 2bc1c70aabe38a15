// Core domain records. Ids are UUIDv7 strings generated where the record is
// created (client or server), so offline offices never collide.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace seimbang {

// Office tree: kota → kecamatan → kelurahan → seksi.
enum class OfficeKind { kota, kecamatan, kelurahan, seksi };

struct Office {
    std::string id;
    std::string parent_id;  // empty for the root
    OfficeKind kind = OfficeKind::kelurahan;
    std::string code;       // e.g. Kemendagri code "12.71.12" or a local code
    std::string name;
    bool archived = false;
};

// Jabatan kinds (UU ASN): managerial (JPT, administrator, pengawas) and
// non-managerial (fungsional, pelaksana).
enum class PositionKind { jpt, administrator, pengawas, fungsional, pelaksana };

using CompetenceLevels = std::map<std::string, int>;  // tag → level 1..5

struct Position {
    std::string id;
    std::string office_id;
    std::string name;
    PositionKind kind = PositionKind::pelaksana;
    std::string eselon;         // "IIIa", "IVb", ... or empty for non-managerial
    std::string golongan_min;   // optional bounds, e.g. "II/a"; empty = no bound
    std::string golongan_max;
    CompetenceLevels requirements;// minimum competence levels
    bool is_head = false;       // head of the office (camat, lurah): never moved by plans
    bool archived = false;
};

enum class Gender { male, female };

struct Employee {
    std::string id;
    std::string nip;            // 18 digits (PNS NIP or NI PPPK)
    std::string name;
    Gender gender = Gender::male;
    std::string birth_date;     // YYYY-MM-DD
    std::string asn_type = "PNS";  // PNS | CPNS | PPPK
    std::string golongan;       // "III/a" (PNS/CPNS) or "IX" (PPPK)
    std::string education;      // SD .. S-3
    std::string position_id;
    std::string office_id;
    std::string tmt_position;   // YYYY-MM-DD: since when in the current post
    CompetenceLevels competences;
    bool commitment_10y = false;  // recruited since 2018: may not move to another instansi
    bool archived = false;
    bool discipline_open = false;  // an open disciplinary or court process: no transfer meanwhile
};

// One entry of an employee's placement history (table `placements`): a move by
// a transfer (cause "mutasi", reference = SK number), a recorded correction of
// office/position ("koreksi", reason required), an archive ("arsip": exit_kind
// says why the person left, reason required) or its undo ("batal_arsip").
// Rows are written once and never changed.
struct Placement {
    std::string id;
    std::string employee_id;
    std::string office_id;       // where the person is after this entry
    std::string position_id;
    std::string from_office_id;  // where the person was before it
    std::string from_position_id;
    std::string tmt;             // YYYY-MM-DD: effective date
    std::string cause;           // mutasi | koreksi | arsip | batal_arsip
    std::string reference;       // SK number or other document reference
    std::string reason;
    std::string exit_kind;       // arsip: pensiun | wafat | pindah_instansi | diberhentikan | lainnya
    std::string recorded_by;     // account (user name) that recorded it
    int64_t recorded_ms = 0;
};

// Why an employee record is archived (the kinds of `Placement::exit_kind`).
extern const std::vector<std::string_view> kExitKinds;

enum class Period { year, month, week, day };

// One ABK task row (form A): per position and year.
struct AbkTask {
    std::string id;
    std::string position_id;
    int year = 0;
    std::string task;
    std::string output_unit;
    double volume = 0;
    Period period = Period::year;
    double norm_minutes = 0;
    bool archived = false;
};

std::string_view to_string(OfficeKind k);
std::string_view to_string(PositionKind k);
std::string_view to_string(Period p);
std::string_view to_string(Gender g);
bool parse(std::string_view s, OfficeKind& out);
bool parse(std::string_view s, PositionKind& out);
bool parse(std::string_view s, Period& out);
bool parse(std::string_view s, Gender& out);

extern const std::vector<std::string_view> kEducationLevels;  // SD .. S-3
// The 8 managerial competences of Permenpan RB 38/2017.
extern const std::vector<std::string_view> kManagerialCompetences;

}  // namespace seimbang
