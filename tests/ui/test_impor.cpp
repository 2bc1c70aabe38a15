// Issue 19, the Impor screen: a file picked on the device, planned by the same
// core as `seimbang import` on the local database (offline), refused rows with
// line and column, the apply refused while rows are refused unless they are
// skipped, one transaction, the same file again changing nothing, the column
// choice kept on the device for the next file, and who may use it.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "i18n/strings.h"
#include "io/sheet.h"
#include "store/db.h"
#include "ui_harness.h"

using seimbang::uitest::Harness;
using namespace seimbang;

namespace {

// Demo data, signed in as the demo operator (Kecamatan Medan Marelan), on Impor.
void operator_on_impor(Harness& h) {
    h.frame(2);
    REQUIRE(h.click("login-demo"));
    REQUIRE(h.app->login.logged_in());
    h.app->set_language(i18n::Lang::id);
    h.frame(2);
    REQUIRE(h.click("nav-impor"));
    REQUIRE(h.app->screen == app::Screen::impor);
    h.frame(2);
}

// Picks `text` as a file named `name` and draws frames until the dry run is shown.
void pick(Harness& h, const std::string& name, const std::string& text) {
    h.platform.next_file = {name, text};
    REQUIRE(h.click("imp-pick"));
    CHECK(h.app->impor.phase == app::ImportPhase::reading);
    h.frame();  // the busy state is drawn before the work starts
    CHECK(h.has("imp-pick"));
    for (int i = 0; i < 10 && h.app->impor.phase != app::ImportPhase::planned; ++i) h.frame();
    REQUIRE(h.app->impor.phase == app::ImportPhase::planned);
    REQUIRE(h.app->impor.has_plan);
    h.frame();
}

// A kelurahan of the demo data with a position that is not a head's.
struct Place {
    std::string office, position;
};
Place some_place(Harness& h) {
    for (const auto& p : h.app->workload.data.positions) {
        const Office* o = h.app->workload.office(p.office_id);
        if (!p.is_head && o && o->kind == OfficeKind::kelurahan) return {o->name, p.name};
    }
    FAIL("no kelurahan position in the demo data");
    return {};
}

int count_rows(Harness& h, const char* sql) {
    auto s = h.app->local->db().prepare(sql);
    return s.step() ? static_cast<int>(s.int64(0)) : -1;
}

}  // namespace

TEST_CASE("Impor: dry run with a refused row (line and column), apply only with skip, the same file again changes nothing") {
    Harness h;
    operator_on_impor(h);
    const Place at = some_place(h);
    const std::string file = "No;NIP;Nama Pegawai;Gol/Ruang;Jabatan;Unit Kerja\n"
                             "1;199001012015031001;Rina Hasibuan;III/a;" + at.position + ";" + at.office + "\n"
                             "2;199102022016032002;Tono Lubis;III/f;" + at.position + ";" + at.office + "\n";
    pick(h, "pegawai.csv", file);
    const auto& p = h.app->impor.plan;
    CHECK(h.platform.last_accept.find(".xlsx") != std::string::npos);
    CHECK_FALSE(p.file_refused);
    CHECK(p.added == 1);
    CHECK(p.refused == 1);
    REQUIRE_FALSE(p.issues.empty());
    CHECK(p.issues[0].line == 3);
    CHECK(p.issues[0].column.find("D") == 0);  // "D (Gol/Ruang)"
    CHECK(p.issues[0].code == "golongan.unknown");
    CHECK(h.has("imp-apply"));  // the actions right under the counts, in view without scrolling

    // Nothing written by the dry run; the report holds the refusal.
    const int before = count_rows(h, "SELECT count(*) FROM employees");
    REQUIRE(h.click("imp-report"));
    REQUIRE(h.platform.saved.size() == 1);
    CHECK(h.platform.saved[0].bytes.find("III/f") != std::string::npos);

    // Apply refused while a row is refused ...
    REQUIRE(h.click("imp-apply"));
    CHECK(h.app->impor.phase == app::ImportPhase::planned);
    CHECK_FALSE(h.app->impor.check.ok());
    CHECK(count_rows(h, "SELECT count(*) FROM employees") == before);
    // ... and writes the rest once the refused rows are skipped.
    REQUIRE(h.click("imp-skip"));
    CHECK(h.app->impor.skip_refused);
    h.frame();
    REQUIRE(h.click("imp-apply"));
    for (int i = 0; i < 5 && h.app->impor.phase != app::ImportPhase::applied; ++i) h.frame();
    REQUIRE(h.app->impor.phase == app::ImportPhase::applied);
    CHECK(h.app->impor.written == 1);
    CHECK(count_rows(h, "SELECT count(*) FROM employees") == before + 1);
    CHECK(count_rows(h, "SELECT count(*) FROM employees WHERE nip = '199001012015031001'") == 1);
    h.frame(3);

    // The same file again: the good row is unchanged, nothing to apply.
    pick(h, "pegawai.csv", file);
    CHECK(h.app->impor.plan.added == 0);
    CHECK(h.app->impor.plan.changed == 0);
    CHECK(h.app->impor.plan.same == 1);
    CHECK(h.app->impor.plan.refused == 1);
}

TEST_CASE("Impor: a column the headers do not name is chosen by the user and kept on the device for the next file") {
    Harness h;
    operator_on_impor(h);
    const Place at = some_place(h);
    // "Pangkat Terakhir Pegawai" is not a recognised golongan header.
    const std::string file = "NIP,Nama,Pangkat Terakhir Pegawai,Jabatan,Unit Kerja\n"
                             "199001012015031001,Rina Hasibuan,III/a," + at.position + "," + at.office + "\n";
    pick(h, "simpeg.csv", file);
    REQUIRE(h.app->impor.plan.file_refused);
    CHECK(h.app->impor.plan.issues[0].code == "import.missing_column");
    // The file's columns are offered all the same.
    REQUIRE(h.app->impor.plan.layout.labels.size() == 5);
    h.app->import_set_column("golongan", 2);
    for (int i = 0; i < 5 && h.app->impor.phase != app::ImportPhase::planned; ++i) h.frame();
    REQUIRE(h.app->impor.has_plan);
    CHECK_FALSE(h.app->impor.plan.file_refused);
    CHECK(h.app->impor.plan.added == 1);

    // A later file of the same source: the saved choice is used at once.
    pick(h, "simpeg-2.csv", file);
    CHECK(h.app->impor.mapping_restored);
    CHECK_FALSE(h.app->impor.plan.file_refused);
    CHECK(h.app->impor.plan.added == 1);
    // Back to automatic: the column is missing again.
    h.app->import_reset_mapping();
    for (int i = 0; i < 5 && h.app->impor.phase != app::ImportPhase::planned; ++i) h.frame();
    CHECK(h.app->impor.plan.file_refused);
}

TEST_CASE("Impor: refused file, too big a file, export of the same shape") {
    Harness h;
    operator_on_impor(h);
    pick(h, "kosong.csv", "Judul saja\n\n");
    CHECK(h.app->impor.plan.file_refused);
    CHECK(h.app->impor.plan.issues[0].code == "import.no_header");

    h.platform.next_file = {"besar.csv", std::string(io::kMaxFileBytes + 1, 'x')};
    REQUIRE(h.click("imp-pick"));
    CHECK(h.app->impor.check.issues.at(0).code == "import.file_too_big");

    REQUIRE(h.click("imp-export"));
    REQUIRE_FALSE(h.platform.saved.empty());
    const std::string& csv = h.platform.saved.back().bytes;
    CHECK(csv.rfind("NIP,Nama", 0) == 0);
    // The export imported again changes nothing.
    pick(h, "ekspor.csv", csv);
    CHECK_FALSE(h.app->impor.plan.file_refused);
    CHECK(h.app->impor.plan.added == 0);
    CHECK(h.app->impor.plan.changed == 0);
    CHECK(h.app->impor.plan.refused == 0);
    CHECK(h.app->impor.plan.same > 10);
}

TEST_CASE("Impor: operator and bkpsdm only") {
    Harness h;
    h.frame(2);
    REQUIRE(h.click("login-demo"));
    h.frame(2);
    CHECK(h.has("nav-impor"));
    for (app::Role r : {app::Role::camat, app::Role::kepala_unit, app::Role::pusat, app::Role::pegawai}) {
        h.app->login.session->role = r;
        h.frame(2);
        CHECK_FALSE(h.has("nav-impor"));
        CHECK_FALSE(h.app->can_import());
        h.platform.next_file = {"pegawai.csv", "NIP,Nama\n"};
        h.app->import_pick();  // the command refuses too: no chooser opened
        CHECK(h.platform.next_file.has_value());
        h.platform.next_file.reset();
    }
    h.app->login.session->role = app::Role::bkpsdm;
    h.frame(2);
    CHECK(h.has("nav-impor"));
}

// The browser reads XLSX in a Web Worker (Platform::read_xlsx): the screen waits
// for the answer frames later without posting the file again, and a worker that
// did not load refuses the file with a reason instead of spinning.
TEST_CASE("Impor: an XLSX file is read by the platform's reader, answered frames later; a reader that fails says so") {
    Harness h;
    operator_on_impor(h);
    std::ifstream f(std::string(SEIMBANG_SOURCE_DIR) + "/tests/data/import/pegawai.xlsx", std::ios::binary);
    const std::string xlsx((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    REQUIRE(io::is_xlsx(xlsx));
    h.platform.defer_xlsx = true;
    h.platform.next_file = {"pegawai.xlsx", xlsx};
    REQUIRE(h.click("imp-pick"));
    h.frame(5);
    CHECK(h.app->impor.phase == app::ImportPhase::reading);  // still waiting, the busy state shown
    CHECK(h.platform.held_xlsx.size() == 1);                 // posted once
    // Another file while this one is read is refused (the button is disabled; the command refuses too).
    CHECK_FALSE(h.app->import_file("lain.csv", "NIP,Nama\n", 9).ok());
    CHECK(h.app->impor.phase == app::ImportPhase::reading);
    CHECK(h.platform.answer_xlsx() == 1);
    for (int i = 0; i < 5 && h.app->impor.phase != app::ImportPhase::planned; ++i) h.frame();
    REQUIRE(h.app->impor.phase == app::ImportPhase::planned);
    REQUIRE(h.app->impor.sheet);
    CHECK(h.app->impor.sheet->name == "Pegawai");
    for (const auto& i : h.app->impor.plan.issues) CHECK(i.code.rfind("import.xlsx", 0) != 0);
    CHECK(h.app->impor.plan.rows.size() == 3);

    // The worker could not be loaded: the file is refused with that reason.
    h.frame(2);
    h.platform.next_file = {"pegawai.xlsx", xlsx};
    REQUIRE(h.click("imp-pick"));
    h.frame(3);
    CHECK(h.platform.answer_xlsx(/*fail=*/true) == 1);
    h.frame(2);
    REQUIRE(h.app->impor.phase == app::ImportPhase::planned);
    CHECK(h.app->impor.plan.file_refused);
    REQUIRE_FALSE(h.app->impor.plan.issues.empty());
    CHECK(h.app->impor.plan.issues[0].code == "import.xlsx_reader_failed");
}
