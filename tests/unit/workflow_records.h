// Offices, positions and employees for the workflow tests' small worlds on an
// in-memory database (test_workflow.cpp, test_between_instansi.cpp): saved
// through the repositories, so every record passes the same checks as real data.
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "model/types.h"
#include "store/db.h"
#include "store/repo.h"

namespace seimbang::test_records {

inline std::string add_office(store::Db& db, const std::string& parent, OfficeKind kind, const std::string& name) {
    Office o;
    o.parent_id = parent;
    o.kind = kind;
    o.name = name;
    REQUIRE(store::save_office(db, o).ok());
    return o.id;
}

// A post open to golongan II/a–III/d.
inline std::string add_position(store::Db& db, const std::string& office, const std::string& name, bool head = false,
                                CompetenceLevels req = {}) {
    Position p;
    p.office_id = office;
    p.name = name;
    p.is_head = head;
    p.golongan_min = "II/a";
    p.golongan_max = "III/d";
    p.requirements = std::move(req);
    REQUIRE(store::save_position(db, p).ok());
    return p.id;
}

// A PNS of golongan III/a in `pos` whose name, birth date and sex come from the NIP;
// the caller sets what its test is about, then saves it with add_employee.
inline Employee employee_from_nip(const std::string& pos, const std::string& nip) {
    Employee x;
    x.nip = nip;
    x.name = "Pegawai " + nip.substr(14);
    x.birth_date = nip.substr(0, 4) + "-" + nip.substr(4, 2) + "-" + nip.substr(6, 2);
    x.gender = nip[14] == '2' ? Gender::female : Gender::male;
    x.golongan = "III/a";
    x.position_id = pos;
    return x;
}

inline std::string add_employee(store::Db& db, Employee x) {
    Check ch = store::save_employee(db, x);
    REQUIRE_MESSAGE(ch.ok(), (ch.first_error() ? ch.first_error()->code : ""));
    return x.id;
}

}  // namespace seimbang::test_records
