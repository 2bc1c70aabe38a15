// Subcommands of seimbang-server, one file each (cmd_*.cpp). Exit codes:
// 0 ok, 1 runtime failure, 2 bad usage.
#pragma once
#include <string>
#include <vector>

namespace seimbang::server {

using Args = std::vector<std::string>;

int cmd_init(const Args& args);
int cmd_serve(const Args& args);
int cmd_user(const Args& args);    // user add | user disable
int cmd_device(const Args& args);  // device list | device revoke
int cmd_backup(const Args& args);
int cmd_restore(const Args& args);  // cmd_admin.cpp
int cmd_purge(const Args& args);
int cmd_apply_effective(const Args& args);  // cmd_workflow.cpp
int cmd_snapshot(const Args& args);         // cmd_snapshot.cpp (evaluation)
int cmd_national_store(const Args& args);   // cmd_national_store.cpp: the PostgreSQL national store
int cmd_upstream(const Args& args);         // cmd_upstream.cpp: upstream login | status | sync
int cmd_national(const Args& args);         // cmd_upstream.cpp: national add-instansi

// `--name VALUE` or `--name=VALUE`; fallback when absent.
std::string option(const Args& args, const std::string& name, const std::string& fallback = {});
bool flag(const Args& args, const std::string& name);

}  // namespace seimbang::server
