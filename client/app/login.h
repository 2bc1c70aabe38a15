// Who is signed in on this device and how (client/app/login.cpp): the online
// login with its offline credential, the offline login with that credential,
// the demonstration mode and signing out; the session kept across reloads.
// The App routes what follows a change (screens, the per-user state, sync)
// through the hooks it gives here.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "app/local_data.h"
#include "app/platform.h"
#include "app/session.h"

namespace seimbang::app {

class Login {
public:
    struct Hooks {
        std::function<void()> data_replaced;  // the local database was emptied or filled: read it again
        std::function<void()> signed_in;      // a session began (online, offline or demo)
        std::function<void()> signed_out;     // the session ended (signed out, or its token refused)
    };
    Login(Platform& platform, LocalData& local, Hooks hooks);

    // The session stored on this device (the device stays signed in, like the
    // office PC); false when there is none or its role is unknown.
    bool restore();
    // Online first login, or offline with the cached credential (async: result in
    // `error` / `session` on a later tick).
    void sign_in(const std::string& username, const std::string& password);
    // Offline demonstration: seeds the Kecamatan Medan Marelan demo data when the
    // local database is empty and signs in as the demo operator, without a server.
    void start_demo();
    // Forgets the session (the local data and the account's token stay).
    void sign_out();

    bool logged_in() const { return session.has_value(); }
    // Demo data lives only on this device: never pushed, never pulled.
    bool demo_mode() const { return mode_ == "demo"; }
    // The database is an account's, synced with the server.
    bool server_mode() const { return mode_ == "server"; }
    // Signed in to an account's database without that account's token (an offline
    // sign-in of an account other than the device's last online one): nothing is
    // sent or fetched until it signs in once with the network.
    bool needs_online_login() const { return session && server_mode() && session->token.empty(); }

    std::optional<Session> session;
    std::string error;  // string-table key
    bool pending = false;
    std::string prefilled_username;  // prefilled on Masuk (e.g. after the session ended)

private:
    void finish(Session s);

    Platform& platform_;
    LocalData& local_;
    Hooks hooks_;
    std::string mode_;  // local_meta "app.mode": "demo", "server" or "" (empty device)
};

}  // namespace seimbang::app
