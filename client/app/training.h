// View state of the Pelatihan screen (docs/TRAINING.md): lessons with their
// questions, practice cases on the sandbox (training/sandbox.h: a database of
// its own, never the device's), and for camat/BKPSDM the completion per leader
// fetched from the server (kept in local_meta for offline reading). Progress
// goes to the device's real database and its outbox (training/progress.h).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/result.h"
#include "plan/wire.h"
#include "training/progress.h"
#include "training/sandbox.h"
#include "workflow/decision.h"

namespace seimbang::app {

struct TrainingView {
    enum class Page { list, lesson, practice, results };
    Page page = Page::list;
    int tab = 0;          // list: 0 lessons, 1 cases, 2 results (camat, bkpsdm)
    std::string item_id;  // the lesson or case open
    // Lesson: screens 0..n-1, then the questions page (n).
    int screen = 0;
    std::vector<int> answers;  // per question: -1 not chosen
    bool submitted = false;    // the answers were scored (right/wrong shown)
    // Case: the sandbox holds the staged case; decisions in the case's order.
    std::unique_ptr<training::Sandbox> sandbox;
    size_t next = 0;  // index into the case's `decide`
    int action = -1;  // training::Action as int, -1 none chosen
    std::string note;
    bool declare = false;
    std::vector<training::Feedback> feedback;  // of this attempt, in order
    nlohmann::json decisions = nlohmann::json::array();
    // The detail of the request waiting for the trainee, read from the sandbox once
    // per request and drawn with Usulan Mutasi's pieces (ui/request_view.h).
    std::string support_for;
    workflow::DecisionSupport support;
    std::vector<workflow::Event> timeline;
    std::vector<workflow::Document> documents;
    std::vector<std::string> missing;  // checklist document types not attached
    std::vector<std::string> missing_evidence;  // evidence the reason asks for (workflow::reason_evidence)
    // Reads the detail above for r (a request of the sandbox), once per request.
    void read_detail(const workflow::Request& r);
    // A lesson's `request` widget: the lesson screen whose request the sandbox
    // holds ("lesson-id#screen"; empty: none, or a case was staged since).
    std::string lesson_request;
    Check check;  // the last refusal (form or workflow step)
    bool recorded = false;  // this attempt's progress is written
    // Own progress from the device's database (re-read after each attempt).
    bool dirty = true;
    std::vector<training::Progress> mine;
    // camat/BKPSDM: the server's last answer of GET /api/v1/training/results.
    nlohmann::json results;
    bool fetching = false;
    std::string results_error;  // machine code of the last failed fetch
    // A lesson's `plan` widget: the planner's answer over the sandbox for one office
    // subtree, solved like Rekomendasi's (Platform::solve_plan: the Web Worker in
    // the browser), once per office until the sandbox changes.
    struct LessonPlan {
        std::string office;  // the office name asked for
        bool solving = false;
        bool done = false;
        std::optional<plan::SolvedFromDb> answer;  // empty after done: the worker failed
    } lesson_plan;
    long long lesson_plan_ticket = 0;  // the request whose answer is awaited
};

}  // namespace seimbang::app
