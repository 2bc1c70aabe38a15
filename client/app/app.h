// The Dear ImGui client's state and commands. App composes parts that each own
// one thing — Login (the session), WorkloadModel (the loaded data, lookups and
// ABK results), SyncSession (the device's sync), EmployeeTable (the Pegawai
// list) — plus each screen's view state, and routes between them (navigation,
// the per-frame tick, what follows a sign-in, a save or a sync run). Screens
// (client/ui) are draw functions over App and its parts; every action goes
// through a command, so the native tests drive the app without GL.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "abk/abk.h"
#include "access/access.h"
#include "app/employee_table.h"
#include "app/impor.h"
#include "app/local_data.h"
#include "app/login.h"
#include "app/national.h"
#include "app/session.h"
#include "app/platform.h"
#include "app/rekomendasi.h"
#include "app/saved_plans.h"
#include "app/requests.h"
#include "app/settings_form.h"
#include "app/survey.h"
#include "app/sync_session.h"
#include "app/training.h"
#include "app/workload.h"
#include "i18n/strings.h"
#include "plan/wire.h"
#include "model/result.h"


namespace seimbang::app {

// [SECTION] Navigation and session

enum class Screen { login, home, employees, units, abk, requests, sync, rekomendasi, evaluation, survey, settings, training, impor, national };

// [SECTION] Editors (form state lives in the app so tests can inspect it)

// Adding a competence in an editor (client/ui/competences.cpp): the tags offered
// (managerial, technical, and any the data already uses; filled when the editor
// opens) and the text of a tag of the instansi's own with its refusal.
struct CompetenceAdder {
    std::vector<std::string> choices;
    std::string custom_text;
    std::string error;  // string-table key; empty when the last attempt was accepted
};

struct EmployeeEditor {
    bool open = false;
    bool is_new = false;
    Employee draft;
    // Dates as typed (DD-MM-YYYY), read by i18n::parse_date on save.
    std::string birth_text, tmt_text;
    bool birth_from_nip = false;  // birth date and gender were filled from the NIP
    Check check;          // issues of the last validation (shown inline)
    bool attempted = false;  // the user pressed Save at least once
    // A warning (golongan outside the post's range) is shown before saving: the
    // next Save with the same golongan and post saves ("Tetap simpan").
    std::string warned_for;
    CompetenceAdder adder;
};

// A position's requirements on Unit & Jabatan (client/app/positions.cpp): the
// golongan range and the minimum competence levels. Name, kind and office stay
// (a new or renamed post goes through Impor or BKPSDM's reference data).
struct PositionEditor {
    bool open = false;
    Position draft;
    Check check;
    bool attempted = false;
    CompetenceAdder adder;
};

// A recorded change of an employee's placement (client/ui/screen_employees.cpp):
// a correction of office/position, an archive (asked once more before it is
// saved) or its undo. Reason always required; each is one transaction with its
// history row (store/placements.h).
enum class PlacementAction { none, correct, archive, unarchive };
struct PlacementDialog {
    PlacementAction action = PlacementAction::none;
    std::string employee_id;
    std::string office_id, position_id;  // correct: the right placement
    std::string exit_kind;               // archive: one of kExitKinds
    std::string tmt_text;                // DD-MM-YYYY as typed
    std::string reason, reference;
    bool confirming = false;  // archive: the confirmation question is shown
    Check check;
    bool attempted = false;
};

struct TaskEditor {
    bool open = false;
    bool is_new = false;
    AbkTask draft;
    // Numbers as the person typed them (Indonesian or English conventions, read by
    // i18n::parse_number on save), so "2,5" is never read as 25.
    std::string volume_text, norm_text;
    Check check;
    bool attempted = false;
    // Plausibility warnings ask before saving: the second Save with the same
    // figures saves them (the figures' text when they were shown).
    std::string warned_for;
};

// Where the local store stands, for the status bar and the e2e tests.
// full: the device's storage is full (the edit is kept in memory and in the
// outbox, saving is tried again, and sync can still send it).
enum class SaveState { idle, saving, saved, failed, full };

// [SECTION] The app

class App {
public:
    App(Platform& platform, std::unique_ptr<LocalData> local);
    ~App();  // out of line: members of types only declared here

    // Called once per frame before drawing: polls durability, connectivity, sync.
    void tick();

    // --- navigation / language / session
    void navigate(Screen s);
    void set_language(i18n::Lang lang);  // re-writes numbers in an open editor
    bool can_edit() const;

    // --- employees
    void new_employee();
    void edit_employee(const std::string& id);
    // Validates the editor's draft; on success saves it (one transaction with its
    // outbox entry), requests a flush and closes the editor. Returns the check.
    Check save_employee_draft();
    void close_employee_editor() { employee_editor = {}; }
    // --- position requirements (Unit & Jabatan; client/app/positions.cpp)
    bool can_edit_position(const Position& p) const;  // records_edit and the office in scope
    void edit_position(const std::string& id);
    // Validates and saves the draft (one transaction with its outbox entry),
    // then closes the editor. Returns the check.
    Check save_position_draft();
    void close_position_editor() { position_editor = {}; }
    // A tag typed in `adder.custom_text` becomes a row of `levels` at level 1
    // (or sets adder.error). Returns whether it was added.
    bool add_custom_competence(CompetenceAdder& adder, CompetenceLevels& levels);
    // Every competence tag of the loaded employees and positions.
    std::vector<std::string> competence_tags_in_use() const;
    // The NIP field changed: a valid PNS/CPNS NIP fills birth date and gender
    // (unless the person typed a birth date of their own).
    void employee_nip_changed();
    // Recorded placement changes of an employee in scope (editors only).
    void open_placement_dialog(PlacementAction action, const std::string& employee_id);
    void close_placement_dialog() { placement_dialog = {}; }
    // Validates the dialog and saves it; an archive first only asks
    // (placement_dialog.confirming), the next call saves.
    Check submit_placement_dialog();
    // The placement history of an employee as stored on this device, oldest first.
    std::vector<Placement> placement_history(const std::string& employee_id) const;

    // --- ABK tasks
    void new_task(const std::string& position_id);
    void edit_task(const std::string& id);
    Check save_task_draft();
    void close_task_editor() { task_editor = {}; }

    // --- transfer requests (client/app/requests.cpp; the screen is client/ui/screen_requests.cpp)
    // The signed-in user as the permission table sees them (office subtree read once per data change).
    const access::Actor& actor();
    // Rebuilds the list when the data changed and the filtered rows when a filter did.
    void refresh_requests();
    void select_request(const std::string& id);
    const RequestRow* request_row(const std::string& id) const;
    // Requests whose next step is this user's, longest waiting first (Beranda).
    std::vector<const RequestRow*> waiting_for_me() const;
    // Who may file: a pegawai their own, operator/camat/bkpsdm for their offices.
    bool can_file_request() const;
    void new_request();
    // Opens the form on a draft or returned request of the selected row, filled
    // with what it holds (the applicant stays; everything else can change).
    void edit_request(const std::string& id);
    void close_request_editor() { request_editor = {}; }
    // Validation as the person types (called after every change of the form).
    void validate_request_draft();
    // Creates the request (and attaches the picked documents, then submits when
    // `submit`), each step taken offline and queued. Returns the first refusal.
    Check save_request_draft(bool submit);
    // [between instansi] Whether this user files moves between instansi (the
    // receiving BKPSDM), and the online lookup of the typed NIP (client/app/requests_between.cpp).
    bool can_propose_between() const;
    void find_between_person();
    // A picked file: checked by content and size, then added to the open form or
    // attached to the selected request (kept in local_blobs until uploaded).
    // `size`: the file's size as the chooser saw it (its bytes are empty when it was too large to read).
    Check add_document(const std::string& file_name, const std::string& bytes, int64_t size);
    // Asks the platform for a file (browser: the file chooser); add_document follows.
    void pick_document();
    // One step on the selected request with the note typed beside the buttons.
    // Decide goes to the server at once (the SK number is the server's).
    Check take_request_step(workflow::Command c);
    // Destinations offered in the form (no head positions, not archived), by office then name.
    const std::vector<PositionChoice>& position_choices() const { return position_choices_; }
    const PositionChoice* position_choice(const std::string& id) const;

    // --- Rekomendasi (client/app/rekomendasi.cpp; screen client/ui/screen_rekomendasi.cpp)
    // camat, bkpsdm and pusat plan within their scope (as POST /api/v1/plans).
    bool can_plan() const;
    // Checks the form and starts a run; the phases advance one per tick.
    Check rekom_run();
    // What-if: figures recomputed from the holders at once, no re-solve.
    void rekom_drop(size_t move_index, bool dropped);
    Check rekom_pin(const std::string& employee_id);
    void rekom_unpin(const std::string& employee_id);
    Check rekom_add_move();  // rekom.manual_employee → rekom.manual_position
    // Re-solves with the manual moves, dropped moves and pins fixed.
    void rekom_reoptimise();
    // Entering the screen (the browser calls it once per visit): the planner's
    // worker builds and solves the form's plan once, answer unused, so its code
    // is compiled and hot and it keeps the database copy before the first click
    // (plan::DbJob::warm; rekom.warm_*). Skipped while a run is out, and when the
    // worker was warmed on the same database version.
    void rekom_warm();
    // Saved plans (client/app/saved_plans.cpp): this user's, on this device.
    SavedPlansView saved_plans;
    Check rekom_save_plan();  // the current plan (with its edits) as saved_plans.save_name
    void saved_plans_reload();
    Check saved_plan_open(const std::string& id);
    Check saved_plans_compare();  // saved_plans.compare_a with compare_b
    Check saved_plan_export(const std::string& id, bool figures);  // CSV of the moves or of the figures
    Check saved_plan_delete(const std::string& id);
    // One of the account's saved plans; none: "saved.error.unknown" in saved_plans.check.
    // kCurrentPlanId is the plan on screen (with its edits), unsaved, for comparing.
    std::optional<SavedPlan> saved_plan(const std::string& id);
    // The plan on screen as a saved plan would keep it (what rekom_save_plan writes).
    SavedPlan rekom_as_saved() const;
    // Opening a saved plan checks whether the planner's input for its settings
    // still has the digest it was computed on: the planner's worker rebuilds the
    // instance (plan::DbJob::digest_only), so the UI thread does not; until the
    // answer, saved_plans.open_checking (posted once no run is using the worker).
    // Stops a run: the worker's answer is dropped (a re-optimisation returns to the plan shown before).
    void rekom_cancel();
    // The chosen moves as `dinas` requests (Draf), offline and queued; the same plan twice creates nothing new.
    Check rekom_adopt();
    // A move's reason with EJ before and after the current (possibly edited) assignment.
    std::string rekom_reason(const RekomMove& m) const;
    // The stored explanation of an adopted move: the plan's reason, parameters and figures.
    std::string rekom_explanation(const RekomMove& m) const;
    // --- satisfaction surveys (client/app/survey.cpp; the screen is client/ui/screen_survey.cpp)
    void refresh_surveys();                      // re-reads campaigns when the data changed
    void select_survey(const std::string& id);   // shows a campaign (its results when held)
    // The open campaign this user has not answered yet on this device (Beranda), or nullptr.
    const survey::Campaign* survey_to_answer() const;
    bool survey_answered(const std::string& campaign_id) const;
    void open_survey_form(bool kiosk);           // empty form for the selected campaign
    // Queues the form's answer (own login, or the code in kiosk mode); on success
    // the form is emptied at once: nothing of the answer stays on screen.
    Check submit_survey();
    // Operator, online: fetches `count` kiosk codes for the own office.
    void fetch_kiosk_codes(int count);
    bool can_read_survey_results() const;
    bool can_open_kiosk() const;
    // Camat and BKPSDM open campaigns (online: campaigns are the server's).
    bool can_create_survey() const;
    void open_campaign_form();  // defaults: today's period (semester/quarter), today until its end, the own office
    // Checks the form (specific errors per field, also offline), then POST /api/v1/surveys;
    // the new campaign is selected when the server made it.
    Check submit_campaign();
    // --- rule settings (client/app/settings.cpp; the screen is client/ui/screen_settings.cpp)
    void open_settings();                        // the form filled from the settings in force here
    bool can_edit_settings() const;              // bkpsdm, signed in online
    // Checks the form's `group` ("rules", "workflow", "survey") with the same rules as
    // the server, then sends it (PUT /api/v1/settings); the answer updates this copy.
    void save_settings(const std::string& group);
    // --- Pelatihan Pimpinan (client/app/training.cpp; the screen is client/ui/screen_training.cpp)
    bool can_train() const;                 // kepala_unit, camat, bkpsdm (access::Feature::training_take)
    bool can_read_training_results() const; // camat, bkpsdm
    void refresh_training();                // re-reads own progress when it changed
    const training::Progress* training_progress(const std::string& item_id) const;
    void open_lesson(const std::string& id);
    // Scores the answers, records the attempt (real database + outbox) and shows right/wrong.
    Check submit_lesson_answers();
    // Stages the case on a fresh sandbox (also "repeat"); nothing of the device's data is touched.
    Check open_case(const std::string& id);
    // The chosen action on the case's next request: a workflow step on the sandbox,
    // judged; the last decision records the attempt.
    Check decide_case();
    void reset_sandbox();
    void close_training_item();
    // The planner over the sandbox for a lesson's `plan` widget (training.lesson_plan).
    void request_lesson_plan(const std::string& office_name);
    // A lesson's `request` widget: the request filed in the sandbox up to its
    // stage, once per lesson screen (`where`), its detail read into training.
    std::optional<workflow::Request> lesson_request(const std::string& where, const training::CaseRequest& r);
    void forget_lesson_plan();
    // Online: GET /api/v1/training/results for the own scope (kept for offline reading).
    void fetch_training_results();
    void export_training_csv();

    // --- Impor (client/app/impor.cpp; screen client/ui/screen_impor.cpp; docs/IMPORT.md)
    // operator for the own office subtree, bkpsdm for the kota (access::Feature::records_import).
    bool can_import() const;
    // Another kind: the picked file is planned again with that kind's saved mapping.
    void import_set_kind(io::ImportKind k);
    // The device's file chooser (CSV or XLSX up to io::kMaxFileBytes); import_file follows.
    void import_pick();
    // A picked file: refused when too big or empty, else read and planned (one step per frame).
    Check import_file(const std::string& name, const std::string& bytes, int64_t size);
    // The user's choice of column for a field (0-based; -1: as recognised from the
    // headers): kept on this device for the next file of the kind, and planned again.
    void import_set_column(const std::string& field, int column);
    void import_set_create_positions(bool on);
    // Back to the columns recognised from the headers (the saved mapping is removed).
    void import_reset_mapping();
    // "Terapkan": writes the plan in one transaction through the repositories (the
    // outbox, like any edit). Refused when rows were refused unless skip_refused.
    Check import_apply();
    void import_save_report();  // the dry run as CSV (io::plan_report_csv)
    Check import_export();      // the kind's records of the scope as CSV (io::export_csv)

    // --- state (read by screens)
    Platform& platform;
    std::unique_ptr<LocalData> local;
    Screen screen = Screen::login;
    // Who is signed in and how (login.h); App routes what follows through its hooks.
    Login login;
    // The loaded data, its figures and lookups, and the account's scope (workload.h).
    WorkloadModel workload{platform, login.session};
    // The sync with the server and what the screens show of it (sync_session.h).
    SyncSession sync;

    EmployeeTable employee_table{workload, login.session};  // the Pegawai list (employee_table.h)
    EmployeeEditor employee_editor;
    PositionEditor position_editor;
    PlacementDialog placement_dialog;
    TaskEditor task_editor;
    RequestsView requests;
    RequestEditor request_editor;
    RekomView rekom;
    SurveyView surveys;
    ImportView impor;
    SettingsForm settings_form;  // Pengaturan (client/app/settings.cpp)
    TrainingView training;
    NationalView national;  // Nasional: an online-only session's screen (national.h)
    std::string selected_office;    // Unit & Jabatan / ABK
    std::string selected_position;  // ABK

    SaveState save_state = SaveState::idle;
    double saved_at_ms = 0;
    std::string notice;  // string-table key of a transient message
    double notice_until_ms = 0;
    int frame = 0;

private:
    void reload();        // reads the snapshot and recomputes derived figures
    void committed();     // after any successful save
    void show_notice(std::string key);
    void signed_in();   // Login hooks: the per-user state starts afresh
    void signed_out();
    sync::FollowUp survey_follow_up();               // campaigns and results after the pull (client/app/survey.cpp)
    void settings_answer(const std::string& group, const HttpResponse& r);
    void sync_finished(const sync::SyncReport& rep);  // SyncSession hook: reload what the run changed
    // A save's re-read of the snapshot, deferred until the save is durable (committed()).
    static constexpr double kReloadWaitMs = 300;
    double reload_at_ms_ = 0;

    void import_step();     // one phase of a running import (tick)
    void import_replan();   // a new dry run of the picked file (next frames)
    void import_read(std::optional<io::Sheet> sheet, const io::ReadError& err);  // the read step's result
    long long import_ticket_ = 0;  // the XLSX read whose answer is awaited
    void rekom_step();      // one phase of a running plan (tick)
    void rekom_solved(long long ticket, const std::string& plan_bytes);  // the worker's answer (kept)
    void rekom_apply();     // the kept answer, one step per frame: decode; moves, figures, plan key
    void rekom_clear_run(); // a run's request, answer and step timings forgotten
    void saved_plan_check_step();  // posts the open saved plan's data check when the worker is free
    void saved_plan_save_step();   // the next slice of a save in progress (saved_plans.saving), or its INSERT
    SavedMove rekom_saved_move(const RekomMove& m) const;  // a move as a saved plan keeps it
    SavedPlan rekom_saved_head() const;                    // the plan on screen as saved, without its moves
    void saved_plan_checked(long long ticket, const std::string& answer);  // its answer
    long long saved_check_ticket_ = 0;  // the saved plan check whose answer is awaited
    void rekom_reset();     // forget the plan; an answer in flight is dropped
    long long rekom_ticket_ = 0;  // the run whose answer is awaited (outside RekomView: survives its reset)
    // The planner worker's requests out (Platform::solve_plan ids; 0: none).
    Platform::PlanRequest rekom_request_ = 0, saved_check_request_ = 0, warm_request_ = 0;
    // A database request for the planner's worker: the snapshot goes with it
    // unless the worker already holds this version of the local database
    // (worker_db_version_; plan::encode_db_request). `sent`: it went with it.
    std::string plan_db_request(const plan::DbQuery& q, plan::DbJob job, bool* sent = nullptr);
    // Cancels a request (id set to 0); the worker may be terminated, so its copy is not counted on.
    void plan_cancel(Platform::PlanRequest& id);
    // An answer "send the snapshot" or none (a failed worker): its copy is not counted on.
    void plan_worker_lost();
    std::string worker_db_version_;
    std::string warmed_version_;  // the database version the worker was last warmed on
    void rekom_refigure();  // figures and reasons of the current what-if assignment
    void request_decided(bool sent);  // a decision's push finished (sync.cpp)
    void load_position_choices();
    std::optional<access::Actor> actor_;
    std::string actor_key_;  // session (user, role, office, employee) the cached actor is for
    std::vector<PositionChoice> position_choices_;
    std::vector<PositionChoice> ref_positions_;  // parsed local_meta "ref.positions" (re-read when its version changes)
    std::string ref_version_ = "-";
    std::unordered_map<std::string, size_t> position_choice_ix_;
};

const char* screen_key(Screen s);  // string-table key of the screen title

}  // namespace seimbang::app
