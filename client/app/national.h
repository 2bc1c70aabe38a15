// Nasional: what a `pusat` account reads on the national server (docs/SCALE.md
// "National views", docs/CLIENT.md "Online-only"). The centre holds millions of
// rows of some 550 instansi; a browser never replicates them. This part asks the
// server's views (ABK roll-up, transfers per period, NIPs held in two instansi,
// the I-MUT export) and keeps only the answer on screen: nothing is stored on
// the device, and without the network the screen says so.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/date.h"

namespace seimbang::app {

class App;

// The unit figures of one instansi or province (abk::finish_unit, summed in SQL).
struct NationalFigures {
    double workload_minutes = 0, needed = 0;
    long long needed_rounded = 0, holders = 0, difference = 0;
    long long positions = 0, positions_short = 0, positions_surplus = 0;
    std::optional<double> eu;  // none without holders
};
struct NationalArea {
    std::string id, name, province;  // an instansi (id, name, province) or a province (province only)
    NationalFigures f;
};
struct NationalJabatan {
    std::string name;
    long long positions = 0, holders = 0, needed_rounded = 0, shortage = 0, surplus = 0;
};
struct NationalAbk {
    int year = 0;
    std::vector<NationalArea> provinces, instansi;
    long long instansi_total = 0;  // of the asked province, all pages
    std::vector<NationalJabatan> jabatan;  // the largest shortage first
    long long jabatan_total = 0;
};

// Transfers of a period: per month (filed/decided/rejected by kind and reason)
// and per instansi with what is open now.
struct NationalPeriodRow {
    std::string period, kind, reason;  // "YYYY-MM" (WIB), workflow kind and reason codes
    long long filed = 0, decided = 0, rejected = 0;
};
struct NationalInstansiMoves {
    std::string id, name, province;
    long long filed = 0, decided = 0, rejected = 0, open = 0;
};
struct NationalCounts {
    long long filed = 0, decided = 0, rejected = 0;
};
using NationalCountList = std::vector<std::pair<std::string, NationalCounts>>;  // key → counts, keys sorted
struct NationalTransfers {
    std::string from, to;  // ISO dates
    std::vector<NationalPeriodRow> periods;
    // The rows summed once when the answer arrives: per month ("YYYY-MM"),
    // per reason code and per kind code.
    NationalCountList per_month, per_reason, per_kind;
    long long filed = 0, decided = 0, rejected = 0;
    std::vector<NationalInstansiMoves> instansi;
    long long instansi_total = 0;
};

// A NIP active in two or more instansi: each holder with their open request.
struct NationalHolder {
    std::string instansi, instansi_name, name, office;
    std::string request_number, request_status, request_kind;  // empty: no open request
};
struct NationalClaim {
    std::string nip;
    bool in_flight = false;  // a between-instansi move explains it
    std::vector<NationalHolder> holders;
};
struct NationalClaims {
    long long total = 0;
    std::vector<NationalClaim> claims;
};

// A between-instansi request waiting for BKN's pertimbangan teknis.
struct NationalAwaiting {
    std::string id, number, nip, name, reason, explanation;
    long long status_ms = 0;  // since when it waits (the sending side's approval)
    std::string from_instansi, to_instansi, to_office;  // names
};
struct NationalAdvice {
    long long total = 0;
    std::vector<NationalAwaiting> requests;
};

// The views' JSON (server/national/rollup.cpp, views.cpp, advice.cpp); none
// when the body is not that shape.
std::optional<NationalAbk> parse_national_abk(const std::string& body);
std::optional<NationalTransfers> parse_national_transfers(const std::string& body);
std::optional<NationalClaims> parse_national_claims(const std::string& body);
std::optional<NationalAdvice> parse_national_advice(const std::string& body);

// Rows per answer: the server's page limit (kMaxViewRows); 550 instansi fit in one.
inline constexpr int kNationalRows = 1000;
// Lines per I-MUT file: the server's export page (kMaxExportRows).
inline constexpr int kNationalExportLines = 100000;

// One view's answer on screen: loading, its data, or why there is none.
template <class T>
struct NationalAnswer {
    bool loading = false;
    std::optional<T> data;
    std::string error;  // string-table key; empty when the data is current
    long long asked = 0;  // the generation of the question on the way (later answers replace earlier ones)
};

struct NationalView {
    enum class Tab { abk, transfers, claims, advice };
    Tab tab = Tab::abk;
    // What is asked: the ABK year and province (empty: all); the period typed as
    // a person writes dates (i18n::parse_date); the claims' first row.
    int year = 0;
    std::string province;
    std::string from_text, to_text;
    int claims_offset = 0;
    NationalAnswer<NationalAbk> abk;
    NationalAnswer<NationalTransfers> transfers;
    NationalAnswer<NationalClaims> claims;
    NationalAnswer<NationalAdvice> advice;
    // Pertimbangan teknis: the note typed per request, the step in flight, the
    // outcome (a string-table key; `advice_for` names the request).
    std::map<std::string, std::string> advice_notes;
    bool advising = false;
    std::string advice_message, advice_for;
    // BKN's other outcomes at that state (return to the proposing instansi for
    // correction, reject) ask for a confirmation first: the request and the
    // step waiting for "Ya" (empty: none).
    std::string confirm_for;
    enum class Step { advise, return_, reject };
    Step confirm_step = Step::advise;
    long long last_counter = 0;  // the push counters this session used (strictly increasing)
    // I-MUT download: the next file's first line (0: from the start), the outcome.
    int export_offset = 0;
    std::string export_message;  // string-table key
    bool exporting = false;
    std::string period_error;  // string-table key of the typed period's refusal
    long long generation = 0;
};

// Fills the defaults (this year; 1 January to today) when the screen is first shown.
void national_prepare(App& a);
// Asks the server the current tab's view again (with the typed year/province/period).
void national_refresh(App& a);
// Downloads the next I-MUT file of the typed period (pages of kNationalExportLines).
void national_export(App& a);
// BKN's step on a waiting request: the workflow's `advise` (pertimbangan
// teknis), `return` (to the proposing instansi for correction) or `reject`
// command pushed like a device's (the national store runs the step and hands
// it down to both instansi), with the typed note as the advice or the reason.
// A note is required. Return and reject are asked to be confirmed first
// (national_ask_confirm, then national_advise with the same step).
void national_advise(App& a, const std::string& request_id, NationalView::Step step = NationalView::Step::advise);
// Checks the note and, when it is there, asks for the confirmation of `step`.
void national_ask_confirm(App& a, const std::string& request_id, NationalView::Step step);
// The typed period as ISO dates, or the refusal's string-table key in `error`.
bool national_period(const NationalView& v, std::string& from, std::string& to, std::string& error);

}  // namespace seimbang::app
