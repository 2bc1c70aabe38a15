// The one permission table (shared/access): features beyond the synced rows and
// the workflow steps. The server's routes and the app's screens ask `may`; an
// unknown role (a typo in a users row, a role from a newer server) may nothing.
#include <doctest/doctest.h>

#include "access/access.h"

using namespace seimbang::access;

TEST_CASE("access::may: who may use ABK, the editors, plans and the moves export; an unknown role nothing") {
    for (Feature f : {Feature::abk_read, Feature::records_edit, Feature::plan_run, Feature::moves_export, Feature::snapshot_take,
                      Feature::survey_create, Feature::survey_results, Feature::survey_kiosk}) {
        CHECK_FALSE(may("", f));
        CHECK_FALSE(may("lurah", f));  // the app's old word, not a role of the table
        CHECK_FALSE(may("admin", f));
    }
    CHECK_FALSE(may(Role::pegawai, Feature::abk_read));
    CHECK_FALSE(may(Role::pegawai, Feature::records_edit));
    for (Role r : {Role::operator_, Role::kepala_unit, Role::camat, Role::bkpsdm, Role::pusat}) CHECK(may(r, Feature::abk_read));
    // Editing follows the write reach: pusat reads everything and writes nothing.
    CHECK(may(Role::operator_, Feature::records_edit));
    CHECK(may(Role::kepala_unit, Feature::records_edit));
    CHECK_FALSE(may(Role::pusat, Feature::records_edit));
    for (Role r : all_roles()) {
        const bool deciders = r == Role::camat || r == Role::bkpsdm || r == Role::pusat;
        CHECK(may(r, Feature::plan_run) == deciders);
        CHECK(may(r, Feature::moves_export) == deciders);
        CHECK(may(to_string(r), Feature::plan_run) == deciders);  // the stored name reads the same
        CHECK(may(r, Feature::snapshot_take) == (r == Role::bkpsdm));
        CHECK(may(r, Feature::survey_create) == (r == Role::camat || r == Role::bkpsdm));
        CHECK(may(r, Feature::survey_results) == (r != Role::pegawai && r != Role::instansi));
        CHECK(may(r, Feature::survey_kiosk) == (r != Role::pegawai && r != Role::pusat && r != Role::instansi));
    }
}

TEST_CASE("access::may records_import: operator for the own office, bkpsdm for the kota, nobody else") {
    for (Role r : all_roles())
        CHECK(may(r, Feature::records_import) == (r == Role::operator_ || r == Role::bkpsdm));
    CHECK_FALSE(may("", Feature::records_import));
    CHECK_FALSE(may("admin", Feature::records_import));
}

TEST_CASE("access::may: training for leaders, results for camat and BKPSDM") {
    for (Feature f : {Feature::training_take, Feature::training_results}) {
        CHECK_FALSE(may("", f));
        CHECK_FALSE(may("lurah", f));
    }
    for (Role r : all_roles()) {
        CHECK(may(r, Feature::training_take) == (r == Role::kepala_unit || r == Role::camat || r == Role::bkpsdm));
        CHECK(may(r, Feature::training_results) == (r == Role::camat || r == Role::bkpsdm));
    }
}

TEST_CASE("access::may: documents and dinas requests follow the filing permission; a head of unit files neither") {
    for (Feature f : {Feature::documents_upload, Feature::request_dinas}) {
        CHECK_FALSE(may("", f));
        CHECK_FALSE(may("admin", f));
    }
    for (Role r : all_roles()) {
        const bool files = r == Role::pegawai || r == Role::operator_ || r == Role::camat || r == Role::bkpsdm;
        CHECK(may(r, Feature::documents_upload) == files);
        CHECK(may(r, Feature::request_dinas) == (files && r != Role::pegawai));  // a pegawai asks for their own move only
    }
}

TEST_CASE("access::may national_rollup: only pusat reads the national ABK roll-up") {
    for (Role r : all_roles()) CHECK(may(r, Feature::national_rollup) == (r == Role::pusat));
    CHECK_FALSE(may("", Feature::national_rollup));
    CHECK_FALSE(may("admin", Feature::national_rollup));
}

TEST_CASE("access: the instansi account forwards rows of its subtree and may use no feature of a person") {
    CHECK(parse_role("instansi") == Role::instansi);
    CHECK(read_reach(Role::instansi) == Reach::office_subtree);
    CHECK(write_reach(Role::instansi) == Reach::office_subtree);
    CHECK(writes_table(Role::instansi, "offices"));
    CHECK(writes_table(Role::instansi, "employees"));
    for (Role r : all_roles()) {
        CHECK(may(r, Feature::upstream_forward) == (r == Role::instansi));
        CHECK(may(r, Feature::upstream_status) == (r == Role::bkpsdm));
    }
    for (Feature f : {Feature::abk_read, Feature::records_edit, Feature::plan_run, Feature::moves_export,
                      Feature::survey_results, Feature::records_import, Feature::settings_edit, Feature::training_take})
        CHECK_FALSE(may(Role::instansi, f));
}

TEST_CASE("access: the lookup by NIP is asked by the receiving BKPSDM and answered to instansi accounts only") {
    for (Role r : all_roles()) {
        CHECK(may(r, Feature::national_person_find) == (r == Role::bkpsdm));
        CHECK(may(r, Feature::national_person_answer) == (r == Role::instansi));
    }
    CHECK_FALSE(may("", Feature::national_person_find));
    CHECK_FALSE(may("admin", Feature::national_person_answer));
}
