// Signing a device in to the sync server (POST /api/v1/auth/login, API.md) and
// what a device keeps of it: one definition for the CLI (`seimbang login`) and
// the app (Masuk), so both bind the same device id, keep the same local_meta
// keys and start a fresh copy in the same cases.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "sync/http.h"

namespace seimbang::sync {

// The request body: the device id to sign in with (device_id_for_login: another
// account than the last one gets a new one) and the device's name.
nlohmann::json login_body(store::Db& db, const std::string& username, const std::string& password,
                          const std::string& device_name);

struct LoginAnswer {
    bool ok = false;
    std::string error;  // machine code when !ok: "network", auth.*, "server.error" (a 200 without a token)...
    std::string token;
    std::string username;  // as the server spells it (the typed name when it says none)
    nlohmann::json user = nlohmann::json::object();  // {username, display_name, role, office_id, employee_id}
};
LoginAnswer read_login_answer(const HttpResult& r, const std::string& typed_username);

// After a successful sign-in (joins the caller's transaction): the token, the
// account and the server in local_meta "sync.*", the outbox now collects this
// account's edits, and another account or server than before (it sees another
// scope) fetches the copy afresh (pending edits stay). `server`: "" for the app,
// which talks to the server it was loaded from.
void record_login(store::Db& db, const std::string& server, const LoginAnswer& answer);

// A token the server refused (401): forgotten, the account signs in again.
void forget_token(store::Db& db);

}  // namespace seimbang::sync
