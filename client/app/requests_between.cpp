// [between instansi] The receiving BKPSDM's side of the Usulan form
// (docs/WORKFLOW.md §2, docs/SCALE.md "Lookup by NIP"): the person it proposes
// to take over is another instansi's employee, whom this device does not hold;
// the typed NIP is looked up online at the national server through the own
// instansi server, and the request then names the record found.
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "model/nip.h"
#include "sync/client.h"
#include "sync/http.h"

namespace seimbang::app {

using nlohmann::json;

std::optional<BetweenPerson> parse_between_person(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("person") || !j["person"].is_object()) return std::nullopt;
    const json& p = j["person"];
    auto str = [&p](const char* k) { return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : std::string(); };
    BetweenPerson b{str("instansi"),  str("instansi_name"), str("employee_id"), str("nip"),         str("name"),
                    str("golongan"),  str("office_id"),     str("office_name"), str("position_id"), str("position_name")};
    if (b.employee_id.empty() || b.office_id.empty() || b.instansi.empty() || b.name.empty() || b.nip.empty())
        return std::nullopt;
    return b;
}

bool App::can_propose_between() const {
    return login.session && access::may(login.session->role, access::Feature::national_person_find);
}

void App::find_between_person() {
    auto& ed = request_editor;
    ed.between.reset();
    ed.between_check = {};
    const std::string nip = normalise_nip(ed.between_nip);
    if (const Check c = check_nip(nip); const Issue* i = c.first_error()) {
        ed.between_check.error(i->code, "between_nip");
        validate_request_draft();
        return;
    }
    if (!login.session || !can_propose_between()) return;
    ed.between_searching = true;
    HttpRequest req{"GET", "/api/v1/national/person?nip=" + nip, "", login.session->token, sync::device_id(local->db())};
    platform.http(req, [this, nip](const HttpResponse& r) {
        auto& ed = request_editor;
        if (!ed.open || normalise_nip(ed.between_nip) != nip) return;  // the form moved on meanwhile
        ed.between_searching = false;
        ed.between_check = {};
        if (r.status == 200) {
            if (auto p = parse_between_person(r.body)) ed.between = std::move(*p);
            else ed.between_check.error("upstream.bad_answer", "between_nip");
        } else if (r.status == 0) {
            ed.between_check.error("ui.request.between_offline", "between_nip");  // online only
        } else {
            ed.between_check.error(sync::error_code(r.status, r.body), "between_nip");
        }
        validate_request_draft();
    });
}

}  // namespace seimbang::app
