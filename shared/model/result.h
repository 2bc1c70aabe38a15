// Errors as values: every validation and storage operation reports a stable
// machine code plus a message key into the string table (i18n/strings.h), so the
// API can answer with the code and the UI can show Bahasa Indonesia or English.
#pragma once
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace seimbang {

struct Issue {
    std::string code;     // stable machine code, e.g. "nip.bad_date"
    std::string field;    // which input field, e.g. "nip"; empty when not field-specific
    std::string detail;   // value or context to show after the message (may be empty)
    bool warning = false; // warnings are shown but do not block saving
};

// A list of issues; "ok" when it has no blocking issue.
struct Check {
    std::vector<Issue> issues;
    bool ok() const {
        for (const auto& i : issues)
            if (!i.warning) return false;
        return true;
    }
    void error(std::string code, std::string field, std::string detail = {}) {
        issues.push_back({std::move(code), std::move(field), std::move(detail), false});
    }
    void warn(std::string code, std::string field, std::string detail = {}) {
        issues.push_back({std::move(code), std::move(field), std::move(detail), true});
    }
    void merge(const Check& other) { issues.insert(issues.end(), other.issues.begin(), other.issues.end()); }
    const Issue* first_error() const {
        for (const auto& i : issues)
            if (!i.warning) return &i;
        return nullptr;
    }
};

}  // namespace seimbang
