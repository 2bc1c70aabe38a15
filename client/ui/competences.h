// Competence profiles on screen (Permenpan RB 38/2017, levels 1–5): the editor
// rows shared by the employee form and a position's requirements, and an
// employee's fit for a position, requirement by requirement.
#pragma once
#include <string>

#include "app/app.h"

namespace seimbang::ui {

// "Teknologi informasi": the readable name of a stored tag (string table, or the
// tag itself with spaces for an instansi's own).
std::string competence_name(const std::string& tag);
// "Teknologi informasi (2)": a competence requirement or level, readable.
std::string competence_label(const std::string& tag, int level);

// One row per competence (name, level buttons 1–5, remove), then a list of the
// tags not yet present to add and a field for a tag of the instansi's own.
// Widget ids start with `id` ("empc": "empc-integritas-3", "empc-add",
// "empc-custom"). `field` names the check's issues shown under the rows.
// Returns true when `levels` changed.
bool edit_competences(app::App& a, const char* id, CompetenceLevels& levels, app::CompetenceAdder& adder,
                      const Check& check, const char* field, bool attempted);

// "Kesesuaian dengan jabatan": each required competence with the employee's
// level and the gap, and the golongan against the position's range.
void draw_competence_fit(const Employee& e, const Position& p);

}  // namespace seimbang::ui
