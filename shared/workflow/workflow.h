// The steps of a transfer request: one function takes any step (create, edit,
// attach, submit, approve, verify, decide, return, reject, cancel, complete)
// for an actor, checking in order: the request exists and is in the state the
// actor saw, the graph allows the step (graph.h), the actor's role and office
// scope permit it (access/access.h), and what the step requires (explanation,
// wishes, tenure against the setting, disciplinary flag, 10-year commitment,
// destination eligibility as the planner judges it, the document checklist).
// A refused step returns the first issue and changes nothing. An allowed one
// writes the request and an append-only event through write_row.
//
// The same code runs on a device (optimistically, offline: `take_step_offline`
// also queues the step as a sync COMMAND) and on the server, which takes the
// command again in server order and has the last word (workflow/sync_commands.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "model/date.h"
#include "model/result.h"
#include "store/db.h"
#include "workflow/graph.h"
#include "workflow/request.h"
#include "workflow/settings.h"

namespace seimbang::workflow {

// Where a step is taken. A device cannot decide (the SK number is assigned
// online) nor complete (the TMT effect is the server's), and may lack rows it
// cannot read (a pegawai's device holds no positions): checks needing them are
// left to the server there.
enum class Authority { device, server };

struct StepInput {
    Command command = Command::create;
    std::string request_id;     // create: the new id (generated when empty)
    std::string expect;         // the status the actor saw; empty: not checked (create)
    // create/edit: employee_id, kind, reason, explanation, to_positions [ids], to_instansi
    // attach: document_id, doc_type, file_name, mime, size, sha256
    // decide: tmt (YYYY-MM-DD), position_id (optional: which wish)
    // all: note, event_id (the event's id, so device and server write the same row)
    nlohmann::json args = nlohmann::json::object();
};

struct StepResult {
    Check check;
    std::string request_id, event_id;
    Status status = Status::draf;
    std::string sk_number;
};

struct StepContext {
    store::Db& db;
    const access::Actor& who;
    Authority authority = Authority::device;
    Date today;
    int64_t now_ms = 0;
};

// Takes the step inside one transaction (joins an open one).
StepResult take_step(StepContext& ctx, const StepInput& in);

// On a device: takes the step locally (written as server state would be, not
// as field edits) and queues it as a sync command with the same ids, in one
// transaction. The server answers applied or rejected (then the local copy is
// put back and the reason shown in the attention list).
StepResult take_step_offline(store::Db& db, const access::Actor& who, StepInput in, const Date& today);

// A document's bytes judged before anything is stored: not empty, at most
// `max_bytes` (setting max_document_bytes), PDF/JPEG/PNG by content. Sets `mime`.
Check check_document(const std::string& bytes, int64_t max_bytes, std::string& mime);
// The size part alone: a file chooser judges a file by its size before reading it.
Check check_document_size(int64_t size, int64_t max_bytes);

// Attaches a document on a device (workflow/documents.cpp): checks it, keeps the
// bytes in local_blobs until sync uploads them and takes the attach step
// offline, in one transaction. An empty `doc_type` fills the first missing
// checklist item.
StepResult attach_document_offline(store::Db& db, const access::Actor& who, const Request& r, std::string doc_type,
                                   const std::string& file_name, const std::string& bytes, const Date& today);

// The actor for a user (role, office, employee) on this database: the office
// scope is the office's subtree (every office for pusat).
access::Actor make_actor(store::Db& db, const std::string& username, const std::string& role,
                         const std::string& office_id, const std::string& employee_id);

// The target (applicant, origin, destination) of a stored request.
access::Target target_of(const Request& r);

// The root office (the instansi) above `office`, "" when the chain is not all
// here (a device holding part of the tree).
std::string instansi_of(store::Db& db, std::string office);

// [reads]
std::optional<Request> get_request(store::Db& db, const std::string& id);
std::optional<Request> find_request_by_number(store::Db& db, const std::string& number);
struct RequestFilter {
    std::optional<Status> status;
    std::string office_id;      // origin or destination within this office's subtree; empty: all
    bool open_only = false;
};
std::vector<Request> list_requests(store::Db& db, const RequestFilter& f = {});
std::vector<Event> timeline(store::Db& db, const std::string& request_id);
std::vector<Document> documents(store::Db& db, const std::string& request_id);
// Checklist document types (settings, per kind) not attached yet.
std::vector<std::string> missing_documents(store::Db& db, const WorkflowSettings& s, const Request& r);
// Evidence a reason asks for beyond the kind's checklist (a health reason: a
// doctor's certificate). Not required to submit: the heads weigh it when they
// decide, so the checklist lists it (Usulan Mutasi and the Pelatihan cases) and
// the practice feedback judges a decision taken without it.
std::vector<std::string> reason_evidence(Reason r);
std::vector<std::string> missing_evidence(store::Db& db, const Request& r);
// The commands this actor may take on the request now (for buttons and queues).
std::vector<Command> available_commands(store::Db& db, const access::Actor& who, const Request& r);

// Document content kinds accepted (by magic bytes, never by name): PDF, JPEG, PNG.
// Returns the MIME type or empty when the bytes are none of them.
std::string sniff_mime(const std::string& bytes);

}  // namespace seimbang::workflow
