#include "plan/instance.h"

#include <algorithm>

namespace seimbang::plan {

int Instance::tag(const std::string& name) {
    for (size_t i = 0; i < tags.size(); ++i)
        if (tags[i] == name) return static_cast<int>(i);
    tags.push_back(name);
    return static_cast<int>(tags.size()) - 1;
}

void normalise(Levels& levels) {
    std::sort(levels.begin(), levels.end());
    // After sorting, the highest level of a tag is the last of its run.
    Levels out;
    for (const auto& l : levels) {
        if (!out.empty() && out.back().first == l.first)
            out.back().second = l.second;
        else
            out.push_back(l);
    }
    levels = std::move(out);
}

}  // namespace seimbang::plan
