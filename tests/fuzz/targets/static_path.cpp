// Static path resolution (server/static_files.cpp) over a small web root made
// once: index.html, app.js, a dotfile, a sub-directory, and a sibling directory
// whose name starts like the root's. Property: whatever is served lies inside
// the root, is a regular file, and has no hidden (dot) component.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_target.h"
#include "static_files.h"

namespace {
namespace fs = std::filesystem;

const fs::path& web_root() {
    static const fs::path root = [] {
        const fs::path base = fs::temp_directory_path() / ("seimbang-fuzz-web-" + std::to_string(::getpid()));
        fs::create_directories(base / "web" / "sub");
        fs::create_directories(base / "web-old");
        fs::create_directories(base / "web" / ".git");
        for (const char* f : {"web/index.html", "web/app.js", "web/.env", "web/sub/x.js", "web-old/secret.js",
                              "web/.git/config", "secret.txt"})
            std::ofstream(base / f) << f;
        return fs::weakly_canonical(base / "web");
    }();
    return root;
}

void run(std::string_view input) {
    using namespace seimbang;
    const fs::path& root = web_root();
    const auto path = server::resolve_static_path(root, std::string(input));
    if (!path) return;
    const auto [root_end, ignored] = std::mismatch(root.begin(), root.end(), path->begin(), path->end());
    fuzz::require(root_end == root.end(), "a served file lies inside the web root");
    std::error_code ec;
    fuzz::require(fs::is_regular_file(*path, ec), "a served path is a regular file");
    const auto canonical = fs::weakly_canonical(*path, ec);
    fuzz::require(canonical == *path, "a served path is canonical");
    for (auto it = std::next(path->begin(), std::distance(root.begin(), root.end())); it != path->end(); ++it)
        fuzz::require(it->string().empty() || it->string()[0] != '.', "no hidden component is served");
}
}  // namespace

SEIMBANG_FUZZ_TARGET("static_path", run)
