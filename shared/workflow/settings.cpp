#include "workflow/settings.h"

#include <nlohmann/json.hpp>

#include "i18n/strings.h"

namespace seimbang::workflow {

using nlohmann::json;

json to_json(const WorkflowSettings& s) {
    return {{"status_labels", s.status_labels},
            {"checklist", s.checklist},
            {"sk_number_format", s.sk_number_format},
            {"legal_basis", s.legal_basis},
            {"place", s.place},
            {"signatory_title", s.signatory_title},
            {"signatory_name", s.signatory_name},
            {"signatory_nip", s.signatory_nip},
            {"verify_url", s.verify_url},
            {"max_document_bytes", s.max_document_bytes},
            {"imut_columns", s.imut_columns},
            {"instansi", s.instansi}};
}

Check workflow_settings_from_json(const json& j, WorkflowSettings& out) {
    Check c;
    WorkflowSettings s = out;
    try {
        if (j.contains("status_labels")) s.status_labels = j.at("status_labels").get<std::map<std::string, std::string>>();
        if (j.contains("checklist"))
            s.checklist = j.at("checklist").get<std::map<std::string, std::vector<std::string>>>();
        if (j.contains("sk_number_format")) s.sk_number_format = j.at("sk_number_format").get<std::string>();
        if (j.contains("legal_basis")) s.legal_basis = j.at("legal_basis").get<std::vector<std::string>>();
        s.place = j.value("place", s.place);
        s.signatory_title = j.value("signatory_title", s.signatory_title);
        s.signatory_name = j.value("signatory_name", s.signatory_name);
        s.signatory_nip = j.value("signatory_nip", s.signatory_nip);
        s.verify_url = j.value("verify_url", s.verify_url);
        s.max_document_bytes = j.value("max_document_bytes", s.max_document_bytes);
        if (j.contains("imut_columns")) s.imut_columns = j.at("imut_columns").get<std::vector<std::string>>();
        s.instansi = j.value("instansi", s.instansi);
    } catch (const json::exception& e) {
        c.error("settings.bad_value", "workflow", e.what());
        return c;
    }
    for (const auto& [status, label] : s.status_labels)
        if (!parse_status(status)) c.error("settings.bad_value", "status_labels", status);
    for (const auto& [kind, docs] : s.checklist)
        if (!parse_kind(kind)) c.error("settings.bad_value", "checklist", kind);
    // The number must carry the sequence, or two decrees of a year would look alike.
    if (s.sk_number_format.find("{n}") == std::string::npos)
        c.error("settings.bad_value", "sk_number_format", s.sk_number_format);
    if (s.max_document_bytes <= 0 || s.max_document_bytes > 64LL * 1024 * 1024)
        c.error("settings.bad_value", "max_document_bytes", std::to_string(s.max_document_bytes));
    if (c.ok()) out = s;
    return c;
}

WorkflowSettings load_workflow_settings(store::Db& db) {
    WorkflowSettings s;
    auto st = db.prepare("SELECT value FROM settings WHERE key = 'workflow'");
    if (st.step()) {
        auto j = json::parse(st.text(0), nullptr, false);
        if (j.is_object()) workflow_settings_from_json(j, s);  // a bad stored value keeps defaults
    }
    return s;
}

Check save_workflow_settings(store::Db& db, const WorkflowSettings& s) {
    WorkflowSettings copy;
    Check c = workflow_settings_from_json(to_json(s), copy);
    if (!c.ok()) return c;
    auto st = db.prepare("INSERT INTO settings(key, value) VALUES('workflow', ?1) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, to_json(s).dump());
    st.run();
    return c;
}

std::string status_label(const WorkflowSettings& s, Status st) {
    const std::string code(to_string(st));
    if (auto it = s.status_labels.find(code); it != s.status_labels.end() && !it->second.empty()) return it->second;
    return std::string(i18n::tr("workflow.status." + code));
}

std::string format_sk_number(const std::string& format, int64_t n, int year) {
    std::string out = format;
    auto replace = [&](const std::string& key, const std::string& value) {
        for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
            out.replace(at, key.size(), value);
    };
    replace("{n}", std::to_string(n));
    replace("{year}", std::to_string(year));
    return out;
}

}  // namespace seimbang::workflow
