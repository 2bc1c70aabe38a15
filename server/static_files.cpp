#include "static_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <httplib.h>

namespace seimbang::server {

namespace {
std::string mime_for(const std::filesystem::path& p) {
    const std::string ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".wasm") return "application/wasm";
    if (ext == ".json") return "application/json";
    if (ext == ".webmanifest") return "application/manifest+json";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".ttf") return "font/ttf";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".data") return "application/octet-stream";
    return "application/octet-stream";
}

bool read_file(const std::filesystem::path& p, std::string& out) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}
}  // namespace

void mount_static(httplib::Server& srv, const std::string& web_root) {
    const auto root = std::filesystem::weakly_canonical(web_root);
    srv.Get(R"(/(.*))", [root](const httplib::Request& req, httplib::Response& res) {
        std::string rel = req.matches[1];
        if (rel.rfind("api/", 0) == 0) {
            res.status = 404;
            res.set_content(R"({"error":{"code":"not_found"}})", "application/json");
            return;
        }
        if (rel.empty()) rel = "index.html";
        auto path = std::filesystem::weakly_canonical(root / rel);
        // Refuse anything that escapes the web root (../ tricks): compare whole
        // path components, so a sibling "web-old" never passes as inside "web".
        const auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
        const bool inside = root_end == root.end();
        if (!inside || !std::filesystem::is_regular_file(path)) {
            // A missing asset (js, wasm, icon…) is a 404: answering it with the
            // HTML shell would make the service worker cache HTML as code.
            if (!inside || std::filesystem::path(rel).has_extension()) {
                res.status = 404;
                res.set_content("not found", "text/plain");
                return;
            }
            path = root / "index.html";  // client-side routes fall back to the app shell
        }
        std::string body;
        if (!read_file(path, body)) {
            res.status = 404;
            res.set_content("not found", "text/plain");
            return;
        }
        const auto name = path.filename().string();
        if (name == "index.html" || name == "sw.js" || name == "manifest.webmanifest")
            res.set_header("Cache-Control", "no-cache");
        else
            res.set_header("Cache-Control", "public, max-age=3600");
        res.set_content(std::move(body), mime_for(path));
    });
}

}  // namespace seimbang::server
