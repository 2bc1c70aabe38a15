// One draw function per screen, all over the same App state. draw_app() is the
// whole frame: navigation, top bar, the current screen, notices.
#pragma once
#include <functional>
#include <string>

#include "app/app.h"
#include "workflow/decision.h"

namespace seimbang::ui {

void draw_app(app::App& app);

void draw_login(app::App& app);
void draw_home(app::App& app);
void draw_employees(app::App& app);
void draw_units(app::App& app);
void draw_abk(app::App& app);
void draw_requests(app::App& app);
void draw_survey(app::App& app);  // screen_survey.cpp
// Beranda: the open survey this user has not answered yet (nothing when none).
void draw_survey_card(app::App& app);
void draw_sync(app::App& app);
void draw_rekomendasi(app::App& app);  // screen_rekomendasi.cpp (issue 15)
void draw_rekomendasi_saved(app::App& app);  // screen_rekomendasi_saved.cpp: saved plans, compare, CSV
void draw_evaluation(app::App& app);  // screen_evaluation.cpp
void draw_impor(app::App& app);       // screen_impor.cpp (issue 19)
void draw_training(app::App& app);  // screen_training.cpp (Pelatihan Pimpinan)
void draw_settings(app::App& app);    // screen_settings.cpp (Pengaturan)

// Shown instead of the app while another tab of the browser owns the local
// database; returns true when "continue here" was pressed.
enum class OtherTabNotice { elsewhere, handed_over, taken, claiming, starting };
bool draw_other_tab_notice(OtherTabNotice kind);

// Shared pieces of the shell.
void draw_language_switch(app::App& app);
// Title of a screen for this account ("Data saya" is a pegawai's Beranda).
const char* screen_title(const app::App& app, app::Screen s);

// An employee's placement history, newest first (Pegawai form, Data saya).
void draw_placement_history(app::App& app, const std::string& employee_id);

}  // namespace seimbang::ui
