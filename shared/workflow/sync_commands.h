// The workflow's sync commands on the server (docs/SYNC.md §5.1 "Workflow"):
// each step a device queued is taken again here, in server order, with the
// server's authority and the pushing user's role and scope. A refused step is
// answered `rejected` with its code and changes nothing (the push's savepoint).
#pragma once
#include "model/date.h"

namespace seimbang::workflow {

// Registers create, edit, attach, submit, approve, verify, decide, return,
// reject and cancel with sync::register_command. `complete` is never a
// command: only the server's own TMT run takes it (effective.h). Idempotent.
void register_sync_commands();

// Today in Medan (WIB, UTC+7): the date of decisions, TMTs and tenure.
Date today_wib();

}  // namespace seimbang::workflow
