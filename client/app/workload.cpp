// The workload view model (workload.h): indexes over the loaded snapshot, the
// ABK results of the year shown, the office roll-ups and the account's scope.
#include "app/workload.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "app/platform.h"
#include "model/date.h"

namespace seimbang::app {

WorkloadModel::WorkloadModel(Platform& platform, const std::optional<Session>& session)
    : platform_(platform), session_(session) {
    abk_year = current_year();
}

void WorkloadModel::load(Snapshot snapshot) {
    data = std::move(snapshot);
    office_ix_.clear();
    position_ix_.clear();
    employee_ix_.clear();
    holders_.clear();
    holder_names_ix_.clear();
    tasks_ix_.clear();
    for (size_t i = 0; i < data.offices.size(); ++i) office_ix_[data.offices[i].id] = i;
    for (size_t i = 0; i < data.positions.size(); ++i) position_ix_[data.positions[i].id] = i;
    for (size_t i = 0; i < data.employees.size(); ++i) {
        const auto& e = data.employees[i];
        employee_ix_[e.id] = i;
        if (!e.archived && !e.position_id.empty()) {
            ++holders_[e.position_id];
            holder_names_ix_[e.position_id].push_back(i);
        }
    }
    bool this_year = false;
    int latest_before = 0;
    const int today = current_year();
    for (size_t i = 0; i < data.tasks.size(); ++i)
        if (!data.tasks[i].archived) {
            tasks_ix_[data.tasks[i].position_id].push_back(i);
            const int y = data.tasks[i].year;
            if (y == today) this_year = true;
            else if (y < today) latest_before = std::max(latest_before, y);
        }
    // This year's tables by default; before anyone filled them in, the latest
    // earlier year (the picker offers every year). A picked year stays.
    if (!abk_year_picked) abk_year = this_year || !latest_before ? today : latest_before;
    recompute_abk();
}


const Office* WorkloadModel::office(const std::string& id) const {
    auto it = office_ix_.find(id);
    return it == office_ix_.end() ? nullptr : &data.offices[it->second];
}
const Position* WorkloadModel::position(const std::string& id) const {
    auto it = position_ix_.find(id);
    return it == position_ix_.end() ? nullptr : &data.positions[it->second];
}
const Employee* WorkloadModel::employee(const std::string& id) const {
    auto it = employee_ix_.find(id);
    return it == employee_ix_.end() ? nullptr : &data.employees[it->second];
}
std::vector<const Office*> WorkloadModel::children(const std::string& office_id) const {
    std::vector<const Office*> out;
    for (const auto& o : data.offices)
        if (!o.archived && o.parent_id == office_id) out.push_back(&o);
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; });
    return out;
}
std::vector<const Position*> WorkloadModel::positions_of(const std::string& office_id) const {
    std::vector<const Position*> out;
    for (const auto& p : data.positions)
        if (!p.archived && p.office_id == office_id) out.push_back(&p);
    // Heads first, then by name: the way a peta jabatan reads.
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) {
        if (a->is_head != b->is_head) return a->is_head;
        return a->name < b->name;
    });
    return out;
}
std::vector<const Office*> WorkloadModel::subtree(const std::string& office_id) const {
    std::vector<const Office*> out;
    const Office* root = office(office_id);
    if (!root) return out;
    std::vector<const Office*> stack{root};
    while (!stack.empty() && out.size() < data.offices.size()) {
        const Office* o = stack.back();
        stack.pop_back();
        out.push_back(o);
        auto kids = children(o->id);
        stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
    return out;
}
OfficeLoad WorkloadModel::own_load(const std::string& office_id) const {
    OfficeLoad l;
    l.office_id = office_id;
    double minutes = 0;
    for (const Position* p : positions_of(office_id)) {
        l.holders += holders_of(p->id);
        if (const abk::PositionResult* r = abk_position(p->id)) {
            minutes += r->workload_minutes;
            if (r->difference < 0) ++l.positions_short;
            if (r->difference > 0) ++l.positions_surplus;
            const double gap = r->needed - r->holders;
            (gap > 0 ? l.short_persons : l.surplus_persons) += std::abs(gap);
        }
    }
    const double wke = data.settings.wke_minutes;
    l.needed = wke > 0 ? minutes / wke : 0;
    l.needed_rounded = abk::round_needed(l.needed, data.settings);
    if (l.holders > 0) l.eu = l.needed / l.holders;
    l.pu = abk::grade_for(l.eu, data.settings);
    return l;
}
std::vector<const AbkTask*> WorkloadModel::tasks_of(const std::string& position_id) const {
    std::vector<const AbkTask*> out;
    auto it = tasks_ix_.find(position_id);
    if (it != tasks_ix_.end())
        for (size_t i : it->second) out.push_back(&data.tasks[i]);
    return out;
}
const std::vector<size_t>& WorkloadModel::holder_list(const std::string& position_id) const {
    static const std::vector<size_t> none;
    auto it = holder_names_ix_.find(position_id);
    return it == holder_names_ix_.end() ? none : it->second;
}
int WorkloadModel::holders_of(const std::string& position_id) const {
    auto it = holders_.find(position_id);
    return it == holders_.end() ? 0 : it->second;
}
const abk::PositionResult* WorkloadModel::abk_position(const std::string& position_id) const {
    auto it = abk_positions_.find(position_id);
    return it == abk_positions_.end() ? nullptr : &it->second;
}
const OfficeLoad* WorkloadModel::load_of(const std::string& office_id) const {
    auto it = loads_.find(office_id);
    return it == loads_.end() ? nullptr : &it->second;
}
bool WorkloadModel::in_scope(const std::string& office_id) const {
    if (!session_) return false;
    const access::Reach reach = access::read_reach(session_->role);
    if (reach == access::Reach::everything) return true;
    if (reach == access::Reach::own_records) {
        const Employee* me = own_employee();
        return me && me->office_id == office_id;
    }
    return within(office_id, session_->office_id);
}
bool WorkloadModel::within(const std::string& office_id, const std::string& root) const {
    std::string p = office_id;
    for (int d = 0; !p.empty() && d < 64; ++d) {
        if (p == root) return true;
        const Office* o = office(p);
        p = o ? o->parent_id : "";
    }
    return false;
}
std::vector<const Office*> WorkloadModel::scope_offices() const {
    if (!session_) return {};
    if (reads_all_offices()) {
        std::vector<const Office*> out;
        for (const Office* root : children(""))
            for (const Office* o : subtree(root->id)) out.push_back(o);
        return out;
    }
    return subtree(session_->office_id);
}
bool WorkloadModel::reads_all_offices() const {
    return session_ && access::read_reach(session_->role) == access::Reach::everything;
}
const Employee* WorkloadModel::own_employee() const {
    return session_ && !session_->employee_id.empty() ? employee(session_->employee_id) : nullptr;
}
std::string WorkloadModel::account_name() const {
    if (!session_) return {};
    if (const Employee* me = own_employee()) return me->name;
    return session_->display_name;
}
int WorkloadModel::current_year() const { return utc_date(platform_.unix_seconds()).year; }
std::vector<int> WorkloadModel::abk_years() const {
    std::vector<int> out{current_year(), abk_year};
    for (const auto& t : data.tasks)
        if (!t.archived) out.push_back(t.year);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}
void WorkloadModel::set_abk_year(int year) {
    abk_year = year;
    abk_year_picked = true;
    recompute_abk();
}
std::vector<const OfficeLoad*> WorkloadModel::loads_by_pressure() const {
    std::vector<const OfficeLoad*> out;
    for (const auto& o : data.offices) {
        if (o.archived || (o.kind != OfficeKind::kelurahan && o.kind != OfficeKind::kecamatan)) continue;
        if (!in_scope(o.id)) continue;  // another office's figures are not in this copy
        if (const OfficeLoad* l = load_of(o.id)) out.push_back(l);
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) {
        double ea = a->eu.value_or(a->needed > 0 ? 1e9 : 0), eb = b->eu.value_or(b->needed > 0 ? 1e9 : 0);
        return ea > eb;
    });
    return out;
}
std::string WorkloadModel::office_path(const std::string& office_id) const {
    std::vector<std::string> names;
    std::string p = office_id;
    for (int d = 0; !p.empty() && d < 64; ++d) {
        const Office* o = office(p);
        if (!o) break;
        names.push_back(o->name);
        p = o->parent_id;
    }
    std::string s;
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
        if (!s.empty()) s += " \xE2\x80\xBA ";
        s += *it;
    }
    return s;
}

void WorkloadModel::recompute_abk() {
    std::vector<abk::PositionInput> in;
    in.reserve(data.positions.size());
    for (const auto& p : data.positions) {
        if (p.archived) continue;
        abk::PositionInput pi{p.office_id, p.id, holders_of(p.id), {}};
        for (const AbkTask* t : tasks_of(p.id)) {
            if (t->year != abk_year) continue;
            pi.tasks.push_back({t->task, t->output_unit, t->volume, t->period, t->norm_minutes});
        }
        in.push_back(std::move(pi));
    }
    abk::Result r = abk::analyse(in, data.settings);
    abk_positions_.clear();
    for (auto& pr : r.positions) abk_positions_[pr.position] = pr;

    // Office totals: roll_up returns every unit and each ancestor with everything
    // below it (the unit's own positions included).
    auto parent_of = [this](const std::string& id) {
        const Office* o = office(id);
        return o ? o->parent_id : std::string();
    };
    std::unordered_map<std::string, abk::UnitResult> sum;
    auto add = [&](const abk::UnitResult& u) {
        auto& a = sum[u.unit];
        a.unit = u.unit;
        a.workload_minutes += u.workload_minutes;
        a.holders += u.holders;
        a.positions_short += u.positions_short;
        a.positions_surplus += u.positions_surplus;
    };
    for (const auto& u : abk::roll_up(r, data.settings, parent_of)) add(u);
    // Shortage and surplus in persons, per position, added up each unit's ancestors.
    std::unordered_map<std::string, std::pair<double, double>> gaps;
    for (const auto& pr : r.positions) {
        const double gap = pr.needed - pr.holders;
        std::string id = pr.unit;
        for (int d = 0; !id.empty() && d < 64; ++d) {
            auto& g = gaps[id];
            (gap > 0 ? g.first : g.second) += std::abs(gap);
            id = parent_of(id);
        }
    }
    loads_.clear();
    const double wke = data.settings.wke_minutes;
    for (auto& [id, u] : sum) {
        OfficeLoad l;
        l.office_id = id;
        l.needed = wke > 0 ? u.workload_minutes / wke : 0;
        l.needed_rounded = abk::round_needed(l.needed, data.settings);
        l.holders = u.holders;
        if (u.holders > 0) l.eu = l.needed / u.holders;
        l.pu = abk::grade_for(l.eu, data.settings);
        l.positions_short = u.positions_short;
        l.positions_surplus = u.positions_surplus;
        if (auto g = gaps.find(id); g != gaps.end()) std::tie(l.short_persons, l.surplus_persons) = g->second;
        loads_[id] = l;
    }
}

}  // namespace seimbang::app
