// The national views' JSON read into the Nasional screen's structs
// (national.h). Kept apart from the requests so the national tier's tests read
// the real server's answers with the same code (tests/national).
#include <map>

#include <nlohmann/json.hpp>

#include "app/national.h"

namespace seimbang::app {

using nlohmann::json;

namespace {

long long int_of(const json& j, const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_number() ? it->get<long long>() : 0;
}
double real_of(const json& j, const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}
std::string text_of(const json& j, const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
// A list the view always sends; a missing or mistyped one means another shape.
const json* list_of(const json& j, const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_array() ? &*it : nullptr;
}

NationalFigures figures_of(const json& j) {
    NationalFigures f;
    f.workload_minutes = real_of(j, "workload_minutes");
    f.needed = real_of(j, "needed");
    f.needed_rounded = int_of(j, "needed_rounded");
    f.holders = int_of(j, "holders");
    f.difference = int_of(j, "difference");
    f.positions = int_of(j, "positions");
    f.positions_short = int_of(j, "positions_short");
    f.positions_surplus = int_of(j, "positions_surplus");
    if (j.contains("eu") && j["eu"].is_number()) f.eu = j["eu"].get<double>();
    return f;
}

}  // namespace

std::optional<NationalAbk> parse_national_abk(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    const json *prov = list_of(j, "provinces"), *inst = list_of(j, "instansi"), *jab = list_of(j, "jabatan");
    if (!prov || !inst || !jab) return std::nullopt;
    NationalAbk v;
    v.year = static_cast<int>(int_of(j, "year"));
    v.instansi_total = int_of(j, "instansi_total");
    v.jabatan_total = int_of(j, "jabatan_total");
    for (const auto& p : *prov) v.provinces.push_back({"", "", text_of(p, "province"), figures_of(p)});
    for (const auto& i : *inst)
        v.instansi.push_back({text_of(i, "instansi"), text_of(i, "name"), text_of(i, "province"), figures_of(i)});
    for (const auto& x : *jab)
        v.jabatan.push_back({text_of(x, "name"), int_of(x, "positions"), int_of(x, "holders"),
                             int_of(x, "needed_rounded"), int_of(x, "shortage"), int_of(x, "surplus")});
    return v;
}

std::optional<NationalTransfers> parse_national_transfers(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    const json *periods = list_of(j, "periods"), *inst = list_of(j, "instansi");
    if (!periods || !inst || !j.contains("totals") || !j["totals"].is_object()) return std::nullopt;
    NationalTransfers v;
    v.from = text_of(j, "from");
    v.to = text_of(j, "to");
    for (const auto& p : *periods)
        v.periods.push_back({text_of(p, "period"), text_of(p, "kind"), text_of(p, "reason"), int_of(p, "filed"),
                             int_of(p, "decided"), int_of(p, "rejected")});
    v.filed = int_of(j["totals"], "filed");
    v.decided = int_of(j["totals"], "decided");
    v.rejected = int_of(j["totals"], "rejected");
    for (const auto& i : *inst)
        v.instansi.push_back({text_of(i, "instansi"), text_of(i, "name"), text_of(i, "province"), int_of(i, "filed"),
                              int_of(i, "decided"), int_of(i, "rejected"), int_of(i, "open")});
    v.instansi_total = int_of(j, "instansi_total");
    std::map<std::string, NationalCounts> months, reasons, kinds;
    for (const auto& p : v.periods)
        for (auto* m : {&months[p.period], &reasons[p.reason], &kinds[p.kind]}) {
            m->filed += p.filed;
            m->decided += p.decided;
            m->rejected += p.rejected;
        }
    v.per_month.assign(months.begin(), months.end());
    v.per_reason.assign(reasons.begin(), reasons.end());
    v.per_kind.assign(kinds.begin(), kinds.end());
    return v;
}

std::optional<NationalClaims> parse_national_claims(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    const json* list = list_of(j, "claims");
    if (!list) return std::nullopt;
    NationalClaims v;
    v.total = int_of(j, "total");
    for (const auto& c : *list) {
        NationalClaim claim{text_of(c, "nip"), c.value("in_flight", false), {}};
        if (const json* hs = list_of(c, "holders"))
            for (const auto& h : *hs) {
                NationalHolder holder{text_of(h, "instansi"), text_of(h, "instansi_name"), text_of(h, "name"),
                                      text_of(h, "office"), "", "", ""};
                if (h.contains("request") && h["request"].is_object()) {
                    holder.request_number = text_of(h["request"], "number");
                    holder.request_status = text_of(h["request"], "status");
                    holder.request_kind = text_of(h["request"], "kind");
                }
                claim.holders.push_back(std::move(holder));
            }
        v.claims.push_back(std::move(claim));
    }
    return v;
}

std::optional<NationalAdvice> parse_national_advice(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    const json* list = list_of(j, "requests");
    if (!list) return std::nullopt;
    NationalAdvice v;
    v.total = int_of(j, "total");
    for (const auto& r : *list)
        v.requests.push_back({text_of(r, "id"), text_of(r, "number"), text_of(r, "employee_nip"),
                              text_of(r, "employee_name"), text_of(r, "reason"), text_of(r, "explanation"),
                              int_of(r, "status_ms"), text_of(r, "from_instansi_name"), text_of(r, "to_instansi_name"),
                              text_of(r, "to_office_name")});
    return v;
}

}  // namespace seimbang::app
