#include "sync/login.h"

#include "store/repo.h"
#include "sync/client.h"

namespace seimbang::sync {

using nlohmann::json;

json login_body(store::Db& db, const std::string& username, const std::string& password,
                const std::string& device_name) {
    return {{"username", username},
            {"password", password},
            {"device_id", device_id_for_login(db, username)},
            {"device_name", device_name}};
}

LoginAnswer read_login_answer(const HttpResult& r, const std::string& typed_username) {
    LoginAnswer a;
    if (r.status != 200) {
        a.error = error_code(r);
        return a;
    }
    auto j = json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.contains("token") || !j["token"].is_string()) {
        a.error = "server.error";
        return a;
    }
    a.ok = true;
    a.token = j["token"].get<std::string>();
    if (j.contains("user") && j["user"].is_object()) a.user = j["user"];
    a.username = a.user.contains("username") && a.user["username"].is_string() ? a.user["username"].get<std::string>()
                                                                              : typed_username;
    return a;
}

void record_login(store::Db& db, const std::string& server, const LoginAnswer& a) {
    db.transaction([&] {
        const std::string before_user = store::get_local_meta(db, "sync.username");
        const std::string before_server = store::get_local_meta(db, "sync.server");
        store::set_local_meta(db, "sync.server", server);
        store::set_local_meta(db, "sync.token", a.token);
        store::set_local_meta(db, "sync.username", a.username);
        store::set_local_meta(db, "sync.user", a.user.dump());
        set_outbox_owner(db, a.username);
        if (!before_user.empty() && (before_user != a.username || before_server != server)) begin_resnapshot(db);
    });
}

void forget_token(store::Db& db) { store::set_local_meta(db, "sync.token", ""); }

}  // namespace seimbang::sync
