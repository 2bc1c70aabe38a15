// Nasional (national.h): the national views asked online and read into plain
// structs for the screen (client/ui/screen_national.cpp).
#include "app/national.h"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "i18n/format.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "sync/http.h"
#include "util/uuid.h"
#include "workflow/request.h"
#include "workflow/sync_commands.h"

namespace seimbang::app {

using nlohmann::json;

namespace {

// The string-table key for an answer that carries no view.
std::string failure_key(const HttpResponse& r) {
    if (r.status == 0) return "ui.national.offline";
    if (r.status == 401) return "ui.national.signed_out";
    if (r.status == 403) return "ui.national.forbidden";
    const std::string code = sync::error_code(r.status, r.body);
    if (code == "national.not_configured") return "ui.national.not_configured";
    if (code == "export.bad_period" || code == "abk.bad_year") return code;
    return "ui.national.failed";
}

HttpRequest get(App& a, const std::string& path) {
    return HttpRequest{"GET", path, "", a.login.session ? a.login.session->token : "", sync::device_id(a.local->db())};
}

// Asks `path` and stores the parsed answer in `slot`, unless a later question
// was asked meanwhile (its answer replaces this one).
template <class T, class Parse>
void ask(App& a, NationalAnswer<T>& slot, const std::string& path, Parse parse) {
    const long long gen = ++a.national.generation;
    slot.asked = gen;
    slot.loading = true;
    slot.error.clear();
    a.platform.http(get(a, path), [&a, &slot, gen, parse](const HttpResponse& r) {
        if (slot.asked != gen) return;
        slot.loading = false;
        if (r.status != 200) {
            slot.error = failure_key(r);
            if (r.status == 401) a.sync.auth_failed(sync::error_code(r.status, r.body));
            return;
        }
        auto data = parse(r.body);
        if (!data) {
            slot.error = "ui.national.failed";
            return;
        }
        slot.data = std::move(data);
    });
}

}  // namespace

bool national_period(const NationalView& v, std::string& from, std::string& to, std::string& error) {
    const auto f = i18n::parse_date(v.from_text), t = i18n::parse_date(v.to_text);
    if (!f.value || !t.value) {
        error = !f.value ? (f.error.empty() ? "date.invalid" : f.error) : (t.error.empty() ? "date.invalid" : t.error);
        return false;
    }
    if (*t.value < *f.value) {
        error = "ui.national.period_reversed";
        return false;
    }
    // The server takes at most five years per question (export.bad_period).
    if (years_between(*f.value, *t.value) >= 5) {
        error = "ui.national.period_too_long";
        return false;
    }
    from = format_iso_date(*f.value);
    to = format_iso_date(*t.value);
    error.clear();
    return true;
}

void national_prepare(App& a) {
    NationalView& v = a.national;
    if (v.year != 0) return;
    const Date today = workflow::today_wib();
    v.year = today.year;
    v.from_text = i18n::format_date(Date{today.year, 1, 1});
    v.to_text = i18n::format_date(today);
}

void national_refresh(App& a) {
    national_prepare(a);
    NationalView& v = a.national;
    switch (v.tab) {
        case NationalView::Tab::abk: {
            std::string path = "/api/v1/national/abk?year=" + std::to_string(v.year) +
                               "&limit=" + std::to_string(kNationalRows);
            if (!v.province.empty()) path += "&province=" + sync::query_value(v.province);
            // The server pages instansi by id; a reader looks for them by province and name.
            ask(a, v.abk, path, [](const std::string& body) {
                auto abk = parse_national_abk(body);
                if (abk)
                    std::stable_sort(abk->instansi.begin(), abk->instansi.end(),
                                     [](const NationalArea& x, const NationalArea& y) {
                                         return std::tie(x.province, x.name) < std::tie(y.province, y.name);
                                     });
                return abk;
            });
            break;
        }
        case NationalView::Tab::transfers: {
            std::string from, to;
            if (!national_period(v, from, to, v.period_error)) return;
            ask(a, v.transfers,
                "/api/v1/national/transfers?from=" + from + "&to=" + to + "&limit=" + std::to_string(kNationalRows),
                parse_national_transfers);
            break;
        }
        case NationalView::Tab::advice:
            ask(a, v.advice, "/api/v1/national/advice?limit=" + std::to_string(kNationalRows), parse_national_advice);
            break;
        case NationalView::Tab::claims:
            ask(a, v.claims,
                "/api/v1/national/claims?limit=" + std::to_string(kNationalRows) +
                    "&offset=" + std::to_string(v.claims_offset),
                parse_national_claims);
            break;
    }
}

namespace {
// The typed note's refusal (a string-table key; empty: fine).
std::string note_refusal(const std::string& note, NationalView::Step step) {
    if (note.find_first_not_of(" \t\r\n") == std::string::npos)
        return step == NationalView::Step::advise ? "ui.national.advice_note_required" : "ui.national.reason_required";
    if (note.size() > workflow::kMaxTextLength) return "workflow.text_too_long";
    return {};
}
const char* command_of(NationalView::Step step) {
    switch (step) {
        case NationalView::Step::return_: return "return";
        case NationalView::Step::reject: return "reject";
        default: return "advise";
    }
}
const char* done_message(NationalView::Step step) {
    switch (step) {
        case NationalView::Step::return_: return "ui.national.returned";
        case NationalView::Step::reject: return "ui.national.rejected";
        default: return "ui.national.advice_given";
    }
}
}  // namespace

void national_ask_confirm(App& a, const std::string& request_id, NationalView::Step step) {
    NationalView& v = a.national;
    if (v.advising) return;
    v.advice_for = request_id;
    v.advice_message = note_refusal(v.advice_notes[request_id], step);
    v.confirm_for = v.advice_message.empty() ? request_id : std::string();
    v.confirm_step = step;
}

void national_advise(App& a, const std::string& request_id, NationalView::Step step) {
    NationalView& v = a.national;
    if (v.advising) return;
    v.advice_for = request_id;
    v.confirm_for.clear();
    const std::string note = v.advice_notes[request_id];
    v.advice_message = note_refusal(note, step);
    if (!v.advice_message.empty()) return;
    // A counter no earlier session of this device can have used (the server
    // answers a re-used one `duplicate` without running the step): the clock
    // in its high bits, strictly increasing within the session.
    const long long now = static_cast<long long>(a.platform.unix_seconds()) * 1000;
    v.last_counter = std::max(v.last_counter + 1, now << 16);
    const json mutation = {{"counter", v.last_counter},
                           {"hlc", sync::make_hlc(now, 0)},
                           {"schema", store::latest_schema_version()},
                           {"table", "requests"},
                           {"row", request_id},
                           {"op", "command"},
                           {"command", command_of(step)},
                           {"expect", "disetujui_unit_asal"},
                           {"base", 0},
                           {"args", {{"note", note}, {"event_id", new_uuid_v7()}}}};
    const std::string device = sync::device_id(a.local->db());
    HttpRequest req{"POST", "/api/v1/sync/push",
                    json{{"device_id", device}, {"mutations", json::array({mutation})}}.dump(),
                    a.login.session ? a.login.session->token : "", device};
    v.advising = true;
    v.advice_message.clear();
    a.platform.http(req, [&a, request_id, step](const HttpResponse& r) {
        NationalView& v = a.national;
        v.advising = false;
        if (r.status != 200) {
            v.advice_message = failure_key(r);
            if (r.status == 401) a.sync.auth_failed(sync::error_code(r.status, r.body));
            return;
        }
        const json j = json::parse(r.body, nullptr, false);
        const json* results = j.is_object() && j.contains("results") && j["results"].is_array() ? &j["results"] : nullptr;
        if (!results || results->empty() || !(*results)[0].is_object()) {
            v.advice_message = "ui.national.failed";
            return;
        }
        const json& res = (*results)[0];
        const std::string status = res.value("status", "");
        if (status == "applied" || status == "duplicate") {
            v.advice_message = done_message(step);
            v.advice_notes.erase(request_id);
            national_refresh(a);  // the request leaves the list
        } else {
            const std::string reason = res.value("reason", "");
            v.advice_message = reason.empty() ? "ui.national.failed" : reason;
        }
    });
}

void national_export(App& a) {
    NationalView& v = a.national;
    std::string from, to;
    if (!national_period(v, from, to, v.period_error)) return;
    v.exporting = true;
    v.export_message.clear();
    const int offset = v.export_offset;
    const std::string path = "/api/v1/national/imut.csv?from=" + from + "&to=" + to +
                             "&limit=" + std::to_string(kNationalExportLines) + "&offset=" + std::to_string(offset);
    a.platform.http(get(a, path), [&a, from, to, offset](const HttpResponse& r) {
        NationalView& v = a.national;
        v.exporting = false;
        if (r.status != 200) {
            v.export_message = failure_key(r);
            if (r.status == 401) a.sync.auth_failed(sync::error_code(r.status, r.body));
            return;
        }
        // A full page may have more after it: the next download continues there.
        long long lines = 0;
        for (char c : r.body) lines += c == '\n';
        const long long moves = lines > 0 ? lines - 1 : 0;  // the header line
        const int part = offset / kNationalExportLines + 1;
        a.platform.save_file("imut-nasional-" + from + "-" + to + (part > 1 || moves >= kNationalExportLines
                                                                        ? "-bagian-" + std::to_string(part)
                                                                        : std::string()) + ".csv",
                             "text/csv;charset=utf-8", r.body);
        if (moves >= kNationalExportLines) {
            v.export_offset = offset + kNationalExportLines;
            v.export_message = "ui.national.export_more";
        } else {
            v.export_offset = 0;
            v.export_message = "ui.national.export_saved";
        }
    });
}

}  // namespace seimbang::app
