// One draw function per screen, all over the same App state. draw_app() is the
// whole frame: navigation, top bar, the current screen, notices.
#pragma once
#include <functional>
#include <string>

#include "app/app.h"
#include "i18n/strings.h"
#include "workflow/decision.h"

namespace seimbang::ui {

void draw_app(app::App& app);

void draw_login(app::App& app);

// The sign-in form (screen_login.cpp), over the App's Login or before the App
// exists: a first visit draws its first frame before the local database opens,
// and what is asked then waits in an EarlyLogin until the App opens.
struct LoginForm {
    bool online = true;
    std::string error;  // string-table key
    bool pending = false;
    i18n::Lang chosen_language = i18n::Lang::id;  // out: the language picked (LoginAsk::language)
};
enum class LoginAsk { none, sign_in, demo, language };
LoginAsk draw_login_form(LoginForm& form);
struct EarlyLogin {
    bool sign_in = false, demo = false, language_chosen = false;
    std::string username, password;
    i18n::Lang language = i18n::Lang::id;
};
// The whole frame before the App exists (shell.cpp): the form, nothing else.
void draw_before_app(EarlyLogin& early, bool online);
void draw_login_before_app(EarlyLogin& early, bool online);
// Once the App is open: the language picked and the sign-in (or demo) asked
// before, unless a stored session was restored.
void apply_early_login(app::App& app, EarlyLogin& early);
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
void draw_national(app::App& app);    // screen_national.cpp
void draw_impor(app::App& app);       // screen_impor.cpp (issue 19)
void draw_training(app::App& app);  // screen_training.cpp (Pelatihan Pimpinan)
void draw_settings(app::App& app);    // screen_settings.cpp (Pengaturan)

// Shown instead of the app while another tab of the browser owns the local
// database; returns true when "continue here" was pressed.
enum class OtherTabNotice { elsewhere, handed_over, taken, claiming, starting };
bool draw_other_tab_notice(OtherTabNotice kind);

// Shared pieces of the shell.
void draw_language_switch(app::App& app);
// The ID/EN switch itself: true when the other language was picked (in `chosen`).
bool draw_language_choice(i18n::Lang& chosen);
// Title of a screen for this account ("Data saya" is a pegawai's Beranda).
const char* screen_title(const app::App& app, app::Screen s);

// An employee's placement history, newest first (Pegawai form, Data saya).
void draw_placement_history(app::App& app, const std::string& employee_id);

}  // namespace seimbang::ui
