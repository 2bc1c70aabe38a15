// [upstream] What the two-tier tests share (tests/integration/test_national.cpp
// against a national server on SQLite, tests/national against one on
// PostgreSQL): an instansi server (the Marelan demo) forwarding with
// `serve --upstream`, its row sets, an office's edit, waiting until settled.
#pragma once
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "harness.h"
#include "store/rows.h"
#include "store/schema.h"

namespace itest::upstream {

using nlohmann::json;
namespace store = seimbang::store;

inline constexpr const char* kPassword = "upstream-secret-1";

inline std::string root_of(const std::string& db) {
    return server_rows(db, "SELECT id FROM offices WHERE parent_id IS NULL")[0]["id"];
}

// The demo instansi's root office id, read from a scratch copy in `dir` before
// any national server exists.
inline std::string demo_root(const std::string& dir) {
    std::string out;
    REQUIRE(run({server_bin(), "init", "--db", dir + "/probe.db", "--demo", "--fast-hashes"}, {}, &out) == 0);
    return root_of(dir + "/probe.db");
}

// Mutations the centre answered "duplicate" (re-sent after an unanswered
// commit), summed over the instansi server's upstream log lines.
inline int64_t duplicates_in_log(const std::string& log_path) {
    int64_t duplicates = 0;
    std::ifstream log(log_path);
    for (std::string line; std::getline(log, line);) {
        const json j = json::parse(line, nullptr, false);
        if (j.is_object() && j.contains("upstream")) duplicates += j.value("duplicate", int64_t{0});
    }
    return duplicates;
}

// Every synced table's rows (their own columns, not the change log's), by id.
inline json row_set(const std::string& db, const std::string& root) {
    json all = json::object();
    for (const auto& t : store::synced_tables()) {
        if (t.name == "eval_snapshots") continue;  // (derived: each tier takes its own)
        std::string sql = "SELECT id";
        for (const auto& c : t.columns) sql += ", " + c;
        sql += " FROM " + t.name;
        // (The national server holds the offices of every instansi: only this one's subtree.)
        if (t.name == "offices")
            sql += " WHERE id IN (WITH RECURSIVE sub(id) AS (SELECT '" + root +
                   "' UNION ALL SELECT o.id FROM offices o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub)";
        sql += " ORDER BY id";
        all[t.name] = server_rows(db, sql);
    }
    return all;
}

// Instansi server: the Marelan demo, signed in upstream, serving with --upstream.
struct Instansi {
    std::string db;
    std::unique_ptr<ServerProcess> proc;
    size_t batch = 500;
    Instansi(const std::string& dir, const std::string& national_url, const std::string& password_file,
             size_t batch_ = 500)
        : batch(batch_) {
        db = dir + "/instansi.db";
        std::string out;
        REQUIRE(run({server_bin(), "init", "--db", db, "--demo", "--fast-hashes"}, {}, &out) == 0);
        REQUIRE(run({server_bin(), "upstream", "login", "--db", db, "--url", national_url, "--instansi", root_of(db),
                     "--user", "medan.upstream", "--password-file", password_file},
                    {}, &out) == 0);
        proc = std::make_unique<ServerProcess>(db, false, upstream_args(national_url));
    }
    std::vector<std::string> upstream_args(const std::string& url) const {
        return {"--upstream", url, "--upstream-every", "1", "--upstream-batch", std::to_string(batch)};
    }
    json status() const {
        std::string out;
        run({server_bin(), "upstream", "status", "--db", db}, {}, &out);
        return json::parse(out, nullptr, false);
    }
};

// An office edit through the ordinary sync: the education of the office's
// `nth` employee (by id); returns the push's time.
inline double office_edit(SimOffice& o, const std::string& value, int nth = 0) {
    auto rows = o.db->prepare("SELECT id, education FROM employees WHERE office_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2");
    rows.bind(1, o.office_id);
    rows.bind(2, static_cast<int64_t>(nth));
    REQUIRE(rows.step());
    const std::string id = rows.text(0);
    // (Always a change: the other value when the row already holds this one.)
    const std::string v = rows.text(1) == value ? (value == "S-1" ? "S-2" : "S-1") : value;
    REQUIRE(store::write_row(*o.db, *store::find_table("employees"), id, {{"education", v}}));
    const auto t0 = std::chrono::steady_clock::now();
    const auto rep = o.sync();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE_MESSAGE(rep.ok, rep.error);
    CHECK_MESSAGE(rep.push.applied == 1, "value " << v << ": conflict " << rep.push.conflict << ", rejected "
                                                  << rep.push.rejected << ", duplicate " << rep.push.duplicate);
    return ms;
}

// Waits until nothing is left to send and the last forward succeeded.
inline json settled(const Instansi& i, int seconds) {
    json st;
    for (int k = 0; k < seconds * 4; ++k) {
        st = i.status();
        if (st.is_object() && st["pending"] == 0 && st["unstaged_rows"] == 0 && st["last_error"] == "" &&
            st["last_ok_ms"].get<int64_t>() >= st["last_attempt_ms"].get<int64_t>())
            return st;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return st;
}

}  // namespace itest::upstream
