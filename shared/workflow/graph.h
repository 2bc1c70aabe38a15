// The state graph of a transfer request (domain.md "Transfers"), as data:
// every allowed (command, from) pair, where it leads, whose permission it
// takes (access/access.h) and what it needs. Anything not listed is refused.
// Labels of the states are settings (workflow/settings.h); the graph is code.
//
//   Draf ─submit→ Diajukan ─approve→ Disetujui unit asal ─approve→ Disetujui unit tujuan
//     ─verify→ Verifikasi BKPSDM ─decide→ Ditetapkan (SK) ─(TMT, server)→ Selesai
//   side exits: return → Dikembalikan (edit, submit again), reject → Ditolak,
//   cancel → Dibatalkan (the applicant, before Ditetapkan).
//
// Between instansi (`antar_instansi`, its own path; docs/SCALE.md): each step
// is taken where its actor works and travels as rows across the tiers:
//   Draf (receiving PPK's proposal) ─submit→ Diajukan ─approve (sending PPK)→
//     Disetujui unit asal ─advise (BKN: pusat)→ Pertimbangan teknis
//     ─decide (receiving PPK, SK)→ Ditetapkan
//   return/reject by whoever the waiting step belongs to; cancel by the proposer.
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "access/access.h"
#include "workflow/request.h"

namespace seimbang::workflow {

enum class Command { create, edit, attach, submit, approve, verify, decide, return_, reject, cancel, complete, advise };
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
    bool between = false;                  // a step of the antar_instansi path (else of the other kinds)
};

const std::vector<Step>& steps();
// The step for `command` taken in state `from` on a request of `kind`, or
// nullptr when not allowed.
const Step* find_step(Command command, std::optional<Status> from, Kind kind);
// Whether a step belongs to the path of `kind`.
inline bool on_path(const Step& s, Kind kind) { return s.between == (kind == Kind::antar_instansi); }

}  // namespace seimbang::workflow
