#include "platform/web/web_platform.h"

#include "app/plan_router.h"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <ctime>
#include <memory>

extern "C" {
void seimbang_js_persist_request(int now);
int seimbang_js_persist_idle();
int seimbang_js_persist_error();
int seimbang_js_persist_ticket();
int seimbang_js_persisted_ticket();
int seimbang_js_online();
void seimbang_js_pick_file(double max_bytes, const char* accept);
void seimbang_js_save_file(const char* name, const char* mime);
void seimbang_js_plan_post(double id, const char* data, int size);
void seimbang_js_plan_cancel();
void seimbang_js_xlsx_post(const char* data, int size);
}

namespace seimbang::web {

void WebPlatform::request_persist() {
    seimbang_js_persist_request(outside_transaction_ && outside_transaction_() ? 1 : 0);
}
bool WebPlatform::persist_idle() const { return seimbang_js_persist_idle() != 0; }
bool WebPlatform::persist_failed() const { return seimbang_js_persist_error() != 0; }
bool WebPlatform::persist_full() const { return seimbang_js_persist_error() == 2; }
long long WebPlatform::persist_ticket() const { return seimbang_js_persist_ticket(); }
long long WebPlatform::persisted_ticket() const { return seimbang_js_persisted_ticket(); }
bool WebPlatform::online() const { return seimbang_js_online() != 0; }
double WebPlatform::now_ms() const { return emscripten_get_now(); }
long long WebPlatform::unix_seconds() const { return static_cast<long long>(std::time(nullptr)); }

namespace {
// The one file choice in flight (a new choice replaces an abandoned one).
app::Platform::FileCallback g_file_picked;
}  // namespace

void WebPlatform::pick_file(int64_t max_bytes, FileCallback done, const std::string& accept) {
    g_file_picked = std::move(done);
    seimbang_js_pick_file(static_cast<double>(max_bytes), accept.c_str());
}

// The bytes go through the in-memory file system to a Blob the browser downloads.
void WebPlatform::save_file(const std::string& name, const std::string& mime, const std::string& bytes) {
    if (FILE* f = std::fopen("/tmp/seimbang-download", "wb")) {
        const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        std::fclose(f);
        if (ok) seimbang_js_save_file(name.c_str(), mime.c_str());
    }
}

namespace {
// The planner's requests out in the worker, by id (one worker, answers in order).
app::PlanRouter g_plans;
}  // namespace

app::Platform::PlanRequest WebPlatform::solve_plan(std::string instance_bytes, PlanCallback done) {
    const PlanRequest id = g_plans.add(std::move(done));
    seimbang_js_plan_post(static_cast<double>(id), instance_bytes.data(), static_cast<int>(instance_bytes.size()));
    return id;
}

// The worker is terminated only when the cancelled request is the only one out;
// otherwise it goes on and the cancelled answer is dropped when it comes.
void WebPlatform::cancel_plan(PlanRequest id) {
    if (g_plans.cancel(id)) seimbang_js_plan_cancel();
}

namespace {
// The one XLSX read in flight (the Impor screen reads one file at a time).
app::Platform::SheetCallback g_sheet_read;
}  // namespace

void WebPlatform::read_xlsx(std::string request, SheetCallback done) {
    g_sheet_read = std::move(done);
    seimbang_js_xlsx_post(request.data(), static_cast<int>(request.size()));
}

namespace {

// Everything a request needs until its callback: emscripten_fetch keeps pointers
// to the method, URL, headers and body, so they live here, not on the stack.
struct Pending {
    std::string method, url, body, auth, device;
    const char* headers[7] = {};
    app::HttpCallback done;
    const bool* frozen = nullptr;
};

void finished(emscripten_fetch_t* f) {
    std::unique_ptr<Pending> p(static_cast<Pending*>(f->userData));
    app::HttpResponse r;
    // status 0: no answer at all (offline, refused, CORS, timeout).
    r.status = f->status;
    if (f->data && f->numBytes > 0) r.body.assign(f->data, static_cast<size_t>(f->numBytes));
    emscripten_fetch_close(f);
    if (p->done && !*p->frozen) p->done(r);
}

}  // namespace

void WebPlatform::http(const app::HttpRequest& req, app::HttpCallback done) {
    if (frozen_) return;
    // Relative path: same origin as the page (the server serves the client).
    auto* p = new Pending{req.method, req.path, req.body,
                          req.bearer_token.empty() ? "" : "Bearer " + req.bearer_token, req.device_id, {},
                          std::move(done), &frozen_};
    int h = 0;
    p->headers[h++] = "Content-Type";
    p->headers[h++] = "application/json";
    if (!p->auth.empty()) {
        p->headers[h++] = "Authorization";
        p->headers[h++] = p->auth.c_str();
    }
    if (!p->device.empty()) {
        p->headers[h++] = "X-Device-Id";
        p->headers[h++] = p->device.c_str();
    }
    p->headers[h] = nullptr;
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, p->method.c_str(), sizeof attr.requestMethod - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.requestHeaders = p->headers;
    if (!p->body.empty()) {
        attr.requestData = p->body.data();
        attr.requestDataSize = p->body.size();
    }
    attr.timeoutMSecs = 20000;
    attr.userData = p;
    attr.onsuccess = finished;
    attr.onerror = finished;
    emscripten_fetch(&attr, p->url.c_str());
}

}  // namespace seimbang::web

// The chosen file: seimbang_lib.js wrote its bytes to /tmp/seimbang-picked in
// the in-memory file system (no malloc'd buffer crosses the boundary), or did
// not read it at all because it is larger than allowed (then only its size).
extern "C" EMSCRIPTEN_KEEPALIVE void seimbang_file_picked(const char* name, double size) {
    const char* path = "/tmp/seimbang-picked";
    std::string bytes;
    if (FILE* f = std::fopen(path, "rb")) {
        char buf[65536];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
        std::fclose(f);
    }
    std::remove(path);
    auto done = std::move(seimbang::web::g_file_picked);
    seimbang::web::g_file_picked = nullptr;
    if (done) done(name ? name : "", bytes, static_cast<int64_t>(size));
}

// The planner worker's answer to request `id` (seimbang_lib.js copied it into
// the heap for this call; it is freed after): the plan's bytes. id < 0: the
// worker failed to load or crashed, every request out gets no bytes.
extern "C" EMSCRIPTEN_KEEPALIVE void seimbang_plan_answered(double id, const char* data, int size) {
    if (id < 0) {
        for (auto& done : seimbang::web::g_plans.take_all())
            if (done) done(std::string());
        return;
    }
    auto done = seimbang::web::g_plans.take(static_cast<seimbang::app::Platform::PlanRequest>(id));
    if (done) done(data && size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string());
}

// The XLSX reader worker's answer (io::encode_sheet_answer's bytes, or none
// when the worker failed), like seimbang_plan_answered.
extern "C" EMSCRIPTEN_KEEPALIVE void seimbang_xlsx_answered(double id, const char* data, int size) {
    (void)id;  // one read at a time
    auto done = std::move(seimbang::web::g_sheet_read);
    seimbang::web::g_sheet_read = nullptr;
    if (done) done(data && size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string());
}
