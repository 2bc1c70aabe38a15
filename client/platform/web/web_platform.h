// Browser implementation of app::Platform: IndexedDB durability through pre.js,
// navigator.onLine, and HTTP through emscripten_fetch.
#pragma once
#include "app/platform.h"

namespace seimbang::web {

class WebPlatform final : public app::Platform {
public:
    void request_persist() override;
    bool persist_idle() const override;
    bool persist_failed() const override;
    bool online() const override;
    void http(const app::HttpRequest& request, app::HttpCallback done) override;
    double now_ms() const override;
    long long unix_seconds() const override;
    std::string database_path() const override { return "/data/seimbang.db"; }

    // After this tab handed the database to another tab: no request is sent any
    // more and no answer of one in flight is delivered (the new owner re-sends
    // what was not confirmed in its copy; the server applies it once).
    void freeze() { frozen_ = true; }

private:
    bool frozen_ = false;
};

}  // namespace seimbang::web
