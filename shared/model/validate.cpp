#include "model/validate.h"

#include <algorithm>

#include "model/date.h"
#include "model/golongan.h"
#include "model/nip.h"

namespace seimbang {

namespace {
constexpr size_t kMaxName = 200;
constexpr size_t kMaxText = 500;

void require_text(Check& c, const std::string& v, const char* field, size_t max = kMaxName) {
    if (v.empty()) c.error("field.required", field);
    else if (v.size() > max) c.error("field.too_long", field, std::to_string(max));
}
}  // namespace

Check validate_competences(const CompetenceLevels& comp, const std::string& field) {
    Check c;
    // (8 managerial competences + technical ones: 64 is far above any real list,
    // and bounds what one record may store.)
    if (comp.size() > 64) c.error("competence.too_many", field, std::to_string(comp.size()));
    for (const auto& [tag, level] : comp) {
        if (tag.empty() || tag.size() > 64) c.error("competence.bad_tag", field, tag);
        if (level < 1 || level > 5) c.error("competence.bad_level", field, tag + "=" + std::to_string(level));
    }
    return c;
}

Check validate_employee(const Employee& e) {
    Check c;
    require_text(c, e.name, "name");
    const auto type = parse_asn_type(e.asn_type);
    if (!type) c.error("employee.bad_asn_type", "asn_type", e.asn_type);

    NipParts parts;
    Check nip = check_employee_number(e.nip, type.value_or(AsnType::pns), &parts);
    c.merge(nip);

    const auto birth = parse_iso_date(e.birth_date);
    if (!birth) c.error(e.birth_date.empty() ? "field.required" : "field.bad_date", "birth_date", e.birth_date);
    // PNS/CPNS NIPs encode birth date and gender: they must agree with the record.
    if (nip.ok() && type && *type != AsnType::pppk) {
        if (birth && !(parts.birth == *birth)) c.error("nip.mismatch_birth_date", "birth_date", e.birth_date);
        if ((parts.gender == 1) != (e.gender == Gender::male)) c.error("nip.mismatch_gender", "gender");
    }

    const auto gol = parse_golongan(e.golongan);
    if (!gol) c.error(e.golongan.empty() ? "field.required" : "golongan.unknown", "golongan", e.golongan);
    else if (type && gol->scale != scale_for(*type))
        c.error(*type == AsnType::pppk ? "golongan.pppk_expected" : "golongan.pns_expected", "golongan", e.golongan);

    if (!e.education.empty() &&
        std::find(kEducationLevels.begin(), kEducationLevels.end(), e.education) == kEducationLevels.end())
        c.error("employee.bad_education", "education", e.education);
    if (e.office_id.empty()) c.error("field.required", "office_id");
    if (e.position_id.empty()) c.error("field.required", "position_id");
    if (!e.tmt_position.empty()) {
        const auto tmt = parse_iso_date(e.tmt_position);
        if (!tmt) c.error("field.bad_date", "tmt_position", e.tmt_position);
        else if (birth && years_between(*birth, *tmt) < 18) c.error("employee.tmt_too_early", "tmt_position");
    }
    c.merge(validate_competences(e.competences, "competences"));
    return c;
}

Check validate_position(const Position& p) {
    Check c;
    require_text(c, p.name, "name");
    if (p.eselon.size() > 8) c.error("field.too_long", "eselon", "8");
    if (p.office_id.empty()) c.error("field.required", "office_id");
    std::optional<Golongan> lo, hi;
    if (!p.golongan_min.empty() && !(lo = parse_golongan(p.golongan_min)))
        c.error("golongan.unknown", "golongan_min", p.golongan_min);
    if (!p.golongan_max.empty() && !(hi = parse_golongan(p.golongan_max)))
        c.error("golongan.unknown", "golongan_max", p.golongan_max);
    if (lo && hi) {
        auto cmp = compare(*lo, *hi);
        if (!cmp) c.error("golongan.mixed_scales", "golongan_max");
        else if (*cmp > 0) c.error("golongan.min_above_max", "golongan_max");
    }
    c.merge(validate_competences(p.requirements, "requirements"));
    return c;
}

Check validate_office(const Office& o) {
    Check c;
    require_text(c, o.name, "name");
    if (o.code.size() > kMaxName) c.error("field.too_long", "code", std::to_string(kMaxName));
    if (o.kind != OfficeKind::kota && o.parent_id.empty()) c.error("office.parent_required", "parent_id");
    return c;
}

Check validate_task(const AbkTask& t) {
    Check c;
    require_text(c, t.task, "task", kMaxText);
    if (t.output_unit.size() > kMaxName) c.error("field.too_long", "output_unit", std::to_string(kMaxName));
    if (t.position_id.empty()) c.error("field.required", "position_id");
    if (t.year < 2000 || t.year > 2200) c.error("abk.bad_year", "year", std::to_string(t.year));
    if (!(t.volume >= 0)) c.error("abk.csv.negative", "volume");
    if (!(t.norm_minutes >= 0)) c.error("abk.csv.negative", "norm_minutes");
    // A single task above a whole year of effective minutes for one person per
    // output is almost surely a unit mistake (hours typed as minutes): warn.
    if (t.norm_minutes > 75000) c.warn("abk.norm_suspicious", "norm_minutes");
    return c;
}

Check validate_placement(const Placement& p) {
    Check c;
    if (p.employee_id.empty()) c.error("field.required", "employee_id");
    if (p.office_id.empty()) c.error("field.required", "office_id");
    const bool known = p.cause == "mutasi" || p.cause == "koreksi" || p.cause == "arsip" || p.cause == "batal_arsip";
    if (!known) c.error("placement.bad_cause", "cause", p.cause);
    if (p.tmt.empty()) c.error("field.required", "tmt");
    else if (!parse_iso_date(p.tmt)) c.error("date.invalid", "tmt", p.tmt);
    // A correction or an archive without a reason is a move without a record.
    if (p.cause != "mutasi") require_text(c, p.reason, "reason", kMaxText);
    else if (p.reason.size() > kMaxText) c.error("field.too_long", "reason", std::to_string(kMaxText));
    if (p.reference.size() > kMaxName) c.error("field.too_long", "reference", std::to_string(kMaxName));
    if (p.cause == "arsip") {
        if (std::find(kExitKinds.begin(), kExitKinds.end(), p.exit_kind) == kExitKinds.end())
            c.error("placement.bad_exit_kind", "exit_kind", p.exit_kind);
    } else if (!p.exit_kind.empty()) {
        c.error("placement.bad_exit_kind", "exit_kind", p.exit_kind);
    }
    return c;
}

}  // namespace seimbang
