#include "i18n/strings.h"

#include <array>
#include <iterator>
#include <unordered_map>
#include <vector>

namespace seimbang::i18n {

namespace {

struct Entry {
    std::string_view key, id, en;
};

// {key, Bahasa Indonesia, English}. Grouped by feature; keys must be unique
// (checked by a unit test). Read only at compile time (into kBlob below).
constexpr Entry kRows[] = {
#include "i18n/string_table.inc"
};
constexpr size_t kRowCount = std::size(kRows);

// Every row as "key\0id\0en\0", one block made at compile time: the binary
// holds the texts alone instead of an array of 1,400 × 3 pointers and lengths
// (24 bytes a row that compress badly: 15 KB of the browser's Brotli download,
// docs/CLIENT.md "Where the bytes are"). The index below points into it.
constexpr size_t kBlobSize = [] {
    size_t n = 0;
    for (const auto& r : kRows) n += r.key.size() + r.id.size() + r.en.size() + 3;
    return n;
}();
constexpr std::array<char, kBlobSize> kBlob = [] {
    std::array<char, kBlobSize> b{};
    size_t at = 0;
    for (const auto& r : kRows)
        for (const std::string_view text : {r.key, r.id, r.en}) {
            for (const char c : text) b[at++] = c;
            b[at++] = '\0';
        }
    return b;
}();

Lang g_lang = Lang::id;

const std::vector<Entry>& entries() {
    static const auto rows = [] {
        std::vector<Entry> v;
        v.reserve(kRowCount);
        const char* at = kBlob.data();
        const auto next = [&at] {
            const std::string_view text(at);
            at += text.size() + 1;
            return text;
        };
        for (size_t i = 0; i < kRowCount; ++i) {
            Entry e;
            e.key = next();
            e.id = next();
            e.en = next();
            v.push_back(e);
        }
        return v;
    }();
    return rows;
}

const std::unordered_map<std::string_view, const Entry*>& index() {
    static const auto map = [] {
        std::unordered_map<std::string_view, const Entry*> m;
        for (const auto& e : entries()) m.emplace(e.key, &e);
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

bool table_keys_unique() { return index().size() == kRowCount; }

std::string describe(const Issue& issue, Lang lang) {
    std::string s(tr(issue.code, lang));
    if (!issue.detail.empty()) s += ": " + issue.detail;
    return s;
}

}  // namespace seimbang::i18n
