// Roles and what each may do: the ONE permission table of the product
// (design.md "access/"). Roles come from domain.md; an unknown role may do
// nothing. The workflow (shared/workflow) asks `permitted()` for every step;
// the sync scope code (shared/sync/scope.h) and the API are to move onto it.
//
// A permission is a role plus an anchor: which office (or person) of the
// target the actor's office scope must contain. Office scopes are subtrees
// (the actor's office and everything below it), computed by the caller.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace seimbang::access {

// [upstream] `instansi` is not a person: the account an instansi server signs in
// with on the national server to forward its whole change log (docs/SCALE.md
// "Upstream"). It reaches its instansi's subtree (office = the root office)
// and may use no feature but forwarding.
enum class Role { pegawai, operator_, kepala_unit, camat, bkpsdm, pusat, instansi };

std::optional<Role> parse_role(std::string_view s);
std::string_view to_string(Role r);
bool role_known(std::string_view s);
const std::vector<Role>& all_roles();

// How far a role reaches into the synced data (the pull's scope and the push's
// write check, shared/sync/scope.h). Offices are reference data every role reads.
enum class Reach {
    none,            // nothing
    own_records,     // pegawai: their own employee row and their own requests
    office_subtree,  // their office and everything below it
    everything,      // every office (pusat reads the whole instansi)
};
Reach read_reach(Role r);
Reach write_reach(Role r);
// Whether the role may write rows of `table` at all (offices: BKPSDM only).
bool writes_table(Role r, std::string_view table);

// What a role may use beyond the synced rows and the workflow steps: features
// of the API, the app and the CLI. Each is then limited to the role's read
// scope (Reach) by the caller. An unknown role may use nothing.
enum class Feature {
    abk_read,      // ABK figures and reports: every role but pegawai
    records_edit,  // edit employees, positions, tasks in the write scope (the app's editors)
    plan_run,      // rebalancing plans (Rekomendasi): camat, bkpsdm, pusat
    moves_export,  // the I-MUT list of decided moves: camat, bkpsdm, pusat
    snapshot_take, // a balance snapshot on demand (Evaluasi): bkpsdm
    // [survey] satisfaction surveys (docs/SURVEY.md)
    survey_create,   // open a campaign: camat, bkpsdm
    survey_kiosk,    // fetch kiosk codes and run the office's shared device: operator, kepala_unit, camat, bkpsdm
    survey_results,  // read results and the survey report: every role but pegawai
    // [impor] import of employees, positions, tasks from files (docs/IMPORT.md)
    records_import,  // the Impor screen: operator (own office subtree), bkpsdm (the kota)
    // [settings] the rule settings (docs/SETTINGS.md); every role reads them
    settings_edit,   // change them for the whole instansi: bkpsdm
    // [training] Pelatihan Pimpinan (docs/TRAINING.md)
    training_take,     // lessons, practice cases, own progress: kepala_unit, camat, bkpsdm
    training_results,  // completion and scores per leader in the read scope: camat, bkpsdm
    // [requests] what the request workflow needs beyond its step permissions
    documents_upload,  // send a request's document bytes to the server: the roles that file requests
    request_dinas,     // file an organisation-initiated (dinas) request: the roles that file, except pegawai
    // [national] the national tier (docs/SCALE.md)
    national_rollup,  // ABK per instansi and province, shortage/surplus per jabatan nationwide: pusat
    // [upstream] national tier (docs/SCALE.md "Upstream")
    upstream_forward,  // write rows as they are (also workflow rows and the own root office): instansi
    upstream_status,   // read the upstream forwarding status of this server: bkpsdm
    // [between instansi] the receiving side finds the person of another instansi (docs/SCALE.md "Lookup by NIP")
    national_person_find,    // ask its instansi server, which asks the centre through its upstream account: bkpsdm
    national_person_answer,  // the national server answers an instansi server's lookup: instansi
};
bool may(Role r, Feature f);
bool may(std::string_view role, Feature f);

// Actions on transfer requests (one per kind of step; return/reject are taken
// with the permission of the step they interrupt, see workflow/graph.h).
enum class Action {
    request_file,                 // create, edit, submit, attach documents
    request_cancel,               // withdraw before the decision
    request_approve_origin,       // head of the origin office
    request_approve_destination,  // head of the destination office
    request_verify,               // BKPSDM checks the dossier
    request_decide,               // BKPSDM decides and issues the SK (online)
    request_read,
    // [between instansi] (workflow/graph.h: the antar_instansi path)
    request_propose_between,      // the receiving PPK (bkpsdm of the destination) files, edits, cancels
    request_approve_sending,      // the sending PPK (bkpsdm of the origin) approves
    request_advise,               // BKN's pertimbangan teknis: pusat
    request_decide_between,       // the receiving PPK decides and issues the SK (online)
};
std::string_view to_string(Action a);

// Whose scope decides.
enum class Anchor {
    applicant_or_origin,  // pegawai: their own request; other roles: origin office in scope
    origin,               // origin office in scope
    destination,          // destination office in scope
    origin_and_destination,
    origin_or_destination,
};

struct Permission {
    Action action;
    Role role;
    Anchor anchor;
};
// The whole table (for docs and tests).
const std::vector<Permission>& permissions();

// Who is acting: role name as stored (unknown roles are refused), the
// employee record they are (pegawai), and the offices their scope contains.
struct Actor {
    std::string username;
    std::string role;
    std::string employee_id;
    std::unordered_set<std::string> offices;  // office subtree of the actor's office
    bool in_scope(const std::string& office) const { return !office.empty() && offices.count(office) > 0; }
};

// What the action is taken on.
struct Target {
    std::string employee_id;         // the applicant
    std::string origin_office;
    std::string destination_office;  // may be empty (not yet known / outside the instansi)
};

bool permitted(const Actor& who, Action a, const Target& t);

}  // namespace seimbang::access
