// The practice sandbox (docs/TRAINING.md "Sandbox"): a database of its own, in
// memory, seeded from the deterministic Marelan demo (shared/demo), never the
// real database and never the outbox (no sync hook is installed on it, and it
// shares nothing with the app's connection). A case is staged on a fresh copy:
// its requests are filed, documented and moved to the step the trainee takes
// through the same shared/workflow steps as real work, and the trainee's
// decision is a workflow step too. Feedback compares the decision with the
// rules (feedback in sandbox.cpp) and with the case's recommendation.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "model/date.h"
#include "model/types.h"
#include "store/db.h"
#include "training/content.h"
#include "workflow/request.h"

namespace seimbang::training {

// The sandbox's today: fixed, so every trainee meets the same tenures and the
// same figures (the demo's ABK year is demo::kDemoYear).
inline constexpr Date kSandboxToday{2026, 7, 1};
// A written reason shorter than this is no reason ("ok", "setuju").
inline constexpr size_t kMinReasonBytes = 30;

struct Decision {
    std::string key;  // the case's request key
    Action action = Action::approve;
    std::string note;
    bool declare_conflict = false;
};

struct RuleResult {
    std::string code;  // training.rule.<code> in the string table
    bool met = false;
};

// A position's EJ before and after the decision (the ABK engine over the sandbox).
struct Effect {
    std::string office, position;  // names
    std::optional<double> ej_before, ej_after;
};

struct Feedback {
    Check check;   // not ok: the workflow refused the step (nothing changed, no feedback)
    std::string key;
    std::vector<RuleResult> rules;  // the rules that apply to this decision
    bool all_met = false;
    Effect origin, destination;
    Recommendation recommended;
    bool matches_recommended = false;
};

class Sandbox {
public:
    Sandbox();  // seeded
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    store::Db& db() { return *db_; }
    // A fresh copy of the demo (forgets the staged case).
    void reset();
    // Resets and files the case's requests up to their stage. Each request's
    // applicant is the first holder (by name) of its origin post who may make
    // the move (tenure, golongan, competences). Refused: the reason, and the
    // sandbox stays reset.
    Check stage(const Case& c);
    const Case* staged() const { return case_; }
    // Resets and files one request up to its stage, the way stage() files a
    // case's (a lesson's `request` widget); request(r.key) then reads it.
    // `where` names it in errors.
    Check stage_request(const CaseRequest& r, const std::string& where);

    std::optional<workflow::Request> request(const std::string& key);
    std::string applicant_name(const std::string& key);
    // The case's situation with {key} replaced by the applicant's name.
    std::string situation(i18n::Lang lang);
    // Whether the request of `key` still waits for the trainee.
    bool waiting(const std::string& key);

    // Takes the trainee's decision as a workflow step and judges it.
    Feedback decide(const Decision& d);

    // Demo lookups by name (lessons and cases refer to offices and posts by name).
    std::string office_id(const std::string& name);
    std::optional<Position> position(const std::string& office, const std::string& name);

private:
    access::Actor trainee();
    // Files r (the first holder of its origin post who may make the move) and
    // remembers it under r.key. `clock`: the ms stamped on each step.
    Check file(const CaseRequest& r, const std::string& where, int64_t& clock);
    std::unique_ptr<store::Db> db_;
    const Case* case_ = nullptr;
    std::map<std::string, std::string> ids_;  // request key -> id
};

// Stages every case and resolves every office and position the content names,
// on a fresh sandbox (the content's check against the demo data).
Check validate_against_demo(const Content& c);

}  // namespace seimbang::training
