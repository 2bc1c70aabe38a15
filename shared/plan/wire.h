// Compact binary form of a planner instance and of its plan, for handing a
// solve to another thread of execution: the browser client builds the instance
// on the UI thread from its SQLite copy and posts these bytes to the planner's
// Web Worker (client/platform/web/plan_worker.cpp), which answers with the
// plan's bytes; native front ends run the same round trip synchronously
// (docs/PLANNER.md "In the web client"). Little-endian, length-prefixed, with a
// magic and a version; decoding checks every length against the input and every
// index against the instance, and answers nullopt on anything malformed.
// Measured against the plan JSON format in docs/PLANNER.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/result.h"
#include "plan/from_db.h"
#include "plan/instance.h"
#include "plan/planner.h"

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
std::string encode_db_request(const DbQuery& query, std::string_view db_snapshot);

// The answer to a database request: the instance as built and its plan, or the
// builder's refusal (a stored golongan that does not parse, an unreadable
// snapshot: issue set, nothing else).
struct SolvedFromDb {
    std::optional<Issue> issue;
    Instance instance;
    Plan plan;
    double build_seconds = 0;  // instance_from_db in the receiver (wall time)
};
std::optional<SolvedFromDb> decode_db_answer(std::string_view bytes);

// The worker's one job. Instance bytes: decode, solve, answer the plan's bytes.
// Database request: open the snapshot, build, solve, answer SolvedFromDb's
// bytes. An empty answer means the bytes were neither.
std::string solve_encoded(std::string_view request);

}  // namespace seimbang::plan
