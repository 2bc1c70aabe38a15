// `seimbang report evaluation` (issue 11): the evaluation of a period read back
// by independent readers (python3-openpyxl for XLSX, pdftotext for PDF, Python's
// csv module for CSV) and compared with the stored snapshots; bad input refused.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "eval/snapshot.h"
#include "i18n/format.h"
#include "store/repo.h"

using namespace seimbang;
using namespace seimbang::cli;

namespace {
// The Marelan demo with two closed semesters; one Terjun employee leaves between them.
struct EvalDemo {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "seimbang-cli-eval-report";
    std::string db = (dir / "marelan.db").string();
    EvalDemo() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        std::ostringstream out, err;
        std::istringstream in;
        Context ctx{db, out, err, in};
        REQUIRE(cmd_demo(ctx, {}) == kExitOk);
        store::Db d(db);
        REQUIRE(eval::take_snapshot(d, *eval::parse_period("2026-S1"), true, 1).written > 0);
        std::string terjun;
        for (const auto& o : store::list_offices(d))
            if (o.name == "Kelurahan Terjun") terjun = o.id;
        const auto staff = store::list_employees(d, {terjun});
        REQUIRE(staff.size() > 2);
        REQUIRE(store::archive_employee(d, staff[0].id).ok());
        REQUIRE(store::archive_employee(d, staff[1].id).ok());
        REQUIRE(eval::take_snapshot(d, *eval::parse_period("2026-S2"), true, 2).written > 0);
    }
    ~EvalDemo() { std::filesystem::remove_all(dir); }
    int report(const Args& args, std::string* err_text = nullptr) {
        std::ostringstream out, err;
        std::istringstream in;
        Context ctx{db, out, err, in};
        const int code = cmd_report(ctx, args);
        if (err_text) *err_text = err.str();
        return code;
    }
    std::string path(const char* name) const { return (dir / name).string(); }
    // The stored rows of a period, by office name.
    std::map<std::string, eval::OfficeSnapshot> stored(const std::string& period) {
        store::Db d(db);
        std::map<std::string, eval::OfficeSnapshot> out;
        for (auto& s : eval::load_snapshots(d))
            if (s.period == period) out[s.office_name] = s;
        return out;
    }
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
}  // namespace

TEST_CASE("report evaluation --format xlsx and csv: every office's figures as stored, read by openpyxl and csv") {
    EvalDemo d;
    const std::string xlsx = d.path("eval.xlsx"), csv = d.path("eval.csv");
    const Args common{"--scope", "Kecamatan Medan Marelan", "--period", "2026-S2"};
    Args a{"evaluation", "--format", "xlsx", "--out", xlsx};
    a.insert(a.end(), common.begin(), common.end());
    REQUIRE(d.report(a) == kExitOk);
    Args c{"evaluation", "--format", "csv", "--out", csv};
    c.insert(c.end(), common.begin(), common.end());
    REQUIRE(d.report(c) == kExitOk);

    const std::string script = d.path("read.py");
    std::ofstream(script) << R"(import csv, json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {name: [list(r) for r in wb[name].iter_rows(values_only=True)] for name in wb.sheetnames}
with open(sys.argv[2], newline='', encoding='utf-8') as f:
    out['csv'] = [row for row in csv.reader(f)]
print(json.dumps(out, default=str))
)";
    const auto got = nlohmann::json::parse(run("/usr/bin/python3 " + script + " " + xlsx + " " + csv));
    REQUIRE(got.contains("Per Unit"));
    REQUIRE(got.contains("Mutasi"));
    const auto now = d.stored("2026-S2"), before = d.stored("2026-S1");
    const auto& rows = got["Per Unit"];
    const auto& csv_rows = got["csv"];
    // Title, period line, blank, headings, then one row per office of the kecamatan.
    REQUIRE(rows.size() >= 4 + 6);
    CHECK(rows[4][0] == "Kecamatan Medan Marelan");
    CHECK(rows[1][0].get<std::string>().find("2026-S1") != std::string::npos);  // compared with
    size_t offices = 0;
    bool terjun_worse_or_better = false;
    for (size_t i = 4; i < rows.size() && !rows[i][0].is_null(); ++i, ++offices) {
        const std::string name = rows[i][0];
        INFO(name);
        REQUIRE(now.count(name));
        const auto& b = now.at(name).balance;
        CHECK(rows[i][2].get<double>() == doctest::Approx(b.ej_cv));
        CHECK(rows[i][5].get<double>() == doctest::Approx(b.share_balanced));
        CHECK(rows[i][6].get<int>() == b.overloaded);
        CHECK(rows[i][7].get<int>() == b.positions_short);
        CHECK(rows[i][9].get<double>() == doctest::Approx(b.sum_sq));
        CHECK(rows[i][10].get<double>() == doctest::Approx(before.at(name).balance.ej_cv));
        if (name == "Kelurahan Terjun") terjun_worse_or_better = rows[i][11] != "Tetap";
        // The CSV line of the same office: the same figures.
        const auto& line = csv_rows[i - 3];
        CHECK(line[0] == name);
        CHECK(std::stod(line[2].get<std::string>()) == doctest::Approx(b.ej_cv).epsilon(1e-3));
        CHECK(std::stoi(line[6].get<std::string>()) == b.overloaded);
    }
    CHECK(offices == now.size() - 1);  // every office but the kota above the scope
    // Per Jabatan: every own position of every office, as stored, beside its EJ the period before.
    REQUIRE(got.contains("Per Jabatan"));
    const auto& prow = got["Per Jabatan"];
    std::map<std::string, const eval::PositionFigures*> stored_pos, before_pos;  // "office|position"
    std::vector<eval::OfficeSnapshot> keep;
    {
        store::Db db(d.db);
        keep = eval::load_snapshots(db, true);
        for (const auto& s : keep)
            for (const auto& p : s.positions) (s.period == "2026-S2" ? stored_pos : before_pos)[s.office_name + "|" + p.name] = &p;
    }
    size_t plines = 0;
    for (size_t i = 4; i < prow.size() && !prow[i][0].is_null(); ++i, ++plines) {
        const std::string key = prow[i][0].get<std::string>() + "|" + prow[i][1].get<std::string>();
        INFO(key);
        REQUIRE(stored_pos.count(key));
        const auto& p = *stored_pos.at(key);
        CHECK(prow[i][2].get<double>() == doctest::Approx(p.needed));
        CHECK(prow[i][4].get<int>() == p.holders);
        CHECK(prow[i][5].get<int>() == p.difference);
        if (p.ej) CHECK(prow[i][6].get<double>() == doctest::Approx(*p.ej));
        const auto* b = before_pos.count(key) ? before_pos.at(key) : nullptr;
        if (b && b->ej) CHECK(prow[i][8].get<double>() == doctest::Approx(*b->ej));
    }
    size_t expected_lines = 0;
    for (const auto& [k, p] : stored_pos)
        if (k.rfind("Kota Medan|", 0) != 0) ++expected_lines;
    CHECK(plines == expected_lines);
    CHECK(plines > 20);
    CHECK(csv_rows.size() == offices + 1);
    CHECK(terjun_worse_or_better);  // two people left Terjun between the periods
}

TEST_CASE("report evaluation --format pdf: pdftotext finds the heading and the figures in Indonesian format") {
    EvalDemo d;
    const std::string pdf = d.path("eval.pdf");
    REQUIRE(d.report({"evaluation", "--scope", "Kecamatan Medan Marelan", "--period", "2026-S2", "--format", "pdf",
                      "--out", pdf}) == kExitOk);
    const std::string text = run("pdftotext -layout " + pdf + " -");
    CHECK(text.find("EVALUASI KESEIMBANGAN BEBAN KERJA") != std::string::npos);
    CHECK(text.find("Kelurahan Terjun") != std::string::npos);
    CHECK(text.find("Angka per jabatan (ABK)") != std::string::npos);
    for (const auto& [name, s] : d.stored("2026-S2")) {
        if (name == "Kota Medan") continue;
        INFO(name);
        CHECK(text.find(i18n::format_decimal(s.balance.ej_cv, 2, i18n::Lang::id)) != std::string::npos);
    }
}

TEST_CASE("report evaluation: bad input is refused with a clear error and no file is written") {
    EvalDemo d;
    const std::string out = d.path("x.xlsx");
    std::string err;
    CHECK(d.report({"evaluation", "--format", "xlsx", "--out", out}, &err) == kExitBadInput);
    CHECK(err.find("2026-S2") != std::string::npos);  // the message shows what a period looks like
    CHECK(d.report({"evaluation", "--format", "xlsx", "--out", out, "--period", "2026-S7"}, &err) == kExitBadInput);
    CHECK(d.report({"evaluation", "--format", "xlsx", "--out", out, "--period", "2025-S1"}, &err) == kExitBadInput);
    CHECK(err.find("potret") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
}
