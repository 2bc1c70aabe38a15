#include "survey/survey_db.h"

#include "eval/period.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "store/abk_query.h"
#include "store/repo.h"
#include "util/sha256.h"
#include "util/uuid.h"

namespace seimbang::survey {

using nlohmann::json;

// [settings] ---------------------------------------------------------------

json to_json(const SurveySettings& s) { return {{"min_group", s.min_group}, {"late_days", s.late_days}}; }

Check survey_settings_from_json(const json& j, SurveySettings& out) {
    Check c;
    SurveySettings s = out;
    if (!j.is_object()) {
        c.error("settings.bad_value", "survey");
        return c;
    }
    for (auto [key, field] : {std::pair{"min_group", &s.min_group}, std::pair{"late_days", &s.late_days}}) {
        if (!j.contains(key)) continue;
        if (!j[key].is_number_integer()) c.error("settings.bad_value", key, j[key].dump());
        else *field = j[key].get<int>();
    }
    if (!c.ok()) return c;
    if (s.min_group < 2 || s.min_group > 100) c.error("settings.bad_value", "min_group", std::to_string(s.min_group));
    if (s.late_days < 0 || s.late_days > 90) c.error("settings.bad_value", "late_days", std::to_string(s.late_days));
    if (c.ok()) out = s;
    return c;
}

SurveySettings load_survey_settings(store::Db& db) {
    SurveySettings s;
    auto st = db.prepare("SELECT value FROM settings WHERE key = 'survey'");
    if (st.step()) survey_settings_from_json(json::parse(st.text(0), nullptr, false), s);  // a bad stored value keeps the defaults
    return s;
}

Check save_survey_settings(store::Db& db, const SurveySettings& s) {
    SurveySettings checked;
    Check c = survey_settings_from_json(to_json(s), checked);
    if (!c.ok()) return c;
    auto st = db.prepare("INSERT INTO settings(key, value) VALUES('survey', ?1) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, to_json(s).dump());
    st.run();
    return c;
}

// [campaigns] --------------------------------------------------------------

json to_json(const Campaign& c) {
    return {{"id", c.id},           {"title", c.title},   {"period", c.period},
            {"scope_office_id", c.scope_office_id}, {"opens", c.opens}, {"closes", c.closes},
            {"instrument", to_json(c.instrument)}, {"created_by", c.created_by}, {"created_ms", c.created_ms}};
}

std::optional<Campaign> campaign_from_json(const json& j) {
    if (!j.is_object()) return std::nullopt;
    Campaign c;
    for (auto [key, out] : {std::pair{"id", &c.id}, {"title", &c.title}, {"period", &c.period},
                            {"scope_office_id", &c.scope_office_id}, {"opens", &c.opens}, {"closes", &c.closes}}) {
        if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
        *out = j[key].get<std::string>();
    }
    if (j.contains("created_by") && j["created_by"].is_string()) c.created_by = j["created_by"];
    if (j.contains("created_ms") && j["created_ms"].is_number_integer()) c.created_ms = j["created_ms"];
    if (j.contains("instrument")) {
        auto in = instrument_from_json(j["instrument"]);
        if (!in) return std::nullopt;
        c.instrument = std::move(*in);
    }
    return c;
}

Check validate_campaign(store::Db& db, const Campaign& c) {
    Check k;
    if (c.title.empty()) k.error("survey.title_required", "title");
    else if (c.title.size() > 120) k.error("field.too_long", "title", "120");
    // A period id of the evaluation (2026-S2, 2026-Q4): the label reports and trends go by.
    if (!eval::parse_period(c.period)) k.error("survey.bad_period", "period", c.period.substr(0, 20));
    const auto opens = parse_iso_date(c.opens), closes = parse_iso_date(c.closes);
    if (!opens) k.error("survey.bad_date", "opens", c.opens.substr(0, 20));
    if (!closes) k.error("survey.bad_date", "closes", c.closes.substr(0, 20));
    if (opens && closes && *closes < *opens) k.error("survey.closes_before_opens", "closes", c.closes);
    if (!store::get_office(db, c.scope_office_id)) k.error("office.not_found", "scope_office_id");
    Check in;
    if (!instrument_from_json(to_json(c.instrument), &in)) k.merge(in);
    return k;
}

Check create_campaign(store::Db& db, Campaign& c) {
    Check k = validate_campaign(db, c);
    if (!k.ok()) return k;
    if (c.id.empty()) c.id = new_uuid_v7();
    auto st = db.prepare(
        "INSERT INTO survey_campaigns(id, title, period, scope_office_id, opens, closes, instrument, created_by, "
        "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, c.id).bind(2, c.title).bind(3, c.period).bind(4, c.scope_office_id).bind(5, c.opens);
    st.bind(6, c.closes).bind(7, to_json(c.instrument).dump()).bind(8, c.created_by).bind(9, c.created_ms);
    st.run();
    return k;
}

namespace {
constexpr const char* kCampaignColumns =
    "SELECT id, title, period, scope_office_id, opens, closes, instrument, created_by, created_ms "
    "FROM survey_campaigns ";

std::optional<Campaign> read_campaign(store::Stmt& s) {
    Campaign c;
    c.id = s.text(0);
    c.title = s.text(1);
    c.period = s.text(2);
    c.scope_office_id = s.text(3);
    c.opens = s.text(4);
    c.closes = s.text(5);
    auto in = instrument_from_json(json::parse(s.text(6), nullptr, false));
    if (!in) return std::nullopt;  // (never stored so: create_campaign checks it)
    c.instrument = std::move(*in);
    c.created_by = s.text(7);
    c.created_ms = s.int64(8);
    return c;
}
}  // namespace

std::optional<Campaign> get_campaign(store::Db& db, const std::string& id) {
    auto s = db.prepare(std::string(kCampaignColumns) + "WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_campaign(s);
}

std::vector<Campaign> list_campaigns(store::Db& db) {
    std::vector<Campaign> out;
    auto s = db.prepare(std::string(kCampaignColumns) + "ORDER BY opens DESC, id");
    while (s.step())
        if (auto c = read_campaign(s)) out.push_back(std::move(*c));
    return out;
}

void replace_campaigns(store::Db& db, const std::vector<Campaign>& cs) {
    db.transaction([&] {
        db.exec("DELETE FROM survey_campaigns");
        for (Campaign c : cs) {
            auto st = db.prepare(
                "INSERT INTO survey_campaigns(id, title, period, scope_office_id, opens, closes, instrument, "
                "created_by, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
            st.bind(1, c.id).bind(2, c.title).bind(3, c.period).bind(4, c.scope_office_id).bind(5, c.opens);
            st.bind(6, c.closes).bind(7, to_json(c.instrument).dump()).bind(8, c.created_by).bind(9, c.created_ms);
            st.run();
        }
    });
}

bool is_open(const Campaign& c, const Date& today) {
    const auto o = parse_iso_date(c.opens), e = parse_iso_date(c.closes);
    return o && e && *o <= today && today <= *e;
}

// [kiosk codes] ------------------------------------------------------------

namespace {
// Random numbers from the operating system (std::random_device: getrandom or
// /dev/urandom natively, crypto.getRandomValues under Emscripten), never a
// seeded generator: answer keys and codes must not be predictable or ordered.
uint32_t os_random() {
    static std::random_device device;
    return device();
}
// Uniform in [0, n) without modulo bias.
uint32_t os_uniform(uint32_t n) {
    const uint32_t limit = UINT32_MAX - UINT32_MAX % n;
    for (;;)
        if (const uint32_t r = os_random(); r < limit) return r % n;
}

// No 0/O, 1/I/L, 5/S, 2/Z, 8/B: read aloud or copied from paper without doubt.
constexpr std::string_view kCodeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679";
constexpr size_t kCodeLength = 8;  // 25^8 ≈ 1.5·10^11 codes

// Whether `office` is `root` or lies below it: walks up the parents (a few
// steps) instead of listing the root's subtree (the kota's is ~300 offices,
// read for every answer).
bool in_subtree(store::Db& db, const std::string& root, const std::string& office) {
    std::string at = office;
    for (int depth = 0; depth < 32 && !at.empty(); ++depth) {
        if (at == root) return true;
        auto s = db.prepare("SELECT parent_id FROM offices WHERE id = ?1");
        s.bind(1, at);
        at = s.step() && !s.is_null(0) ? s.text(0) : std::string();
    }
    return false;
}
}  // namespace

std::string normalise_code(const std::string& typed) {
    std::string out;
    for (char ch : typed) {
        if (ch == ' ' || ch == '-') continue;
        const char up = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
        if (kCodeAlphabet.find(up) == std::string_view::npos) return {};
        out += up;
    }
    return out.size() == kCodeLength ? out : std::string();
}

CodeIssue issue_codes(store::Db& db, const std::string& campaign_id, const std::string& office_id, int count) {
    CodeIssue r;
    const auto c = get_campaign(db, campaign_id);
    if (!c) {
        r.check.error("survey.unknown_campaign", "campaign");
        return r;
    }
    if (count < 1 || count > 200) {
        r.check.error("survey.bad_count", "count", std::to_string(count));
        return r;
    }
    if (!store::get_office(db, office_id) || !in_subtree(db, c->scope_office_id, office_id)) {
        r.check.error("survey.out_of_scope", "office_id");
        return r;
    }
    db.transaction([&] {
        while (static_cast<int>(r.codes.size()) < count) {
            std::string code(kCodeLength, 'A');
            for (auto& ch : code) ch = kCodeAlphabet[os_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))];
            auto st = db.prepare(
                "INSERT OR IGNORE INTO survey_codes(code_hash, campaign_id, office_id, used) VALUES (?1, ?2, ?3, 0)");
            st.bind(1, sha256_hex(code)).bind(2, campaign_id).bind(3, office_id);
            st.run();
            if (db.changes() == 1) r.codes.push_back(code);  // (a clash with an earlier code: draw again)
        }
    });
    return r;
}

// [answers] ----------------------------------------------------------------

bool has_participated(store::Db& db, const std::string& campaign_id, const std::string& employee_id) {
    auto s = db.prepare("SELECT 1 FROM survey_participation WHERE campaign_id = ?1 AND employee_id = ?2");
    s.bind(1, campaign_id).bind(2, employee_id);
    return s.step();
}

Check record_answer(store::Db& db, const AnswerInput& in) {
    Check k;
    const auto c = get_campaign(db, in.campaign_id);
    if (!c) {
        k.error("survey.unknown_campaign", "campaign");
        return k;
    }
    const auto opens = parse_iso_date(c->opens), closes = parse_iso_date(c->closes);
    if (!opens || !closes || in.answered_on < *opens) {
        k.error("survey.not_open", "campaign", c->opens);
        return k;
    }
    Date last = *closes;  // the last day a late (offline) answer may still arrive
    for (int d = 0; d < load_survey_settings(db).late_days; ++d) {
        ++last.day;
        if (!is_valid_date(last.year, last.month, last.day)) {
            last.day = 1;
            if (++last.month > 12) last = {last.year + 1, 1, 1};
        }
    }
    if (*closes < in.answered_on || last < in.today) {
        k.error("survey.closed", "campaign", c->closes);
        return k;
    }
    k = validate_answer(c->instrument, in.scores, in.comment);
    if (!k.ok()) return k;

    std::string office;
    if (!in.code.empty()) {
        const std::string code = normalise_code(in.code);
        auto s = db.prepare("SELECT office_id, used FROM survey_codes WHERE code_hash = ?1 AND campaign_id = ?2");
        s.bind(1, sha256_hex(code)).bind(2, in.campaign_id);
        if (code.empty() || !s.step()) {
            k.error("survey.bad_code", "code");
            return k;
        }
        office = s.text(0);
        if (s.int64(1) != 0) {
            k.error("survey.code_used", "code");
            return k;
        }
        if (std::find(in.code_offices.begin(), in.code_offices.end(), office) == in.code_offices.end()) {
            k.error("scope.forbidden", "code");
            return k;
        }
        auto u = db.prepare("UPDATE survey_codes SET used = 1 WHERE code_hash = ?1");
        u.bind(1, sha256_hex(code));
        u.run();
    } else {
        if (in.employee_id.empty()) {
            k.error("survey.no_person", "employee");
            return k;
        }
        const auto e = store::get_employee(db, in.employee_id);
        if (!e || e->archived || !in_subtree(db, c->scope_office_id, e->office_id)) {
            k.error("survey.out_of_scope", "employee");
            return k;
        }
        if (has_participated(db, in.campaign_id, in.employee_id)) {
            k.error("survey.already_answered", "campaign");
            return k;
        }
        office = e->office_id;
        auto p = db.prepare("INSERT INTO survey_participation(campaign_id, employee_id, office_id) VALUES (?1, ?2, ?3)");
        p.bind(1, in.campaign_id).bind(2, in.employee_id).bind(3, office);
        p.run();
    }
    // The answer: a random key (not time-ordered like the UUIDv7 ids elsewhere).
    unsigned char id[16];
    for (size_t i = 0; i < sizeof id; i += 4) {
        const uint32_t r = os_random();
        for (size_t b = 0; b < 4; ++b) id[i + b] = static_cast<unsigned char>(r >> (8 * b));
    }
    auto a = db.prepare(
        "INSERT INTO survey_answers(campaign_id, office_id, id, scores, comment) VALUES (?1, ?2, ?3, ?4, ?5)");
    a.bind(1, in.campaign_id).bind(2, office).bind_blob(3, std::string_view(reinterpret_cast<const char*>(id), sizeof id));
    a.bind(4, in.scores).bind(5, in.comment);
    a.run();
    return k;
}

// [results] ----------------------------------------------------------------

namespace {
// The scope's offices in tree order with their depth below the scope.
std::vector<OfficeLine> tree_lines(store::Db& db, const std::string& scope) {
    std::map<std::string, std::vector<Office>> children;
    std::optional<Office> root;
    for (auto& o : store::list_offices(db)) {
        if (o.id == scope) root = o;
        children[o.parent_id].push_back(o);
    }
    std::vector<OfficeLine> out;
    if (!root) return out;
    for (auto& [p, v] : children)
        std::sort(v.begin(), v.end(), [](const Office& a, const Office& b) { return a.name < b.name; });
    std::vector<std::pair<Office, int>> stack{{*root, 0}};
    while (!stack.empty()) {
        auto [o, depth] = stack.back();
        stack.pop_back();
        OfficeLine line;
        line.office_id = o.id;
        line.name = o.name;
        line.depth = depth;
        out.push_back(std::move(line));
        auto& kids = children[o.id];
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, depth + 1});
    }
    return out;
}

std::map<std::string, int> count_by_office(store::Db& db, const std::string& sql, const std::string& campaign) {
    std::map<std::string, int> m;
    auto s = db.prepare(sql);
    if (!campaign.empty()) s.bind(1, campaign);
    while (s.step()) m[s.text(0)] = static_cast<int>(s.int64(1));
    return m;
}
}  // namespace

CampaignResults campaign_results(store::Db& db, const Campaign& c, const std::string& scope_office_id, int year) {
    CampaignResults r;
    r.campaign = c;
    r.scope_office_id = scope_office_id;
    r.year = year;
    if (auto o = store::get_office(db, scope_office_id)) r.scope_name = o->name;
    r.offices = tree_lines(db, scope_office_id);
    // Only the part of the scope the campaign asked.
    const auto asked = store::office_subtree(db, c.scope_office_id);
    const std::set<std::string> asked_set(asked.begin(), asked.end());
    std::erase_if(r.offices, [&](const OfficeLine& l) { return !asked_set.count(l.office_id); });

    const auto eligible = count_by_office(
        db, "SELECT office_id, COUNT(*) FROM employees WHERE archived = 0 GROUP BY office_id", "");
    const auto marks = count_by_office(
        db, "SELECT office_id, COUNT(*) FROM survey_participation WHERE campaign_id = ?1 GROUP BY office_id", c.id);
    const auto spent = count_by_office(
        db, "SELECT office_id, COUNT(*) FROM survey_codes WHERE campaign_id = ?1 AND used = 1 GROUP BY office_id", c.id);
    const Settings settings = store::load_settings(db);
    const store::AbkReport abk = store::analyse_scope(db, scope_office_id, year, settings);
    std::set<std::string> in_scope;
    std::vector<std::string> order;
    for (auto& l : r.offices) {
        auto get = [&](const std::map<std::string, int>& m) {
            auto it = m.find(l.office_id);
            return it == m.end() ? 0 : it->second;
        };
        l.eligible = get(eligible);
        l.participated = get(marks) + get(spent);
        for (const auto& u : abk.result.units)
            if (u.unit == l.office_id) l.ej = u.eu;
        r.eligible += l.eligible;
        r.participated += l.participated;
        in_scope.insert(l.office_id);
        order.push_back(l.office_id);
    }
    std::vector<Answer> answers;
    auto s = db.prepare("SELECT office_id, scores, comment FROM survey_answers WHERE campaign_id = ?1");
    s.bind(1, c.id);
    while (s.step()) {
        Answer a{s.text(0), s.text(1), s.text(2)};
        if (in_scope.count(a.office_id)) answers.push_back(std::move(a));
    }
    r.results = scope_results(c.instrument, answers, order, load_survey_settings(db).min_group);
    return r;
}

std::vector<TrendPoint> trend(store::Db& db, const std::string& scope_office_id) {
    std::vector<TrendPoint> out;
    auto cs = list_campaigns(db);
    std::reverse(cs.begin(), cs.end());  // oldest first
    for (const auto& c : cs) {
        if (!in_subtree(db, c.scope_office_id, scope_office_id)) continue;
        const CampaignResults r = campaign_results(db, c, scope_office_id, today_utc().year);
        TrendPoint p;
        p.campaign_id = c.id;
        p.title = c.title;
        p.period = c.period;
        p.opens = c.opens;
        p.shown = r.results.total.shown;
        if (p.shown) {
            p.index = r.results.total.figures.index;
            p.category = r.results.total.figures.category;
            for (const auto& f : r.results.total.figures.facets)
                if (f.facet_id == kWorkloadFacet) p.workload_index = f.index;
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<Campaign> find_report_campaign(store::Db& db, const std::string& campaign_id, const std::string& period,
                                             const std::string& scope_office_id) {
    if (!campaign_id.empty()) return get_campaign(db, campaign_id);
    if (period.empty()) return std::nullopt;
    for (auto& c : list_campaigns(db))  // newest opening first
        if (c.period == period && in_subtree(db, c.scope_office_id, scope_office_id)) return c;
    return std::nullopt;
}

namespace {
json group_json(const GroupResult& g, const Instrument& in) {
    json j = {{"shown", g.shown}};
    if (!g.shown) return j;  // nothing else: not even the count
    const auto& f = g.figures;
    j["answers"] = f.answers;
    j["mean"] = f.mean;
    j["index"] = f.index;
    j["category"] = std::string(1, f.category);
    json facets = json::array();
    for (size_t i = 0; i < f.facets.size() && i < in.facets.size(); ++i)
        facets.push_back({{"id", f.facets[i].facet_id},
                          {"mean", f.facets[i].mean},
                          {"index", f.facets[i].index},
                          {"category", std::string(1, f.facets[i].category)}});
    j["facets"] = std::move(facets);
    j["comments_shown"] = g.comments_shown;
    if (g.comments_shown) j["comments"] = f.comments;
    return j;
}
}  // namespace

json to_json(const CampaignResults& r) {
    json offices = json::array();
    for (const auto& l : r.offices) {
        json o = {{"office_id", l.office_id}, {"name", l.name},           {"depth", l.depth},
                  {"eligible", l.eligible},   {"participated", l.participated}};
        o["ej"] = l.ej ? json(*l.ej) : json(nullptr);
        json g = {{"shown", false}};
        for (const auto& gr : r.results.offices)
            if (gr.office_id == l.office_id) g = group_json(gr, r.campaign.instrument);
        o["result"] = std::move(g);
        offices.push_back(std::move(o));
    }
    json facets = json::array();
    for (const auto& f : r.campaign.instrument.facets)
        facets.push_back({{"id", f.id}, {"id_name", f.name_id}, {"en_name", f.name_en}});
    return {{"campaign", {{"id", r.campaign.id}, {"title", r.campaign.title}, {"period", r.campaign.period},
                          {"opens", r.campaign.opens}, {"closes", r.campaign.closes}}},
            {"scope", {{"id", r.scope_office_id}, {"name", r.scope_name}}},
            {"k", r.results.k},
            {"year", r.year},
            {"facets", std::move(facets)},
            {"eligible", r.eligible},
            {"participated", r.participated},
            {"total", group_json(r.results.total, r.campaign.instrument)},
            {"offices", std::move(offices)}};
}

namespace {
GroupResult group_from_json(const json& j, const std::string& office_id) {
    GroupResult g;
    g.office_id = office_id;
    g.shown = j.is_object() && j.value("shown", false);
    if (!g.shown) return g;
    auto& f = g.figures;
    f.answers = j.value("answers", 0);
    f.mean = j.value("mean", 0.0);
    f.index = j.value("index", 0.0);
    f.category = j.value("category", std::string("D")).c_str()[0];
    if (auto it = j.find("facets"); it != j.end() && it->is_array())
        for (const auto& x : *it)
            f.facets.push_back({x.value("id", ""), x.value("mean", 0.0), x.value("index", 0.0),
                                x.value("category", std::string("D")).c_str()[0]});
    g.comments_shown = j.value("comments_shown", false);
    if (auto it = j.find("comments"); g.comments_shown && it != j.end() && it->is_array())
        for (const auto& x : *it)
            if (x.is_string()) f.comments.push_back(x);
    return g;
}
}  // namespace

std::optional<CampaignResults> campaign_results_from_json(const json& j, const Campaign& c) {
    if (!j.is_object() || !j.contains("total") || !j.contains("offices") || !j["offices"].is_array()) return std::nullopt;
    try {
        CampaignResults r;
        r.campaign = c;
        r.scope_office_id = j.at("scope").value("id", "");
        r.scope_name = j.at("scope").value("name", "");
        r.year = j.value("year", 0);
        r.eligible = j.value("eligible", 0);
        r.participated = j.value("participated", 0);
        r.results.k = j.value("k", 5);
        r.results.total = group_from_json(j["total"], "");
        for (const auto& o : j["offices"]) {
            OfficeLine l;
            l.office_id = o.value("office_id", "");
            l.name = o.value("name", "");
            l.depth = o.value("depth", 0);
            l.eligible = o.value("eligible", 0);
            l.participated = o.value("participated", 0);
            if (o.contains("ej") && o["ej"].is_number()) l.ej = o["ej"].get<double>();
            // The body does not tell an office without answers from one under k (both
            // are {"shown": false}): both come back hidden and print "< k".
            if (o.contains("result") && o["result"].is_object())
                r.results.offices.push_back(group_from_json(o["result"], l.office_id));
            r.offices.push_back(std::move(l));
        }
        return r;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

json to_json(const std::vector<TrendPoint>& t) {
    json out = json::array();
    for (const auto& p : t) {
        json j = {{"campaign_id", p.campaign_id}, {"title", p.title}, {"period", p.period}, {"opens", p.opens},
                  {"shown", p.shown}};
        if (p.shown) {
            j["index"] = p.index;
            j["category"] = std::string(1, p.category);
            j["workload_index"] = p.workload_index ? json(*p.workload_index) : json(nullptr);
        }
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace seimbang::survey
