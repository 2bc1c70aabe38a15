#include "static_files.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
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
// The web client's large assets (.js, .wasm) are gzip-compressed once per file
// version and kept in memory. Without this, cpp-httplib Brotli-compresses
// text/javascript (quality 11) on every request, ~0.3-1 s for the 190 KB
// loader on the cold-load path, and never compresses application/wasm (1.8 MB).
std::string gzip(const std::string& in) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, in.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

struct Compressed {
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
    std::string gz;
};

// The gzip body of `path` (empty when it cannot be made), cached by mtime and size.
std::string compressed(const std::filesystem::path& path, const std::string& body) {
    static std::mutex mu;
    static std::map<std::string, Compressed> cache;
    std::error_code ec;
    const auto mtime = std::filesystem::last_write_time(path, ec);
    std::lock_guard lock(mu);
    auto& c = cache[path.string()];
    if (c.gz.empty() || c.mtime != mtime || c.size != body.size()) c = {mtime, body.size(), gzip(body)};
    return c.gz;
}
}  // namespace

void mount_static(httplib::Server& srv, const std::string& web_root) {
    const auto root = std::filesystem::weakly_canonical(web_root);
    // Compress the client's .js/.wasm now, so the first visitor does not wait for it.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
        const auto ext = entry.path().extension().string();
        std::string body;
        if ((ext == ".js" || ext == ".wasm") && entry.is_regular_file() && read_file(entry.path(), body))
            compressed(entry.path(), body);
    }
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
        const std::string ext = path.extension().string();
        if ((ext == ".js" || ext == ".wasm") &&
            req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
            std::string gz = compressed(path, body);
            if (!gz.empty()) {
                res.set_header("Content-Encoding", "gzip");
                res.set_header("Vary", "Accept-Encoding");
                // A JavaScript MIME type that cpp-httplib does not compress again.
                res.set_content(std::move(gz), ext == ".js" ? "application/x-javascript; charset=utf-8"
                                                            : "application/wasm");
                return;
            }
        }
        res.set_content(std::move(body), mime_for(path));
    });
}

}  // namespace seimbang::server
