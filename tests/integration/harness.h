// Test harness: a real seimbang-server process on a free port, and simulated
// offices (each its own client database and device) that sync over HTTP.
#pragma once
#include <sys/types.h>

#include <atomic>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/http_transport.h"
#include "store/db.h"
#include "sync/client.h"
#include "sync/driver.h"

namespace itest {

std::string temp_dir();                      // fresh directory per call
int free_port();
int run(const std::vector<std::string>& argv, const std::string& stdin_text = {}, std::string* out = nullptr);

class ServerProcess {
public:
    // Creates the database with the Marelan demo (fast hashes) when `init`.
    ServerProcess(std::string db_path, bool init, std::vector<std::string> extra = {});
    ~ServerProcess();
    // `port`: 0 for a free one; a given one to come back where clients expect it (a restarted national server).
    void start(std::vector<std::string> extra = {}, int port = 0);
    void kill_hard();      // SIGKILL
    int stop();            // SIGTERM, returns exit status
    bool running() const { return pid_ > 0; }
    // https when started with --tls-cert.
    std::string url() const { return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_); }
    int port() const { return port_; }
    const std::string& db_path() const { return db_; }
    pid_t pid() const { return pid_; }

private:
    std::string db_;
    int port_ = 0;
    pid_t pid_ = -1;
    std::vector<std::string> extra_;
    bool tls_ = false;
};

// The seimbang-server binary the tests run: SEIMBANG_TEST_SERVER_BIN when set
// (to check that a regression test fails against an older build), else this build's.
std::string server_bin();

// A TCP connection to 127.0.0.1:port from `source` (another loopback address
// such as 127.0.0.2) when given; -1 when it fails.
int connect_from(int port, const std::string& source = {});
// A raw HTTP exchange: connects to 127.0.0.1:port (from `source`, another
// loopback address such as 127.0.0.2, when given), sends `bytes` and returns
// what the server answered until it closed the connection or `timeout_ms` passed.
std::string raw_http(int port, const std::string& bytes, int timeout_ms = 5000, const std::string& source = {});
// The status code of a raw answer (0 when there is none).
int raw_status(const std::string& response);
// True when GET /api/v1/health answers 200 within `timeout_ms`.
bool healthy(const std::string& url, int timeout_ms = 3000);

struct LoginResult {
    int status = 0;
    nlohmann::json body;
};
LoginResult login(const std::string& url, const std::string& user, const std::string& password,
                  const std::string& device_id);
// The same login sent from another loopback address (127.0.0.2 …).
LoginResult login_from(int port, const std::string& source, const std::string& user, const std::string& password,
                       const std::string& device_id);

// A transport that loses answers or whole requests at random: the request may
// reach the server while the client sees nothing (the hard case for exactly-once).
class FlakyTransport : public seimbang::sync::Transport {
public:
    FlakyTransport(seimbang::sync::Transport& inner, double lose_answer, double drop_request, uint64_t seed)
        : inner_(inner), lose_(lose_answer), drop_(drop_request), rng_(seed) {}
    seimbang::sync::HttpResult post_json(const std::string& p, const std::string& b) override;
    seimbang::sync::HttpResult get(const std::string& p) override;
    seimbang::sync::HttpResult put_bytes(const std::string& p, const std::string& b, const std::string& type) override;

private:
    bool roll(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    seimbang::sync::Transport& inner_;
    double lose_, drop_;
    std::mt19937_64 rng_;
};

struct SimOffice {
    std::string name, user, office_id;
    std::unique_ptr<seimbang::store::Db> db;
    std::string device, token;
    std::unique_ptr<seimbang::cli::HttpTransport> http;
    // Opens a fresh client database and logs in.
    SimOffice(const std::string& dir, const std::string& user, const std::string& url);
    seimbang::sync::SyncReport sync(seimbang::sync::Transport* over = nullptr);
};

// Rows of a table on the server database (read through a second connection).
nlohmann::json server_rows(const std::string& db_path, const std::string& sql);
int64_t server_count(const std::string& db_path, const std::string& sql);

}  // namespace itest
