// Serves the web client (index.html, the versioned .js/.wasm pair, service
// worker, manifest, icons, fonts) from a directory.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace httplib {
class Server;
}

namespace seimbang::server {

// GET for files under web_root with correct MIME types; index.html and sw.js are
// never cached by the browser without a check (the service worker handles
// offline), and every file carries its content hash as a weak ETag, so a check
// of unchanged bytes is a 304 without a body; unknown non-API paths fall back
// to index.html.
void mount_static(httplib::Server& srv, const std::string& web_root);

// The file a request path (`rel`: after the leading '/', already URL-decoded)
// is answered with, under `root` (absolute, canonical): nullopt for a 404 —
// hidden (dot) names, anything outside root, a missing file with an extension;
// a missing file without one is a client-side route and gets index.html.
std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root, std::string rel);

}  // namespace seimbang::server
