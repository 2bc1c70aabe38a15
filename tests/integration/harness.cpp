#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "harness.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

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
        if (run({SEIMBANG_SERVER_BIN, "init", "--db", db_, "--demo", "--fast-hashes"}, {}, &out) != 0)
            throw std::runtime_error("server init failed: " + out);
    }
    start(extra_);
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) kill_hard();
}

void ServerProcess::start(std::vector<std::string> extra) {
    port_ = free_port();
    std::vector<std::string> argv = {SEIMBANG_SERVER_BIN, "serve", "--db", db_, "--port", std::to_string(port_)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    int log = open((db_ + ".log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int devnull = open("/dev/null", O_WRONLY);
    pid_ = spawn(argv, -1, devnull, log);
    close(log);
    close(devnull);
    // Ready when /api/v1/health answers.
    httplib::Client c("127.0.0.1", port_);
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
