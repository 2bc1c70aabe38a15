// Pieces the Rekomendasi screen shares with its saved-plans part
// (screen_rekomendasi.cpp defines them; screen_rekomendasi_saved.cpp uses them).
#pragma once
#include "imgui.h"
#include "plan/metrics.h"

namespace seimbang::ui::rekom {

// Coloured text wrapped short of the panel's right padding (phone widths).
void colored_wrapped(ImU32 c, const char* text);
// The string-table text of `key` on hover of the last item.
void tooltip(const char* key);
// The figures before/after with their meaning (a column on wide screens, on hover everywhere).
void figures_table(const char* id, const plan::Metrics& before, const plan::Metrics& after);

}  // namespace seimbang::ui::rekom
