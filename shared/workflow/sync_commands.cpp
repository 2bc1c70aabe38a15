#include "workflow/sync_commands.h"

#include <ctime>

#include "sync/hlc.h"
#include "sync/server_sync.h"
#include "workflow/workflow.h"

namespace seimbang::workflow {

Date today_wib() {
    const std::time_t t = std::time(nullptr) + 7 * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void register_sync_commands() {
    for (Command cmd : all_commands()) {
        if (cmd == Command::complete) continue;
        sync::register_command(std::string(to_string(cmd)), [cmd](sync::CommandContext& ctx) {
            const nlohmann::json& m = ctx.mutation;
            Check c;
            if (m.value("table", "") != "requests") {
                c.error("command.bad_table", "table", m.value("table", ""));
                return c;
            }
            StepInput in;
            in.command = cmd;
            in.request_id = m.value("row", "");
            in.expect = m.contains("expect") && m["expect"].is_string() ? m["expect"].get<std::string>() : "";
            in.args = m.contains("args") && m["args"].is_object() ? m["args"] : nlohmann::json::object();
            in.args.erase("_creates");  // the device's own bookkeeping
            std::any& memo = ctx.memo["workflow.actor"];
            if (!memo.has_value())
                memo = make_actor(ctx.db, ctx.who.username, ctx.who.role, ctx.who.office_id, ctx.who.employee_id);
            const access::Actor& who = std::any_cast<const access::Actor&>(memo);
            StepContext sc{ctx.db, who, Authority::server, today_wib(), sync::now_ms()};
            return take_step(sc, in).check;
        });
    }
}

}  // namespace seimbang::workflow
