// `seimbang import|export` in-process: dry run by default, exit 2 with the
// refused rows and nothing written, --apply, --skip-refused, --report,
// --save-mapping/--mapping, and export → import changing nothing.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"

using namespace seimbang::cli;

namespace {
struct Run {
    int code;
    std::string out, err;
};

Run run(int (*cmd)(Context&, const Args&), const Args& args, const std::string& db) {
    std::ostringstream out, err;
    std::istringstream in;
    Context ctx{db, out, err, in};
    int code = cmd(ctx, args);
    return {code, out.str(), err.str()};
}

std::string temp(const std::string& name) {
    auto p = std::filesystem::temp_directory_path() / ("seimbang-cli-import-" + name);
    std::filesystem::remove(p);
    return p.string();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

int employees(const std::string& db) {
    Run r = run(cmd_employee, {"list", "--json"}, db);
    return static_cast<int>(nlohmann::json::parse(r.out).size());
}
}  // namespace

TEST_CASE("import: the demo's own export reads back with nothing to change (employees, positions, tasks)") {
    const std::string db = temp("roundtrip.db");
    REQUIRE(run(cmd_demo, {}, db).code == kExitOk);
    for (const char* kind : {"employees", "positions", "tasks"}) {
        const std::string file = temp(std::string(kind) + ".csv");
        REQUIRE(run(cmd_export, {kind, "--file", file}, db).code == kExitOk);
        Run r = run(cmd_import, {kind, "--file", file, "--json", "--apply"}, db);
        CAPTURE(kind);
        CAPTURE(r.err);
        REQUIRE(r.code == kExitOk);
        auto j = nlohmann::json::parse(r.out);
        CHECK(j["unchanged"].get<int>() > 10);
        CHECK(j["added"] == 0);
        CHECK(j["changed"] == 0);
        CHECK(j["refused"] == 0);
        CHECK(j["written"] == 0);
    }
}

TEST_CASE("import: refused rows exit 2 with line, column and reason, and nothing is written even with --apply") {
    const std::string db = temp("refused.db");
    REQUIRE(run(cmd_demo, {}, db).code == kExitOk);
    const int before = employees(db);
    const std::string file = temp("refused.csv");
    write(file,
          "NIP;Nama;Gol/Ruang;Jabatan;Unit Kerja\n"
          "199001152015032001;Sri Wahyuni;III/a;Pengadministrasi Umum;Kelurahan Terjun\n"
          "19900115201503200;Rudi;III/a;Pengadministrasi Umum;Kelurahan Terjun\n"
          "199202022019031002;Joko;III/a;Pengadministrasi Umum;Kelurahan Terjunn\n");
    const std::string report = temp("refused-report.csv");
    Run r = run(cmd_import, {"employees", "--file", file, "--apply", "--report", report}, db);
    CHECK(r.code == kExitBadInput);
    CHECK(r.err.find("baris 3, kolom A (NIP): NIP harus 18 digit") != std::string::npos);
    CHECK(r.err.find("baris 4, kolom E (Unit Kerja): Unit kerja tidak ditemukan di pohon kantor: Kelurahan Terjunn "
                     "(mungkin maksudnya Kelurahan Terjun?)") != std::string::npos);
    CHECK(r.out.find("tambah 1, ubah 0, tetap 0, ditolak 2") != std::string::npos);
    CHECK(employees(db) == before);
    const std::string rep = slurp(report);
    CHECK(rep.find("3,A (NIP),ditolak,19900115201503200,NIP harus 18 digit") != std::string::npos);
    CHECK(rep.find("Wajib diisi") == std::string::npos);  // no second, confusing reason for the same NIP
    CHECK(rep.find("2,,tambah,199001152015032001") != std::string::npos);

    // --skip-refused writes the rows that are fine, and only those.
    Run partial = run(cmd_import, {"employees", "--file", file, "--apply", "--skip-refused"}, db);
    CHECK(partial.code == kExitOk);
    CHECK(employees(db) == before + 1);
    // Again: the good row is now unchanged, the bad ones still refused.
    Run again = run(cmd_import, {"employees", "--file", file, "--json"}, db);
    CHECK(again.code == kExitBadInput);
    auto j = nlohmann::json::parse(again.out);
    CHECK(j["unchanged"] == 1);
    CHECK(j["added"] == 0);
}

TEST_CASE("import: a saved mapping is adjusted and given back; bad mappings and files are usage errors") {
    const std::string db = temp("mapping.db");
    REQUIRE(run(cmd_demo, {}, db).code == kExitOk);
    const std::string file = temp("mapping.csv");
    write(file,
          "Nomor Pegawai,Nama,Pangkat,Posisi,Kantor\n"
          "199001152015032001,Sri Wahyuni,\"Penata Muda, III/a\",Pengadministrasi Umum,Kelurahan Terjun\n");
    // "Posisi" is no known header: the file is refused naming the missing column.
    Run first = run(cmd_import, {"employees", "--file", file}, db);
    CHECK(first.code == kExitBadInput);
    CHECK(first.err.find("Kolom wajib tidak ada di berkas") != std::string::npos);
    const std::string mapping = temp("mapping.json");
    write(mapping, R"({"kind":"employees","columns":{"nip":"Nomor Pegawai","position":"Posisi"}})");
    const std::string saved = temp("saved.json");
    Run second = run(cmd_import, {"employees", "--file", file, "--mapping", mapping, "--save-mapping", saved}, db);
    CHECK(second.code == kExitOk);
    CHECK(second.out.find("tambah 1") != std::string::npos);
    auto j = nlohmann::json::parse(slurp(saved));
    CHECK(j["columns"]["position"] == "Posisi");
    CHECK(j["columns"]["golongan"] == "Pangkat");
    CHECK(j["header_line"] == 1);
    CHECK(run(cmd_import, {"employees", "--file", file, "--mapping", saved}, db).code == kExitOk);

    write(mapping, R"({"kind":"employees","columns":{"nip":"Tidak Ada"}})");
    CHECK(run(cmd_import, {"employees", "--file", file, "--mapping", mapping}, db).code == kExitBadInput);
    write(mapping, "{not json");
    CHECK(run(cmd_import, {"employees", "--file", file, "--mapping", mapping}, db).code == kExitBadInput);
    write(mapping, R"({"kind":"tasks"})");
    CHECK(run(cmd_import, {"employees", "--file", file, "--mapping", mapping}, db).code == kExitBadInput);
    CHECK(run(cmd_import, {"employees"}, db).code == kExitBadInput);
    CHECK(run(cmd_import, {"staff", "--file", file}, db).code == kExitBadInput);
    CHECK(run(cmd_import, {"employees", "--file", "/nonexistent.csv"}, db).code == kExitBadInput);
    CHECK(run(cmd_import, {"employees", "--file", file, "--office", "Kelurahan Atlantis"}, db).code == kExitBadInput);
    const std::string empty = temp("empty.csv");
    write(empty, "");
    Run none = run(cmd_import, {"employees", "--file", empty}, db);
    CHECK(none.code == kExitBadInput);
    CHECK(none.err.find("Berkas kosong") != std::string::npos);
    const std::string broken = temp("broken.xlsx");
    write(broken, std::string("PK\x03\x04 not really a zip", 22));
    Run bad = run(cmd_import, {"employees", "--file", broken, "--apply"}, db);
    CHECK(bad.code == kExitBadInput);
    CHECK(bad.err.find("XLSX") != std::string::npos);
}

TEST_CASE("import: --office limits matching to the operator's subtree and fills rows without an office") {
    const std::string db = temp("scope.db");
    REQUIRE(run(cmd_demo, {}, db).code == kExitOk);
    const std::string file = temp("scope.csv");
    write(file,
          "NIP,Nama,Gol,Jabatan\n"
          "199001152015032001,Sri Wahyuni,III/a,Pengadministrasi Umum\n");
    Run r = run(cmd_import, {"employees", "--file", file, "--office", "Kelurahan Terjun", "--json"}, db);
    CHECK(r.code == kExitOk);
    CHECK(nlohmann::json::parse(r.out)["added"] == 1);
    Run csv = run(cmd_export, {"employees", "--office", "Kelurahan Terjun"}, db);
    CHECK(csv.code == kExitOk);
    CHECK(csv.out.find("Kelurahan Paya Pasir") == std::string::npos);
    CHECK(csv.out.find("Kelurahan Terjun") != std::string::npos);
}
