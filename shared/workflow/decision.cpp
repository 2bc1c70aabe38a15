#include "workflow/decision.h"

#include "plan/eligibility_records.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "workflow/workflow.h"

namespace seimbang::workflow {

namespace {
// The office's own positions (not its subtree) as ABK input, keyed by id.
std::vector<abk::PositionInput> own_positions(store::Db& db, const std::string& office, int year) {
    std::vector<abk::PositionInput> out;
    for (auto& p : store::abk_inputs(db, office, year))
        if (p.unit == office) out.push_back(std::move(p));
    return out;
}

void fill(WorkloadChange& w, const abk::Result& before, const abk::Result& after) {
    for (const auto& p : before.positions)
        if (p.position == w.position_id) w.ej_before = p.ej;
    for (const auto& p : after.positions)
        if (p.position == w.position_id) w.ej_after = p.ej;
    for (const auto& u : before.units)
        if (u.unit == w.office_id) w.eu_before = u.eu;
    for (const auto& u : after.units)
        if (u.unit == w.office_id) w.eu_after = u.eu;
}
}  // namespace

DecisionSupport decision_support(store::Db& db, const Request& r, int year, const Date& today) {
    DecisionSupport d;
    const Settings settings = store::load_settings(db);
    d.origin = {r.office_id, r.from_position_id, {}, {}, {}, {}};
    d.destination = {r.to_office_id, r.to_positions.empty() ? std::string() : r.to_positions.front(), {}, {}, {}, {}};
    // Both offices' positions, once each, before and after one holder moves.
    std::vector<abk::PositionInput> input = own_positions(db, r.office_id, year);
    if (!r.to_office_id.empty() && r.to_office_id != r.office_id)
        for (auto& p : own_positions(db, r.to_office_id, year)) input.push_back(std::move(p));
    std::vector<abk::PositionInput> moved = input;
    for (auto& p : moved) {
        if (p.position == d.origin.position_id && p.holders > 0) --p.holders;
        if (p.position == d.destination.position_id) ++p.holders;
    }
    const abk::Result before = abk::analyse(input, settings), after = abk::analyse(moved, settings);
    fill(d.origin, before, after);
    if (!d.destination.office_id.empty()) fill(d.destination, before, after);

    auto e = store::get_employee(db, r.employee_id);
    const auto from = e ? store::get_position(db, e->position_id) : std::nullopt;
    for (const auto& id : r.to_positions) {
        WishFit w{id, {}, false, false};
        if (auto p = store::get_position(db, id)) {
            w.known = true;
            w.name = p->name;
            w.eligible = e && plan::eligible_record(*e, *p) && (!from || plan::same_kind_record(*from, *p, true));
        }
        d.wishes.push_back(std::move(w));
    }
    if (e)
        if (auto tmt = parse_iso_date(e->tmt_position); tmt && *tmt <= today) d.tenure_months = months_between(*tmt, today);
    // Other open requests from or to either office: one indexed query, not a
    // scan of every request (10,000 open at Kota scale made opening one 0.4 s).
    auto q = db.prepare(
        "SELECT number FROM requests WHERE id <> ?1 AND status NOT IN (?2, ?3, ?4) AND "
        "(office_id IN (?5, ?6) OR to_office_id IN (?5, ?6)) ORDER BY status_ms, id");
    q.bind(1, r.id)
        .bind(2, std::string(to_string(Status::ditolak)))
        .bind(3, std::string(to_string(Status::dibatalkan)))
        .bind(4, std::string(to_string(Status::selesai)))
        .bind(5, r.office_id)
        .bind(6, r.to_office_id.empty() ? r.office_id : r.to_office_id);
    while (q.step()) d.other_open.push_back(q.text(0));
    return d;
}

}  // namespace seimbang::workflow
