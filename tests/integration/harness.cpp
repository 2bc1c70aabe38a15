#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "harness.h"

#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include "demo/seed.h"
#include "store/repo.h"
#include "store/schema.h"

namespace itest {

using nlohmann::json;

std::string temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "seimbang-itest-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    return tmpl;
}

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

std::string server_bin() {
    const char* env = std::getenv("SEIMBANG_TEST_SERVER_BIN");
    return env && *env ? env : SEIMBANG_SERVER_BIN;
}

int connect_from(int port, const std::string& source) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (!source.empty()) {
        sockaddr_in from{};
        from.sin_family = AF_INET;
        inet_pton(AF_INET, source.c_str(), &from.sin_addr);
        if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
            close(fd);
            return -1;
        }
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

std::string raw_http(int port, const std::string& bytes, int timeout_ms, const std::string& source) {
    const int fd = connect_from(port, source);
    if (fd < 0) return {};
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    size_t sent = 0;
    std::string out;
    char buf[8192];
    while (std::chrono::steady_clock::now() < until) {
        pollfd p{fd, static_cast<short>(POLLIN | (sent < bytes.size() ? POLLOUT : 0)), 0};
        if (poll(&p, 1, 50) <= 0) continue;
        if (p.revents & POLLIN) {
            const ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) break;
            out.append(buf, static_cast<size_t>(n));
        } else if (p.revents & POLLOUT) {
            const ssize_t n = send(fd, bytes.data() + sent, std::min<size_t>(bytes.size() - sent, 65536), MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<size_t>(n);
        } else {
            break;
        }
    }
    close(fd);
    return out;
}

int raw_status(const std::string& response) {
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
    return std::atoi(response.c_str() + 9);
}

bool healthy(const std::string& url, int timeout_ms) {
    httplib::Client c(url);
    c.set_connection_timeout(0, timeout_ms * 1000);
    c.set_read_timeout(timeout_ms / 1000, (timeout_ms % 1000) * 1000);
    auto r = c.Get("/api/v1/health");
    return r && r->status == 200;
}

LoginResult login_from(int port, const std::string& source, const std::string& user, const std::string& password,
                       const std::string& device_id) {
    const std::string body =
        json{{"username", user}, {"password", password}, {"device_id", device_id}}.dump();
    const std::string answer = raw_http(port,
                                        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                        "Content-Type: application/json\r\nContent-Length: " +
                                            std::to_string(body.size()) + "\r\n\r\n" + body,
                                        10000, source);
    const size_t at = answer.find("\r\n\r\n");
    return {raw_status(answer), at == std::string::npos ? json() : json::parse(answer.substr(at + 4), nullptr, false)};
}

namespace {
pid_t spawn(const std::vector<std::string>& argv, int in_fd, int out_fd, int err_fd) {
    pid_t pid = fork();
    if (pid == 0) {
        if (in_fd >= 0) dup2(in_fd, 0);
        if (out_fd >= 0) dup2(out_fd, 1);
        if (err_fd >= 0) dup2(err_fd, 2);
        std::vector<char*> a;
        for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
        a.push_back(nullptr);
        execv(a[0], a.data());
        _exit(127);
    }
    return pid;
}
}  // namespace

int run(const std::vector<std::string>& argv, const std::string& stdin_text, std::string* out) {
    int in[2], o[2];
    if (pipe(in) != 0 || pipe(o) != 0) return -1;
    pid_t pid = spawn(argv, in[0], o[1], -1);
    close(in[0]);
    close(o[1]);
    if (!stdin_text.empty()) (void)!write(in[1], stdin_text.data(), stdin_text.size());
    close(in[1]);
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = read(o[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
    close(o[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    if (out) *out = text;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

ServerProcess::ServerProcess(std::string db_path, bool init, std::vector<std::string> extra)
    : db_(std::move(db_path)), extra_(std::move(extra)) {
    if (init) {
        std::string out;
        if (run({server_bin(), "init", "--db", db_, "--demo", "--fast-hashes"}, {}, &out) != 0)
            throw std::runtime_error("server init failed: " + out);
    }
    start(extra_);
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) kill_hard();
}

void ServerProcess::start(std::vector<std::string> extra, int port) {
    port_ = port > 0 ? port : free_port();
    std::vector<std::string> argv = {server_bin(), "serve", "--db", db_, "--port", std::to_string(port_)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    int log = open((db_ + ".log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int devnull = open("/dev/null", O_WRONLY);
    pid_ = spawn(argv, -1, devnull, log);
    close(log);
    close(devnull);
    // Ready when /api/v1/health answers.
    tls_ = std::find(argv.begin(), argv.end(), "--tls-cert") != argv.end();
    httplib::Client c(url());
    c.enable_server_certificate_verification(false);  // (readiness only; tests verify with their CA)
    c.set_connection_timeout(0, 200000);
    for (int i = 0; i < 200; ++i) {
        auto r = c.Get("/api/v1/health");
        if (r && r->status == 200) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw std::runtime_error("server did not become healthy");
}

void ServerProcess::kill_hard() {
    ::kill(pid_, SIGKILL);
    int st;
    waitpid(pid_, &st, 0);
    pid_ = -1;
}

int ServerProcess::stop() {
    ::kill(pid_, SIGTERM);
    int st = 0;
    waitpid(pid_, &st, 0);
    pid_ = -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

LoginResult login(const std::string& url, const std::string& user, const std::string& password,
                  const std::string& device_id) {
    httplib::Client c(url);
    auto r = c.Post("/api/v1/auth/login",
                    json{{"username", user}, {"password", password}, {"device_id", device_id}}.dump(),
                    "application/json");
    if (!r) return {};
    return {r->status, json::parse(r->body, nullptr, false)};
}

seimbang::sync::HttpResult FlakyTransport::post_json(const std::string& p, const std::string& b) {
    if (roll(drop_)) return {0, ""};
    auto r = inner_.post_json(p, b);
    if (roll(lose_)) return {0, ""};  // the server did the work; the answer never arrived
    return r;
}
seimbang::sync::HttpResult FlakyTransport::put_bytes(const std::string& p, const std::string& b,
                                                     const std::string& type) {
    if (roll(drop_)) return {0, ""};
    auto r = inner_.put_bytes(p, b, type);
    if (roll(lose_)) return {0, ""};
    return r;
}

seimbang::sync::HttpResult FlakyTransport::get(const std::string& p) {
    if (roll(drop_)) return {0, ""};
    auto r = inner_.get(p);
    if (roll(lose_)) return {0, ""};
    return r;
}

SimOffice::SimOffice(const std::string& dir, const std::string& u, const std::string& url) : user(u) {
    db = std::make_unique<seimbang::store::Db>(dir + "/" + u + ".db");
    seimbang::store::migrate(*db);
    seimbang::sync::install_client(*db);
    device = seimbang::sync::device_id(*db);
    auto l = login(url, u, seimbang::demo::kDemoPassword, device);
    if (l.status != 200) throw std::runtime_error("login failed for " + u);
    token = l.body["token"];
    office_id = l.body["user"]["office_id"];
    http = std::make_unique<seimbang::cli::HttpTransport>(url, token, device, 20);
}

seimbang::sync::SyncReport SimOffice::sync(seimbang::sync::Transport* over) {
    return seimbang::sync::run_sync(*db, over ? *over : *http);
}

json server_rows(const std::string& db_path, const std::string& sql) {
    seimbang::store::Db db(db_path);
    auto s = db.prepare(sql);
    json out = json::array();
    while (s.step()) {
        json row = json::object();
        for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
        out.push_back(std::move(row));
    }
    return out;
}

int64_t server_count(const std::string& db_path, const std::string& sql) {
    seimbang::store::Db db(db_path);
    auto s = db.prepare(sql);
    s.step();
    return s.int64(0);
}

}  // namespace itest
