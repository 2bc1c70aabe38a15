#include "io/import.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <unordered_map>

#include "io/export.h"
#include "io/values.h"
#include "model/date.h"
#include "model/golongan.h"
#include "model/nip.h"
#include "model/validate.h"
#include "store/records.h"
#include "store/repo.h"
#include "util/csv.h"
#include "util/uuid.h"

namespace seimbang::io {

namespace {

using nlohmann::json;


// Office kind words that a file may or may not write before a name.
std::string core_name(const std::string& normalised) {
    for (std::string_view kind : {"kelurahan ", "kecamatan ", "kantor ", "seksi ", "kota "})
        if (normalised.rfind(kind, 0) == 0) return normalised.substr(kind.size());
    return normalised;
}

// Names close to `wanted` among `names` (normalised → display), nearest first.
std::vector<std::string> near_misses(const std::string& wanted, const std::vector<std::pair<std::string, std::string>>& names) {
    std::vector<std::pair<int, std::string>> scored;
    const std::string core = core_name(wanted);
    for (const auto& [norm, display] : names) {
        int d = std::min(edit_distance(wanted, norm), edit_distance(core, core_name(norm)));
        const int limit = std::max(2, static_cast<int>(std::min(wanted.size(), norm.size()) / 4));
        const bool contains = core.size() >= 4 && (norm.find(core) != std::string::npos || core.find(core_name(norm)) != std::string::npos);
        if (d <= limit || contains) scored.emplace_back(contains ? std::min(d, 1) : d, display);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (const auto& [d, name] : scored)
        if (out.size() < 3 && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    return out;
}

std::string value_text(const json& v) {
    if (v.is_null()) return {};
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return format_number_id(v.get<double>());
    return v.dump();
}

std::vector<FieldChange> diff(const json& before, const json& after) {
    std::vector<FieldChange> out;
    for (const auto& [k, v] : after.items()) {
        if (k == "office_id" && v.is_null()) continue;  // tasks: filled by save_task
        auto it = before.find(k);
        const json& old = it == before.end() ? json() : *it;
        if (old != v && !(old.is_number() && v.is_number() && old.get<double>() == v.get<double>()))
            out.push_back({k, value_text(old), value_text(v), {}, {}});
    }
    return out;
}

// Everything a row needs to be matched, loaded once per plan.
class Matcher {
public:
    Matcher(store::Db& db, const Mapping& m, const std::string& scope) : db_(db), m_(m) {
        std::set<std::string> in_scope;
        if (!scope.empty())
            for (const auto& id : store::office_subtree(db, scope)) in_scope.insert(id);
        for (auto& o : store::list_offices(db)) {
            if (!scope.empty() && !in_scope.count(o.id)) continue;
            offices_.push_back(o);
        }
        for (size_t i = 0; i < offices_.size(); ++i) {
            const auto& o = offices_[i];
            by_id_[o.id] = i;
            if (!o.code.empty()) by_code_[o.code] = i;
            const std::string n = normalise_name(o.name);
            by_name_.emplace(n, i);
            by_core_.emplace(core_name(n), i);
            office_names_.emplace_back(n, o.name);
        }
        for (auto& p : store::list_positions(db, scope)) add_position(p);
    }

    const Office* office(std::string text, RowIssue& issue) {
        text = trim(text);
        if (auto a = m_.offices.find(text); a != m_.offices.end()) text = a->second;
        // "Kelurahan Terjun / Seksi Pemerintahan": a name that repeats under
        // several parents, written with its parent (as export_csv writes it).
        if (auto slash = text.rfind(" / "); slash != std::string::npos) {
            const Office* parent = office(text.substr(0, slash), issue);
            if (!parent) return nullptr;
            const std::string child = normalise_name(text.substr(slash + 3));
            for (const auto& o : offices_)
                if (o.parent_id == parent->id && normalise_name(o.name) == child) return &o;
            issue.code = "import.office_unknown";
            issue.detail = text;
            issue.suggestions = near_misses(normalise_name(text), office_names_);
            return nullptr;
        }
        if (auto it = by_id_.find(text); it != by_id_.end()) return &offices_[it->second];
        if (auto it = by_code_.find(text); it != by_code_.end()) return &offices_[it->second];
        const std::string n = normalise_name(text);
        if (auto [b, e] = by_name_.equal_range(n); b != e && std::next(b) == e) return &offices_[b->second];
        if (auto [b, e] = by_core_.equal_range(core_name(n)); b != e && std::next(b) == e) return &offices_[b->second];
        issue.code = "import.office_unknown";
        issue.detail = text;
        issue.suggestions = near_misses(n, office_names_);
        return nullptr;
    }

    bool office_in_scope(const std::string& id) const { return by_id_.count(id) > 0; }

    // The position of that name in the office; created (and remembered, so later
    // rows reuse it) when the mapping allows it.
    const Position* position(const Office& o, std::string text, std::vector<Position>& created, RowIssue& issue) {
        text = trim(text);
        if (auto a = m_.positions.find(text); a != m_.positions.end()) text = a->second;
        const std::string n = normalise_name(text);
        if (auto it = positions_.find({o.id, n}); it != positions_.end()) return &*it->second;
        if (m_.create_positions && !text.empty()) {
            Position p;
            p.id = new_uuid_v7();
            p.office_id = o.id;
            p.name = text;
            p.kind = PositionKind::pelaksana;
            created.push_back(p);
            return add_position(p);
        }
        issue.code = "import.position_unknown";
        issue.detail = text + " (" + o.name + ")";
        issue.suggestions = near_misses(n, position_names_[o.id]);
        return nullptr;
    }

    const Position* existing_position(const std::string& office_id, const std::string& name) const {
        auto it = positions_.find({office_id, normalise_name(name)});
        return it == positions_.end() ? nullptr : &*it->second;
    }

    const Employee* employee_by_nip(const std::string& nip) {
        if (!employees_loaded_) {
            for (auto& e : store::list_employees(db_, {})) {
                auto key = e.nip;
                employees_.emplace(std::move(key), std::move(e));
            }
            employees_loaded_ = true;
        }
        auto it = employees_.find(nip);
        return it == employees_.end() ? nullptr : &it->second;
    }

    const AbkTask* task(const std::string& position_id, int year, const std::string& text) {
        auto key = std::make_pair(position_id, year);
        auto it = tasks_.find(key);
        if (it == tasks_.end()) {
            std::map<std::string, AbkTask> by_text;
            for (auto& t : store::list_tasks(db_, position_id, year)) by_text.emplace(normalise_name(t.task), t);
            it = tasks_.emplace(key, std::move(by_text)).first;
        }
        auto t = it->second.find(normalise_name(text));
        return t == it->second.end() ? nullptr : &t->second;
    }

private:
    const Position* add_position(const Position& p) {
        position_store_.push_back(std::make_unique<Position>(p));
        positions_[{p.office_id, normalise_name(p.name)}] = position_store_.back().get();
        position_names_[p.office_id].emplace_back(normalise_name(p.name), p.name);
        return position_store_.back().get();
    }

    store::Db& db_;
    const Mapping& m_;
    std::vector<Office> offices_;
    std::unordered_map<std::string, size_t> by_id_, by_code_;
    std::unordered_multimap<std::string, size_t> by_name_, by_core_;
    std::vector<std::pair<std::string, std::string>> office_names_;
    std::vector<std::unique_ptr<Position>> position_store_;
    std::map<std::pair<std::string, std::string>, Position*> positions_;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> position_names_;
    bool employees_loaded_ = false;
    std::unordered_map<std::string, Employee> employees_;
    std::map<std::pair<std::string, int>, std::map<std::string, AbkTask>> tasks_;
};

// One data row with its cells by field, and the refusals found while reading it.
struct RowReader {
    const Layout& lay;
    const SheetRow& row;
    std::vector<RowIssue>& issues;
    const std::map<std::string, std::string>* filled = nullptr;  // tasks: values carried down

    bool has(const char* field) const { return lay.column.count(field) > 0; }
    std::string column_of(const std::string& field) const {
        auto it = lay.column.find(field);
        if (it == lay.column.end()) return {};
        const size_t c = static_cast<size_t>(it->second);
        const std::string label = c < lay.labels.size() ? lay.labels[c] : std::string();
        return column_letter(it->second) + (label.empty() ? "" : " (" + label + ")");
    }
    const Cell* cell(const char* field) const {
        auto it = lay.column.find(field);
        if (it == lay.column.end()) return nullptr;
        const size_t c = static_cast<size_t>(it->second);
        return c < row.cells.size() ? &row.cells[c] : nullptr;
    }
    std::string text(const char* field) const {
        const Cell* c = cell(field);
        std::string t = c ? trim(c->text) : std::string();
        if (t.empty() && filled) {
            auto it = filled->find(field);
            if (it != filled->end()) t = it->second;
        }
        return t;
    }
    bool numeric(const char* field) const {
        const Cell* c = cell(field);
        return c && c->number;
    }
    void refuse(const std::string& field, std::string code, std::string detail = {}) const {
        issues.push_back({row.line, column_of(field), std::move(code), std::move(detail), {}, false});
    }
    void warn(const std::string& field, std::string code, std::string detail = {}) const {
        issues.push_back({row.line, column_of(field), std::move(code), std::move(detail), {}, true});
    }
};

// Validation issues carry record field names; report them at the file's column.
std::string import_field(const std::string& record_field) {
    if (record_field == "position_id") return "position";
    if (record_field == "office_id") return "office";
    return record_field;
}

void report_validation(const RowReader& r, const Check& c) {
    bool nip_refused = false;
    for (const auto& i : c.issues) nip_refused |= !i.warning && i.field == "nip";
    for (const auto& i : c.issues) {
        std::string field = import_field(i.field);
        if (!r.has(field.c_str()) && (field == "birth_date" || field == "gender")) {
            if (nip_refused) continue;  // they come from the NIP, whose own error says why
            field = "nip";
        }
        // A cell already refused while it was read ("Golongan tidak dikenal: III/f")
        // is left empty in the record: its "required" would say the same twice.
        const std::string column = r.column_of(field);
        const bool said = std::any_of(r.issues.begin(), r.issues.end(), [&](const RowIssue& x) {
            return !x.warning && x.line == r.row.line && x.column == column;
        });
        if (said && !i.warning) continue;
        r.issues.push_back({r.row.line, column, i.code, i.detail, {}, i.warning});
    }
}

bool row_empty(const RowReader& r) {
    for (const auto& [field, col] : r.lay.column)
        if (static_cast<size_t>(col) < r.row.cells.size() && !trim(r.row.cells[static_cast<size_t>(col)].text).empty())
            return false;
    return true;
}

class Planner {
public:
    Planner(store::Db& db, const Sheet& sheet, const Mapping& m, const std::string& scope, ImportPlan& plan)
        : sheet_(sheet), m_(m), plan_(plan), match_(db, m, scope) {}

    void run() {
        std::map<std::string, std::string> carried;  // tasks: office/position/year written once per group
        for (size_t i = plan_.layout.first_data; i < sheet_.rows.size(); ++i) {
            const SheetRow& row = sheet_.rows[i];
            RowReader r{plan_.layout, row, plan_.issues, plan_.kind == ImportKind::tasks ? &carried : nullptr};
            if (row.blank() || row_empty(r)) continue;
            const size_t issues_before = plan_.issues.size();
            PlanRow pr;
            pr.line = row.line;
            switch (plan_.kind) {
                case ImportKind::employees: employee_row(r, pr); break;
                case ImportKind::positions: position_row(r, pr); break;
                case ImportKind::tasks:
                    for (const char* f : {"office", "position", "year"})
                        if (const Cell* c = r.cell(f); c && !trim(c->text).empty()) carried[f] = trim(c->text);
                    task_row(r, pr);
                    break;
            }
            bool blocked = false;
            for (size_t k = issues_before; k < plan_.issues.size(); ++k) blocked |= !plan_.issues[k].warning;
            if (blocked) {
                if (pr.record >= 0) {  // the record finish() kept is the last one
                    if (plan_.kind == ImportKind::employees) plan_.employees.pop_back();
                    if (plan_.kind == ImportKind::positions) plan_.positions.pop_back();
                    if (plan_.kind == ImportKind::tasks) plan_.tasks.pop_back();
                }
                pr.action = RowAction::refused;
                pr.record = -1;
                pr.changes.clear();
            }
            switch (pr.action) {
                case RowAction::add: ++plan_.added; break;
                case RowAction::change: ++plan_.changed; break;
                case RowAction::same: ++plan_.same; break;
                case RowAction::refused: ++plan_.refused; break;
                case RowAction::skipped: ++plan_.skipped; break;
            }
            plan_.rows.push_back(std::move(pr));
        }
        // New positions nobody ended up using (their rows were refused) are not created.
        std::set<std::string> used;
        for (const auto& e : plan_.employees) used.insert(e.position_id);
        for (const auto& t : plan_.tasks) used.insert(t.position_id);
        std::erase_if(plan_.new_positions, [&](const Position& p) { return !used.count(p.id); });
    }

private:
    // The row's office: its own column, else the mapping's default office.
    const Office* office_of(const RowReader& r) {
        std::string text = r.text("office");
        if (text.empty()) text = m_.office;
        if (text.empty()) {
            r.refuse("office", "field.required");
            return nullptr;
        }
        RowIssue issue;
        const Office* o = match_.office(text, issue);
        if (!o) {
            issue.line = r.row.line;
            issue.column = r.column_of("office");
            plan_.issues.push_back(std::move(issue));
        }
        return o;
    }

    const Position* position_of(const RowReader& r, const Office& o) {
        const std::string text = r.text("position");
        if (text.empty()) {
            r.refuse("position", "field.required");
            return nullptr;
        }
        RowIssue issue;
        const Position* p = match_.position(o, text, plan_.new_positions, issue);
        if (!p) {
            issue.line = r.row.line;
            issue.column = r.column_of("position");
            plan_.issues.push_back(std::move(issue));
        }
        return p;
    }

    // A second row with the same key in one file is refused, naming the first.
    bool first_in_file(const RowReader& r, const std::string& field, const std::string& key) {
        auto [it, fresh] = seen_.emplace(key, r.row.line);
        if (!fresh) r.refuse(field, "import.duplicate_in_file", std::to_string(it->second));
        return fresh;
    }

    template <class T>
    void finish(PlanRow& pr, const T* existing, const T& record, std::vector<T>& records, const json& before) {
        pr.id = record.id;
        if (!existing) {
            pr.action = RowAction::add;
        } else {
            pr.changes = diff(before, store::to_fields(record));
            pr.action = pr.changes.empty() ? RowAction::same : RowAction::change;
        }
        if (pr.action != RowAction::same) {
            pr.record = static_cast<int>(records.size());
            records.push_back(record);
        }
    }

    void employee_row(const RowReader& r, PlanRow& pr) {
        const std::string nip = normalise_nip(r.text("nip"));
        pr.key = nip;
        if (nip.empty() && r.text("name").empty()) {  // a total or note line under the table
            pr.action = RowAction::skipped;
            r.warn("nip", "import.row_skipped");
            return;
        }
        if (nip.empty()) {
            r.refuse("nip", "nip.required");
            return;
        }
        if (!first_in_file(r, "nip", nip)) return;
        const Employee* existing = match_.employee_by_nip(nip);
        if (existing && !match_.office_in_scope(existing->office_id)) {
            r.refuse("nip", "import.employee_outside_scope", nip);
            return;
        }
        Employee e = existing ? *existing : Employee{};
        if (!existing) e.id = new_uuid_v7();
        e.nip = nip;
        if (auto v = r.text("name"); !v.empty()) e.name = v;
        else r.refuse("name", "field.required");

        if (r.has("golongan")) {
            auto g = parse_golongan_text(r.text("golongan"));
            if (g.value) e.golongan = *g.value;
            else r.refuse("golongan", g.error, r.text("golongan"));
        }
        if (r.has("asn_type") && !r.text("asn_type").empty()) {
            auto t = parse_asn_type_text(r.text("asn_type"));
            if (t.value) e.asn_type = *t.value;
            else r.refuse("asn_type", t.error, r.text("asn_type"));
        } else if (!existing) {
            // No type column: the golongan's scale tells PPPK from PNS.
            auto g = parse_golongan(e.golongan);
            e.asn_type = g && g->scale == GolonganScale::pppk ? "PPPK" : "PNS";
        }
        if (r.has("gender") && !r.text("gender").empty()) {
            auto g = parse_gender(r.text("gender"));
            if (g.value) e.gender = *g.value;
            else r.refuse("gender", g.error, r.text("gender"));
        }
        if (r.has("birth_date") && !r.text("birth_date").empty()) {
            auto d = parse_date(r.text("birth_date"), r.numeric("birth_date"));
            if (d.value) e.birth_date = format_iso_date(*d.value);
            else r.refuse("birth_date", d.error, r.text("birth_date"));
        }
        // A PNS/CPNS NIP carries birth date and gender: used when the file has no
        // column for them (validation still checks that they agree when it has).
        NipParts parts;
        const bool pns = e.asn_type != "PPPK";
        if (pns && check_nip(nip, &parts).ok()) {
            if (e.birth_date.empty()) e.birth_date = format_iso_date(parts.birth);
            if (!r.has("gender") || r.text("gender").empty())
                if (!existing) e.gender = parts.gender == 2 ? Gender::female : Gender::male;
        } else if (!pns && !existing && (!r.has("gender") || r.text("gender").empty())) {
            r.refuse("gender", "field.required");
        }
        if (r.has("education") && !r.text("education").empty()) {
            auto v = parse_education(r.text("education"));
            if (v.value) e.education = *v.value;
            else r.refuse("education", v.error, r.text("education"));
        }
        if (r.has("tmt_position") && !r.text("tmt_position").empty()) {
            auto d = parse_date(r.text("tmt_position"), r.numeric("tmt_position"));
            if (d.value) e.tmt_position = format_iso_date(*d.value);
            else r.refuse("tmt_position", d.error, r.text("tmt_position"));
        }
        const Office* o = office_of(r);
        const Position* p = o ? position_of(r, *o) : nullptr;
        if (o && p) {
            e.office_id = o->id;
            e.position_id = p->id;
        }
        if (o && p) {
            Check c = validate_employee(e);
            report_validation(r, c);
        }
        finish(pr, existing, e, plan_.employees, existing ? store::to_fields(*existing) : json());
    }

    void position_row(const RowReader& r, PlanRow& pr) {
        const std::string name = r.text("name");
        pr.key = name;
        if (name.empty()) {
            pr.action = RowAction::skipped;
            r.warn("name", "import.row_skipped");
            return;
        }
        const Office* o = office_of(r);
        if (!o) return;
        if (!first_in_file(r, "name", o->id + "\n" + normalise_name(name))) return;
        const Position* existing = match_.existing_position(o->id, name);
        Position p = existing ? *existing : Position{};
        if (!existing) {
            p.id = new_uuid_v7();
            p.office_id = o->id;
            p.name = name;
        }
        if (r.has("kind") && !r.text("kind").empty()) {
            auto k = parse_position_kind(r.text("kind"));
            if (k.value) p.kind = *k.value;
            else r.refuse("kind", k.error, r.text("kind"));
        }
        if (r.has("eselon")) {
            std::string es = r.text("eselon");
            if (header_key(es) == "non eselon" || es == "-") es.clear();
            if (!es.empty() || existing) p.eselon = es;
            if (!es.empty() && !r.has("kind")) {
                auto k = parse_position_kind("eselon " + es);
                if (k.value) p.kind = *k.value;
            }
        }
        for (const char* f : {"golongan_min", "golongan_max"}) {
            if (!r.has(f) || r.text(f).empty()) continue;
            auto g = parse_golongan_text(r.text(f));
            if (!g.value) r.refuse(f, g.error, r.text(f));
            else (std::string_view(f) == "golongan_min" ? p.golongan_min : p.golongan_max) = *g.value;
        }
        if (r.has("is_head")) {
            auto h = parse_yes_no(r.text("is_head"));
            if (h.value) p.is_head = *h.value;
            else r.refuse("is_head", h.error, r.text("is_head"));
        }
        report_validation(r, validate_position(p));
        finish(pr, existing, p, plan_.positions, existing ? store::to_fields(*existing) : json());
    }

    void task_row(const RowReader& r, PlanRow& pr) {
        const std::string text = r.text("task");
        pr.key = text;
        if (text.empty()) {  // a position's title row or a total line of the worksheet
            pr.action = RowAction::skipped;
            r.warn("task", "import.row_skipped");
            return;
        }
        int year = m_.year ? m_.year : today_utc().year;
        if (r.has("year") && !r.text("year").empty()) {
            auto y = parse_number(r.text("year"), r.numeric("year"));
            if (!y.value || *y.value != static_cast<int>(*y.value)) r.refuse("year", "abk.csv.bad_integer", r.text("year"));
            else year = static_cast<int>(*y.value);
        }
        const Office* o = office_of(r);
        const Position* p = o ? position_of(r, *o) : nullptr;
        if (!p) return;
        if (!first_in_file(r, "task", p->id + "\n" + std::to_string(year) + "\n" + normalise_name(text))) return;
        const AbkTask* existing = match_.task(p->id, year, text);
        AbkTask t = existing ? *existing : AbkTask{};
        if (!existing) {
            t.id = new_uuid_v7();
            t.position_id = p->id;
            t.year = year;
            t.task = text;
        }
        if (r.has("output_unit") && (!r.text("output_unit").empty() || existing)) t.output_unit = r.text("output_unit");
        auto number = [&](const char* field, double& out, double factor) {
            auto v = parse_number(r.text(field), r.numeric(field));
            if (!v.value) r.refuse(field, v.error, v.hint.empty() ? r.text(field) : v.hint);
            else if (*v.value < 0) r.refuse(field, "abk.csv.negative", r.text(field));
            else out = *v.value * factor;
        };
        number("volume", t.volume, 1);
        if (r.has("norm_minutes")) number("norm_minutes", t.norm_minutes, 1);
        else number("norm_hours", t.norm_minutes, 60);
        if (r.has("period") && !r.text("period").empty()) {
            auto per = parse_period_text(r.text("period"));
            if (per.value) t.period = *per.value;
            else r.refuse("period", per.error, r.text("period"));
        }
        report_validation(r, validate_task(t));
        json before = existing ? store::to_fields(*existing) : json();
        finish(pr, existing, t, plan_.tasks, before);
    }

    const Sheet& sheet_;
    const Mapping& m_;
    ImportPlan& plan_;
    Matcher match_;
    std::map<std::string, int> seen_;
};

struct ApplyFailed {
    Check check;
};

}  // namespace

std::string_view to_string(RowAction a) {
    switch (a) {
        case RowAction::add: return "add";
        case RowAction::change: return "change";
        case RowAction::same: return "same";
        case RowAction::refused: return "refused";
        case RowAction::skipped: return "skipped";
    }
    return "";
}

std::optional<std::string> find_office(store::Db& db, const std::string& text, RowIssue& issue) {
    Mapping m;
    Matcher match(db, m, {});
    const Office* o = match.office(text, issue);
    if (!o) return std::nullopt;
    return o->id;
}

ImportPlan refused_file(ImportKind kind, const ReadError& error) {
    ImportPlan plan;
    plan.kind = kind;
    plan.file_refused = true;
    plan.issues.push_back({error.line, {}, error.code, error.detail, {}, false});
    return plan;
}

namespace {
// Names for the id fields of the changes (the office path for offices, the
// position's name; a position the import creates is found among new_positions).
void label_changes(store::Db& db, ImportPlan& plan) {
    std::map<std::string, std::string> names;
    for (const auto& p : plan.new_positions) names[p.id] = p.name;
    auto name_of = [&](const std::string& field, const std::string& id) -> std::string {
        if (id.empty()) return {};
        if (auto it = names.find(id); it != names.end()) return it->second;
        std::string n;
        if (field == "office_id") {
            if (auto o = store::get_office(db, id)) n = o->name;
        } else if (auto p = store::get_position(db, id)) {
            n = p->name;
        }
        names[id] = n;
        return n;
    };
    for (auto& row : plan.rows)
        for (auto& c : row.changes)
            if (c.field == "office_id" || c.field == "position_id") {
                c.before_label = name_of(c.field, c.before);
                c.after_label = name_of(c.field, c.after);
            }
}
}  // namespace

ImportPlan plan_import(store::Db& db, const Sheet& sheet, const Mapping& mapping, const std::string& scope) {
    ReadError err;
    Layout found;
    auto layout = find_layout(sheet, mapping, &err, &found);
    if (!layout) {
        ImportPlan refused = refused_file(mapping.kind, err);
        refused.layout = found;  // the columns there are, for choosing the missing one
        return refused;
    }
    ImportPlan plan;
    plan.kind = mapping.kind;
    plan.layout = *layout;
    if (!scope.empty() && !store::get_office(db, scope)) {
        plan.file_refused = true;
        plan.issues.push_back({0, {}, "employee.unknown_office", scope, {}, false});
        return plan;
    }
    Planner(db, sheet, mapping, scope, plan).run();
    label_changes(db, plan);
    std::stable_sort(plan.issues.begin(), plan.issues.end(),
                     [](const RowIssue& a, const RowIssue& b) { return a.line < b.line; });
    return plan;
}

ApplyResult apply_import(store::Db& db, const ImportPlan& plan) {
    ApplyResult res;
    if (plan.file_refused) {
        res.check.error("import.nothing_to_apply", "");
        return res;
    }
    int written = 0;
    auto must = [](const Check& c, int line) {
        if (c.ok()) return;
        Check out = c;
        for (auto& i : out.issues) i.detail = (i.detail.empty() ? "" : i.detail + " ") + "@" + std::to_string(line);
        throw ApplyFailed{out};
    };
    try {
        db.transaction([&] {
            for (Position p : plan.new_positions) {
                must(store::save_position(db, p), 0);
                ++written;
            }
            for (const auto& row : plan.rows) {
                if (row.record < 0 || (row.action != RowAction::add && row.action != RowAction::change)) continue;
                const auto i = static_cast<size_t>(row.record);
                switch (plan.kind) {
                    case ImportKind::employees: {
                        Employee e = plan.employees[i];
                        must(store::save_employee(db, e), row.line);
                        break;
                    }
                    case ImportKind::positions: {
                        Position p = plan.positions[i];
                        must(store::save_position(db, p), row.line);
                        break;
                    }
                    case ImportKind::tasks: {
                        AbkTask t = plan.tasks[i];
                        must(store::save_task(db, t), row.line);
                        break;
                    }
                }
                ++written;
            }
        });
    } catch (const ApplyFailed& f) {
        res.check = f.check;
        return res;
    } catch (const store::DbError& e) {
        res.check.error("store.error", "", e.what());
        return res;
    }
    res.written = written;
    return res;
}

std::string describe(const RowIssue& issue, i18n::Lang lang) {
    std::string s;
    if (issue.line > 0) s += std::string(i18n::tr("import.line", lang)) + " " + std::to_string(issue.line);
    if (!issue.column.empty()) s += (s.empty() ? "" : ", ") + std::string(i18n::tr("cli.column", lang)) + " " + issue.column;
    if (!s.empty()) s += ": ";
    s += i18n::describe({issue.code, {}, issue.detail, issue.warning}, lang);
    if (!issue.suggestions.empty()) {
        s += " (" + std::string(i18n::tr("import.did_you_mean", lang)) + " ";
        for (size_t i = 0; i < issue.suggestions.size(); ++i) s += (i ? ", " : "") + issue.suggestions[i];
        s += "?)";
    }
    return s;
}

std::string plan_report_csv(const ImportPlan& plan, i18n::Lang lang) {
    auto t = [&](const char* key) { return std::string(i18n::tr(key, lang)); };
    std::string out = t("import.report.line") + "," + t("import.report.column") + "," + t("import.report.action") +
                      "," + t("import.report.key") + "," + t("import.report.what") + "," + t("import.report.detail") +
                      "\n";
    auto line = [&](int l, const std::string& col, const std::string& action, const std::string& key,
                    const std::string& what, const std::string& detail) {
        out += (l > 0 ? std::to_string(l) : std::string()) + "," + csv::field(col) + "," + csv::field(action) + "," +
               csv::field(key) + "," + csv::field(what) + "," + csv::field(detail) + "\n";
    };
    std::map<int, const PlanRow*> by_line;
    for (const auto& r : plan.rows) by_line[r.line] = &r;
    for (const auto& i : plan.issues) {
        auto it = by_line.find(i.line);
        std::string detail = i.detail;
        if (!i.suggestions.empty()) {
            detail += (detail.empty() ? "" : " — ") + t("import.did_you_mean");
            for (size_t k = 0; k < i.suggestions.size(); ++k) detail += (k ? ", " : " ") + i.suggestions[k];
        }
        line(i.line, i.column, t(i.warning ? "import.action.warning" : "import.action.refused"),
             it == by_line.end() ? std::string() : it->second->key, std::string(i18n::tr(i.code, lang)), detail);
    }
    for (const auto& r : plan.rows) {
        if (r.action == RowAction::add) line(r.line, {}, t("import.action.add"), r.key, {}, {});
        if (r.action == RowAction::change)
            for (const auto& c : r.changes)
                line(r.line, c.field, t("import.action.change"), r.key, c.shown_before(), c.shown_after());
    }
    return out;
}

}  // namespace seimbang::io
