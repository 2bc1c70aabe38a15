#include "access/access.h"

#include <algorithm>

namespace seimbang::access {

namespace {
struct RoleName {
    Role role;
    std::string_view name;
};
constexpr RoleName kRoles[] = {{Role::pegawai, "pegawai"}, {Role::operator_, "operator"},
                               {Role::kepala_unit, "kepala_unit"}, {Role::camat, "camat"},
                               {Role::bkpsdm, "bkpsdm"}, {Role::pusat, "pusat"},
                               {Role::instansi, "instansi"}};
}  // namespace

std::optional<Role> parse_role(std::string_view s) {
    for (const auto& r : kRoles)
        if (r.name == s) return r.role;
    return std::nullopt;
}

std::string_view to_string(Role r) {
    for (const auto& k : kRoles)
        if (k.role == r) return k.name;
    return "";
}

bool role_known(std::string_view s) { return parse_role(s).has_value(); }

const std::vector<Role>& all_roles() {
    static const std::vector<Role> r = {Role::pegawai, Role::operator_, Role::kepala_unit,
                                        Role::camat,   Role::bkpsdm,    Role::pusat, Role::instansi};
    return r;
}

// Domain.md "Who the system serves" and docs/API.md's matrix.
Reach read_reach(Role r) {
    switch (r) {
        case Role::pegawai: return Reach::own_records;
        case Role::pusat: return Reach::everything;
        case Role::operator_:
        case Role::kepala_unit:
        case Role::camat:
        case Role::bkpsdm:
        case Role::instansi: return Reach::office_subtree;
    }
    return Reach::none;
}

Reach write_reach(Role r) {
    switch (r) {
        case Role::pegawai:  // files their own request by workflow commands, never by row writes
        case Role::pusat: return Reach::none;
        case Role::operator_:
        case Role::kepala_unit:
        case Role::camat:
        case Role::bkpsdm:
        case Role::instansi: return Reach::office_subtree;
    }
    return Reach::none;
}

bool writes_table(Role r, std::string_view table) {
    if (write_reach(r) == Reach::none) return false;
    return table != "offices" || r == Role::bkpsdm || r == Role::instansi;
}

namespace {
// Whether the permission table lets the role file requests anywhere (documents
// belong to filing: the attach step is a request_file step, workflow/graph.cpp).
bool files_requests(Role r) {
    const auto& p = permissions();
    return std::any_of(p.begin(), p.end(), [r](const Permission& g) { return g.action == Action::request_file && g.role == r; });
}
}  // namespace

bool may(Role r, Feature f) {
    // A machine account: it forwards rows and uses nothing a person uses.
    if (r == Role::instansi) return f == Feature::upstream_forward || f == Feature::national_person_answer;
    switch (f) {
        case Feature::abk_read: return r != Role::pegawai;
        case Feature::records_edit: return write_reach(r) != Reach::none;
        case Feature::plan_run:
        case Feature::moves_export: return r == Role::camat || r == Role::bkpsdm || r == Role::pusat;
        case Feature::snapshot_take: return r == Role::bkpsdm;
        case Feature::survey_create: return r == Role::camat || r == Role::bkpsdm;
        case Feature::survey_kiosk:
            return r == Role::operator_ || r == Role::kepala_unit || r == Role::camat || r == Role::bkpsdm;
        case Feature::survey_results: return r != Role::pegawai;
        case Feature::records_import: return r == Role::operator_ || r == Role::bkpsdm;
        case Feature::settings_edit: return r == Role::bkpsdm;
        case Feature::training_take: return r == Role::kepala_unit || r == Role::camat || r == Role::bkpsdm;
        case Feature::training_results: return r == Role::camat || r == Role::bkpsdm;
        case Feature::documents_upload: return files_requests(r);
        case Feature::request_dinas: return files_requests(r) && r != Role::pegawai;
        case Feature::national_rollup: return r == Role::pusat;
        case Feature::upstream_forward: return false;
        case Feature::upstream_status: return r == Role::bkpsdm;
        case Feature::national_person_find: return r == Role::bkpsdm;
        case Feature::national_person_answer: return false;
    }
    return false;
}

bool may(std::string_view role, Feature f) {
    auto r = parse_role(role);
    return r && may(*r, f);
}

std::string_view to_string(Action a) {
    switch (a) {
        case Action::request_file: return "request_file";
        case Action::request_cancel: return "request_cancel";
        case Action::request_approve_origin: return "request_approve_origin";
        case Action::request_approve_destination: return "request_approve_destination";
        case Action::request_verify: return "request_verify";
        case Action::request_decide: return "request_decide";
        case Action::request_read: return "request_read";
        case Action::request_propose_between: return "request_propose_between";
        case Action::request_approve_sending: return "request_approve_sending";
        case Action::request_advise: return "request_advise";
        case Action::request_decide_between: return "request_decide_between";
    }
    return "";
}

// Domain.md "Who the system serves": a pegawai files and follows their own
// request; an operator files on behalf of staff of the office; the head of a
// kelurahan (kepala_unit) or of the kecamatan (camat) reviews requests from or
// to their unit; BKPSDM verifies and decides; pusat reads, and gives BKN's
// pertimbangan teknis on a move between instansi.
const std::vector<Permission>& permissions() {
    using A = Action;
    using R = Role;
    using N = Anchor;
    static const std::vector<Permission> p = {
        {A::request_file, R::pegawai, N::applicant_or_origin},
        {A::request_file, R::operator_, N::origin},
        {A::request_file, R::camat, N::origin},   // organisation-initiated (dinas) moves
        {A::request_file, R::bkpsdm, N::origin},
        {A::request_cancel, R::pegawai, N::applicant_or_origin},
        {A::request_cancel, R::operator_, N::origin},
        {A::request_approve_origin, R::kepala_unit, N::origin},
        {A::request_approve_origin, R::camat, N::origin},
        {A::request_approve_destination, R::kepala_unit, N::destination},
        {A::request_approve_destination, R::camat, N::destination},
        {A::request_verify, R::bkpsdm, N::origin_and_destination},
        {A::request_decide, R::bkpsdm, N::origin_and_destination},
        {A::request_read, R::pegawai, N::applicant_or_origin},
        {A::request_read, R::operator_, N::origin_or_destination},
        {A::request_read, R::kepala_unit, N::origin_or_destination},
        {A::request_read, R::camat, N::origin_or_destination},
        {A::request_read, R::bkpsdm, N::origin_or_destination},
        {A::request_read, R::pusat, N::origin_or_destination},
        // Between instansi: each PPK acts on its own side of the move (the
        // other side's office is not in its scope); BKN sees both.
        {A::request_propose_between, R::bkpsdm, N::destination},
        {A::request_approve_sending, R::bkpsdm, N::origin},
        {A::request_advise, R::pusat, N::origin_or_destination},
        {A::request_decide_between, R::bkpsdm, N::destination},
    };
    return p;
}

bool permitted(const Actor& who, Action a, const Target& t) {
    const auto role = parse_role(who.role);
    if (!role) return false;
    for (const auto& p : permissions()) {
        if (p.action != a || p.role != *role) continue;
        switch (p.anchor) {
            case Anchor::applicant_or_origin:
                if (*role == Role::pegawai) return !who.employee_id.empty() && who.employee_id == t.employee_id;
                return who.in_scope(t.origin_office);
            case Anchor::origin: return who.in_scope(t.origin_office);
            case Anchor::destination: return who.in_scope(t.destination_office);
            case Anchor::origin_and_destination:
                return who.in_scope(t.origin_office) &&
                       (t.destination_office.empty() || who.in_scope(t.destination_office));
            case Anchor::origin_or_destination:
                return who.in_scope(t.origin_office) || who.in_scope(t.destination_office);
        }
    }
    return false;
}

}  // namespace seimbang::access
