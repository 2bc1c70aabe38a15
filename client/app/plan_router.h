// Routes the planner worker's answers to their requests (Platform::solve_plan).
// One worker serves Rekomendasi runs, saved plans' data checks and the training
// lessons' plans, and these can be out at the same time (a run goes on in the
// background while the user opens Pelatihan). Each request gets an id that goes
// to the worker and comes back with its answer, so an answer reaches exactly
// the callback of its own request; a cancelled request's answer reaches none.
// The browser platform (web_platform.cpp) and the UI tests' platform use it.
#pragma once
#include <map>
#include <vector>

#include "app/platform.h"

namespace seimbang::app {

class PlanRouter {
public:
    using Callback = Platform::PlanCallback;
    using Id = Platform::PlanRequest;

    Id add(Callback done) {
        const Id id = ++last_;
        pending_.emplace(id, std::move(done));
        return id;
    }
    // The callback of `id`, removed; empty when it was cancelled or is unknown.
    Callback take(Id id) {
        auto it = pending_.find(id);
        if (it == pending_.end()) return nullptr;
        Callback done = std::move(it->second);
        pending_.erase(it);
        return done;
    }
    // Forgets `id`; true when it was out and no other request is: the solve in
    // flight is only this one's, and the worker may be stopped.
    bool cancel(Id id) { return pending_.erase(id) > 0 && pending_.empty(); }
    // The worker failed: every callback out, removed, in the order posted.
    std::vector<Callback> take_all() {
        std::vector<Callback> all;
        for (auto& [id, done] : pending_) all.push_back(std::move(done));
        pending_.clear();
        return all;
    }
    size_t pending() const { return pending_.size(); }

private:
    Id last_ = 0;
    std::map<Id, Callback> pending_;
};

}  // namespace seimbang::app
