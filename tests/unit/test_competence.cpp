// Competence profiles: typed tags become stored codes, the fit spelled out for
// a person agrees with the planner's and the workflow's eligibility.
#include <doctest/doctest.h>

#include <variant>

#include "demo/seed.h"
#include "model/competence.h"
#include "plan/eligibility.h"
#include "plan/eligibility_records.h"
#include "plan/from_db.h"
#include "store/repo.h"
#include "store/schema.h"

using namespace seimbang;

TEST_CASE("competence: a typed tag becomes its stored code, or is refused") {
    CHECK(competence_tag_from_text("Teknologi Informasi") == "teknologi_informasi");
    CHECK(competence_tag_from_text("  kearsipan -  digital ") == "kearsipan_digital");
    CHECK(competence_tag_from_text("K3") == "k3");
    CHECK_FALSE(competence_tag_from_text(""));
    CHECK_FALSE(competence_tag_from_text("   "));
    CHECK_FALSE(competence_tag_from_text("IT/Jaringan"));       // '/' is not a separator
    CHECK_FALSE(competence_tag_from_text("Pengelolaan\xC3\xA9"));  // letters outside a-z
    CHECK_FALSE(competence_tag_from_text(std::string(65, 'a')));
    CHECK(competence_tag_from_text(std::string(64, 'a')));
}

TEST_CASE("competence: the editors offer managerial, technical, then the instansi's own tags once each") {
    const auto choices = competence_choices({"zonasi", "integritas", "arsip_digital"});
    REQUIRE(choices.size() == kManagerialCompetences.size() + kTechnicalCompetences.size() + 2);
    CHECK(choices.front() == "integritas");
    CHECK(choices[kManagerialCompetences.size()] == kTechnicalCompetences.front());
    CHECK(choices[choices.size() - 2] == "arsip_digital");
    CHECK(choices.back() == "zonasi");
}

TEST_CASE("competence fit: each requirement with the level held and the gap") {
    const auto fit = competence_fit({{"integritas", 3}, {"keuangan", 1}}, {{"integritas", 2}, {"keuangan", 3}, {"kependudukan", 2}});
    REQUIRE(fit.size() == 3);
    // tag order
    CHECK(fit[0].tag == "integritas");
    CHECK(fit[0].met());
    CHECK(fit[0].gap() == 0);
    CHECK(fit[1].tag == "kependudukan");
    CHECK(fit[1].have == 0);
    CHECK(fit[1].gap() == 2);
    CHECK(fit[2].tag == "keuangan");
    CHECK(fit[2].gap() == 2);
}

TEST_CASE("requirement fit: the golongan counts once, an unknown golongan is not met") {
    Employee e;
    e.golongan = "III/a";
    e.competences = {{"integritas", 2}};
    Position p;
    p.golongan_min = "III/b";
    p.requirements = {{"integritas", 3}};
    auto fit = plan::requirement_fit(e, p);
    CHECK_FALSE(fit.golongan_met);
    CHECK(fit.not_met() == 2);
    e.golongan = "III/b";
    e.competences["integritas"] = 3;
    CHECK(plan::requirement_fit(e, p).met());
    e.golongan = "";
    CHECK(plan::requirement_fit(e, p).not_met() == 1);
    e.golongan = "IX";  // PPPK: a PNS bound does not apply
    CHECK(plan::requirement_fit(e, p).met());
}

// The planner holds competences as tag indexes and golongan parsed
// (plan::eligible over an Instance); the fit a person reads on Pegawai and Unit
// & Jabatan is computed from the stored records. Both must say the same.
TEST_CASE("requirement fit agrees with the planner's eligibility for every Marelan employee and post") {
    store::Db db{":memory:"};
    store::migrate(db);
    const auto ids = [&] {
        demo::DemoIds out;
        demo::seed_marelan(db, &out);
        return out;
    }();
    plan::DbQuery q;
    q.scope_office_id = ids.kecamatan;
    q.year = 2026;
    q.today = Date{2026, 12, 7};
    auto built = plan::instance_from_db(db, q);
    REQUIRE(std::holds_alternative<plan::Instance>(built));
    const auto& inst = std::get<plan::Instance>(built);
    REQUIRE(inst.employees.size() > 20);
    int met = 0, not_met = 0;
    for (const auto& pe : inst.employees) {
        const auto e = store::get_employee(db, pe.id);
        REQUIRE(e);
        for (const auto& pp : inst.positions) {
            const auto p = store::get_position(db, pp.id);
            REQUIRE(p);
            const bool fit = plan::requirement_fit(*e, *p).met();
            CHECK(fit == plan::eligible(pe, pp));
            (fit ? met : not_met)++;
        }
    }
    // Both outcomes occur, so the comparison above means something.
    CHECK(met > 0);
    CHECK(not_met > 0);
}
