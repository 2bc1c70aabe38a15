#include "store/records.h"

namespace seimbang::store {

namespace {
std::string str(const nlohmann::json& r, const char* k) {
    auto it = r.find(k);
    return (it == r.end() || !it->is_string()) ? std::string() : it->get<std::string>();
}
int64_t num(const nlohmann::json& r, const char* k) {
    auto it = r.find(k);
    return (it == r.end() || !it->is_number()) ? 0 : it->get<int64_t>();
}
double real(const nlohmann::json& r, const char* k) {
    auto it = r.find(k);
    return (it == r.end() || !it->is_number()) ? 0.0 : it->get<double>();
}
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
            {"archived", e.archived ? 1 : 0}};
}

nlohmann::json to_fields(const AbkTask& t) {
    return {{"position_id", t.position_id}, {"office_id", nlohmann::json(nullptr)},  // filled by save_task
            {"year", t.year},               {"task", t.task},
            {"output_unit", t.output_unit}, {"volume", t.volume},
            {"period", to_string(t.period)}, {"norm_minutes", t.norm_minutes},
            {"archived", t.archived ? 1 : 0}};
}

Office office_from_row(const nlohmann::json& r) {
    Office o;
    o.id = str(r, "id");
    o.parent_id = str(r, "parent_id");
    parse(str(r, "kind"), o.kind);
    o.code = str(r, "code");
    o.name = str(r, "name");
    o.archived = num(r, "archived") != 0;
    return o;
}

Position position_from_row(const nlohmann::json& r) {
    Position p;
    p.id = str(r, "id");
    p.office_id = str(r, "office_id");
    p.name = str(r, "name");
    parse(str(r, "kind"), p.kind);
    p.eselon = str(r, "eselon");
    p.golongan_min = str(r, "golongan_min");
    p.golongan_max = str(r, "golongan_max");
    p.requirements = competences_from_text(str(r, "requirements"));
    p.is_head = num(r, "is_head") != 0;
    p.archived = num(r, "archived") != 0;
    return p;
}

Employee employee_from_row(const nlohmann::json& r) {
    Employee e;
    e.id = str(r, "id");
    e.nip = str(r, "nip");
    e.name = str(r, "name");
    parse(str(r, "gender"), e.gender);
    e.birth_date = str(r, "birth_date");
    e.asn_type = str(r, "asn_type");
    e.golongan = str(r, "golongan");
    e.education = str(r, "education");
    e.position_id = str(r, "position_id");
    e.office_id = str(r, "office_id");
    e.tmt_position = str(r, "tmt_position");
    e.competences = competences_from_text(str(r, "competences"));
    e.commitment_10y = num(r, "commitment_10y") != 0;
    e.archived = num(r, "archived") != 0;
    return e;
}

AbkTask task_from_row(const nlohmann::json& r) {
    AbkTask t;
    t.id = str(r, "id");
    t.position_id = str(r, "position_id");
    t.year = static_cast<int>(num(r, "year"));
    t.task = str(r, "task");
    t.output_unit = str(r, "output_unit");
    t.volume = real(r, "volume");
    parse(str(r, "period"), t.period);
    t.norm_minutes = real(r, "norm_minutes");
    t.archived = num(r, "archived") != 0;
    return t;
}

}  // namespace seimbang::store
