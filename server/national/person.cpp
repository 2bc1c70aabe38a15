#include "national/person.h"

#include "national/store.h"

namespace seimbang::national {

using nlohmann::json;

json to_json(const PersonHit& p) {
    return {{"instansi", p.instansi},       {"instansi_name", p.instansi_name}, {"employee_id", p.employee_id},
            {"nip", p.nip},                 {"name", p.name},                   {"golongan", p.golongan},
            {"office_id", p.office_id},     {"office_name", p.office_name},     {"position_id", p.position_id},
            {"position_name", p.position_name}};
}

std::vector<PersonHit> people_by_nip(NationalStore& store, const std::string& nip, int limit) {
    std::lock_guard lock(store.mu());
    // (An index read: employees_nip, (nip, instansi) of the active rows,
    // docs/SCALE.md "Lookup by NIP"; the store's lock is held, so a scan of
    // every employee would stop every push meanwhile.)
    PgResult r = store.pg().query(
        "SELECT e.instansi, coalesce(nullif(n.name, ''), ro.name, ''), e.id, e.nip, e.name, e.golongan, "
        "e.office_id, coalesce(o.name, ''), coalesce(e.position_id, ''), coalesce(p.name, '') "
        "FROM employees e "
        "LEFT JOIN nat_instansi n ON n.instansi = e.instansi "
        "LEFT JOIN offices ro ON ro.instansi = e.instansi AND ro.id = e.instansi "
        "LEFT JOIN offices o ON o.instansi = e.instansi AND o.id = e.office_id "
        "LEFT JOIN positions p ON p.instansi = e.instansi AND p.id = e.position_id "
        "WHERE e.nip = $1 AND e.archived = 0 ORDER BY e.instansi COLLATE \"C\", e.id COLLATE \"C\" LIMIT $2::bigint",
        {nip, std::to_string(limit)});
    std::vector<PersonHit> out;
    for (int k = 0; k < r.rows(); ++k) {
        PersonHit h;
        std::string* fields[] = {&h.instansi,  &h.instansi_name, &h.employee_id, &h.nip,         &h.name,
                                 &h.golongan,  &h.office_id,     &h.office_name, &h.position_id, &h.position_name};
        for (int c = 0; c < 10; ++c) *fields[c] = std::string(r.text(k, c));
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<PersonHit> people_by_nip(store::Db& db, const std::string& nip, int limit) {
    std::vector<PersonHit> out;
    auto s = db.prepare(
        "SELECT e.id, e.nip, e.name, e.golongan, e.office_id, coalesce(o.name, ''), coalesce(e.position_id, ''), "
        "coalesce(p.name, '') FROM employees e LEFT JOIN offices o ON o.id = e.office_id "
        "LEFT JOIN positions p ON p.id = e.position_id WHERE e.nip = ?1 AND e.archived = 0 ORDER BY e.id LIMIT ?2");
    s.bind(1, nip);
    s.bind(2, static_cast<int64_t>(limit));
    while (s.step()) {
        PersonHit h;
        h.employee_id = s.text(0);
        h.nip = s.text(1);
        h.name = s.text(2);
        h.golongan = s.text(3);
        h.office_id = s.text(4);
        h.office_name = s.text(5);
        h.position_id = s.text(6);
        h.position_name = s.text(7);
        out.push_back(std::move(h));
    }
    // The instansi of each: its office's root (UNION: a cycle ends the walk).
    auto root = db.prepare(
        "WITH RECURSIVE up(id, parent_id, name) AS (SELECT id, parent_id, name FROM offices WHERE id = ?1 "
        "UNION SELECT o.id, o.parent_id, o.name FROM offices o JOIN up ON o.id = up.parent_id) "
        "SELECT id, name FROM up WHERE parent_id IS NULL LIMIT 1");
    for (auto& h : out) {
        root.reset();
        root.bind(1, h.office_id);
        if (root.step()) {
            h.instansi = root.text(0);
            h.instansi_name = root.text(1);
        }
    }
    return out;
}

sync::Reply person_answer(const std::vector<PersonHit>& hits, const std::string& asker) {
    std::vector<const PersonHit*> others;
    for (const auto& h : hits)
        if (h.instansi != asker) others.push_back(&h);
    if (others.empty())
        return hits.empty() ? sync::error_reply(404, "national.person_not_found")
                            : sync::error_reply(409, "national.person_own_instansi");
    if (others.size() > 1) return sync::error_reply(409, "national.person_ambiguous");
    return {200, {{"person", to_json(*others.front())}}};
}

}  // namespace seimbang::national
