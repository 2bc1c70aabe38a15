#include "workflow/graph.h"

#include <array>
#include <initializer_list>
#include <tuple>

namespace seimbang::workflow {

namespace {
constexpr std::array<std::pair<Command, std::string_view>, 12> kCommands = {{
    {Command::create, "create"},
    {Command::edit, "edit"},
    {Command::attach, "attach"},
    {Command::submit, "submit"},
    {Command::approve, "approve"},
    {Command::verify, "verify"},
    {Command::decide, "decide"},
    {Command::return_, "return"},
    {Command::reject, "reject"},
    {Command::cancel, "cancel"},
    {Command::complete, "complete"},
    {Command::advise, "advise"},
}};
}  // namespace

std::string_view to_string(Command c) {
    for (const auto& [k, v] : kCommands)
        if (k == c) return v;
    return "";
}

std::optional<Command> parse_command(std::string_view s) {
    for (const auto& [k, v] : kCommands)
        if (v == s) return k;
    return std::nullopt;
}

const std::vector<Command>& all_commands() {
    static const std::vector<Command> v = [] {
        std::vector<Command> o;
        for (const auto& [k, n] : kCommands) o.push_back(k);
        return o;
    }();
    return v;
}

const std::vector<Step>& steps() {
    using C = Command;
    using S = Status;
    using A = access::Action;
    static const std::vector<Step> s = [] {
        std::vector<Step> v = {
            {C::create, std::nullopt, S::draf, A::request_file},
            {C::edit, S::draf, S::draf, A::request_file},
            {C::edit, S::dikembalikan, S::dikembalikan, A::request_file},
            {C::attach, S::draf, S::draf, A::request_file},
            {C::attach, S::dikembalikan, S::dikembalikan, A::request_file},
            {C::submit, S::draf, S::diajukan, A::request_file},
            {C::submit, S::dikembalikan, S::diajukan, A::request_file},
            {C::approve, S::diajukan, S::disetujui_unit_asal, A::request_approve_origin},
            {C::approve, S::disetujui_unit_asal, S::disetujui_unit_tujuan, A::request_approve_destination},
            {C::verify, S::disetujui_unit_tujuan, S::verifikasi_bkpsdm, A::request_verify},
            {C::decide, S::verifikasi_bkpsdm, S::ditetapkan, A::request_decide, false, true},
            {C::complete, S::ditetapkan, S::selesai, std::nullopt},
        };
        // Return and reject: taken by whoever the waiting step belongs to.
        const std::pair<S, A> waiting[] = {{S::diajukan, A::request_approve_origin},
                                           {S::disetujui_unit_asal, A::request_approve_destination},
                                           {S::disetujui_unit_tujuan, A::request_verify},
                                           {S::verifikasi_bkpsdm, A::request_decide}};
        for (const auto& [from, action] : waiting) {
            v.push_back({C::return_, from, S::dikembalikan, action, true});
            v.push_back({C::reject, from, S::ditolak, action, true});
        }
        // Cancel: the applicant (or the operator who filed it), before Ditetapkan.
        for (S from : {S::draf, S::diajukan, S::disetujui_unit_asal, S::disetujui_unit_tujuan, S::verifikasi_bkpsdm,
                       S::dikembalikan})
            v.push_back({C::cancel, from, S::dibatalkan, A::request_cancel});
        // Between instansi: the receiving PPK (bkpsdm of the destination) files
        // and decides, the sending PPK (bkpsdm of the origin) approves, BKN
        // (pusat) gives its pertimbangan teknis. At the TMT the receiving
        // instansi's server completes it once it entered the person's record
        // (workflow/effective.cpp; the sending side archives its own record).
        const A propose = A::request_propose_between;
        for (auto [cmd, from, to] : std::initializer_list<std::tuple<C, std::optional<S>, S>>{
                 {C::create, std::nullopt, S::draf},
                 {C::edit, S::draf, S::draf},
                 {C::edit, S::dikembalikan, S::dikembalikan},
                 {C::attach, S::draf, S::draf},
                 {C::attach, S::dikembalikan, S::dikembalikan},
                 {C::submit, S::draf, S::diajukan},
                 {C::submit, S::dikembalikan, S::diajukan}})
            v.push_back({cmd, from, to, propose, false, false, true});
        v.push_back({C::approve, S::diajukan, S::disetujui_unit_asal, A::request_approve_sending, false, false, true});
        v.push_back({C::advise, S::disetujui_unit_asal, S::pertimbangan_teknis, A::request_advise, false, false, true});
        v.push_back({C::decide, S::pertimbangan_teknis, S::ditetapkan, A::request_decide_between, false, true, true});
        v.push_back({C::complete, S::ditetapkan, S::selesai, std::nullopt, false, false, true});
        const std::pair<S, A> waiting_between[] = {{S::diajukan, A::request_approve_sending},
                                                   {S::disetujui_unit_asal, A::request_advise},
                                                   {S::pertimbangan_teknis, A::request_decide_between}};
        for (const auto& [from, action] : waiting_between) {
            v.push_back({C::return_, from, S::dikembalikan, action, true, false, true});
            v.push_back({C::reject, from, S::ditolak, action, true, false, true});
        }
        for (S from : {S::draf, S::diajukan, S::disetujui_unit_asal, S::pertimbangan_teknis, S::dikembalikan})
            v.push_back({C::cancel, from, S::dibatalkan, propose, false, false, true});
        return v;
    }();
    return s;
}

const Step* find_step(Command command, std::optional<Status> from, Kind kind) {
    for (const auto& st : steps())
        if (st.command == command && st.from == from && on_path(st, kind)) return &st;
    return nullptr;
}

}  // namespace seimbang::workflow
