// Serves the web client (index.html, the versioned .js/.wasm pair, service
// worker, manifest, icons, fonts) from a directory.
#pragma once
#include <string>

namespace httplib {
class Server;
}

namespace seimbang::server {

// GET for files under web_root with correct MIME types; index.html and sw.js are
// never cached by the browser (the service worker handles offline); unknown
// non-API paths fall back to index.html.
void mount_static(httplib::Server& srv, const std::string& web_root);

}  // namespace seimbang::server
