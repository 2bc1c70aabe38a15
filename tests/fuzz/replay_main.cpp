// Replays the seed corpora of every fuzz target (tests/fuzz/fuzz_target.h):
//   fuzz_replay CORPUS_ROOT [TARGET...]
// runs each target on every file of CORPUS_ROOT/<target>/. A target without a
// corpus directory is a failure (a target must come with its seeds).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_target.h"

namespace seimbang::fuzz {
std::map<std::string, TargetFn>& targets() {
    static std::map<std::string, TargetFn> t;
    return t;
}
bool register_target(const char* name, TargetFn fn) {
    targets()[name] = fn;
    return true;
}
}  // namespace seimbang::fuzz

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    using seimbang::fuzz::targets;
    if (argc < 2) {
        std::cerr << "usage: fuzz_replay CORPUS_ROOT [TARGET...]\n";
        return 2;
    }
    const fs::path root = argv[1];
    std::vector<std::string> names(argv + 2, argv + argc);
    if (names.empty())
        for (const auto& [name, fn] : targets()) names.push_back(name);
    int failures = 0;
    for (const auto& name : names) {
        auto it = targets().find(name);
        if (it == targets().end()) {
            std::cerr << "unknown fuzz target " << name << "\n";
            ++failures;
            continue;
        }
        const fs::path dir = root / name;
        std::vector<fs::path> files;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir, ec))
            if (e.is_regular_file()) files.push_back(e.path());
        if (files.empty()) {
            std::cerr << name << ": no seed corpus in " << dir << "\n";
            ++failures;
            continue;
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            const std::string data = ss.str();
            it->second(data);  // a finding aborts the process
        }
        std::cout << name << ": " << files.size() << " inputs replayed\n";
    }
    return failures == 0 ? 0 : 1;
}
