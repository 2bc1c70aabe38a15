#include "store/records.h"

namespace seimbang::store {

namespace {
// Field readers over the two row forms, so each record's mapping is written once.
struct JsonRow {
    const nlohmann::json& r;
    std::string str(const char* k) const {
        auto it = r.find(k);
        return (it == r.end() || !it->is_string()) ? std::string() : it->get<std::string>();
    }
    int64_t num(const char* k) const {
        auto it = r.find(k);
        return (it == r.end() || !it->is_number()) ? 0 : it->get<int64_t>();
    }
    double real(const char* k) const {
        auto it = r.find(k);
        return (it == r.end() || !it->is_number()) ? 0.0 : it->get<double>();
    }
};
struct TypedRow {
    const TableSpec& t;
    const Row& r;
    const Value* at(const char* k) const {
        if (std::string_view(k) == "id") return &r[0];
        const int c = t.column_index(k);
        return c < 0 ? nullptr : &r[static_cast<size_t>(c) + 1];
    }
    std::string str(const char* k) const {
        const Value* v = at(k);
        return v && v->kind == Value::Kind::Text ? v->s : std::string();
    }
    int64_t num(const char* k) const {  // as JsonRow: a boolean is not a number
        const Value* v = at(k);
        return v && v->is_number() ? (v->kind == Value::Kind::Int ? v->i : static_cast<int64_t>(v->d)) : 0;
    }
    double real(const char* k) const {
        const Value* v = at(k);
        return v && v->is_number() ? v->number() : 0.0;
    }
};
}  // namespace

CompetenceLevels competences_from_text(const std::string& text) {
    CompetenceLevels c;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return c;
    for (const auto& [k, v] : j.items())
        if (v.is_number_integer()) c[k] = v.get<int>();
    return c;
}

std::string competences_to_text(const CompetenceLevels& c) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : c) j[k] = v;
    return j.dump();
}

nlohmann::json to_fields(const Office& o) {
    return {{"parent_id", o.parent_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.parent_id)},
            {"kind", to_string(o.kind)},
            {"code", o.code},
            {"name", o.name},
            {"archived", o.archived ? 1 : 0}};
}

nlohmann::json to_fields(const Position& p) {
    return {{"office_id", p.office_id},       {"name", p.name},
            {"kind", to_string(p.kind)},      {"eselon", p.eselon},
            {"golongan_min", p.golongan_min}, {"golongan_max", p.golongan_max},
            {"requirements", competences_to_text(p.requirements)},
            {"is_head", p.is_head ? 1 : 0},   {"archived", p.archived ? 1 : 0}};
}

nlohmann::json to_fields(const Employee& e) {
    return {{"nip", e.nip},
            {"name", e.name},
            {"gender", to_string(e.gender)},
            {"birth_date", e.birth_date},
            {"asn_type", e.asn_type},
            {"golongan", e.golongan},
            {"education", e.education},
            {"position_id", e.position_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.position_id)},
            {"office_id", e.office_id},
            {"tmt_position", e.tmt_position},
            {"competences", competences_to_text(e.competences)},
            {"commitment_10y", e.commitment_10y ? 1 : 0},
            {"archived", e.archived ? 1 : 0},
            {"discipline_open", e.discipline_open ? 1 : 0}};
}

nlohmann::json to_fields(const AbkTask& t) {
    return {{"position_id", t.position_id}, {"office_id", nlohmann::json(nullptr)},  // filled by save_task
            {"year", t.year},               {"task", t.task},
            {"output_unit", t.output_unit}, {"volume", t.volume},
            {"period", to_string(t.period)}, {"norm_minutes", t.norm_minutes},
            {"archived", t.archived ? 1 : 0}};
}

nlohmann::json to_fields(const Placement& p) {
    return {{"employee_id", p.employee_id},
            {"office_id", p.office_id},
            {"position_id", p.position_id},
            {"from_office_id", p.from_office_id},
            {"from_position_id", p.from_position_id},
            {"tmt", p.tmt},
            {"cause", p.cause},
            {"reference", p.reference},
            {"reason", p.reason},
            {"exit_kind", p.exit_kind},
            {"recorded_by", p.recorded_by},
            {"recorded_ms", p.recorded_ms}};
}

template <class R>
Office office_from(const R& r) {
    Office o;
    o.id = r.str("id");
    o.parent_id = r.str("parent_id");
    parse(r.str("kind"), o.kind);
    o.code = r.str("code");
    o.name = r.str("name");
    o.archived = r.num("archived") != 0;
    return o;
}

template <class R>
Position position_from(const R& r) {
    Position p;
    p.id = r.str("id");
    p.office_id = r.str("office_id");
    p.name = r.str("name");
    parse(r.str("kind"), p.kind);
    p.eselon = r.str("eselon");
    p.golongan_min = r.str("golongan_min");
    p.golongan_max = r.str("golongan_max");
    p.requirements = competences_from_text(r.str("requirements"));
    p.is_head = r.num("is_head") != 0;
    p.archived = r.num("archived") != 0;
    return p;
}

template <class R>
Employee employee_from(const R& r) {
    Employee e;
    e.id = r.str("id");
    e.nip = r.str("nip");
    e.name = r.str("name");
    parse(r.str("gender"), e.gender);
    e.birth_date = r.str("birth_date");
    e.asn_type = r.str("asn_type");
    e.golongan = r.str("golongan");
    e.education = r.str("education");
    e.position_id = r.str("position_id");
    e.office_id = r.str("office_id");
    e.tmt_position = r.str("tmt_position");
    e.competences = competences_from_text(r.str("competences"));
    e.commitment_10y = r.num("commitment_10y") != 0;
    e.archived = r.num("archived") != 0;
    e.discipline_open = r.num("discipline_open") != 0;
    return e;
}

template <class R>
AbkTask task_from(const R& r) {
    AbkTask t;
    t.id = r.str("id");
    t.position_id = r.str("position_id");
    t.year = static_cast<int>(r.num("year"));
    t.task = r.str("task");
    t.output_unit = r.str("output_unit");
    t.volume = r.real("volume");
    parse(r.str("period"), t.period);
    t.norm_minutes = r.real("norm_minutes");
    t.archived = r.num("archived") != 0;
    return t;
}

template <class R>
Placement placement_from(const R& r) {
    Placement p;
    p.id = r.str("id");
    p.employee_id = r.str("employee_id");
    p.office_id = r.str("office_id");
    p.position_id = r.str("position_id");
    p.from_office_id = r.str("from_office_id");
    p.from_position_id = r.str("from_position_id");
    p.tmt = r.str("tmt");
    p.cause = r.str("cause");
    p.reference = r.str("reference");
    p.reason = r.str("reason");
    p.exit_kind = r.str("exit_kind");
    p.recorded_by = r.str("recorded_by");
    p.recorded_ms = r.num("recorded_ms");
    return p;
}

Office office_from_row(const nlohmann::json& r) { return office_from(JsonRow{r}); }
Office office_from_row(const TableSpec& t, const Row& r) { return office_from(TypedRow{t, r}); }
Position position_from_row(const nlohmann::json& r) { return position_from(JsonRow{r}); }
Position position_from_row(const TableSpec& t, const Row& r) { return position_from(TypedRow{t, r}); }
Employee employee_from_row(const nlohmann::json& r) { return employee_from(JsonRow{r}); }
Employee employee_from_row(const TableSpec& t, const Row& r) { return employee_from(TypedRow{t, r}); }
AbkTask task_from_row(const nlohmann::json& r) { return task_from(JsonRow{r}); }
AbkTask task_from_row(const TableSpec& t, const Row& r) { return task_from(TypedRow{t, r}); }
Placement placement_from_row(const nlohmann::json& r) { return placement_from(JsonRow{r}); }
Placement placement_from_row(const TableSpec& t, const Row& r) { return placement_from(TypedRow{t, r}); }

}  // namespace seimbang::store
