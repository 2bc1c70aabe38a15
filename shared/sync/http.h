// What the sync client sends and receives, independent of how (cpp-httplib in
// the CLI, emscripten_fetch in the browser): one request, one answer, and the
// one reading of an error answer that every client uses.
#pragma once
#include <string>
#include <string_view>

namespace seimbang::sync {

// One request to the server. Paths are absolute ("/api/v1/sync/push"); the
// transport adds the server address and the Authorization / X-Device-Id headers.
struct SyncRequest {
    std::string method, path, body, content_type;  // method: GET, POST (JSON body) or PUT (bytes)
};

struct HttpResult {
    int status = 0;  // 0: no answer (offline, connection cut, timeout)
    std::string body;
};

// The machine code of an answer that is not a success: "network" when no answer
// came, the body's {"error": {"code": …}}, else "http.<status>".
std::string error_code(int status, std::string_view body);
inline std::string error_code(const HttpResult& r) { return error_code(r.status, r.body); }

// A query value percent-encoded (RFC 3986 unreserved characters kept): a
// province name has spaces.
std::string query_value(std::string_view v);

}  // namespace seimbang::sync
