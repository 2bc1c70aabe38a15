#include "workflow/effective.h"

#include "workflow/effective_between.h"

#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "util/uuid.h"
#include "workflow/workflow.h"

namespace seimbang::workflow {

EffectReport apply_effective(store::Db& db, const Date& today, int64_t now_ms) {
    EffectReport rep;
    std::vector<std::string> due;
    // (A move between instansi: each side's own records, effective_between.cpp.)
    apply_effective_between(db, today, now_ms, rep);
    {
        auto s = db.prepare("SELECT id FROM requests WHERE status = 'ditetapkan' AND tmt <> '' AND tmt <= ?1 "
                            "AND kind <> 'antar_instansi' ORDER BY tmt, id");
        s.bind(1, format_iso_date(today));
        while (s.step()) due.push_back(s.text(0));
    }
    const access::Actor system{"server", "", "", {}};
    for (const auto& id : due) {
        auto r = get_request(db, id);
        if (!r || r->to_positions.empty()) continue;
        std::string failure;
        try {
            db.transaction([&] {
                auto e = store::get_employee(db, r->employee_id);
                auto p = store::get_position(db, r->to_positions.front());
                if (!e || !p) {
                    failure = !e ? "workflow.unknown_employee" : "workflow.unknown_position";
                    throw failure;
                }
                const std::string from_office = e->office_id, from_position = e->position_id;
                e->office_id = p->office_id;
                e->position_id = p->id;
                e->tmt_position = r->tmt;
                Check c = store::save_employee(db, *e);
                if (const Issue* i = c.first_error()) {
                    failure = i->code;
                    throw failure;
                }
                store::write_row(db, *store::find_table("placements"), new_uuid_v7(),
                                 {{"employee_id", e->id},
                                  {"office_id", p->office_id},
                                  {"position_id", p->id},
                                  {"from_office_id", from_office},
                                  {"from_position_id", from_position},
                                  {"tmt", r->tmt},
                                  {"cause", "mutasi"},
                                  {"reference", r->sk_number},
                                  {"recorded_by", "server"},
                                  {"recorded_ms", now_ms}});
                StepContext ctx{db, system, Authority::server, today, now_ms};
                StepInput in;
                in.command = Command::complete;
                in.request_id = id;
                in.expect = "ditetapkan";
                in.args = {{"note", "TMT " + r->tmt}};
                const StepResult done = take_step(ctx, in);
                if (const Issue* i = done.check.first_error()) {
                    failure = i->code;
                    throw failure;
                }
            });
            ++rep.applied;
        } catch (const std::string&) {
            rep.failed.emplace_back(r->number, failure);
        } catch (const store::DbError& e) {
            rep.failed.emplace_back(r->number, std::string("store.error: ") + e.what());
        }
    }
    return rep;
}

}  // namespace seimbang::workflow
