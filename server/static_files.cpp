#include "static_files.h"

#include "http_compress.h"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
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
// The Content-Security-Policy of the web client: scripts only from this origin
// plus the inline scripts of index.html by their SHA-256 (no 'unsafe-inline'),
// WebAssembly compilation ('wasm-unsafe-eval', not 'unsafe-eval'), no framing.
// Styles may be inline (index.html's loading screen); they cannot run code.
std::string content_security_policy(const std::string& index_html) {
    std::string hashes;
    for (size_t at = 0; (at = index_html.find("<script", at)) != std::string::npos;) {
        const size_t open_end = index_html.find('>', at);
        if (open_end == std::string::npos) break;
        const size_t close = index_html.find("</script>", open_end);
        if (close == std::string::npos) break;
        const std::string tag = index_html.substr(at, open_end - at);
        if (tag.find("src=") == std::string::npos) {
            unsigned char h[crypto_hash_sha256_BYTES];
            crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(index_html.data() + open_end + 1),
                               close - open_end - 1);
            char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
            sodium_bin2base64(b64, sizeof b64, h, sizeof h, sodium_base64_VARIANT_ORIGINAL);
            hashes += std::string(" 'sha256-") + b64 + "'";
        }
        at = close;
    }
    return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + hashes +
           "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
           "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
           "form-action 'self'; frame-ancestors 'none'";
}

// Whether an If-None-Match header ("*" or a list of entity tags) names `etag`
// (weak comparison, RFC 9110 §13.1.2: W/ prefixes are ignored).
bool if_none_match_hits(const std::string& header, const std::string& etag) {
    if (header.empty()) return false;
    const auto opaque = [](std::string t) { return t.rfind("W/", 0) == 0 ? t.substr(2) : t; };
    const std::string want = opaque(etag);
    std::stringstream list(header);
    for (std::string item; std::getline(list, item, ',');) {
        const size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b == std::string::npos) continue;
        item = item.substr(b, e - b + 1);
        if (item == "*" || opaque(item) == want) return true;
    }
    return false;
}

// Dotfiles and dot-directories (.git, .env, .htpasswd …) are never served.
bool hidden(const std::string& rel) {
    for (const auto& part : std::filesystem::path(rel))
        if (!part.empty() && part.string()[0] == '.') return true;
    return false;
}

// One static file as served: its bytes, a short content hash (the `?v=` the
// build stamps into index.html and sw.js) and its compressed forms. Built once
// per file version (mtime + size) and kept in memory: the web root is small.
struct Asset {
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
    std::string body, hash;
    std::string br, gz;  // "" = none (only .js and .wasm are compressed)
};

std::string short_hash(const std::string& body) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return std::string(hex, 12);
}

// The build's precompressed file (`path` + ".br" / ".gz", stage_web.cmake) when
// it decodes to exactly `body`; "" otherwise, so a stale or foreign file next to
// the asset is never served in its place.
std::string precompressed(const std::filesystem::path& path, const char* suffix, const char* coding,
                          const std::string& body) {
    std::string packed;
    if (!read_file(path.string() + suffix, packed)) return {};
    const auto plain = decompress_body(packed, coding, body.size());
    return plain && *plain == body ? packed : std::string();
}

// The asset at `path` (nullptr when it cannot be read). The client's .js and
// .wasm are served compressed: the build's Brotli-11 and gzip-9 files when they
// match, else gzip made here once per version. (cpp-httplib would Brotli-compress
// text/javascript at quality 11 on every request, 0.3-1 s for the loader, and
// never compresses application/wasm.)
std::shared_ptr<const Asset> asset(const std::filesystem::path& path) {
    static std::mutex mu;
    static std::map<std::string, std::shared_ptr<const Asset>> cache;
    std::error_code ec;
    const auto mtime = std::filesystem::last_write_time(path, ec);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return nullptr;
    {
        std::lock_guard lock(mu);
        auto it = cache.find(path.string());
        if (it != cache.end() && it->second->mtime == mtime && it->second->size == size) return it->second;
    }
    auto a = std::make_shared<Asset>();
    a->mtime = mtime;
    if (!read_file(path, a->body)) return nullptr;
    a->size = a->body.size();
    a->hash = short_hash(a->body);
    const std::string ext = path.extension().string();
    if (ext == ".js" || ext == ".wasm") {
        a->br = precompressed(path, ".br", "br", a->body);
        a->gz = precompressed(path, ".gz", "gzip", a->body);
        if (a->gz.empty()) a->gz = gzip(a->body, 9, 9);
    }
    std::lock_guard lock(mu);
    cache[path.string()] = a;
    return a;
}
// The policy for the current index.html, recomputed only when the page changes
// (read through the asset cache: not from disk on every request).
std::string policy_for(const std::filesystem::path& root) {
    static std::mutex mu;
    static std::shared_ptr<const Asset> page;
    static std::string policy;
    auto now = asset(root / "index.html");
    std::lock_guard lock(mu);
    if (now != page || policy.empty()) {
        page = now;
        policy = content_security_policy(now ? now->body : std::string());
    }
    return policy;
}

}  // namespace

std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root, std::string rel) {
    if (rel.empty()) rel = "index.html";
    if (rel.find('\0') != std::string::npos || hidden(rel)) return std::nullopt;
    std::error_code ec;
    auto path = std::filesystem::weakly_canonical(root / rel, ec);
    if (ec) return std::nullopt;
    // Refuse anything that escapes the web root (../ tricks): compare whole
    // path components, so a sibling "web-old" never passes as inside "web".
    const auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    const bool inside = root_end == root.end();
    if (!inside || !std::filesystem::is_regular_file(path, ec)) {
        // A missing asset (js, wasm, icon…) is a 404: answering it with the
        // HTML shell would make the service worker cache HTML as code.
        if (!inside || std::filesystem::path(rel).has_extension()) return std::nullopt;
        path = root / "index.html";  // client-side routes fall back to the app shell
    }
    return path;
}

void mount_static(httplib::Server& srv, const std::string& web_root) {
    const auto root = std::filesystem::weakly_canonical(web_root);
    // Load (and if need be compress) the client's .js/.wasm now, so the first
    // visitor does not wait for it.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
        const auto ext = entry.path().extension().string();
        if ((ext == ".js" || ext == ".wasm") && entry.is_regular_file()) asset(entry.path());
    }
    srv.Get(R"(/(.*))", [root](const httplib::Request& req, httplib::Response& res) {
        std::string rel = req.matches[1];
        if (rel.rfind("api/", 0) == 0) {
            res.status = 404;
            res.set_content(R"({"error":{"code":"not_found"}})", "application/json");
            return;
        }
        // Every file of the client gets the client's policy (the service worker's
        // own fetches follow the policy sent with sw.js).
        res.set_header("Content-Security-Policy", policy_for(root));
        const auto path = resolve_static_path(root, rel);
        if (!path) {
            res.status = 404;
            res.set_content("not found", "text/plain");
            return;
        }
        const auto a = asset(*path);
        if (!a) {
            res.status = 404;
            res.set_content("not found", "text/plain");
            return;
        }
        const auto name = path->filename().string();
        const std::string ext = path->extension().string();
        // A URL naming this file's exact bytes (?v=<its hash>, as the build
        // stamps them) never changes: the browser and the service worker's
        // precache reuse it instead of downloading it again. Anything else is
        // checked with the server on each use.
        const bool pinned = req.has_param("v") && req.get_param_value("v") == a->hash;
        if (name == "index.html" || name == "sw.js")
            res.set_header("Cache-Control", "no-cache");
        else if (pinned)
            res.set_header("Cache-Control", "public, max-age=31536000, immutable");
        else if (ext == ".js" || ext == ".wasm" || name == "manifest.webmanifest")
            res.set_header("Cache-Control", "no-cache");
        else
            res.set_header("Cache-Control", "public, max-age=3600");
        // The content hash as a (weak: one validator for every encoding) ETag, so a
        // check with the server of bytes the browser already holds is a 304 without
        // a body: the service worker's install revalidating the page the visit has
        // just loaded, and every later visit's check of the page and sw.js.
        const std::string etag = "W/\"" + a->hash + "\"";
        res.set_header("ETag", etag);
        if (if_none_match_hits(req.get_header_value("If-None-Match"), etag)) {
            res.status = 304;
            return;
        }
        if (!a->gz.empty()) {
            res.set_header("Vary", "Accept-Encoding");
            const std::string accept = req.get_header_value("Accept-Encoding");
            const std::string* packed = nullptr;
            const char* coding = nullptr;
            if (!a->br.empty() && accepts_encoding(accept, "br")) packed = &a->br, coding = "br";
            else if (accepts_encoding(accept, "gzip")) packed = &a->gz, coding = "gzip";
            if (packed) {
                res.set_header("Content-Encoding", coding);
                // A JavaScript MIME type that cpp-httplib does not compress again.
                res.set_content(*packed, ext == ".js" ? "application/x-javascript; charset=utf-8" : "application/wasm");
                return;
            }
        }
        res.set_content(a->body, mime_for(*path));
    });
}

}  // namespace seimbang::server
