// `seimbang report abk`: files opened by independent readers (python3-openpyxl
// for XLSX, run by Debian's /usr/bin/python3; pdftotext for PDF) and their figures compared with the ABK engine's.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "i18n/format.h"
#include "report/abk_forms.h"
#include "store/repo.h"
#include "store/schema.h"

using namespace seimbang;
using namespace seimbang::cli;

namespace {
struct Demo {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "seimbang-cli-report";
    std::string db = (dir / "marelan.db").string();
    Demo() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        std::ostringstream out, err;
        std::istringstream in;
        Context ctx{db, out, err, in};
        REQUIRE(cmd_demo(ctx, {}) == kExitOk);
    }
    ~Demo() { std::filesystem::remove_all(dir); }
    int report(const Args& args, std::string* err_text = nullptr) {
        std::ostringstream out, err;
        std::istringstream in;
        Context ctx{db, out, err, in};
        const int code = cmd_report(ctx, args);
        if (err_text) *err_text = err.str();
        return code;
    }
    std::string path(const char* name) const { return (dir / name).string(); }
};

std::string run(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    REQUIRE(pclose(p) == 0);
    return out;
}

// The engine's figures for the same scope and year, straight from the database.
report::AbkForms engine_forms(const std::string& db_path, int year) {
    store::Db db(db_path);
    std::string root;
    for (const auto& o : store::list_offices(db))
        if (o.name == "Kecamatan Medan Marelan") root = o.id;
    REQUIRE(!root.empty());
    return report::build_abk_forms(db, root, year);
}
}  // namespace

TEST_CASE("report abk --format xlsx: openpyxl reads the engine's figures on every row of Form D and E") {
    Demo d;
    const std::string xlsx = d.path("abk.xlsx");
    REQUIRE(d.report({"abk", "--scope", "Kecamatan Medan Marelan", "--year", "2026", "--format", "xlsx", "--out", xlsx}) ==
            kExitOk);
    const std::string script = d.path("read.py");
    std::ofstream(script) << R"(import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {}
for name in wb.sheetnames:
    rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
    out[name] = rows
print(json.dumps(out, default=str))
)";
    const auto sheets = nlohmann::json::parse(run("/usr/bin/python3 " + script + " " + xlsx));
    REQUIRE(sheets.contains("Rekap Unit"));
    REQUIRE(sheets.contains("Per Jabatan"));
    REQUIRE(sheets.contains("Uraian Tugas"));

    const auto forms = engine_forms(d.db, 2026);
    REQUIRE(forms.positions.size() > 20);
    const auto& pos_rows = sheets["Per Jabatan"];
    // Title, subtitle, blank, headings, then one row per position.
    REQUIRE(pos_rows.size() == 4 + forms.positions.size());
    CHECK(pos_rows[3][0] == "Unit kerja");
    for (size_t i = 0; i < forms.positions.size(); ++i) {
        const auto& row = pos_rows[4 + i];
        const auto& p = forms.positions[i];
        INFO(p.unit << " / " << p.position);
        CHECK(row[0] == p.unit);
        CHECK(row[1] == p.position);
        CHECK(row[2].get<double>() == doctest::Approx(p.figures.workload_minutes));
        CHECK(row[3].get<double>() == doctest::Approx(p.figures.needed));
        CHECK(row[5].get<int>() == p.figures.holders);
        CHECK(row[6].get<int>() == p.figures.difference);
        if (p.figures.ej) CHECK(row[7].get<double>() == doctest::Approx(*p.figures.ej));
        else CHECK(row[7].is_null());
    }
    const auto& unit_rows = sheets["Rekap Unit"];
    REQUIRE(unit_rows.size() >= 4 + forms.units.size());
    CHECK(unit_rows[4][0] == "Kecamatan Medan Marelan");  // the scope root comes first
    CHECK(unit_rows[4][4].get<int>() == forms.units[0].figures.holders);
    CHECK(unit_rows[4][6].get<int>() == forms.units[0].figures.positions_short);
    CHECK(sheets["Uraian Tugas"].size() == 4 + forms.tasks.size());
}

TEST_CASE("report abk --format pdf: pdftotext finds the heading and the engine's figures in Indonesian format") {
    Demo d;
    const std::string pdf = d.path("abk.pdf");
    REQUIRE(d.report({"abk", "--scope", "Kecamatan Medan Marelan", "--year", "2026", "--format", "pdf", "--out", pdf}) ==
            kExitOk);
    const std::string text = run("pdftotext -layout " + pdf + " -");
    CHECK(text.find("ANALISIS BEBAN KERJA") != std::string::npos);
    CHECK(text.find("Kecamatan Medan Marelan") != std::string::npos);
    CHECK(text.find("Form D") != std::string::npos);
    const auto forms = engine_forms(d.db, 2026);
    int found = 0;
    for (const auto& p : forms.positions) {
        const std::string minutes = i18n::format_int(static_cast<long long>(p.figures.workload_minutes + 0.5),
                                                     i18n::Lang::id);
        if (p.figures.workload_minutes >= 1000) CHECK_MESSAGE(minutes.find('.') != std::string::npos, minutes);
        found += text.find(minutes) != std::string::npos;
        if (p.figures.ej) found += text.find(i18n::format_decimal(*p.figures.ej, 2, i18n::Lang::id)) != std::string::npos;
    }
    // Every workload figure and every EJ is printed (a value may repeat, so count hits, not places).
    int expected = 0;
    for (const auto& p : forms.positions) expected += 1 + (p.figures.ej ? 1 : 0);
    CHECK(found == expected);
}

TEST_CASE("report abk: bad input is refused with a clear error and no file is written") {
    Demo d;
    std::string err;
    const std::string out = d.path("x.xlsx");
    CHECK(d.report({"abk", "--format", "docx", "--out", out}, &err) == kExitBadInput);
    CHECK(err.find("xlsx, pdf atau csv") != std::string::npos);
    CHECK(d.report({"abk", "--format", "xlsx", "--out", out, "--scope", "Kelurahan Atlantis"}, &err) == kExitBadInput);
    CHECK(err.find("Kelurahan Atlantis") != std::string::npos);
    CHECK(d.report({"abk", "--format", "xlsx", "--out", out, "--year", "20x6"}, &err) == kExitBadInput);
    CHECK(d.report({"absensi", "--format", "xlsx", "--out", out}, &err) == kExitBadInput);
    CHECK(d.report({"abk", "--format", "pdf"}, &err) == kExitBadInput);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK(d.report({"abk", "--format", "csv", "--out", d.path("no-such-dir/x.csv")}, &err) == kExitFailure);
}

TEST_CASE("report abk --format csv: Form D with headings, one line per position") {
    Demo d;
    const std::string csv = d.path("abk.csv");
    REQUIRE(d.report({"abk", "--format", "csv", "--out", csv, "--lang", "en", "--year", "2026"}) == kExitOk);
    std::ifstream f(csv);
    std::string first;
    std::getline(f, first);
    CHECK(first.rfind("Office,Position,", 0) == 0);
    int lines = 0;
    for (std::string l; std::getline(f, l);) ++lines;
    const auto forms = engine_forms(d.db, 2026);
    // Without --scope: the root office (Kota Medan in the demo) covers the same positions.
    CHECK(lines == static_cast<int>(forms.positions.size()));
}
