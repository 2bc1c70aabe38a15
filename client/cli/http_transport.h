// Blocking HTTP transport for the native client (cpp-httplib): adds the device
// token and id to every request. Timeouts are short so an office on a flaky
// link fails fast and retries rather than hanging.
#pragma once
#include <memory>
#include <string>

#include "sync/driver.h"

namespace httplib {
class Client;
}

namespace seimbang::cli {

class HttpTransport : public sync::Transport {
public:
    // keep_alive: reuse one connection across the requests of a sync run (pull
    // pages); off for many short-lived clients sharing a server's worker threads.
    HttpTransport(const std::string& server_url, std::string token, std::string device_id, int timeout_s = 30,
                  bool keep_alive = true);
    ~HttpTransport() override;
    sync::HttpResult post_json(const std::string& path, const std::string& body) override;
    sync::HttpResult get(const std::string& path) override;
    sync::HttpResult put_bytes(const std::string& path, const std::string& body,
                               const std::string& content_type) override;

private:
    std::unique_ptr<httplib::Client> cli_;
    std::string token_, device_;
};

}  // namespace seimbang::cli
