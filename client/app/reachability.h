// Connectivity as the server's answers tell it, for a platform without a
// system signal (the desktop build; the browser has navigator.onLine). A
// request that got no answer means offline; while offline, a probe of
// /api/v1/health is due every `probe_ms`, and any answer means online again
// (the app then syncs at once, as on the browser's `online` event).
#pragma once

namespace seimbang::app {

class Reachability {
public:
    explicit Reachability(double probe_ms = 5000) : probe_ms_(probe_ms) {}
    bool online() const { return online_; }
    // A request finished: with an answer (any HTTP status) or without one.
    void answered(bool got_answer, double now_ms) {
        online_ = got_answer;
        if (!got_answer) last_probe_ms_ = now_ms;  // the failed request counts as the first probe
    }
    // True when a probe should be sent now (only while offline); counts it as sent.
    bool probe_due(double now_ms) {
        if (online_ || now_ms - last_probe_ms_ < probe_ms_) return false;
        last_probe_ms_ = now_ms;
        return true;
    }

private:
    double probe_ms_;
    bool online_ = true;  // until a request says otherwise
    double last_probe_ms_ = 0;
};

}  // namespace seimbang::app
