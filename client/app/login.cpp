// Signing in and out (login.h): online with the server, offline with the
// credential kept from the last online login, or the demonstration mode.
#include "app/login.h"

#include <nlohmann/json.hpp>

#include "app/offline_credential.h"
#include "store/db.h"
#include "store/repo.h"
#include "sync/client.h"
#include "sync/login.h"
#include "training/progress.h"

namespace seimbang::app {

namespace {
// A role as this device stored it: the permission table's name ("lurah" in
// sessions stored before the app used that table).
std::optional<Role> stored_role(const std::string& s) {
    return s == "lurah" ? std::optional<Role>(Role::kepala_unit) : access::parse_role(s);
}
}  // namespace

std::string_view role_key(Role r) {
    switch (r) {
        case Role::pegawai: return "ui.role.pegawai";
        case Role::operator_: return "ui.role.operator";
        case Role::kepala_unit: return "ui.role.lurah";
        case Role::camat: return "ui.role.camat";
        case Role::bkpsdm: return "ui.role.bkpsdm";
        case Role::pusat: return "ui.role.pusat";
        case Role::instansi: return "ui.role.instansi";
    }
    return "ui.role.operator";
}

Login::Login(Platform& platform, LocalData& local, Hooks hooks)
    : platform_(platform), local_(local), hooks_(std::move(hooks)) {
    mode_ = local_.meta("app.mode").value_or("");
    if (mode_.empty() && local_.meta("demo.local").value_or("") == "1") mode_ = "demo";  // `seimbang demo` (CLI)
    // A database filled before modes were recorded without an account is demo data.
    if (mode_.empty() && local_.has_data() && local_.meta("sync.username").value_or("").empty()) mode_ = "demo";
    // Every local save of an account's database lands in the outbox in its own transaction.
    if (mode_ == "server") sync::install_client(local_.db());
}

bool Login::restore() {
    // A session survives reloads (the device stays signed in, like the office PC).
    if (auto s = local_.meta("session")) {
        auto j = nlohmann::json::parse(*s, nullptr, false);
        if (j.is_object()) {
            Session ss;
            ss.username = j.value("username", "");
            ss.display_name = j.value("name", "");
            const auto role = stored_role(j.value("role", ""));
            ss.role = role.value_or(Role::pegawai);
            ss.office_id = j.value("office_id", "");
            ss.employee_id = j.value("employee_id", "");
            ss.offline = j.value("offline", false);
            ss.online_only = j.value("online_only", false);
            // The token lives in local_meta "sync.token" (kept across reloads and
            // offline logins, cleared when the server refuses it).
            if (mode_ == "server" && local_.meta("sync.username").value_or("") == ss.username)
                ss.token = local_.meta("sync.token").value_or("");
            if (!ss.username.empty() && role) {  // a role nobody knows: signed out, never a default
                session = ss;
                return true;
            }
        }
    }
    return false;
}

void Login::finish(Session s) {
    // From now on the outbox holds this account's edits: sign_in() refused anyone
    // else while it held another account's, so it is empty or already theirs.
    if (mode_ == "server") {
        sync::set_outbox_owner(local_.db(), s.username);
        // For the same reason the other accounts' training answers have reached
        // the server: they leave a shared device (they are private to each leader).
        training::forget_other_users(local_.db(), s.username);
    }
    nlohmann::json j = {{"username", s.username}, {"name", s.display_name},
                        {"role", std::string(access::to_string(s.role))}, {"office_id", s.office_id},
                        {"employee_id", s.employee_id},
                        {"token", s.token}, {"offline", s.offline}, {"online_only", s.online_only}};
    local_.set_meta("session", j.dump());
    platform_.request_persist();
    session = std::move(s);
    error.clear();
    pending = false;
    hooks_.signed_in();
}

void Login::sign_in(const std::string& username, const std::string& password) {
    error.clear();
    if (username.empty() || password.empty()) {
        error = "ui.login.missing";
        return;
    }
    // Unsent edits belong to the account that made them (online or offline): another
    // account may not take over the device (and its queue) until they reached the server.
    if (const std::string owner = sync::outbox_blocked_by(local_.db(), username); mode_ == "server" && !owner.empty()) {
        error = "ui.login.other_user_pending";
        prefilled_username = owner;
        return;
    }
    pending = true;
    // The server binds tokens to a device and a device to one account for ever:
    // one UUIDv7 per browser profile, a new one when another account signs in.
    const nlohmann::json body = sync::login_body(local_.db(), username, password, "Seimbang web");
    platform_.request_persist();
    HttpRequest req{"POST", "/api/v1/auth/login", body.dump(), "", body["device_id"].get<std::string>()};
    platform_.http(req, [this, username, password](const HttpResponse& r) {
        pending = false;
        const std::string cred_key = "cred." + username;
        const sync::LoginAnswer a = sync::read_login_answer({r.status, r.body}, username);
        if (r.status == 200) {
            if (!a.ok) {
                error = "ui.login.server_error";
                return;
            }
            const auto& u = a.user;
            Session s;
            s.username = username;
            s.display_name = u.value("display_name", u.value("name", username));
            const auto role = access::parse_role(u.value("role", ""));
            if (!role) {  // the permission table does not know it: refused, never a default
                error = "ui.login.role_unknown";
                return;
            }
            s.role = *role;
            s.office_id = u.value("office_id", "");
            s.employee_id = u.contains("employee_id") && u["employee_id"].is_string()
                                ? u["employee_id"].get<std::string>()
                                : "";
            s.token = a.token;
            s.online_only = u.contains("online_only") && u["online_only"].is_boolean() && u["online_only"].get<bool>();
            // Demo data never meets an account's data: start from an empty database
            // (the device id stays, the token is bound to it).
            if (mode_ != "server" && local_.has_data()) {
                local_.reset({"sync.device_id", "cred.", "ui.lang"});
                sync::device_id(local_.db());
            }
            store::Db& db = local_.db();
            db.transaction([&] {
                store::set_local_meta(db, "app.mode", "server");
                sync::record_login(db, "", a);
                // Keep an Argon2id verifier so the next login works without network
                // (replaces any older SHA-256 verifier of this account).
                nlohmann::json cred = {{"argon2id", make_offline_verifier(password)},
                                       {"name", s.display_name}, {"role", std::string(access::to_string(s.role))},
                                       {"office_id", s.office_id}, {"employee_id", s.employee_id},
                                       {"online_only", s.online_only}};
                store::set_local_meta(db, cred_key, cred.dump());
            });
            if (mode_ != "server") sync::install_client(db);
            mode_ = "server";
            hooks_.data_replaced();
            finish(std::move(s));
        } else if (r.status == 0) {
            auto c = local_.meta(cred_key);
            if (!c) {
                error = "ui.login.first_online";
                return;
            }
            auto j = nlohmann::json::parse(*c, nullptr, false);
            const OfflineCheck check = check_offline_credential(j, password);
            if (check == OfflineCheck::mismatch) {
                error = "ui.login.wrong";
                return;
            }
            if (check == OfflineCheck::legacy_match) {  // upgrade the stored verifier while the password is known
                j.erase("salt");
                j.erase("verifier");
                j["argon2id"] = make_offline_verifier(password);
                store::set_local_meta(local_.db(), cred_key, j.dump());
                platform_.request_persist();
            }
            Session s;
            s.username = username;
            s.display_name = j.value("name", username);
            const auto role = stored_role(j.value("role", ""));
            if (!role) {
                error = "ui.login.role_unknown";
                return;
            }
            s.role = *role;
            s.office_id = j.value("office_id", "");
            s.employee_id = j.value("employee_id", "");
            s.online_only = j.value("online_only", false);
            s.offline = true;
            // The token of this account (if the server has not refused it) lets the
            // device sync later without a new online login.
            if (mode_ == "server" && local_.meta("sync.username").value_or("") == username)
                s.token = local_.meta("sync.token").value_or("");
            finish(std::move(s));
        } else if (r.status == 401 || r.status == 403) {
            error = a.error == "auth.user_disabled" ? "auth.user_disabled" : "ui.login.wrong";
        } else if (r.status == 429) {
            error = "auth.rate_limited";
        } else if (r.status == 409) {
            error = "auth.device_taken";  // (not expected: another account takes a new device id)
        } else {
            error = "ui.login.server_error";
        }
    });
}

void Login::start_demo() {
    if (mode_ == "server") {
        // This device holds an account's data: never mix demo rows into it, and
        // never drop edits that have not reached the server.
        if (sync::sync_status(local_.db()).pending > 0) {
            error = "ui.sync.demo_blocked";
            return;
        }
        local_.reset({"sync.device_id", "cred.", "ui.lang"});
        mode_.clear();
        hooks_.data_replaced();
    }
    if (!local_.has_data()) {
        Check c = local_.seed_demo();
        if (!c.ok()) {
            error = "ui.login.demo_failed";
            return;
        }
        hooks_.data_replaced();
    }
    local_.set_meta("app.mode", "demo");
    local_.set_meta("demo.local", "1");  // the CLI's marker: `seimbang login` refuses this file too
    mode_ = "demo";
    platform_.request_persist();
    Session s;
    s.username = "demo";
    s.display_name = "Operator Demo";
    s.role = Role::operator_;
    for (const auto& o : store::list_offices(local_.db()))
        if (o.kind == OfficeKind::kecamatan) {
            s.office_id = o.id;
            break;
        }
    s.offline = true;
    finish(std::move(s));
}

void Login::sign_out() {
    local_.set_meta("session", "");
    platform_.request_persist();
    session.reset();
    hooks_.signed_out();
}

}  // namespace seimbang::app
