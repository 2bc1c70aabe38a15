// Import of employees, positions and ABK tasks (shared/io): value readers, sheet
// readers (CSV and XLSX fixtures made by tests/data/import/make_fixtures.py),
// header detection, the dry-run plan, apply in one transaction, idempotence and
// the sync outbox.
#include <algorithm>
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "io/export.h"
#include "io/import.h"
#include "io/sheet_wire.h"
#include "io/values.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/client.h"

using namespace seimbang;
using namespace seimbang::io;

namespace {

std::string fixture(const char* name) {
    std::ifstream f(std::string(SEIMBANG_SOURCE_DIR) + "/tests/data/import/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

int count(store::Db& db, const char* sql) {
    auto s = db.prepare(sql);
    s.step();
    return static_cast<int>(s.int64(0));
}

// Kota Medan > Kecamatan Medan Marelan > Kelurahan Terjun and Kelurahan Paya
// Pasir, each with a "Pengadministrasi Umum"; one employee already known.
struct Office3 {
    store::Db db{":memory:"};
    std::string kec, terjun, paya, pos_terjun, pos_paya, budi;
    explicit Office3(bool synced = false) {
        store::migrate(db);
        if (synced) sync::install_client(db);
        Office kota{"", "", OfficeKind::kota, "12.71", "Kota Medan", false};
        REQUIRE(store::save_office(db, kota).ok());
        Office k{"", kota.id, OfficeKind::kecamatan, "12.71.12", "Kecamatan Medan Marelan", false};
        REQUIRE(store::save_office(db, k).ok());
        kec = k.id;
        Office t{"", kec, OfficeKind::kelurahan, "12.71.12.1005", "Kelurahan Terjun", false};
        REQUIRE(store::save_office(db, t).ok());
        terjun = t.id;
        Office p{"", kec, OfficeKind::kelurahan, "12.71.12.1002", "Kelurahan Paya Pasir", false};
        REQUIRE(store::save_office(db, p).ok());
        paya = p.id;
        for (auto* o : {&terjun, &paya}) {
            Position pos;
            pos.office_id = *o;
            pos.name = "Pengadministrasi Umum";
            REQUIRE(store::save_position(db, pos).ok());
            (o == &terjun ? pos_terjun : pos_paya) = pos.id;
        }
        Employee e;
        e.nip = "198503122010011002";
        e.name = "Budi Siregar";
        e.birth_date = "1985-03-12";
        e.golongan = "II/b";
        e.position_id = pos_terjun;
        REQUIRE(store::save_employee(db, e).ok());
        budi = e.id;
    }
};

Sheet csv(const std::string& text) {
    ReadError err;
    auto s = read_csv_sheet(text, &err);
    REQUIRE_MESSAGE(s.has_value(), err.code);
    return *s;
}

Mapping mapping(ImportKind k) {
    Mapping m;
    m.kind = k;
    return m;
}

const RowIssue* issue_at(const ImportPlan& p, int line, const std::string& code) {
    for (const auto& i : p.issues)
        if (i.line == line && i.code == code) return &i;
    return nullptr;
}

}  // namespace

TEST_CASE("import values: Indonesian numbers, refusing what could be read two ways") {
    CHECK(*parse_number("1.234,5", false).value == 1234.5);
    CHECK(*parse_number("2,5", false).value == 2.5);
    CHECK(*parse_number("1.000", false).value == 1000);
    CHECK(*parse_number("1.250.000", false).value == 1250000);
    CHECK(*parse_number("0,125", false).value == 0.125);
    CHECK(*parse_number(" 75 000 ", false).value == 75000);
    CHECK(*parse_number("-3", false).value == -3);
    CHECK(parse_number("1.5", false).error == "number.use_comma");
    CHECK(parse_number("1,000", false).error == "number.ambiguous");
    CHECK(parse_number("12,5,0", false).error == "number.invalid");
    CHECK(parse_number("sepuluh", false).error == "number.invalid");
    CHECK(parse_number("", false).error == "field.required");
    // A spreadsheet's own numeric cell is C locale: 2.5, not 25.
    CHECK(*parse_number("2.5", true).value == 2.5);
    CHECK(format_number_id(2.5) == "2,5");
    CHECK(format_number_id(1500) == "1500");
    CHECK(format_number_id(1.125) == "1,1250");  // never "1,125" (ambiguous)
    CHECK(*parse_number(format_number_id(1.125), false).value == 1.125);
}

TEST_CASE("import values: dates as text, with month names, and as Excel serial numbers") {
    const Date aug{1966, 8, 1};
    CHECK(*parse_date("01-08-1966", false).value == aug);
    CHECK(*parse_date("1/8/1966", false).value == aug);
    CHECK(*parse_date("01.08.1966", false).value == aug);
    CHECK(*parse_date("1966-08-01", false).value == aug);
    CHECK(*parse_date("1966-08-01 00:00:00", false).value == aug);
    CHECK(*parse_date("1 Agustus 1966", false).value == aug);
    CHECK(*parse_date("01 Agt 1966", false).value == aug);
    CHECK(*parse_date("24320", true).value == aug);   // numeric cell
    CHECK(*parse_date("24320", false).value == aug);  // a serial exported as text
    CHECK(parse_date("01-08-66", false).error == "date.two_digit_year");
    CHECK(parse_date("31-02-2020", false).error == "date.impossible");
    CHECK(parse_date("31 Februari 2020", false).error == "date.impossible");
    CHECK(parse_number("1.5", false).hint == "1,5");
    CHECK(*excel_serial_date(1) == Date{1900, 1, 1});
    CHECK(*excel_serial_date(59) == Date{1900, 2, 28});
    CHECK_FALSE(excel_serial_date(60));  // Excel's 29-02-1900 never existed
    CHECK(*excel_serial_date(61) == Date{1900, 3, 1});
    CHECK(*excel_serial_date(44200.75) == Date{2021, 1, 4});  // the time of day is dropped
}

TEST_CASE("import values: golongan inside pangkat text, gender, education, period, names") {
    CHECK(*parse_golongan_text("Penata Muda, III/a").value == "III/a");
    CHECK(*parse_golongan_text("Penata Muda Tk.I (III/b)").value == "III/b");
    CHECK(*parse_golongan_text("iii / c").value == "III/c");
    CHECK(*parse_golongan_text("IV-a").value == "IV/a");
    CHECK(*parse_golongan_text("IX").value == "IX");
    CHECK(parse_golongan_text("III/f").error == "golongan.unknown");
    CHECK(*parse_gender("Laki-laki").value == Gender::male);
    CHECK(*parse_gender("P").value == Gender::female);
    CHECK(parse_gender("X").error == "import.bad_gender");
    CHECK(*parse_education("S1").value == "S-1");
    CHECK(*parse_education("D3").value == "D-III");
    CHECK(*parse_education("SLTA").value == "SMA/SMK");
    CHECK(*parse_period_text("per hari").value == Period::day);
    CHECK(*parse_position_kind("Eselon IV.a").value == PositionKind::pengawas);
    CHECK(*parse_position_kind("Eselon III/b").value == PositionKind::administrator);
    CHECK(normalise_name("Kel. Terjun") == "kelurahan terjun");
    CHECK(edit_distance("terjun", "terjunn") == 1);
}

TEST_CASE("import sheet: CSV with semicolons (Excel in an Indonesian locale) and a BOM") {
    Sheet s = csv("\xEF\xBB\xBFNIP;Nama;Volume\n1;\"Siregar; Budi\";\"1.234,5\"\n");
    REQUIRE(s.rows.size() == 2);
    CHECK(s.rows[1].cells[1].text == "Siregar; Budi");
    CHECK(s.rows[1].cells[2].text == "1.234,5");
    CHECK_FALSE(s.rows[1].cells[2].number);
    ReadError err;
    CHECK_FALSE(read_csv_sheet("a,\"b\n", &err));
    CHECK(err.code == "csv.unterminated_quote");
}

TEST_CASE("import layout: title rows, a two-row merged header, a numbering row and extra columns") {
    Sheet s = csv("DAFTAR PEGAWAI KECAMATAN MEDAN MARELAN,,,,,,,,\n"
                  "Keadaan per 1 Desember 2026,,,,,,,,\n"
                  ",,,,,,,,\n"
                  "No,NIP,Nama,Pangkat/Gol,,Jabatan,,Unit Kerja,Tempat Lahir\n"
                  ",,,Gol,TMT,Nama,TMT,,\n"
                  "1,2,3,4,5,6,7,8,9\n"
                  "1,198503122010011002,Budi Siregar,II/c,01-01-2010,Pengadministrasi Umum,04-01-2021,Kelurahan Terjun,Medan\n");
    ReadError err;
    auto lay = find_layout(s, mapping(ImportKind::employees), &err);
    REQUIRE_MESSAGE(lay, err.code);
    CHECK(lay->header_line == 4);
    CHECK(lay->header_rows == 2);
    CHECK(lay->column.at("nip") == 1);
    CHECK(lay->column.at("golongan") == 3);      // "Pangkat/Gol" over "Gol"
    CHECK(lay->column.at("position") == 5);      // "Jabatan" over "Nama"
    CHECK(lay->column.at("tmt_position") == 6);  // "Jabatan" over "TMT"
    CHECK(lay->column.at("office") == 7);
    CHECK(lay->column.count("name") == 1);
    CHECK(s.rows[lay->first_data].line == 7);  // the numbering row is not data
    CHECK(std::find(lay->unused.begin(), lay->unused.end(), "Tempat Lahir") != lay->unused.end());
    CHECK(std::find(lay->unused.begin(), lay->unused.end(), "Pangkat/Gol / TMT") != lay->unused.end());

    // Without NIP the file is refused as a whole, naming the missing column.
    auto none = find_layout(csv("Nama,Jabatan,Unit Kerja\nA,B,C\n"), mapping(ImportKind::employees), &err);
    CHECK_FALSE(none);
    CHECK(err.code == "import.missing_column");
    CHECK(err.detail == "nip");
    CHECK_FALSE(find_layout(csv("foo,bar\n1,2\n"), mapping(ImportKind::employees), &err));
    CHECK(err.code == "import.no_header");
}

TEST_CASE("import layout: a saved mapping names columns by header text or letter") {
    Check c;
    Mapping m = mapping_from_json(nlohmann::json::parse(R"({"kind":"employees","columns":{"nip":"Nomor Pegawai","name":"B",
        "golongan":"Pkt","position":"Jab","office":"Kantor"}})"), c);
    REQUIRE(c.ok());
    Sheet s = csv("Nomor Pegawai,Nama Lengkap,Pkt,Jab,Kantor\n198503122010011002,Budi,II/c,Staf,Kelurahan Terjun\n");
    ReadError err;
    auto lay = find_layout(s, m, &err);
    REQUIRE_MESSAGE(lay, err.code);
    CHECK(lay->column.at("nip") == 0);
    CHECK(lay->column.at("name") == 1);
    CHECK(lay->column.at("golongan") == 2);
    Check bad;
    mapping_from_json(nlohmann::json::parse(R"({"kind":"employees","columns":{"shoe_size":"A"},"colour":1})"), bad);
    CHECK_FALSE(bad.ok());
    CHECK(bad.issues.size() == 2);
    // The round trip through JSON keeps every setting.
    Check again;
    CHECK(to_json(mapping_from_json(to_json(m), again)) == to_json(m));
}

TEST_CASE("import plan: adds, changes field by field, refuses with line, column, reason and near misses") {
    Office3 f;
    const std::string file =
        "NIP,Nama,Gol/Ruang,Jabatan,Unit Kerja,TMT Jabatan,Keterangan\n"
        "198503122010011002,Budi Siregar,\"Pengatur Muda Tk.I, II/b\",Pengadministrasi Umum,Kelurahan Terjun,,\n"  // same
        "199001152015032001,Sri Wahyuni,III/a,Pengadministrasi Umum,Kel. Terjun,04-01-2021,baru\n"                  // add
        "198807072011011003,Andi Nasution,II/d,Pengadministrasi Umum,Kelurahan Terjunn,,\n"       // office typo
        "19880707201101100,Rudi,II/d,Pengadministrasi Umum,Kelurahan Terjun,,\n"                  // NIP 17 digits
        "198807082011011004,Joko,III/f,Pengadministrasi Umum,Kelurahan Terjun,,\n"                // golongan
        "199001152015032001,Sri Lagi,III/a,Pengadministrasi Umum,Kelurahan Terjun,,\n"            // duplicate
        "198807092011011005,Tono,II/a,Juru Ketik,Kelurahan Terjun,,\n"                            // no such position
        ",,,,,,Jumlah 7 orang\n";
    ImportPlan p = plan_import(f.db, csv(file), mapping(ImportKind::employees));
    CHECK(p.added == 1);
    CHECK(p.same == 1);
    CHECK(p.refused == 5);
    CHECK_FALSE(p.ok());
    const RowIssue* typo = issue_at(p, 4, "import.office_unknown");
    REQUIRE(typo);
    CHECK(typo->column == "E (Unit Kerja)");
    REQUIRE_FALSE(typo->suggestions.empty());
    CHECK(typo->suggestions[0] == "Kelurahan Terjun");
    CHECK(issue_at(p, 5, "nip.bad_length"));
    const RowIssue* gol = issue_at(p, 6, "golongan.unknown");
    REQUIRE(gol);
    CHECK(gol->column == "C (Gol/Ruang)");
    // Regression (a refused golongan was also reported "Wajib diisi"): one refusal per cell.
    CHECK(std::count_if(p.issues.begin(), p.issues.end(),
                        [](const RowIssue& i) { return i.line == 6 && i.column == "C (Gol/Ruang)"; }) == 1);
    const RowIssue* dup = issue_at(p, 7, "import.duplicate_in_file");
    REQUIRE(dup);
    CHECK(dup->detail == "3");
    CHECK(issue_at(p, 8, "import.position_unknown"));
    // The message is Bahasa Indonesia from the string table, with line and column.
    const std::string msg = describe(*typo, i18n::Lang::id);
    CHECK(msg.find("baris 4, kolom E (Unit Kerja): Unit kerja tidak ditemukan") == 0);
    CHECK(msg.find("mungkin maksudnya Kelurahan Terjun") != std::string::npos);
    const std::string report = plan_report_csv(p, i18n::Lang::id);
    CHECK(report.rfind("baris,kolom,tindakan,kunci,keterangan,rincian\n", 0) == 0);
    CHECK(report.find("4,E (Unit Kerja),ditolak,198807072011011003,Unit kerja tidak ditemukan di pohon kantor") !=
          std::string::npos);
    // The new employee: birth date and gender read from the NIP, the office from "Kel. Terjun".
    REQUIRE(p.employees.size() == 1);
    CHECK(p.employees[0].birth_date == "1990-01-15");
    CHECK(p.employees[0].gender == Gender::female);
    CHECK(p.employees[0].office_id == f.terjun);
    CHECK(p.employees[0].tmt_position == "2021-01-04");
    // A dry run writes nothing.
    CHECK(count(f.db, "SELECT count(*) FROM employees") == 1);

    // A later export from the source: Budi promoted and moved to Paya Pasir.
    ImportPlan later = plan_import(f.db,
                                   csv("NIP,Nama,Gol/Ruang,Jabatan,Unit Kerja\n"
                                       "198503122010011002,Budi Siregar,II/c,Pengadministrasi Umum,Kelurahan Paya Pasir\n"),
                                   mapping(ImportKind::employees));
    REQUIRE(later.rows.size() == 1);
    CHECK(later.rows[0].action == RowAction::change);
    CHECK(later.rows[0].id == f.budi);
    std::map<std::string, std::pair<std::string, std::string>> ch;
    for (const auto& c : later.rows[0].changes) ch[c.field] = {c.before, c.after};
    CHECK(ch.size() == 3);
    CHECK(ch["golongan"] == std::make_pair(std::string("II/b"), std::string("II/c")));
    CHECK(ch["office_id"].second == f.paya);
    CHECK(ch["position_id"].second == f.pos_paya);
    // What a person reads (screen, report, CLI): names, not ids.
    for (const auto& c : later.rows[0].changes) {
        if (c.field == "office_id") {
            CHECK(c.shown_before() == "Kelurahan Terjun");
            CHECK(c.shown_after() == "Kelurahan Paya Pasir");
        }
        if (c.field == "position_id") CHECK(c.shown_after() == "Pengadministrasi Umum");
        if (c.field == "golongan") CHECK(c.shown_after() == "II/c");
    }
    const std::string later_report = plan_report_csv(later, seimbang::i18n::Lang::id);
    CHECK(later_report.find("Kelurahan Paya Pasir") != std::string::npos);
    CHECK(later_report.find(f.paya) == std::string::npos);
}

TEST_CASE("import apply: one transaction through the repositories; the same file again changes nothing") {
    Office3 f(true);
    const int outbox_before = count(f.db, "SELECT count(*) FROM sync_outbox");
    const std::string file = "NIP;Nama;Gol;Jabatan;Unit Kerja;Pendidikan\n"
                             "198503122010011002;Budi Siregar;II/c;Pengadministrasi Umum;Kelurahan Terjun;SMA\n"
                             "199001152015032001;Sri Wahyuni;III/a;Pengadministrasi Umum;Kelurahan Paya Pasir;S1\n"
                             "198807072011011003;Andi Nasution;II/d;Staf Pelayanan;Kelurahan Paya Pasir;D3\n";
    Mapping m = mapping(ImportKind::employees);
    m.create_positions = true;
    ImportPlan p = plan_import(f.db, csv(file), m);
    REQUIRE(p.ok());
    CHECK(p.added == 2);
    CHECK(p.changed == 1);
    REQUIRE(p.new_positions.size() == 1);
    CHECK(p.new_positions[0].name == "Staf Pelayanan");
    ApplyResult r = apply_import(f.db, p);
    REQUIRE(r.check.ok());
    CHECK(r.written == 4);
    CHECK(count(f.db, "SELECT count(*) FROM employees WHERE archived = 0") == 3);
    CHECK(store::get_employee(f.db, f.budi)->golongan == "II/c");
    CHECK(store::get_employee(f.db, f.budi)->education == "SMA/SMK");
    // Every write reached the outbox, like any edit.
    const int outbox_after = count(f.db, "SELECT count(*) FROM sync_outbox");
    CHECK(outbox_after > outbox_before);

    ImportPlan again = plan_import(f.db, csv(file), m);
    CHECK(again.ok());
    CHECK(again.same == 3);
    CHECK(again.added + again.changed == 0);
    CHECK(again.new_positions.empty());  // the created position is matched now
    CHECK(apply_import(f.db, again).written == 0);
    CHECK(count(f.db, "SELECT count(*) FROM sync_outbox") == outbox_after);
    CHECK(count(f.db, "SELECT count(*) FROM positions") == 3);
}

TEST_CASE("import apply: a row that fails on save rolls back the whole import") {
    Office3 f;
    ImportPlan p = plan_import(f.db,
                               csv("NIP,Nama,Gol,Jabatan,Unit Kerja\n"
                                   "199001152015032001,Sri Wahyuni,III/a,Pengadministrasi Umum,Kelurahan Paya Pasir\n"
                                   "198807072011011003,Andi Nasution,II/d,Pengadministrasi Umum,Kelurahan Terjun\n"),
                               mapping(ImportKind::employees));
    REQUIRE(p.ok());
    // Between the dry run and the apply the Terjun position is archived.
    Position pos = *store::get_position(f.db, f.pos_terjun);
    pos.archived = true;
    REQUIRE(store::save_position(f.db, pos).ok());
    ApplyResult r = apply_import(f.db, p);
    CHECK_FALSE(r.check.ok());
    CHECK(r.check.first_error()->code == "employee.unknown_position");
    CHECK(count(f.db, "SELECT count(*) FROM employees") == 1);  // Sri was not kept either
}

TEST_CASE("import scope: an operator's import matches only offices of their own subtree") {
    Office3 f;
    ImportPlan p = plan_import(f.db,
                               csv("NIP,Nama,Gol,Jabatan,Unit Kerja\n"
                                   "199001152015032001,Sri Wahyuni,III/a,Pengadministrasi Umum,Kelurahan Paya Pasir\n"
                                   "198503122010011002,Budi Siregar,II/b,Pengadministrasi Umum,Kelurahan Terjun\n"),
                               mapping(ImportKind::employees), f.paya);
    CHECK(issue_at(p, 2, "import.office_unknown") == nullptr);
    CHECK(p.rows[0].action == RowAction::add);
    CHECK(issue_at(p, 3, "import.employee_outside_scope"));
}

TEST_CASE("import tasks: grouped rows carry office and position down; hours become minutes; re-import is stable") {
    Office3 f;
    const std::string file = "Unit Kerja,Jabatan,Uraian Tugas,Satuan Hasil,Volume,Periode,Norma Waktu (Jam)\n"
                             "Kelurahan Terjun,Pengadministrasi Umum,Mengagendakan surat,surat,1.200,tahun,\"0,25\"\n"
                             ",,Menyusun laporan,laporan,1,bulan,4\n"
                             ",Jumlah,,,,,\n"
                             "Kelurahan Paya Pasir,Pengadministrasi Umum,Mengagendakan surat,surat,800,tahun,\"0,25\"\n";
    Mapping m = mapping(ImportKind::tasks);
    m.year = 2026;
    ImportPlan p = plan_import(f.db, csv(file), m);
    REQUIRE(p.ok());
    CHECK(p.added == 3);
    CHECK(p.skipped == 1);
    REQUIRE(p.tasks.size() == 3);
    CHECK(p.tasks[0].volume == 1200);
    CHECK(p.tasks[0].norm_minutes == 15);
    CHECK(p.tasks[1].position_id == f.pos_terjun);
    CHECK(p.tasks[1].period == Period::month);
    CHECK(p.tasks[2].position_id == f.pos_paya);
    REQUIRE(apply_import(f.db, p).check.ok());
    CHECK(store::list_tasks(f.db, f.pos_terjun, 2026).size() == 2);
    ImportPlan again = plan_import(f.db, csv(file), m);
    CHECK(again.same == 3);
    // Exported and read back: nothing to change.
    ImportPlan round = plan_import(f.db, csv(export_csv(f.db, ImportKind::tasks)), m);
    CHECK(round.ok());
    CHECK(round.same == 3);
    CHECK(round.added + round.changed == 0);
}

TEST_CASE("import positions: kind from eselon, head flag, a later file changes what it matches") {
    Office3 f;
    Mapping m = mapping(ImportKind::positions);
    ImportPlan p = plan_import(f.db,
                               csv("Unit Kerja,Nama Jabatan,Eselon,Kepala\n"
                                   "Kelurahan Terjun,Lurah,IVa,Ya\n"
                                   "Kelurahan Terjun,Pengadministrasi Umum,,Tidak\n"
                                   "Kelurahan Terjun,Sekretaris Lurah,IVb,Tidak\n"),
                               m);
    REQUIRE(p.ok());
    CHECK(p.added == 2);
    CHECK(p.same == 1);
    CHECK(p.positions[0].kind == PositionKind::pengawas);
    CHECK(p.positions[0].is_head);
    REQUIRE(apply_import(f.db, p).check.ok());
    ImportPlan round = plan_import(f.db, csv(export_csv(f.db, ImportKind::positions)), m);
    CHECK(round.ok());
    CHECK(round.same == 4);  // both kelurahan's positions, exported with their offices
}

TEST_CASE("import xlsx: merged two-row header, shared strings, Excel dates and a merged office column") {
    if (!xlsx_supported()) return;  // WebAssembly build: CSV only (docs/IMPORT.md)
    const std::string bytes = fixture("pegawai.xlsx");
    REQUIRE(!bytes.empty());
    ReadError err;
    CHECK(xlsx_sheet_names(bytes, &err) == std::vector<std::string>{"Pegawai", "Rekap"});
    auto sheet = read_sheet(bytes, "", &err);
    REQUIRE_MESSAGE(sheet, err.code << " " << err.detail);
    CHECK(sheet->name == "Pegawai");
    Office3 f;
    ImportPlan p = plan_import(f.db, *sheet, mapping(ImportKind::employees));
    for (const auto& i : p.issues) INFO(describe(i, i18n::Lang::en));
    REQUIRE(p.ok());
    CHECK(p.layout.header_line == 4);
    CHECK(p.layout.header_rows == 2);
    CHECK(p.added == 2);
    CHECK(p.changed == 1);  // Budi: golongan II/b → II/c, TMT jabatan, education
    REQUIRE(p.employees.size() == 3);
    const Employee& budi = p.employees[0];
    CHECK(budi.golongan == "II/c");            // from "Pengatur, II/c"
    CHECK(budi.tmt_position == "2021-01-04");  // a real Excel date cell
    const Employee& sri = p.employees[1];
    CHECK(sri.golongan == "III/a");
    CHECK(sri.birth_date == "1990-01-15");
    CHECK(sri.office_id == f.terjun);  // merged "Unit Kerja" cell
    CHECK(sri.education == "S-1");
    CHECK(p.employees[2].tmt_position == "2021-01-04");  // serial 44200 in a numeric cell
    CHECK(p.employees[2].education == "D-III");
    CHECK_FALSE(read_sheet(bytes, "Tidak Ada", &err));
    CHECK(err.code == "import.xlsx_unknown_sheet");
}

TEST_CASE("import xlsx: ABK worksheet with thousands dots in text and merged position cells") {
    if (!xlsx_supported()) return;
    ReadError err;
    auto sheet = read_sheet(fixture("abk.xlsx"), "", &err);
    REQUIRE(sheet);
    Office3 f;
    Mapping m = mapping(ImportKind::tasks);
    m.year = 2026;
    ImportPlan p = plan_import(f.db, *sheet, m);
    REQUIRE(p.ok());
    CHECK(p.layout.header_line == 3);
    CHECK(p.added == 3);
    CHECK(p.skipped == 1);  // the "Jumlah" line
    REQUIRE(p.tasks.size() == 3);
    CHECK(p.tasks[0].volume == 1200);
    CHECK(p.tasks[1].norm_minutes == 240.5);
    CHECK(p.tasks[2].volume == 2500);
    CHECK(p.tasks[2].norm_minutes == 7.5);
}

TEST_CASE("import xlsx: damaged files are refused with a reason, never read in part") {
    if (!xlsx_supported()) return;
    ReadError err;
    std::string bytes = fixture("pegawai.xlsx");
    CHECK_FALSE(read_sheet(bytes.substr(0, bytes.size() / 2), "", &err));
    CHECK(err.code == "import.xlsx_bad_zip");
    CHECK_FALSE(read_sheet(std::string("PK\x03\x04garbage", 11), "", &err));
    CHECK(err.code == "import.xlsx_bad_zip");
    ImportPlan p = refused_file(ImportKind::employees, err);
    CHECK_FALSE(p.ok());
    Office3 f;
    CHECK_FALSE(apply_import(f.db, p).check.ok());
}

// The XLSX reader runs in the browser's Web Worker (io/sheet_wire.h): what the
// main module gets back must be the sheet the reader read, cell for cell, or
// the reader's own error; malformed or missing answers are refused.
TEST_CASE("sheet wire: the worker's answer is the sheet read here, or the reader's error; malformed answers refused") {
    if (!xlsx_supported()) return;
    const std::string bytes = fixture("pegawai.xlsx");
    ReadError direct_err;
    auto direct = read_sheet(bytes, "", &direct_err);
    REQUIRE(direct);
    ReadError err;
    auto got = decode_sheet_answer(read_sheet_encoded(encode_sheet_request("", bytes)), &err);
    REQUIRE_MESSAGE(got, err.code);
    CHECK(got->name == direct->name);
    REQUIRE(got->rows.size() == direct->rows.size());
    for (size_t r = 0; r < got->rows.size(); ++r) {
        CHECK(got->rows[r].line == direct->rows[r].line);
        REQUIRE(got->rows[r].cells.size() == direct->rows[r].cells.size());
        for (size_t c = 0; c < got->rows[r].cells.size(); ++c) {
            CHECK(got->rows[r].cells[c].text == direct->rows[r].cells[c].text);
            CHECK(got->rows[r].cells[c].number == direct->rows[r].cells[c].number);
        }
    }
    // The reader's own refusal crosses as it is.
    CHECK_FALSE(decode_sheet_answer(read_sheet_encoded(encode_sheet_request("Tidak Ada", bytes)), &err));
    CHECK(err.code == "import.xlsx_unknown_sheet");
    // No answer (the worker did not load), a cut answer, a request that is not one.
    CHECK_FALSE(decode_sheet_answer("", &err));
    CHECK(err.code == "import.xlsx_reader_failed");
    const std::string answer = read_sheet_encoded(encode_sheet_request("", bytes));
    CHECK_FALSE(decode_sheet_answer(answer.substr(0, answer.size() - 3), &err));
    CHECK(err.code == "import.xlsx_reader_failed");
    CHECK_FALSE(decode_sheet_answer(answer + "x", &err));
    CHECK(err.code == "import.xlsx_reader_failed");
    CHECK_FALSE(decode_sheet_answer(read_sheet_encoded("garbage"), &err));
    CHECK(err.code == "import.xlsx_reader_failed");
}
