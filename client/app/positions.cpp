// Competence profiles in the editors: a position's requirements (Unit & Jabatan)
// and the tags both editors offer. The employee's own competences are part of
// the employee draft and saved with it (App::save_employee_draft).
#include <algorithm>
#include <set>

#include "app/app.h"
#include "model/competence.h"
#include "model/validate.h"

namespace seimbang::app {

bool App::can_edit_position(const Position& p) const { return can_edit() && workload.in_scope(p.office_id); }

std::vector<std::string> App::competence_tags_in_use() const {
    std::set<std::string> tags;
    for (const auto& e : workload.data.employees)
        for (const auto& [tag, level] : e.competences) tags.insert(tag);
    for (const auto& p : workload.data.positions)
        for (const auto& [tag, level] : p.requirements) tags.insert(tag);
    return {tags.begin(), tags.end()};
}

void App::edit_position(const std::string& id) {
    const Position* p = workload.position(id);
    position_editor = {};
    if (!p || !can_edit_position(*p)) return;
    position_editor.open = true;
    position_editor.draft = *p;
    position_editor.adder.choices = competence_choices(competence_tags_in_use());
}

bool App::add_custom_competence(CompetenceAdder& adder, CompetenceLevels& levels) {
    const auto tag = competence_tag_from_text(adder.custom_text);
    if (!tag) {
        adder.error = "competence.bad_tag_text";
        return false;
    }
    if (levels.count(*tag)) {
        adder.error = "competence.already_listed";
        return false;
    }
    levels[*tag] = 1;
    adder.error.clear();
    adder.custom_text.clear();
    if (std::find(adder.choices.begin(), adder.choices.end(), *tag) == adder.choices.end())
        adder.choices.push_back(*tag);
    return true;
}

Check App::save_position_draft() {
    auto& ed = position_editor;
    ed.attempted = true;
    ed.check = validate_position(ed.draft);
    const Position* stored = workload.position(ed.draft.id);
    // Only the requirements are edited here: a draft that changed anything else
    // (or a position that is gone or out of scope) is refused, not saved.
    if (!stored) ed.check.error("position.not_found", "id", ed.draft.id);
    else if (!can_edit_position(*stored)) ed.check.error("scope.forbidden", "office_id");
    else if (stored->office_id != ed.draft.office_id || stored->name != ed.draft.name ||
             stored->kind != ed.draft.kind || stored->eselon != ed.draft.eselon)
        ed.check.error("position.fixed_fields", "name");
    if (!ed.check.ok()) return ed.check;
    Check saved = local->save_position(ed.draft);
    if (!saved.ok()) {
        ed.check.merge(saved);
        return ed.check;
    }
    ed = {};
    committed();
    show_notice("ui.saved");
    return saved;
}

}  // namespace seimbang::app
