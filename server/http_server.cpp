#include "http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>

namespace seimbang::server {

using Clock = std::chrono::steady_clock;

namespace {
const char* error_body(const char* code) {
    static thread_local std::string s;
    s = std::string(R"({"error":{"code":")") + code + "\"}}";
    return s.c_str();
}
bool body_method(const std::string& m) {
    return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" || m == "PRI";
}

// The numeric address of a peer; an IPv4-mapped IPv6 address as IPv4, so one
// machine has one key whichever way it connected. "" when it cannot be read.
std::string peer_address(const sockaddr_storage& ss, socklen_t len) {
    char host[NI_MAXHOST];
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&ss), len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0)
        return {};
    std::string a = host;
    if (a.rfind("::ffff:", 0) == 0 && a.find('.') != std::string::npos) a.erase(0, 7);
    return a;
}

bool host_itself(const std::string& a) { return a == "127.0.0.1" || a == "::1"; }

// A connection over its address's cap: a short 503 on a plain socket (the
// client's sync backs off and retries), nothing on TLS (no handshake is spent
// on it); closed at once either way. Best effort: the socket is non-blocking
// and no request has been read, so the close sends FIN, not RST.
void refuse_over_cap(int fd, bool tls) {
    if (!tls) {
        static const std::string answer =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
            "Connection: close\r\nContent-Length: 46\r\n\r\n{\"error\":{\"code\":\"http.too_many_connections\"}}";
        (void)!::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::shutdown(fd, SHUT_WR);
    }
    ::close(fd);
}
}  // namespace

// One accepted connection, served by one worker thread from accept to close.
struct Conn {
    enum class Phase { Idle, Header, Body, Handling, Write };
    int fd = -1;
    SSL* ssl = nullptr;
    std::string peer_ip, local_ip;
    int peer_port = 0, local_port = 0;
    std::atomic<Phase> phase{Phase::Header};
    std::atomic<int64_t> phase_start_ms{0};  // steady clock, ms
    Clock::time_point phase_start;
    size_t phase_bytes = 0;
    size_t body_left = 0;
    bool close_after = false;
    bool failed = false;
    std::atomic<bool> evicted{false};
    Clock::time_point handling_started{};
    char buf[16 * 1024];
    size_t pos = 0, len = 0;

    void enter(Phase p) {
        phase_start = Clock::now();
        phase_start_ms = std::chrono::duration_cast<std::chrono::milliseconds>(phase_start.time_since_epoch()).count();
        phase_bytes = 0;
        phase = p;
    }
};

namespace {
thread_local Conn* t_current = nullptr;

// Waits until fd is ready for `events` or the deadline passes (false).
bool wait_fd(Conn& c, short events, Clock::time_point deadline) {
    for (;;) {
        if (c.evicted) return false;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{c.fd, events, 0};
        const int rc = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
        if (rc > 0) return true;
        if (rc < 0 && errno != EINTR) return false;
    }
}

// After a TLS call that could not finish: waits for what TLS needs next (a read
// may need to write and a write to read, e.g. during a renegotiation). False:
// an error, or the deadline passed.
bool wait_for_tls(Conn& c, int ssl_error, Clock::time_point deadline) {
    if (ssl_error == SSL_ERROR_WANT_READ) return wait_fd(c, POLLIN, deadline);
    if (ssl_error == SSL_ERROR_WANT_WRITE) return wait_fd(c, POLLOUT, deadline);
    return false;
}

// Reads into buf: >0 bytes, 0 at the end of the stream, -1 on error/deadline.
ssize_t raw_read(Conn& c, char* buf, size_t n, Clock::time_point deadline) {
    for (;;) {
        if (c.ssl) {
            ERR_clear_error();
            const int r = SSL_read(c.ssl, buf, static_cast<int>(std::min<size_t>(n, 1 << 30)));
            if (r > 0) return r;
            const int e = SSL_get_error(c.ssl, r);
            if (e == SSL_ERROR_ZERO_RETURN) return 0;
            if (!wait_for_tls(c, e, deadline)) return -1;
            continue;
        }
        const ssize_t r = ::recv(c.fd, buf, n, 0);
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        if (!wait_fd(c, POLLIN, deadline)) return -1;
    }
}

ssize_t raw_write(Conn& c, const char* data, size_t n, Clock::time_point deadline) {
    for (;;) {
        if (c.ssl) {
            ERR_clear_error();
            const int r = SSL_write(c.ssl, data, static_cast<int>(std::min<size_t>(n, 1 << 30)));
            if (r > 0) return r;
            if (!wait_for_tls(c, SSL_get_error(c.ssl, r), deadline)) return -1;
            continue;
        }
        const ssize_t r = ::send(c.fd, data, n, MSG_NOSIGNAL);
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        if (!wait_fd(c, POLLOUT, deadline)) return -1;
    }
}
}  // namespace

// The httplib::Stream over a Conn: enforces the phase limits on every read and write.
struct ConnStream : httplib::Stream {
    ConnStream(Conn& c, const HttpLimits& l) : c_(c), l_(l) {}
    bool is_readable() const override { return !c_.failed; }
    bool is_writable() const override { return !c_.failed; }

    // The deadline of the next transfer in the current phase.
    Clock::time_point deadline() const {
        if (c_.phase == Conn::Phase::Header) return c_.phase_start + std::chrono::milliseconds(l_.header_timeout_ms);
        const int64_t allowed = l_.grace_ms + static_cast<int64_t>(c_.phase_bytes * 1000 / std::max<size_t>(l_.min_rate, 1));
        return c_.phase_start + std::chrono::milliseconds(allowed);
    }

    ssize_t read(char* ptr, size_t size) override {
        if (c_.failed || size == 0) return c_.failed ? -1 : 0;
        if (c_.phase == Conn::Phase::Header && c_.phase_bytes >= l_.max_header_bytes) {
            c_.close_after = true;  // httplib answers 400; what follows is not read
            return -1;
        }
        if (c_.phase == Conn::Phase::Body && c_.phase_bytes >= l_.max_body_bytes) return fail();
        if (c_.pos == c_.len) {
            const ssize_t r = raw_read(c_, c_.buf, sizeof c_.buf, deadline());
            if (r <= 0) return r == 0 ? 0 : fail();
            c_.pos = 0;
            c_.len = static_cast<size_t>(r);
        }
        size_t n = std::min(size, c_.len - c_.pos);
        if (c_.phase == Conn::Phase::Header) n = std::min(n, l_.max_header_bytes - c_.phase_bytes);
        std::memcpy(ptr, c_.buf + c_.pos, n);
        c_.pos += n;
        c_.phase_bytes += n;
        if (c_.phase == Conn::Phase::Body) {
            c_.body_left -= std::min(c_.body_left, n);
            if (c_.body_left == 0) c_.enter(Conn::Phase::Handling);  // the handler runs next
        }
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (c_.failed) return -1;
        if (c_.phase != Conn::Phase::Write) c_.enter(Conn::Phase::Write);
        size_t done = 0;
        while (done < size) {
            const ssize_t r = raw_write(c_, ptr + done, size - done, deadline());
            if (r <= 0) return fail();
            done += static_cast<size_t>(r);
            c_.phase_bytes += static_cast<size_t>(r);
        }
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.peer_ip;
        port = c_.peer_port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.local_ip;
        port = c_.local_port;
    }
    socket_t socket() const override { return c_.fd; }

private:
    ssize_t fail() {
        c_.failed = true;
        return -1;
    }
    Conn& c_;
    const HttpLimits& l_;
};

HttpServer::HttpServer(HttpLimits limits) : limits_(limits) {
    set_payload_max_length(limits_.max_body_bytes);
    // (Only for the Keep-Alive header httplib writes: the loop below enforces them.)
    set_keep_alive_timeout(limits_.idle_timeout_ms / 1000);
    set_keep_alive_max_count(static_cast<size_t>(limits_.keep_alive_max));
    set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        Conn* c = t_current;
        if (!c) return HandlerResponse::Unhandled;
        c->handling_started = Clock::now();
        // A refused request's body is not read: the connection closes after the answer.
        auto refuse = [&](int status, const char* code) {
            res.status = status;
            res.set_content(error_body(code), "application/json");
            c->close_after = true;
            return HandlerResponse::Handled;
        };
        if (req.has_header("Transfer-Encoding")) return refuse(411, "request.length_required");
        const std::string enc = req.get_header_value("Content-Encoding");
        if (!enc.empty() && enc != "identity") return refuse(415, "request.encoding_unsupported");
        size_t length = 0;
        if (req.get_header_value_count("Content-Length") > 1) return refuse(400, "request.bad_length");
        if (req.has_header("Content-Length")) {
            const std::string v = req.get_header_value("Content-Length");
            if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
                return refuse(400, "request.bad_length");
            length = std::stoull(v);
            if (length > limits_.max_body_bytes) return refuse(413, "request.too_large");
        } else if (body_method(req.method)) {
            return refuse(411, "request.length_required");
        }
        if (!body_method(req.method) && length > 0) c->close_after = true;  // (a body httplib will not read)
        if (body_method(req.method) && length > 0) {
            c->body_left = length;
            c->enter(Conn::Phase::Body);
        } else {
            c->enter(Conn::Phase::Handling);
        }
        return HandlerResponse::Unhandled;
    });
    set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
        // The web client's pages set their own policy (static_files.cpp); the
        // API's answers are data, never documents.
        if (!res.has_header("Content-Security-Policy"))
            res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("X-Frame-Options", "DENY");
        res.set_header("Referrer-Policy", "no-referrer");
        if (tls()) res.set_header("Strict-Transport-Security", "max-age=31536000");
        if (t_current && t_current->close_after) res.set_header("Connection", "close");
    });
}

HttpServer::~HttpServer() {
    if (listen_fd_ >= 0) ::close(listen_fd_);
    for (int fd : wake_)
        if (fd >= 0) ::close(fd);
    if (tls_) SSL_CTX_free(static_cast<SSL_CTX*>(tls_));
}

double HttpServer::handling_ms() {
    if (!t_current || t_current->handling_started == Clock::time_point{}) return 0;
    return std::chrono::duration<double, std::milli>(Clock::now() - t_current->handling_started).count();
}

bool HttpServer::use_tls(const std::string& cert_file, const std::string& key_file, std::string& error) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    auto fail = [&](const std::string& what) {
        char msg[256] = {0};
        ERR_error_string_n(ERR_get_error(), msg, sizeof msg);
        error = what + ": " + msg;
        SSL_CTX_free(ctx);
        return false;
    };
    if (!ctx) return fail("TLS context");
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) return fail("--tls-cert " + cert_file);
    if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) return fail("--tls-key " + key_file);
    if (SSL_CTX_check_private_key(ctx) != 1) return fail("--tls-key does not match --tls-cert");
    tls_ = ctx;
    return true;
}

bool HttpServer::bind(const std::string& host, int port) {
    addrinfo hints{}, *res = nullptr;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0) return false;
    for (addrinfo* a = res; a && listen_fd_ < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) listen_fd_ = fd;
        else ::close(fd);
    }
    freeaddrinfo(res);
    if (listen_fd_ < 0) return false;
    return ::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) == 0;
}

void HttpServer::stop() {
    stopping_ = true;
    if (wake_[1] >= 0) {
        const char b = 1;
        (void)!::write(wake_[1], &b, 1);
    }
}

void HttpServer::run() {
    for (int i = 0; i < limits_.workers; ++i) threads_.emplace_back([this] { worker(); });
    while (!stopping_) {
        pollfd p[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        if (::poll(p, 2, 1000) <= 0 || !(p[0].revents & POLLIN)) continue;
        sockaddr_storage peer{};
        socklen_t peer_len = sizeof peer;
        const int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &peer_len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) continue;
        int yes = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // no Nagle wait between headers and body
        const std::string address = limits_.per_address > 0 ? peer_address(peer, peer_len) : std::string();
        const bool capped = !address.empty() && !host_itself(address);
        bool admitted = true;
        {
            std::lock_guard lock(mu_);
            if (capped && per_address_[address] >= limits_.per_address) {
                admitted = false;
            } else {
                if (capped) ++per_address_[address];
                queue_.push_back({fd, capped ? address : std::string()});
            }
        }
        if (!admitted) {
            refuse_over_cap(fd, tls_ != nullptr);
            continue;
        }
        cv_.notify_one();
        make_room();
    }
    ::close(listen_fd_);
    listen_fd_ = -1;
    cv_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

void HttpServer::worker() {
    for (;;) {
        Accepted a;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing accepted is left
            a = std::move(queue_.front());
            queue_.pop_front();
        }
        serve(a);
    }
}

// Keeps `reserve` workers for new requests: when the connections taken or
// waiting for a worker leave fewer, the ones that waited longest on their
// client (for a request, its body, or reading the answer) — at least
// evict_after_ms — are closed. A slow-loris attacker then holds nothing for
// long, and a health check or a sync finds a worker at once.
void HttpServer::make_room() {
    std::lock_guard lock(mu_);
    const int busy = static_cast<int>(serving_.size() + queue_.size());
    int excess = busy - (limits_.workers - limits_.reserve);
    if (excess <= 0) return;
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
    std::vector<Conn*> waiting;
    for (Conn* c : serving_) {
        const auto ph = c->phase.load();
        if (ph != Conn::Phase::Handling && !c->evicted && now - c->phase_start_ms >= limits_.evict_after_ms)
            waiting.push_back(c);
    }
    std::sort(waiting.begin(), waiting.end(),
              [](const Conn* a, const Conn* b) { return a->phase_start_ms < b->phase_start_ms; });
    for (Conn* c : waiting) {
        if (excess-- <= 0) break;
        c->evicted = true;
        ::shutdown(c->fd, SHUT_RDWR);  // (the fd stays open until its worker unregisters it)
    }
}

void HttpServer::serve(const Accepted& a) {
    const int fd = a.fd;
    Conn c;
    c.fd = fd;
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    char host[NI_MAXHOST], port[NI_MAXSERV];
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0 &&
        getnameinfo(reinterpret_cast<sockaddr*>(&ss), len, host, sizeof host, port, sizeof port,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        c.peer_ip = host;
        c.peer_port = std::atoi(port);
    }
    len = sizeof ss;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0 &&
        getnameinfo(reinterpret_cast<sockaddr*>(&ss), len, host, sizeof host, port, sizeof port,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        c.local_ip = host;
        c.local_port = std::atoi(port);
    }
    c.enter(Conn::Phase::Header);
    {
        std::lock_guard lock(mu_);
        serving_.push_back(&c);
    }
    t_current = &c;
    ConnStream stream(c, limits_);
    bool ok = true;
    if (tls_) {
        c.ssl = SSL_new(static_cast<SSL_CTX*>(tls_));
        ok = c.ssl && SSL_set_fd(c.ssl, fd) == 1;
        const auto deadline = c.phase_start + std::chrono::milliseconds(limits_.header_timeout_ms);
        while (ok) {
            ERR_clear_error();
            const int r = SSL_accept(c.ssl);
            if (r == 1) break;
            const int e = SSL_get_error(c.ssl, r);
            if (e == SSL_ERROR_WANT_READ) ok = wait_fd(c, POLLIN, deadline);
            else if (e == SSL_ERROR_WANT_WRITE) ok = wait_fd(c, POLLOUT, deadline);
            else ok = false;
        }
    }
    for (int n = 0; ok && n < limits_.keep_alive_max; ++n) {
        // Wait for the request (the first within the header time, the next ones
        // within the keep-alive time), checking for a stop now and then.
        const bool buffered = c.pos < c.len || (c.ssl && SSL_pending(c.ssl) > 0);
        if (!buffered) {
            c.enter(Conn::Phase::Idle);
            const auto deadline = c.phase_start + std::chrono::milliseconds(n == 0 ? limits_.header_timeout_ms
                                                                                   : limits_.idle_timeout_ms);
            bool ready = false;
            while (!ready && !stopping_ && !c.evicted && Clock::now() < deadline) {
                pollfd p{fd, POLLIN, 0};
                ready = ::poll(&p, 1, 100) > 0;
            }
            if (!ready || c.evicted) break;
        }
        c.enter(Conn::Phase::Header);
        c.close_after = false;
        c.handling_started = {};
        bool closed = false;
        try {
            ok = process_request(stream, n + 1 == limits_.keep_alive_max || stopping_, closed, nullptr);
        } catch (...) {
            ok = false;  // (the request log or a handler threw past httplib: drop the connection, not the server)
        }
        c.handling_started = {};
        if (closed || c.close_after || c.failed || c.evicted || stopping_) break;
    }
    // A refused request's unread body: closing on it would reset the connection
    // and could destroy the answer before the client read it. Lingering close
    // (as web servers do): stop sending, read and drop a bounded amount.
    if (c.close_after && !c.failed && !c.evicted && !c.ssl) {
        c.enter(Conn::Phase::Idle);  // (may be evicted meanwhile)
        ::shutdown(fd, SHUT_WR);
        // (Enough for a client that sends a too-large body before reading the answer.)
        const auto until = Clock::now() + std::chrono::seconds(5);
        size_t drained = 0;
        char sink[16 * 1024];
        while (drained < 2 * limits_.max_body_bytes && Clock::now() < until && !c.evicted) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            const ssize_t n = ::recv(fd, sink, sizeof sink, 0);
            if (n <= 0) break;
            drained += static_cast<size_t>(n);
        }
    }
    t_current = nullptr;
    {
        std::lock_guard lock(mu_);
        serving_.remove(&c);
        if (!a.counted_as.empty()) {
            auto it = per_address_.find(a.counted_as);
            if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
        }
    }
    if (c.ssl) {
        if (!c.failed && !c.evicted) SSL_shutdown(c.ssl);  // best effort: the socket is non-blocking
        SSL_free(c.ssl);
    }
    ::close(fd);
}

}  // namespace seimbang::server
