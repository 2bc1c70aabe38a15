#include "i18n/strings.h"

#include <unordered_map>

namespace seimbang::i18n {

namespace {

struct Entry {
    std::string_view key, id, en;
};

// {key, Bahasa Indonesia, English}. Grouped by feature; keys must be unique
// (checked by a unit test).
constexpr Entry kTable[] = {
#include "i18n/string_table.inc"
};

Lang g_lang = Lang::id;

const std::unordered_map<std::string_view, const Entry*>& index() {
    static const auto map = [] {
        std::unordered_map<std::string_view, const Entry*> m;
        for (const auto& e : kTable) m.emplace(e.key, &e);
        return m;
    }();
    return map;
}

const Entry* find(std::string_view key) {
    const auto& m = index();
    auto it = m.find(key);
    return it == m.end() ? nullptr : it->second;
}

}  // namespace

Lang current() { return g_lang; }
void set_current(Lang lang) { g_lang = lang; }

std::string_view tr(std::string_view key, Lang lang) {
    const Entry* e = find(key);
    if (!e) return key;
    if (lang == Lang::en && !e->en.empty()) return e->en;
    return e->id;
}

bool has(std::string_view key, Lang lang) {
    const Entry* e = find(key);
    return e && !(lang == Lang::en ? e->en : e->id).empty();
}

bool table_keys_unique() { return index().size() == std::size(kTable); }

std::string describe(const Issue& issue, Lang lang) {
    std::string s(tr(issue.code, lang));
    if (!issue.detail.empty()) s += ": " + issue.detail;
    return s;
}

}  // namespace seimbang::i18n
