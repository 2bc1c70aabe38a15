// Services the app needs from its host (browser, desktop, headless test). The app
// never includes GL, Emscripten or sockets: each platform implements this once.
#pragma once
#include <functional>
#include <string>

namespace seimbang::app {

// One HTTP answer. status 0 means "no answer" (offline, DNS, refused, timeout):
// the app treats it as offline and retries later, never as a server refusal.
struct HttpResponse {
    int status = 0;
    std::string body;
};
using HttpCallback = std::function<void(const HttpResponse&)>;

// One request to the sync server. `path` is relative to the server root
// ("/api/v1/..."); the platform adds `Authorization: Bearer <token>` and
// `X-Device-Id` when they are not empty.
struct HttpRequest {
    std::string method = "GET", path, body, bearer_token, device_id;
};

class Platform {
public:
    virtual ~Platform() = default;

    // A change was committed to the local database: make it durable (the web
    // platform flushes IndexedDB, debounced, one flush at a time).
    virtual void request_persist() {}
    // True when every committed change is durable (nothing pending or running).
    virtual bool persist_idle() const { return true; }
    virtual bool persist_failed() const { return false; }
    // The last failure was a full storage (the browser's quota): the changes stay
    // in memory, in the outbox, and are tried again.
    virtual bool persist_full() const { return false; }
    // Durability step by step: persist_ticket(), asked right after a commit and
    // its request_persist(), names the flush that will hold it; the commit is
    // durable once persisted_ticket() reached that number. Platforms that are
    // durable at once answer 0 to both.
    virtual long long persist_ticket() const { return 0; }
    virtual long long persisted_ticket() const { return 0; }

    // Best guess of connectivity (navigator.onLine on the web).
    virtual bool online() const { return true; }

    // Asynchronous HTTP to the sync server, path relative to the server root
    // ("/api/v1/..."). The callback runs later on the UI thread, inside a frame's
    // tick; `body` is kept alive by the platform until then.
    virtual void http(const HttpRequest& request, HttpCallback done) {
        (void)request;
        done(HttpResponse{});
    }

    // Lets the person choose a file (the browser's file chooser); `done` runs later
    // on the UI thread with its name, bytes and size, or never when nothing was
    // chosen. A file larger than `max_bytes` is not read at all (a 200 MB video
    // picked by mistake must not fill a phone's memory): `bytes` is empty and
    // `size` says why. `accept`: the chooser's filter (extensions and MIME types,
    // comma-separated); empty: the documents of a transfer request (PDF, JPEG, PNG).
    // Platforms without a chooser ignore it.
    using FileCallback = std::function<void(const std::string& name, const std::string& bytes, int64_t size)>;
    virtual void pick_file(int64_t max_bytes, FileCallback done, const std::string& accept = {}) {
        (void)max_bytes;
        (void)done;
        (void)accept;
    }

    // Offers a file to the person (the browser's download; a desktop writes it to
    // the working directory). Platforms without one ignore it.
    virtual void save_file(const std::string& name, const std::string& mime, const std::string& bytes) {
        (void)name, (void)mime, (void)bytes;
    }

    // Solves a planner instance (bytes of plan/wire.h) away from the UI thread
    // when the platform can: the browser posts it to the planner's Web Worker and
    // calls `done` later on the UI thread, between frames, with the plan's bytes;
    // native platforms solve at once (plan::solve_encoded) and call `done` before
    // returning. An empty answer: no planner here, or the worker failed to load.
    // The default has no planner, so the web build's main module does not link
    // the solver (LEMON lives in the worker only). Several requests may be out at
    // once (a Rekomendasi run, a saved plan's check, a lesson's plan): each has an
    // id, and each answer reaches its own `done` (client/app/plan_router.h).
    using PlanCallback = std::function<void(const std::string& plan_bytes)>;
    using PlanRequest = long long;  // > 0; 0: none
    virtual PlanRequest solve_plan(std::string instance_bytes, PlanCallback done) {
        (void)instance_bytes;
        done({});
        return 0;
    }
    // Forgets request `id` (its `done` is never called); when no other request is
    // out, the solve in flight is stopped (the browser terminates the worker,
    // which loses the database copy it keeps: plan::encode_db_request).
    virtual void cancel_plan(PlanRequest id) { (void)id; }

    // Reads an XLSX worksheet away from the UI thread: `request` holds the bytes
    // of io::encode_sheet_request, `done` gets io::encode_sheet_answer's bytes.
    // The browser posts it to the XLSX reader's Web Worker (libzip, expat and zlib
    // live there only, so a first visit does not download them) and calls `done`
    // between frames; native platforms read at once (io::read_sheet_encoded). The
    // default has no reader: an empty answer (io::decode_sheet_answer says so).
    using SheetCallback = std::function<void(const std::string& answer)>;
    virtual void read_xlsx(std::string request, SheetCallback done) {
        (void)request;
        done({});
    }

    // Milliseconds since an arbitrary epoch (monotonic) and wall-clock seconds.
    virtual double now_ms() const = 0;
    virtual long long unix_seconds() const = 0;

    // Where the local database lives ("/data/seimbang.db" on the web).
    virtual std::string database_path() const = 0;
};

}  // namespace seimbang::app
