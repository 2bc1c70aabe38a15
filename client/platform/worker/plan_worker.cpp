// The planner's Web Worker (docs/PLANNER.md "In the web client"): receives a
// planner instance in the bytes of plan/wire.h, solves it with the LEMON
// planner and answers with the plan's bytes (empty: not an instance, or the
// solve ran out of memory). The UI thread never blocks on the solve.
#include <emscripten.h>

#include <exception>
#include <string>
#include <string_view>

#include "plan/wire.h"

extern "C" EMSCRIPTEN_KEEPALIVE void seimbang_plan_solve(char* data, int size) {
    std::string answer;
    try {
        answer = seimbang::plan::solve_encoded(std::string_view(data, data ? static_cast<size_t>(size) : 0));
    } catch (const std::exception&) {
        answer.clear();
    }
    emscripten_worker_respond(answer.empty() ? nullptr : answer.data(), static_cast<int>(answer.size()));
}
