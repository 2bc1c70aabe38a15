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

bool parse_post_kind(std::string_view text, PostKind& out) {
    if (text == "pelaksana") return out = PostKind::pelaksana, true;
    if (text == "fungsional") return out = PostKind::fungsional, true;
    if (text == "managerial" || text == "jpt" || text == "administrator" || text == "pengawas")
        return out = PostKind::managerial, true;
    return false;
}

std::string_view to_string(PostKind kind) {
    switch (kind) {
        case PostKind::pelaksana: return "pelaksana";
        case PostKind::fungsional: return "fungsional";
        case PostKind::managerial: return "managerial";
    }
    return "pelaksana";
}

}  // namespace seimbang::plan
