#include "training/progress.h"

#include <map>
#include <mutex>

#include "access/access.h"
#include "sync/client.h"
#include "sync/server_sync.h"
#include "training/sandbox.h"
#include "util/csv.h"

namespace seimbang::training {

using nlohmann::json;

Check score_lesson(const Lesson& l, const json& answers, int& good) {
    Check c;
    good = 0;
    if (!answers.is_array() || answers.size() != l.questions.size()) {
        c.error("training.bad_answers", "detail");
        return c;
    }
    for (size_t i = 0; i < l.questions.size(); ++i) {
        const json& a = answers[i];
        if (!a.is_number_integer() || a.get<int64_t>() < 0 ||
            a.get<int64_t>() >= static_cast<int64_t>(l.questions[i].options.size())) {
            c.error("training.bad_answers", "detail", std::to_string(i));
            return c;
        }
        if (a.get<int>() == l.questions[i].answer) ++good;
    }
    return c;
}

Check score_case(const Case& k, const json& decisions, int& good, bool replay) {
    Check c;
    good = 0;
    if (!decisions.is_array() || decisions.size() != k.decide.size()) {
        c.error("training.bad_decisions", "detail");
        return c;
    }
    for (size_t i = 0; i < decisions.size(); ++i) {
        const json& d = decisions[i];
        // Types checked before reading (a hostile push must be refused, not throw).
        auto str = [&](const char* key) { return d.contains(key) && d[key].is_string(); };
        const bool shaped = d.is_object() && str("key") && d["key"].get<std::string>() == k.decide[i] && str("action") &&
                            parse_action(d["action"].get<std::string>()) && d.contains("met") && d["met"].is_boolean() &&
                            (!d.contains("note") || (str("note") && d["note"].get<std::string>().size() <= 2000)) &&
                            (!d.contains("declare_conflict") || d["declare_conflict"].is_boolean());
        if (!shaped) {
            c.error("training.bad_decisions", "detail", std::to_string(i));
            return c;
        }
        if (!replay && d["met"].get<bool>()) ++good;
    }
    if (!replay) return c;
    // A replay costs a fresh sandbox (~25 ms of CPU): the same decisions sent
    // again (a retried push, or a device repeating itself) are answered from
    // the last results instead. Bounded, and per process.
    static std::mutex memo_mutex;
    static std::map<std::string, int> memo;
    const std::string memo_key = k.id + '\n' + decisions.dump();
    {
        std::lock_guard<std::mutex> lock(memo_mutex);
        if (auto it = memo.find(memo_key); it != memo.end()) {
            good = it->second;
            return c;
        }
    }
    Sandbox sandbox;
    if (Check staged = sandbox.stage(k); !staged.ok()) {
        c.merge(staged);
        return c;
    }
    for (const json& d : decisions) {
        Decision decision{d["key"].get<std::string>(), *parse_action(d["action"].get<std::string>()),
                          d.value("note", std::string()), d.value("declare_conflict", false)};
        // A step the workflow refuses (the device could not have taken it) meets nothing.
        const Feedback fb = sandbox.decide(decision);
        if (fb.check.ok() && fb.all_met) ++good;
    }
    std::lock_guard<std::mutex> lock(memo_mutex);
    if (memo.size() >= 256) memo.clear();
    memo.emplace(memo_key, good);
    return c;
}

namespace {

// The item and its score, or the refusal.
Check score(const std::string& item_id, const json& detail, std::string& kind, int& total, int& good,
            bool replay = false) {
    if (const Lesson* l = find_lesson(item_id)) {
        kind = "lesson";
        total = static_cast<int>(l->questions.size());
        return score_lesson(*l, detail, good);
    }
    if (const Case* k = find_case(item_id)) {
        kind = "case";
        total = static_cast<int>(k->decide.size());
        return score_case(*k, detail, good, replay);
    }
    Check c;
    c.error("training.unknown_item", "row", item_id);
    return c;
}

void upsert(store::Db& db, const Progress& p) {
    auto s = db.prepare(
        "INSERT INTO training_progress(username, item_id, kind, office_id, total, good, attempts, detail, updated_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8) ON CONFLICT(username, item_id) DO UPDATE SET "
        "kind = excluded.kind, office_id = excluded.office_id, total = excluded.total, good = excluded.good, "
        "attempts = attempts + 1, detail = excluded.detail, updated_ms = excluded.updated_ms");
    s.bind(1, p.username).bind(2, p.item_id).bind(3, p.kind).bind(4, p.office_id);
    s.bind(5, static_cast<int64_t>(p.total)).bind(6, static_cast<int64_t>(p.good)).bind(7, p.detail.dump());
    s.bind(8, p.updated_ms);
    s.step();
}

}  // namespace

Check record_attempt(store::Db& db, const std::string& username, const std::string& office_id,
                     const std::string& item_id, const json& detail, int64_t now_ms) {
    Progress p{username, item_id, "", office_id, 0, 0, 1, detail, now_ms};
    Check c = score(item_id, detail, p.kind, p.total, p.good);
    if (!c.ok()) return c;
    if (username.empty()) {
        c.error("training.no_user", "username");
        return c;
    }
    try {
        db.transaction([&] {
            upsert(db, p);
            sync::enqueue_command(db, std::string(kProgressTable), item_id, std::string(kProgressCommand), "",
                                  {{"detail", detail}});
        });
    } catch (const store::DbError& e) {
        c.error("store.error", "", e.what());
    }
    return c;
}

std::vector<Progress> progress_of(store::Db& db, const std::string& username) {
    std::vector<Progress> out;
    auto s = db.prepare(
        "SELECT username, item_id, kind, office_id, total, good, attempts, detail, updated_ms FROM training_progress "
        "WHERE username = ?1 ORDER BY item_id");
    s.bind(1, username);
    while (s.step()) {
        Progress p{s.text(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.int64(4)),
                   static_cast<int>(s.int64(5)), static_cast<int>(s.int64(6)), json::parse(s.text(7), nullptr, false),
                   s.int64(8)};
        if (p.detail.is_discarded()) p.detail = json::array();
        out.push_back(std::move(p));
    }
    return out;
}

int forget_other_users(store::Db& db, const std::string& username) {
    auto s = db.prepare("DELETE FROM training_progress WHERE username <> ?1");
    s.bind(1, username);
    s.step();
    return db.changes();
}

void register_training_commands() {
    sync::register_command(std::string(kProgressCommand), [](sync::CommandContext& ctx) {
        const json& m = ctx.mutation;
        Check c;
        if (m.value("table", "") != kProgressTable) {
            c.error("command.bad_table", "table", m.value("table", ""));
            return c;
        }
        if (!access::may(ctx.who.role, access::Feature::training_take)) {
            c.error("role.forbidden", "role", ctx.who.role);
            return c;
        }
        const json detail = m.contains("args") && m["args"].is_object() && m["args"].contains("detail")
                                ? m["args"]["detail"]
                                : json();
        // The server scores again with its own copy of the content, and replays
        // a case's decisions on its own sandbox: a device cannot claim right
        // answers or rule-abiding decisions it did not give.
        Progress p{ctx.who.username, m.value("row", ""), "", ctx.who.office_id, 0, 0, 1, detail, sync::now_ms()};
        c = score(p.item_id, detail, p.kind, p.total, p.good, /*replay=*/true);
        if (c.ok()) upsert(ctx.db, p);
        return c;
    });
}

std::vector<PersonSummary> summarise(store::Db& db, const std::vector<Leader>& leaders) {
    const Content& all = content();
    std::vector<PersonSummary> out;
    for (const auto& l : leaders) {
        PersonSummary s;
        s.who = l;
        s.lessons_total = static_cast<int>(all.lessons.size());
        s.cases_total = static_cast<int>(all.cases.size());
        for (const auto& p : progress_of(db, l.username)) {
            if (p.kind == "lesson" && find_lesson(p.item_id)) {
                ++s.lessons_done;
                s.questions_right += p.good;
                s.questions_total += p.total;
            } else if (p.kind == "case" && find_case(p.item_id)) {
                ++s.cases_done;
                s.decisions_met += p.good;
                s.decisions_total += p.total;
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

json to_json(const PersonSummary& s) {
    return {{"username", s.who.username},         {"display_name", s.who.display_name},
            {"role", s.who.role},                 {"office_id", s.who.office_id},
            {"office_name", s.who.office_name},   {"lessons_done", s.lessons_done},
            {"lessons_total", s.lessons_total},   {"questions_right", s.questions_right},
            {"questions_total", s.questions_total}, {"cases_done", s.cases_done},
            {"cases_total", s.cases_total},       {"decisions_met", s.decisions_met},
            {"decisions_total", s.decisions_total}};
}

PersonSummary summary_from_json(const json& j) {
    PersonSummary s;
    auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
    auto num = [&](const char* k) { return j.contains(k) && j[k].is_number_integer() ? j[k].get<int>() : 0; };
    s.who = {str("username"), str("display_name"), str("role"), str("office_id"), str("office_name")};
    s.lessons_done = num("lessons_done");
    s.lessons_total = num("lessons_total");
    s.questions_right = num("questions_right");
    s.questions_total = num("questions_total");
    s.cases_done = num("cases_done");
    s.cases_total = num("cases_total");
    s.decisions_met = num("decisions_met");
    s.decisions_total = num("decisions_total");
    return s;
}

std::string summary_csv(const std::vector<PersonSummary>& people, i18n::Lang lang) {
    auto t = [&](const char* k) { return std::string(i18n::tr(k, lang)); };
    std::string out = csv::line({t("ui.training.col.name"), t("ui.training.col.role"), t("ui.training.col.office"),
                                 t("ui.training.col.lessons"), t("ui.training.col.answers"), t("ui.training.col.cases"),
                                 t("ui.training.col.met"), t("ui.training.col.complete")});
    for (const auto& p : people) {
        auto frac = [](int a, int b) { return std::to_string(a) + "/" + std::to_string(b); };
        out += csv::line({p.who.display_name.empty() ? p.who.username : p.who.display_name, p.who.role,
                          p.who.office_name, frac(p.lessons_done, p.lessons_total),
                          frac(p.questions_right, p.questions_total), frac(p.cases_done, p.cases_total),
                          frac(p.decisions_met, p.decisions_total), t(p.complete() ? "ui.yes" : "ui.no")});
    }
    return out;
}

}  // namespace seimbang::training
