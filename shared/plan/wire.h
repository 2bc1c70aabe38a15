// Compact binary form of a planner instance and of its plan, for handing a
// solve to another thread of execution: the browser client posts a snapshot of
// its SQLite copy (or, after what-if edits, the instance) to the planner's
// Web Worker (client/platform/worker/plan_worker.cpp), which answers with the
// plan's bytes; native front ends run the same round trip synchronously
// (docs/PLANNER.md "In the web client"). Little-endian, length-prefixed, with a
// magic and a version; decoding checks every length against the input and every
// index against the instance, and answers nullopt on anything malformed.
// Measured against the plan JSON format in docs/PLANNER.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"
#include "plan/from_db.h"
#include "plan/instance.h"
#include "plan/planner.h"
#include "store/db.h"

namespace seimbang::plan {

std::string encode_instance(const Instance& inst);
std::optional<Instance> decode_instance(std::string_view bytes);

std::string encode_plan(const Plan& plan);
std::optional<Plan> decode_plan(std::string_view bytes);

// A solve that starts from the database: the query and a snapshot of the SQLite
// file (store/snapshot.h). The receiver opens the snapshot in memory and
// builds the instance with instance_from_db (the one instance builder), so the
// sender's thread only copies the file: at Kota scale reading 20,000 staff rows
// is a third of a second of WebAssembly, too long for one UI frame.
// DbJob::digest_only builds and answers the instance's digest, no solve: a saved
// plan's "has the data changed since" check (client/app/saved_plans.cpp).
// DbJob::warm builds and solves, answering only the times: run when the
// Rekomendasi screen opens, so the worker's code is compiled and hot, and its
// copy of the database open, before the first real run.
enum class DbJob : unsigned char { solve = 0, digest_only = 1, warm = 2 };
// With a snapshot given as bytes: used for this request only (the training sandbox).
std::string encode_db_request(const DbQuery& query, std::string_view db_snapshot, DbJob job = DbJob::solve);
// From a database: the request carries the database's version
// (store::snapshot_version) and, with_snapshot, the snapshot read straight into
// the request (one copy of the file). The receiver keeps the last database so
// sent with its version; a request without the snapshot is answered from that
// copy when the versions are equal, else with SolvedFromDb::needs_snapshot (the
// sender then sends it again with the snapshot). So a second run over unchanged
// data (other weights) skips the file copy, the post and the open; and when the
// scope, year and day are also the same it skips instance_from_db too: the
// receiver keeps the instance built from the copy and applies the new weights,
// move limit and pins to it (SolvedFromDb::instance_reused).
std::string encode_db_request(const DbQuery& query, store::Db& db, DbJob job = DbJob::solve, bool with_snapshot = true);

// The answer to a database request: the instance as built and its plan, or the
// builder's refusal (a stored golongan that does not parse, an unreadable
// snapshot: issue set, nothing else). The receiver also answers what the
// sender would otherwise compute on its own thread from these: the instance's
// digest (SHA-256 hex of encode_instance) and the plan key (plan/plan_key.h)
// of the query and the plan's moves in employee order. A digest-only answer
// has `solved` false and only the digest and build time; a warm-up answer
// `warmed` and the times; needs_snapshot alone: the receiver has no copy of
// that version of the database.
struct SolvedFromDb {
    std::optional<Issue> issue;
    bool solved = false;
    bool needs_snapshot = false;
    bool warmed = false;
    Instance instance;
    Plan plan;
    std::string instance_digest;
    std::string plan_key;
    double build_seconds = 0;  // opening the snapshot (when sent) and instance_from_db in the receiver (wall time)
    // The receiver applied the query's weights and pins to the instance it built
    // for an earlier request over the same database version, scope, year and day
    // (no rows read); build_seconds is then that copy's time.
    bool instance_reused = false;
    double warm_solve_seconds = 0;
};
std::optional<SolvedFromDb> decode_db_answer(std::string_view bytes);

// The receiver forgets the database copy it keeps (a terminated worker loses it too).
void forget_cached_db();

// "Optimalkan sisanya": the edited instance (manual moves made and fixed) with
// the query and the manual moves (indices into `fixed`, their origins), so the
// receiver answers the plan and its plan key (manual and solved moves), which
// the UI thread would otherwise compute.
std::string encode_reoptimise_request(const DbQuery& query, const Instance& fixed, const std::vector<Move>& manual);
struct Reoptimised {
    Plan plan;
    std::string plan_key;
};
std::optional<Reoptimised> decode_reoptimise_answer(std::string_view bytes);

// The digest a saved plan keeps of the instance it was computed from.
std::string instance_digest(const Instance& inst);

// The worker's one job. Instance bytes: decode, solve, answer the plan's bytes.
// Database request: open the snapshot (or use the copy kept), build, solve,
// answer SolvedFromDb's bytes. Re-optimise request: Reoptimised's bytes. An
// empty answer means the bytes were none of these.
std::string solve_encoded(std::string_view request);

}  // namespace seimbang::plan
