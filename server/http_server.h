// The connection loop of seimbang-server. cpp-httplib parses requests and
// routes them (HttpServer is an httplib::Server, routes are registered as
// usual), but sockets are accepted, read and written here: the library's own
// loop (Debian 0.11.4) bounds each read, not a request, enforces the body
// limit only with a Content-Length, and lets slow clients hold every worker.
// Here:
//   - request line + headers: at most max_header_bytes, within header_timeout;
//   - a body needs a Content-Length (no chunked or unknown-length bodies, no
//     Content-Encoding: no client of ours sends them) of at most max_body_bytes;
//   - body and answer move at min_rate bytes/s on average after a grace time;
//   - when nearly all workers are taken, the connections that waited longest
//     on their client are closed, so `reserve` workers stay for new requests;
//   - one address holds at most per_address connections (accepted, waiting or
//     served), so a single machine cannot take every worker;
//   - security headers on every answer (HSTS when serving TLS).
// docs/SECURITY.md lists the limits and the tests that cover them.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <httplib.h>

namespace seimbang::server {

struct HttpLimits {
    size_t max_header_bytes = 64 * 1024;       // request line + headers
    size_t max_body_bytes = 8 * 1024 * 1024;   // sync batches are the largest bodies
    int header_timeout_ms = 10'000;            // a whole request line + headers
    int idle_timeout_ms = 2'000;               // keep-alive wait for the next request
    int grace_ms = 10'000;                     // body / answer: then at least min_rate
    size_t min_rate = 4096;                    // bytes per second, averaged over the phase
    int workers = 32;
    int reserve = 4;                           // workers kept free for new requests
    int evict_after_ms = 1'000;                // a connection waited this long on its client may be closed
    int keep_alive_max = 100;                  // requests per connection
    // Connections from one peer address; 0 = no cap. The host itself (127.0.0.1,
    // ::1: a reverse proxy in front, the admin's CLI) is not capped: a proxy caps
    // per client itself. A whole office behind one NAT address shares the cap, so
    // it is well above what a browser opens (≤ 6 per host) times a few devices.
    int per_address = 16;
};

struct Conn;

class HttpServer : public httplib::Server {
public:
    explicit HttpServer(HttpLimits limits);
    ~HttpServer() override;
    // Serve TLS (OpenSSL) with this certificate chain and key (PEM); false and a
    // message when they do not load or do not match.
    bool use_tls(const std::string& cert_file, const std::string& key_file, std::string& error);
    bool tls() const { return tls_ != nullptr; }
    // The listening socket (SO_REUSEADDR, no SO_REUSEPORT: a second server on the
    // same port fails), backlog 1024.
    bool bind(const std::string& host, int port);
    // Accepts and serves until stop(); returns when in-flight requests finished.
    void run();
    // Async-signal-safe.
    void stop();
    // Milliseconds since the current request's headers were read (for the
    // request log, called on the worker thread serving it); 0 outside one.
    static double handling_ms();

private:
    friend struct ConnStream;
    struct Accepted {
        int fd = -1;
        std::string counted_as;  // the address whose cap counts this connection ("" = not capped)
    };
    void serve(const Accepted& a);
    void make_room();
    void worker();

    HttpLimits limits_;
    void* tls_ = nullptr;  // SSL_CTX*
    int listen_fd_ = -1;
    int wake_[2] = {-1, -1};
    std::atomic<bool> stopping_{false};
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Accepted> queue_;  // accepted, not yet taken by a worker
    std::list<Conn*> serving_;   // taken by a worker
    std::unordered_map<std::string, int> per_address_;  // open connections per capped address
    std::vector<std::thread> threads_;
};

}  // namespace seimbang::server
