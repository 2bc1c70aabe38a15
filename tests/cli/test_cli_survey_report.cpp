// `seimbang report survey` (docs/SURVEY.md "Report"): files opened by
// independent readers (python3-openpyxl for XLSX, pdftotext for PDF); the index
// equals the hand-computed value, and a group under k shows no figure and none
// of its comments in any format.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "store/repo.h"
#include "survey/survey_db.h"

using namespace seimbang;
using namespace seimbang::cli;

namespace {

std::string uniform(int s) {
    std::string out;
    for (const auto& f : survey::default_instrument().facets)
        for (const auto& i : f.items) out += static_cast<char>('0' + (i.reverse ? 6 - s : s));
    return out;
}

struct SurveyDemo {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "seimbang-cli-survey-report";
    std::string db = (dir / "marelan.db").string();
    std::string campaign_id, big, small;  // two kelurahan
    explicit SurveyDemo(int big_answers, int small_answers) {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        {
            std::ostringstream out, err;
            std::istringstream in;
            Context ctx{db, out, err, in};
            REQUIRE(cmd_demo(ctx, {}) == kExitOk);
        }
        store::Db d(db);
        std::string kecamatan;
        std::vector<std::string> kel;
        for (const auto& o : store::list_offices(d)) {
            if (o.name == "Kecamatan Medan Marelan") kecamatan = o.id;
            if (o.kind == OfficeKind::kelurahan) kel.push_back(o.name);
        }
        for (const auto& o : store::list_offices(d)) {
            if (o.name == "Kelurahan Rengas Pulau") big = o.id;
            if (o.name == "Kelurahan Terjun") small = o.id;
        }
        REQUIRE(!big.empty());
        REQUIRE(!small.empty());
        survey::Campaign c;
        c.title = "Survei Kepuasan Pegawai Semester II 2026";
        c.period = "2026-S2";
        c.scope_office_id = kecamatan;
        c.opens = "2026-01-01";
        c.closes = "2099-12-31";
        REQUIRE(survey::create_campaign(d, c).ok());
        campaign_id = c.id;
        auto answer = [&](const std::string& office, int n, int score, const std::string& comment) {
            auto staff = store::list_employees(d, {office, false});
            std::erase_if(staff, [&](const Employee& e) { return e.office_id != office; });
            REQUIRE(static_cast<int>(staff.size()) >= n);
            for (int i = 0; i < n; ++i) {
                survey::AnswerInput in;
                in.campaign_id = c.id;
                in.employee_id = staff[static_cast<size_t>(i)].id;
                in.scores = uniform(score);
                in.comment = comment + " " + std::to_string(i);
                in.answered_on = in.today = {2026, 12, 7};
                REQUIRE(survey::record_answer(d, in).ok());
            }
        };
        answer(big, big_answers, 4, "Komentar besar");
        answer(small, small_answers, 2, "Rahasia kecil");
    }
    ~SurveyDemo() { std::filesystem::remove_all(dir); }
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

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("report survey: XLSX read by openpyxl, PDF by pdftotext, CSV: hand-computed index, small group hidden") {
    // Rengas Pulau: 6 answers scoring 4 everywhere → index 75 (B). Terjun: 2 answers → hidden;
    // the total (8) is shown, so Rengas Pulau is hidden too (8 − 6 = 2 would reveal Terjun).
    SurveyDemo d(6, 2);
    const std::string xlsx = d.path("survey.xlsx"), pdf = d.path("survey.pdf"), csv = d.path("survey.csv");
    for (const auto& [fmt, out] : {std::pair{"xlsx", xlsx}, {"pdf", pdf}, {"csv", csv}})
        REQUIRE(d.report({"survey", "--scope", "Kecamatan Medan Marelan", "--period", "2026-S2", "--year", "2026",
                          "--format", fmt, "--out", out}) == kExitOk);
    const std::string script = d.path("read.py");
    std::ofstream(script) << R"(import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(json.dumps({n: [list(r) for r in wb[n].iter_rows(values_only=True)] for n in wb.sheetnames}, default=str))
)";
    const auto sheets = nlohmann::json::parse(run("/usr/bin/python3 " + script + " " + xlsx));
    const auto& rows = sheets.begin().value();
    // Total row: 8 answers; index = 2 answers at 50 and 6 at 75 → mean of scores (6×4 + 2×2)/8 = 3.5 → 62.5.
    bool total_seen = false, big_seen = false, small_seen = false;
    for (const auto& r : rows) {
        if (!r.is_array() || r.size() < 9 || !r[0].is_string()) continue;
        const std::string name = r[0];
        if (name.find("Seluruh cakupan") != std::string::npos) {
            total_seen = true;
            CHECK(r[4] == 8);
            CHECK(r[5].get<double>() == doctest::Approx(62.5));
            CHECK(r[6] == "C Kurang Baik");  // IKM 25 + 0.75 × 62.5 = 71.875: C (65.00–76.60)
        }
        if (name.find("Rengas Pulau") != std::string::npos) {
            big_seen = true;
            CHECK(r[4] == "< 5");
            CHECK(r[5].is_null());
        }
        if (name.find("Terjun") != std::string::npos) {
            small_seen = true;
            CHECK(r[4] == "< 5");
            CHECK(r[5].is_null());
        }
    }
    CHECK(total_seen);
    CHECK(big_seen);
    CHECK(small_seen);
    // Comments: the total's list (8 ≥ k) is given, under the whole scope only,
    // never under an office.
    int comments = 0;
    for (auto it = sheets.begin(); it != sheets.end(); ++it) {
        if (it.key() != "Saran dan komentar") continue;
        for (const auto& r : it.value()) {
            if (!r.is_array() || r.size() < 2 || !r[1].is_string()) continue;
            const std::string text = r[1];
            if (text.find("Rahasia kecil") == std::string::npos && text.find("Komentar besar") == std::string::npos) continue;
            ++comments;
            CHECK(r[0] == "Seluruh cakupan");
        }
    }
    CHECK(comments == 8);
    const std::string text = run("pdftotext -layout " + pdf + " -");
    CHECK(text.find("HASIL SURVEI KEPUASAN PEGAWAI") != std::string::npos);
    CHECK(text.find("62,5") != std::string::npos);
    CHECK_MESSAGE(text.find("<5") != std::string::npos, text);  // ("< 5": pdftotext closes the gap)
    const std::string c = slurp(csv);
    CHECK(c.find("62.50") != std::string::npos);
    CHECK(c.find("Rahasia") == std::string::npos);
}

TEST_CASE("report survey: k-1 answers in the whole scope give no figure in any format") {
    SurveyDemo d(3, 1);
    auto out = [&](const char* fmt) { return d.path((std::string("k.") + fmt).c_str()); };
    for (const char* fmt : {"xlsx", "pdf", "csv"})
        REQUIRE(d.report({"survey", "--scope", "Kecamatan Medan Marelan", "--campaign", d.campaign_id, "--format", fmt,
                          "--out", out(fmt)}) == kExitOk);
    // XLSX: no answer count, index, category or facet cell on any line; no comment sheet rows.
    const auto sheets = nlohmann::json::parse(run(
        "/usr/bin/python3 -c \"import json,openpyxl,sys;wb=openpyxl.load_workbook(sys.argv[1]);"
        "print(json.dumps([[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb], default=str))\" " +
        out("xlsx")));
    int lines = 0;
    for (const auto& r : sheets[0]) {
        if (r.size() < 10 || !r[1].is_number()) continue;  // office and total lines have a staff count
        ++lines;
        CHECK(!r[4].is_number());
        for (size_t c = 5; c < r.size(); ++c)
            if (c != 7) CHECK_MESSAGE(r[c].is_null(), c);  // (7: EJ, which is the ABK engine's, not the survey's)
    }
    CHECK(lines >= 2);
    CHECK(sheets[1].size() <= 3);  // title, note, nothing else
    // CSV: the answer, index and category columns say "< 5" or nothing.
    std::istringstream csv(slurp(out("csv")));
    std::string line;
    std::getline(csv, line);  // headings
    while (std::getline(csv, line)) {
        std::vector<std::string> cells;
        std::stringstream ls(line);
        for (std::string c; std::getline(ls, c, ',');) cells.push_back(c);
        REQUIRE(cells.size() >= 9);
        CHECK((cells[4] == "< 5" || cells[4] == "0"));
        CHECK(cells[5].empty());
        CHECK(cells[6].empty());
        CHECK(cells[8].empty());
    }
    const std::string text = slurp(out("csv")) + run("pdftotext -layout " + out("pdf") + " -") + sheets.dump();
    CHECK(text.find("Komentar") == std::string::npos);
    CHECK(text.find("Rahasia") == std::string::npos);
    CHECK(text.find("Baik") == std::string::npos);  // no category anywhere
    std::string err;
    CHECK(d.report({"survey", "--scope", "Kecamatan Medan Marelan", "--period", "1999-S1", "--format", "csv", "--out",
                    d.path("x.csv")},
                   &err) == kExitBadInput);
    CHECK(err.find("Survei tidak ditemukan") != std::string::npos);
}
