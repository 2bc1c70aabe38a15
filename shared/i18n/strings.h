// The one string table for every user-facing text: Bahasa Indonesia first,
// English second. Keys are the machine codes used by validation and the API
// ("nip.bad_date") or UI keys ("ui.menu.employees").
#pragma once
#include <string>
#include <string_view>

#include "model/result.h"

namespace seimbang::i18n {

enum class Lang { id, en };

// Current UI language (process-wide; the UI switches it, the server never does).
Lang current();
void set_current(Lang lang);

// Text for a key in the given language; falls back to Indonesian, then to the key
// itself, so a missing translation is visible rather than blank.
std::string_view tr(std::string_view key, Lang lang);
inline std::string_view tr(std::string_view key) { return tr(key, current()); }

// True when no key appears twice in the table (unit-tested).
bool table_keys_unique();

// Whether the table has a text for key (used by tests to keep the table complete).
bool has(std::string_view key, Lang lang);

// "message: detail" for an issue, in the given language.
std::string describe(const Issue& issue, Lang lang);

}  // namespace seimbang::i18n
