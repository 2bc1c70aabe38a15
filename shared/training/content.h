// Training content (issue 12, docs/TRAINING.md): lessons and practice cases as
// data. Each file of shared/training/content is one lesson or one case in JSON,
// Bahasa Indonesia first and English second; the files are compiled into the
// core (embedded.h) and parsed once. `validate_content` checks the structure
// and every referenced string key, widget and rule; the sandbox
// (sandbox.h: validate_against_demo) checks every office, position and staged
// request against the Marelan demo data. The unit tests run both, so content
// that does not hold fails the build's tests.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/strings.h"
#include "model/result.h"

namespace seimbang::training {

// A text in both languages.
struct Text {
    std::string id, en;
    const std::string& in(i18n::Lang lang) const { return lang == i18n::Lang::en && !en.empty() ? en : id; }
    const std::string& now() const { return in(i18n::current()); }
};

// A demo post by office and position name.
struct PostRef {
    std::string office, position;
};

struct CaseRequest {
    std::string key;  // "a", "b": how the case names it ({a} in texts)
    PostRef from, to;
    std::string kind, reason, explanation;
    std::vector<std::string> documents;  // document types attached when staged
    std::string stage;                   // "diajukan" or "disetujui_unit_asal"
};

// A real screen's widget shown in place, on sandbox data.
struct Show {
    std::string screen;    // string key of the screen's navigation label ("ui.nav.abk")
    std::string widget;    // one of widgets()
    std::string office;    // demo office by name
    std::string position;  // demo position by name in that office (abk_position)
    // The `request` widget: a request filed in the sandbox up to its stage and
    // shown with Usulan Mutasi's detail (summary, decision support, checklist).
    std::optional<CaseRequest> request;
};

struct LessonScreen {
    Text text;
    std::optional<Show> show;
};

struct Question {
    Text text;
    std::vector<Text> options;
    int answer = 0;  // index into options
    Text explain;
};

struct Lesson {
    std::string id;
    int order = 0;
    Text title;
    std::vector<LessonScreen> screens;
    std::vector<Question> questions;  // 3 to 5
};


// Which step the trainee takes: the head of the origin office (approve at
// Diajukan) or of the destination office (approve at Disetujui unit asal).
enum class Step { origin, destination };


// The trainee's choices on a request.
enum class Action { approve, return_, reject };
std::string_view to_string(Action a);
std::optional<Action> parse_action(std::string_view s);

struct Recommendation {
    Action action = Action::approve;
    bool declare_conflict = false;
    Text reason;
};

struct Case {
    std::string id;
    int order = 0;
    Text title, situation;  // situation: {key} is replaced by the applicant's name
    std::string trainee_office;
    Step step = Step::origin;
    bool conflict_of_interest = false;
    std::vector<CaseRequest> requests;
    std::vector<std::string> decide;  // request keys the trainee decides, in order
    std::vector<std::string> rules;   // the rules this case is about (each broken by some decision)
    std::map<std::string, Recommendation> recommended;  // per decided key
    const CaseRequest* request(const std::string& key) const;
};

struct Content {
    std::vector<Lesson> lessons;  // by order
    std::vector<Case> cases;      // by order
};

// Parses one content file into `into`; errors name the file (field) and what is wrong.
Check parse_content(std::string_view name, std::string_view text, Content& into);

// The embedded content, parsed once. Files that do not parse are left out and
// reported by content_issues() (the unit test requires it empty).
const Content& content();
const Check& content_issues();
const Lesson* find_lesson(const std::string& id);
const Case* find_case(const std::string& id);

// Widgets a lesson screen may show, and the rules a case may name.
const std::vector<std::string>& widgets();
const std::vector<std::string>& rule_codes();

// Structure and references that need no database: ids unique, 3–5 questions,
// answers in range, both languages present, screens' string keys, widgets,
// rule codes (each with its string key), kinds, reasons, stages, a
// recommendation for every decided request.
Check validate_content(const Content& c);

}  // namespace seimbang::training
