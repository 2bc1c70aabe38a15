// A satisfaction questionnaire as data (docs/SURVEY.md): facets of items on a
// 1–5 agreement scale, some items reverse-worded, plus one open comment. Each
// campaign stores the instrument it was opened with (as JSON), so a later
// change of the default never alters past campaigns' meaning. Item texts are
// part of the data, in Bahasa Indonesia and English; the UI's own words (scale
// labels, buttons) come from the string table.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "i18n/strings.h"
#include "model/result.h"

namespace seimbang::survey {

struct Item {
    std::string id;
    std::string text_id, text_en;
    bool reverse = false;  // agreeing is the unhappy answer: scored 6 − raw
};

struct Facet {
    std::string id;  // "beban_kerja", ...
    std::string name_id, name_en;
    std::vector<Item> items;
};

struct Instrument {
    std::string id;  // "kepuasan-asn"
    int version = 1;
    std::vector<Facet> facets;
    std::string comment_id, comment_en;  // the open question's prompt
    int item_count() const;
    // The facet of the n-th item in answer order (facets in order, items in order).
    const Facet* facet_of_item(int n) const;
};

// The instrument shipped with Seimbang (8 facets, 26 items).
const Instrument& default_instrument();

// The facet whose index stands beside EJ in "satisfaction beside workload".
inline constexpr const char* kWorkloadFacet = "beban_kerja";

nlohmann::json to_json(const Instrument& in);
// Checks shape: ids present and unique, 1..64 facets, 1..16 items each, texts ≤ 500 bytes.
std::optional<Instrument> instrument_from_json(const nlohmann::json& j, Check* why = nullptr);

const std::string& text(const Item& i, i18n::Lang lang);
const std::string& name(const Facet& f, i18n::Lang lang);

// The longest open comment an answer may carry (bytes of UTF-8).
inline constexpr size_t kMaxCommentBytes = 1000;

// An answer's scores are one digit '1'..'5' per item in answer order (raw, as
// the person chose them; reverse scoring is applied when computing results).
// Checks the length, the digits and the comment's size and UTF-8.
Check validate_answer(const Instrument& in, const std::string& scores, const std::string& comment);

}  // namespace seimbang::survey
