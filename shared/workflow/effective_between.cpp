// [between instansi] The TMT of a move between instansi (docs/SCALE.md "TMT
// records"): each instansi server does its own side in its own effective run,
// on its own records — the sending side archives the person's record (exit
// kind pindah_instansi, the SK as reference), the receiving side enters a new
// record (a new id in the granted post, the same NIP, name and golongan from
// the request's snapshot, birth date and sex from the NIP) and completes the
// request (Selesai, handed down to the sending side like every step). Run
// again, nothing is doubled: an archived record is left, an entry is made only
// while no active record holds the NIP. A database holding several instansi
// (the national tier on SQLite) does neither: each side is its instansi's own.
#include "workflow/effective_between.h"

#include "model/nip.h"
#include "store/placements.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "util/uuid.h"
#include "workflow/workflow.h"

namespace seimbang::workflow {

namespace {

std::string active_with_nip(store::Db& db, const std::string& nip) {
    auto s = db.prepare("SELECT id FROM employees WHERE nip = ?1 AND archived = 0 LIMIT 1");
    s.bind(1, nip);
    return s.step() ? s.text(0) : std::string();
}

// The sending side: the person's record leaves (archived) unless it already did.
// Returns whether it wrote anything; throws the refusal's code.
bool exit_record(store::Db& db, const Request& r, int64_t now_ms) {
    auto e = store::get_employee(db, r.employee_id);
    if (!e || e->archived) return false;  // left already (a run before), or not held here
    {
        // An exit recorded once stays done (an archive undone later by hand is not redone).
        auto s = db.prepare("SELECT 1 FROM placements WHERE employee_id = ?1 AND cause = 'arsip' AND reference = ?2 LIMIT 1");
        s.bind(1, e->id).bind(2, r.sk_number);
        if (s.step()) return false;
    }
    store::PlacementNote note{r.tmt, r.to_instansi.empty() ? r.number : r.to_instansi + " (" + r.number + ")",
                              r.sk_number, "server", now_ms};
    const Check c = store::archive_employee_recorded(db, e->id, "pindah_instansi", note);
    if (const Issue* i = c.first_error()) throw std::string(i->code);
    return true;
}

// The receiving side: the entry record, then Selesai.
void entry_record(store::Db& db, const Request& r, const Date& today, int64_t now_ms) {
    if (active_with_nip(db, r.employee_nip).empty()) {
        auto p = r.to_positions.empty() ? std::nullopt : store::get_position(db, r.to_positions.front());
        if (!p || p->archived) throw std::string("workflow.unknown_position");
        NipParts parts;
        if (!check_nip(r.employee_nip, &parts).ok()) throw std::string("workflow.bad_nip");
        if (r.employee_golongan.empty()) throw std::string("workflow.golongan_missing");
        Employee e;
        e.id = new_uuid_v7();
        e.nip = r.employee_nip;
        e.name = r.employee_name;
        e.birth_date = format_iso_date(parts.birth);
        e.gender = parts.gender == 2 ? Gender::female : Gender::male;
        e.asn_type = "PNS";
        e.golongan = r.employee_golongan;
        e.office_id = p->office_id;
        e.position_id = p->id;
        e.tmt_position = r.tmt;
        const Check c = store::save_employee(db, e);
        if (const Issue* i = c.first_error()) throw std::string(i->code);
        store::write_row(db, *store::find_table("placements"), new_uuid_v7(),
                         {{"employee_id", e.id},
                          {"office_id", p->office_id},
                          {"position_id", p->id},
                          {"from_office_id", r.office_id},
                          {"from_position_id", r.from_position_id},
                          {"tmt", r.tmt},
                          {"cause", "mutasi"},
                          {"reference", r.sk_number},
                          {"recorded_by", "server"},
                          {"recorded_ms", now_ms}});
    }
    const access::Actor system{"server", "", "", {}};
    StepContext ctx{db, system, Authority::server, today, now_ms};
    const StepResult done = take_step(ctx, {Command::complete, r.id, "ditetapkan", {{"note", "TMT " + r.tmt}}});
    if (const Issue* i = done.check.first_error()) throw std::string(i->code);
}

}  // namespace

void apply_effective_between(store::Db& db, const Date& today, int64_t now_ms, EffectReport& rep) {
    const std::string own = store::sole_root_office(db);
    if (own.empty()) return;
    std::vector<std::string> due;
    {
        // Ditetapkan; or already Selesai (the receiving side ran first) while the
        // sending side's record here is still active.
        auto s = db.prepare(
            "SELECT r.id FROM requests r WHERE r.kind = 'antar_instansi' AND r.tmt <> '' AND r.tmt <= ?1 AND "
            "(r.status = 'ditetapkan' OR (r.status = 'selesai' AND EXISTS (SELECT 1 FROM employees e "
            "WHERE e.id = r.employee_id AND e.archived = 0))) ORDER BY r.tmt, r.id");
        s.bind(1, format_iso_date(today));
        while (s.step()) due.push_back(s.text(0));
    }
    for (const auto& id : due) {
        auto r = get_request(db, id);
        if (!r) continue;
        const bool sending = r->from_instansi == own;
        const bool receiving = r->status == Status::ditetapkan && !r->to_office_id.empty() &&
                               instansi_of(db, r->to_office_id) == own;
        if (!sending && !receiving) continue;
        try {
            bool wrote = false;
            db.transaction([&] {
                if (sending) wrote = exit_record(db, *r, now_ms);
                if (receiving) {
                    entry_record(db, *r, today, now_ms);
                    wrote = true;
                }
            });
            if (wrote) ++rep.applied;
        } catch (const std::string& code) {
            rep.failed.emplace_back(r->number, code);
        } catch (const store::DbError& e) {
            rep.failed.emplace_back(r->number, std::string("store.error: ") + e.what());
        }
    }
}

}  // namespace seimbang::workflow
