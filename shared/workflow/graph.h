// The state graph of a transfer request (domain.md "Transfers"), as data:
// every allowed (command, from) pair, where it leads, whose permission it
// takes (access/access.h) and what it needs. Anything not listed is refused.
// Labels of the states are settings (workflow/settings.h); the graph is code.
//
//   Draf ─submit→ Diajukan ─approve→ Disetujui unit asal ─approve→ Disetujui unit tujuan
//     ─verify→ Verifikasi BKPSDM ─decide→ Ditetapkan (SK) ─(TMT, server)→ Selesai
//   side exits: return → Dikembalikan (edit, submit again), reject → Ditolak,
//   cancel → Dibatalkan (the applicant, before Ditetapkan).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "access/access.h"
#include "workflow/request.h"

namespace seimbang::workflow {

enum class Command { create, edit, attach, submit, approve, verify, decide, return_, reject, cancel, complete };
std::string_view to_string(Command c);
std::optional<Command> parse_command(std::string_view s);
const std::vector<Command>& all_commands();

struct Step {
    Command command;
    std::optional<Status> from;  // nullopt: the request does not exist yet (create)
    Status to;
    std::optional<access::Action> action;  // nullopt: only the server itself (complete, at the TMT)
    bool note_required = false;            // return and reject need a reason
    bool online_only = false;              // decide: the server assigns the SK number
};

const std::vector<Step>& steps();
// The step for `command` taken in state `from`, or nullptr when not allowed.
const Step* find_step(Command command, std::optional<Status> from);

}  // namespace seimbang::workflow
