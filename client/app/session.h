// Who is signed in on this device: the account's name, role and office (the
// scope root). Plain data, owned by the Login part (client/app/login.h) and read
// by every other part of the app.
#pragma once
#include <string>
#include <string_view>

#include "access/access.h"

namespace seimbang::app {

// The roles of the ONE permission table (shared/access); an account whose role
// the table does not know is refused at login, never given a default.
using Role = access::Role;
std::string_view role_key(Role r);  // string-table key, e.g. "ui.role.operator" ("ui.role.lurah" for kepala_unit)

struct Session {
    std::string username, display_name;
    Role role = Role::operator_;
    std::string office_id;  // scope root of the user
    std::string employee_id;  // pegawai: the employee record this account is (Data saya)
    std::string token;      // bearer token from the server; empty for offline logins
    bool offline = false;   // logged in with the cached credential
    // The server keeps this account's data to itself (pusat on the national
    // tier, docs/CLIENT.md "Online-only"): nothing is replicated or synced; the
    // Nasional screen reads the server's views while the network is there.
    bool online_only = false;
};

}  // namespace seimbang::app
