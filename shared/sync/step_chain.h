// [between instansi] The stale-step rule at the national tier's intake
// (docs/SCALE.md "Between-instansi transfers", "Steps taken on a stale copy").
//
// Two instansi step on their own copies of one between-instansi request; both
// forward the request row and the step's events as plain rows. The centre takes
// a forwarded step only when it chains from the state the centre holds: the
// first new event's `from_status` is the stored status, each next event's
// `from_status` the previous one's `to_status`, and the last `to_status` the
// row's new status. A step that does not chain was taken on a stale copy (the
// other side stepped first): its request row change and its events are refused
// together with `workflow.state_changed` (detail: the state the centre holds),
// so nothing of it is applied. Both stores call the one rule:
// shared/sync/server_push.cpp (SQLite tier) and NationalStore::push
// (PostgreSQL tier), each reading what it holds into StoredSteps.
//
// The request row and its events may come in different batches (the upstream
// sends in registry order, requests before request_events, at most 2,000
// mutations per push). Decided per mutation kind:
//  * a status change with its new events in the batch: the chain above;
//  * a status change whose events are not in the batch: the status the sender
//    last saw (`old.status`, the replica's acknowledged value) must be the
//    stored status;
//  * new events whose request row is not in the batch (it came, or was refused,
//    in an earlier one): they must chain and end at the stored status;
//  * always: a new event whose ordinal another stored event of the request
//    already holds was numbered on a copy that lacked that event.
// A request the centre does not hold yet is new: nothing to be stale against.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/push_request.h"

namespace seimbang::store {
class Db;
}

namespace seimbang::sync {

// What the centre holds of one request (on PostgreSQL: the latest of the
// instansi's copies of the row, and the events of every copy).
struct StoredStep {
    std::string status;
    std::map<int64_t, std::string> ordinals;  // ordinal → event id
};
using StoredSteps = std::unordered_map<std::string, StoredStep>;  // by request id

// The request ids a batch's forwarded workflow rows touch (request rows and
// the events' request_id), each once: what a store reads into StoredSteps.
std::vector<std::string> step_requests(const std::vector<PushMutation>& ms);

// The stale steps of a batch: index of each refused mutation → the state the
// centre holds (the refusal's detail). Only upserts of requests and
// request_events are looked at; duplicates are answered before by the stores.
std::map<size_t, std::string> stale_steps(const std::vector<PushMutation>& ms, const StoredSteps& stored);

// The SQLite tier's read of what it holds (one database, one row per request).
StoredSteps read_stored_steps(store::Db& db, const std::vector<std::string>& request_ids);

}  // namespace seimbang::sync
