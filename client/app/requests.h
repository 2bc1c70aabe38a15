// View state of the Usulan Mutasi screen and Beranda's "Menunggu Anda" (issue 10):
// the list is built from the local database once per data change (never per
// frame: 10,000 open requests at Kota scale), filtered on demand, and the
// detail of the selected request (timeline, documents, checklist, decision
// support) is read once when it is selected. Which buttons a user sees comes
// from workflow::available_commands over the ONE permission table
// (shared/access); the screen never decides permissions itself.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "model/result.h"
#include "workflow/decision.h"
#include "workflow/graph.h"
#include "workflow/request.h"

namespace seimbang::app {

// One request as the list shows it (names resolved once).
struct RequestRow {
    workflow::Request r;
    std::string applicant, origin, destination;  // display names ("-" when not in the local copy)
    std::vector<workflow::Command> available;     // what the signed-in user may do now
    bool waits_for_me = false;  // a step that moves it forward is this user's (submit/approve/verify/decide)
};

// Waiting-time filter of the list: any, more than 7 days, more than 30 days.
enum class WaitFilter { any, week, month };

struct RequestsView {
    bool dirty = true;               // rebuild `rows` (data changed)
    bool filter_dirty = true;        // rebuild `shown` (filter changed)
    std::vector<RequestRow> rows;    // every request this device holds, oldest status first
    std::vector<int> shown;          // indices into rows after the filters
    std::optional<workflow::Status> status_filter;
    std::string office_filter;       // origin or destination in this office's subtree
    WaitFilter wait_filter = WaitFilter::any;
    bool mine_only = false;          // only what waits for me

    // The selected request's detail, read when selected (and after each step).
    std::string selected_id;
    std::string detail_for;          // id the detail below belongs to
    std::vector<workflow::Event> timeline;
    std::vector<workflow::Document> documents;
    std::vector<std::string> missing;  // checklist document types not attached yet
    std::vector<std::string> missing_evidence;  // evidence the reason asks for, not attached (workflow::reason_evidence)
    workflow::DecisionSupport support;
    std::string note;                // note of the next step (required for return/reject)
    std::string tmt_text;            // decide: TMT as typed (DD-MM-YYYY)
    std::string doc_type;            // type of the next document attached on the detail
    Check step_check;                // the last step's refusal, shown beside the buttons
    long long decide_counter = 0;    // outbox counter of a decision sent online, until answered
};

// A document picked in the form, kept in memory until the request is saved.
struct PendingDocument {
    std::string doc_type, file_name, mime, bytes;
};

// [between instansi] The person a receiving BKPSDM proposes to take over, as the
// national server's lookup by NIP found them (GET /api/v1/national/person,
// docs/SCALE.md "Lookup by NIP"): their record in the sending instansi.
struct BetweenPerson {
    std::string instansi, instansi_name, employee_id, nip, name, golongan;
    std::string office_id, office_name, position_id, position_name;
};
// The lookup's 200 answer ({"person": {…}}), or nothing when it is not one.
std::optional<BetweenPerson> parse_between_person(const std::string& body);

struct RequestEditor {
    bool open = false;
    // Changing a draft or a returned request (the `edit` step) instead of filing
    // a new one: its id and the status it had when opened (the step's `expect`,
    // so a change made meanwhile elsewhere is refused, not overwritten).
    std::string editing_id;
    workflow::Status editing_status = workflow::Status::draf;
    std::string employee_id;         // the applicant (a pegawai: themself)
    workflow::Kind kind = workflow::Kind::atas_permintaan_sendiri;
    std::array<std::string, 3> wishes;  // position ids in order of preference ("" = empty slot)
    std::optional<workflow::Reason> reason;
    std::string explanation;
    std::string doc_type;            // type of the next document picked
    std::vector<PendingDocument> documents;
    std::string employee_search;     // operator: filter of the employee picker
    std::string wish_search;         // filter of the destination picker
    int picking_wish = -1;           // the wish slot whose picker is open (-1: none)
    Check check;                     // validated as the person types
    Check saved_check;               // what saving answered (refusals of the core)
    bool attempted = false;
    std::vector<std::string> touched;  // fields changed so far: their issues show as the person types
    // [between instansi] antar_instansi (receiving BKPSDM only): the person is
    // found by NIP at the national server, online (App::find_between_person).
    std::string between_nip;              // as typed
    std::optional<BetweenPerson> between; // the person found (the request names them)
    bool between_searching = false;       // a lookup is on its way
    Check between_check;                  // the last lookup's refusal (NIP, not found, offline …)
};

// How long a request has waited in its current status (ms; 0 when unknown).
int64_t waiting_ms(const workflow::Request& r, int64_t now_ms);

// A position a destination may be picked from: this device's own positions and
// the instansi's reference list (pulled, read-only; docs/WORKFLOW.md §3).
struct PositionChoice {
    std::string id, name, office_id, golongan_min, golongan_max;
    bool head = false;  // a head-of-unit position: filled by appointment, never offered
};

}  // namespace seimbang::app
