#include "survey/sync_commands.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "survey/survey_db.h"
#include "sync/hlc.h"
#include "sync/scope.h"
#include "sync/server_sync.h"
#include "workflow/sync_commands.h"

namespace seimbang::survey {

namespace {
// The WIB date of a Unix time in milliseconds.
Date wib_date(int64_t ms) { return utc_date(ms / 1000 + 7 * 3600); }
}  // namespace

void register_survey_commands() {
    sync::register_command(std::string(kAnswerCommand), [](sync::CommandContext& ctx) {
        const nlohmann::json& m = ctx.mutation;
        Check c;
        if (m.value("table", "") != kAnswerTable) {
            c.error("command.bad_table", "table", m.value("table", ""));
            return c;
        }
        const nlohmann::json args = m.contains("args") && m["args"].is_object() ? m["args"] : nlohmann::json::object();
        auto text = [&](const char* key) {
            return args.contains(key) && args[key].is_string() ? args[key].get<std::string>() : std::string();
        };
        AnswerInput in;
        in.campaign_id = m.value("row", "");
        in.scores = text("scores");
        in.comment = text("comment");
        in.code = text("code");
        // When the device says it was answered (never later than now): only
        // compared with the campaign's dates, never stored.
        const int64_t now = sync::now_ms();
        const int64_t hlc = m.contains("hlc") && m["hlc"].is_number_integer() ? m["hlc"].get<int64_t>() : 0;
        in.answered_on = wib_date(std::min(now, sync::hlc_wall(hlc)));
        in.today = workflow::today_wib();
        if (!in.code.empty()) {
            // A kiosk: the office's device, signed in by its operator, never a pegawai's own login.
            if (!access::may(ctx.who.role, access::Feature::survey_kiosk)) {
                c.error("role.forbidden", "code");
                return c;
            }
            const sync::Scope ws = sync::write_scope(ctx.db, ctx.who);
            in.code_offices.assign(ws.offices.begin(), ws.offices.end());
        } else {
            in.employee_id = ctx.who.employee_id;
        }
        return record_answer(ctx.db, in);
    });
}

}  // namespace seimbang::survey
