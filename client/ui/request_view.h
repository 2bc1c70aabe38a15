// The pieces of a transfer request's detail that Usulan Mutasi (the device's
// database) and the Pelatihan case screen (the practice sandbox) both draw, so
// a trainee decides on the same screen as in real work: the summary, the
// decision-support panel, the note and step buttons, the checklist with the
// documents, and the timeline. Each caller resolves names from its own data.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "workflow/decision.h"
#include "workflow/graph.h"
#include "workflow/request.h"

namespace seimbang::ui {

struct SupportNames {
    std::function<std::string(const std::string&)> office, position;
};

// "Diajukan", "Disetujui asal", … of a status.
std::string request_status_text(workflow::Status s);

// The status as a coloured badge (list rows and the summary).
void draw_request_status_badge(workflow::Status s);

// Why a returned request came back: the note of its latest return (the
// applicant's next step depends on it); nothing when it was never returned.
void draw_request_return_note(const std::vector<workflow::Event>& timeline);

// "3 hari" / "< 1 hari" for a wait in ms; "-" for a request in a final status.
std::string request_waiting_text(const workflow::Request& r, int64_t waited_ms);

struct RequestSummary {
    const workflow::Request& r;
    std::string applicant, origin, destination;  // display names
    std::string waiting;                         // request_waiting_text
    // A wished position as "Name · Office".
    std::function<std::string(const std::string&)> position;
    // The request's events (for why a returned request came back); may be empty.
    const std::vector<workflow::Event>& timeline;
};

// Number, applicant, status badge and wait, SK, kind and reason, origin →
// destination, the explanation and the wishes.
void draw_request_summary(const RequestSummary& s);

// EJ/EU of both offices before → after, the applicant's fit for each wish,
// tenure, other open requests (workflow::decision_support).
void draw_decision_support(const char* id, const workflow::DecisionSupport& s, const SupportNames& names);

// The note that goes with the next step (required to return or reject).
void draw_step_note(std::string& note);

// One button per step (forward steps as primary buttons, full width on a
// phone) and the note's help line; returns the step pressed this frame.
// `decide_busy` greys out "Tetapkan" while a decision sent online is unanswered.
std::optional<workflow::Command> draw_step_buttons(const std::vector<workflow::Command>& steps, bool decide_busy = false);

// The checklist: each missing required document type, the evidence the reason
// asks for that is not attached (a warning: it does not block submitting), then
// each attached document.
void draw_request_checklist(const std::vector<std::string>& missing, const std::vector<std::string>& missing_evidence,
                            const std::vector<workflow::Document>& documents);

// The timeline: every step with who, when (WIB) and the note.
void draw_request_timeline(const std::vector<workflow::Event>& timeline);

}  // namespace seimbang::ui
