#include <doctest/doctest.h>

#include "abk/abk.h"
#include "abk/csv_input.h"
#include "abk/json_output.h"

#include <nlohmann/json.hpp>

using namespace seimbang;
using namespace seimbang::abk;

TEST_CASE("ABK worked check of domain.md: 54,300 minutes / 75,000 = 0.724 staff") {
    Settings s;
    Result r = analyse({{"Kel", "Clerk", 1, {{"t", "u", 1810, Period::year, 30}}}}, s);
    REQUIRE(r.positions.size() == 1);
    CHECK(r.positions[0].workload_minutes == doctest::Approx(54300));
    CHECK(r.positions[0].needed == doctest::Approx(0.724));
    CHECK(r.positions[0].needed_rounded == 1);
    CHECK(r.positions[0].ej.value() == doctest::Approx(0.724));
    CHECK(r.positions[0].pj->grade == "C");
}

TEST_CASE("ABK: EJ > 1 means overloaded; vacancies have no EJ; difference is holders - needed") {
    Settings s;
    Result r = analyse({{"A", "Busy", 2, {{"t", "u", 10, Period::day, 60}}},   // 150,000 min → 2 needed
                        {"A", "Idle", 4, {{"t", "u", 100, Period::month, 30}}},  // 36,000 min → 0.48
                        {"B", "Vacant", 0, {{"t", "u", 1, Period::week, 1500}}}},
                       s);
    CHECK(r.positions[0].needed == doctest::Approx(2.0));
    CHECK(r.positions[0].ej.value() == doctest::Approx(1.0));
    CHECK(r.positions[0].pj->grade == "B");  // exactly 1.00 is B ("A" is strictly above 1)
    CHECK(r.positions[1].ej.value() == doctest::Approx(0.12));
    CHECK(r.positions[1].difference == 4);  // half-up of 0.48 is 0
    CHECK(r.positions[1].pj->grade == "E");
    CHECK_FALSE(r.positions[2].ej.has_value());
    CHECK(r.positions[2].difference == -1);  // 75,000 min → 1 needed, nobody there
    REQUIRE(r.units.size() == 2);
    CHECK(r.units[0].eu.value() == doctest::Approx(186000.0 / (6 * 75000)));
    CHECK(r.units[0].positions_surplus == 1);
    CHECK(r.units[1].positions_short == 1);
}

TEST_CASE("ABK: annualisation, WKE and rounding come from settings") {
    Settings s;
    TaskInput day{"t", "u", 1, Period::day, 100};
    CHECK(task_minutes(day, s) == doctest::Approx(25000));
    s.per_day = 240;
    CHECK(task_minutes(day, s) == doctest::Approx(24000));
    s.wke_minutes = 72000;  // 1,200 h (Perka BKN 19/2011)
    Result r = analyse({{"A", "P", 1, {day}}}, s);
    CHECK(r.positions[0].needed == doctest::Approx(24000.0 / 72000));
    CHECK(round_needed(2.4, s) == 2);
    s.rounding = RoundingRule::ceil;
    CHECK(round_needed(2.4, s) == 3);
    CHECK(round_needed(2.0000000001, s) == 2);
}

TEST_CASE("ABK roll-up counts shortages and surpluses per position, not netted") {
    Settings s;
    Result r = analyse({{"kel1", "Clerk", 3, {{"t", "u", 75000, Period::year, 1}}},   // needs 1, has 3
                        {"kel2", "Clerk", 0, {{"t", "u", 150000, Period::year, 1}}}},  // needs 2, has 0
                       s);
    auto up = roll_up(r, s, [](const std::string& u) { return u == "kec" ? std::string() : std::string("kec"); });
    REQUIRE(up.size() == 3);  // kel1, kec, kel2
    CHECK(up[0].unit == "kel1");
    CHECK(up[0].difference == 2);
    CHECK(up[1].unit == "kec");
    CHECK(up[1].holders == 3);
    CHECK(up[1].needed_rounded == 3);
    CHECK(up[1].difference == 0);       // netted staff count looks balanced…
    CHECK(up[1].positions_short == 1);  // …but one position is short
    CHECK(up[1].positions_surplus == 1);
    CHECK(up[2].unit == "kel2");
    CHECK(up[2].eu.has_value() == false);
}

TEST_CASE("ABK CSV: valid input, quoted fields, per-period annualisation") {
    auto in = read_csv("unit,position,task,output_unit,volume,period,norm_minutes,holders\r\n"
                       "Kel A,Clerk,\"Letters, certificates\",doc,1810,year,30,1\r\n"
                       "Kel A,Clerk,Filing,doc,2,day,10,1\r\n");
    REQUIRE(in.errors.empty());
    REQUIRE(in.positions.size() == 1);
    CHECK(in.positions[0].tasks.size() == 2);
    CHECK(in.positions[0].tasks[0].task == "Letters, certificates");
    Result r = analyse(in.positions, Settings{});
    CHECK(r.positions[0].workload_minutes == doctest::Approx(54300 + 5000));
    auto j = to_json(r);
    CHECK(j["positions"][0]["ej"].get<double>() == doctest::Approx(0.7907));
    CHECK(j["units"][0]["eu"].get<double>() == doctest::Approx(0.7907));
}

TEST_CASE("ABK CSV: malformed rows report line and column and return nothing") {
    auto in = read_csv("unit,position,task,output_unit,volume,period,norm_minutes,holders\n"
                       "A,P,T,u,10,year,5,1\n"
                       "A,P,T,u,abc,year,5,1\n"
                       "A,P,T,u,1,fortnight,5,1\n"
                       "A,P,T,u,1,year,5,2\n");
    CHECK(in.positions.empty());
    REQUIRE(in.errors.size() == 3);
    CHECK(in.errors[0].line == 3);
    CHECK(in.errors[0].column == "volume");
    CHECK(in.errors[0].code == "abk.csv.bad_number");
    CHECK(in.errors[1].column == "period");
    CHECK(in.errors[2].code == "abk.csv.holders_mismatch");
    CHECK(read_csv("a,b\n1,2\n").errors.at(0).code == "abk.csv.bad_header");
    CHECK(read_csv("").errors.at(0).code == "abk.csv.empty");
    CHECK(read_csv("unit,position,task,output_unit,volume,period,norm_minutes,holders\nA,\"P,T\n").errors.at(0).code ==
          "csv.unterminated_quote");
}

TEST_CASE("ABK status bands come from the settings: EJ 1,78 graded A is overloaded, not good news") {
    Settings s;
    Result r = analyse({{"Terjun", "Pengadministrasi", 2, {{"t", "u", 267320, Period::year, 1}}}}, s);
    REQUIRE(r.positions[0].ej);
    CHECK(*r.positions[0].ej == doctest::Approx(1.78).epsilon(0.01));
    CHECK(r.positions[0].pj->grade == "A");                       // the regulation's letter
    CHECK(load_status(r.positions[0].ej, s) == LoadStatus::over);  // what it means
    CHECK(load_status(1.05, s) == LoadStatus::balanced);           // default band 0,90–1,10
    CHECK(load_status(0.70, s) == LoadStatus::under);              // no longer "Seimbang"
    CHECK(load_status(std::nullopt, s) == LoadStatus::none);
    nlohmann::json j = to_json(s);
    j["status_bands"] = {{"balanced_min", 0.8}, {"balanced_max", 1.0}};
    REQUIRE(settings_from_json(j, s).ok());
    CHECK(load_status(1.05, s) == LoadStatus::over);
    CHECK(load_status(0.85, s) == LoadStatus::balanced);
    j["status_bands"] = {{"balanced_min", 1.2}, {"balanced_max", 1.0}};
    CHECK_FALSE(settings_from_json(j, s).ok());
    CHECK(s.balanced_max == 1.0);  // a bad value leaves the settings unchanged
}
