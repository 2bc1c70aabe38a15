#include "plan/plan_key.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/sha256.h"

namespace seimbang::plan {

std::string plan_key(const DbQuery& q, const Instance& inst, const std::vector<Move>& moves) {
    using nlohmann::json;
    const Weights& w = q.weights;
    json key = {{"scope", q.scope_office_id}, {"year", q.year},
                {"move_cost", w.move_cost}, {"request_bonus", w.request_bonus},
                {"fit_bonus", w.fit_bonus}, {"allow_managerial", w.allow_managerial_moves},
                {"max_moves", w.max_moves ? json(*w.max_moves) : json(nullptr)}};
    std::vector<std::string> pinned = q.pinned;
    std::sort(pinned.begin(), pinned.end());
    key["pinned"] = pinned;
    json list = json::array();
    for (const auto& m : moves)
        list.push_back({inst.employees[static_cast<size_t>(m.employee)].id, inst.positions[static_cast<size_t>(m.from)].id,
                        inst.positions[static_cast<size_t>(m.to)].id});
    key["moves"] = std::move(list);
    return sha256_hex(key.dump());
}

}  // namespace seimbang::plan
