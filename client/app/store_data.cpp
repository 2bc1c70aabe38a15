// LocalData over the shared SQLite store: repositories for reads and validated
// writes (each save commits the edit and its outbox entry together), local_meta
// for device state, demo seeding from shared/demo.
#include <cstdio>

#include "app/local_data.h"
#include "demo/seed.h"
#include "store/db.h"
#include "store/repo.h"
#include "store/schema.h"

namespace seimbang::app {
namespace {

class StoreData final : public LocalData {
public:
    explicit StoreData(const std::string& path) : db_(path) {
        // The browser keeps the file in IDBFS (MEMFS + manual sync): no WAL, no mmap,
        // a rollback journal that is deleted on commit.
        db_.exec("PRAGMA journal_mode=DELETE");
        db_.exec("PRAGMA mmap_size=0");
        store::migrate(db_);
    }

    Snapshot load() override {
        Snapshot s;
        s.offices = store::list_offices(db_);
        s.positions = store::list_positions(db_);
        s.employees = store::list_employees(db_);
        for (const auto& o : s.offices)
            if (o.parent_id.empty()) {
                auto t = store::list_tasks_in_scope(db_, o.id, year_of_tasks());
                s.tasks.insert(s.tasks.end(), t.begin(), t.end());
            }
        s.settings = store::load_settings(db_);
        return s;
    }

    bool has_data() override {
        auto st = db_.prepare("SELECT 1 FROM offices LIMIT 1");
        return st.step();
    }

    Check seed_demo() override {
        Check c;
        try {
            demo::seed_marelan(db_);
        } catch (const std::exception& e) {
            c.error("store.error", "", e.what());
        }
        return c;
    }

    Check save_employee(const Employee& e) override {
        Employee copy = e;
        return store::save_employee(db_, copy);
    }

    Check save_task(const AbkTask& t) override {
        AbkTask copy = t;
        Check c = store::save_task(db_, copy);
        if (c.ok()) store::set_local_meta(db_, "abk.year", std::to_string(copy.year));
        return c;
    }

    OutboxStats outbox() override {
        // The outbox table belongs to shared/sync; until it exists there is nothing
        // pending to report.
        OutboxStats s;
        if (!table_exists("outbox")) return s;
        try {
            auto st = db_.prepare("SELECT COUNT(*) FROM outbox");
            if (st.step()) s.pending = static_cast<int>(st.int64(0));
        } catch (const store::DbError&) {
        }
        return s;
    }

    std::vector<RejectedItem> rejected() override { return {}; }
    std::vector<ConflictItem> conflicts() override { return {}; }

    std::optional<std::string> meta(const std::string& key) override {
        std::string v = store::get_local_meta(db_, key, "\x01");
        if (v == "\x01") return std::nullopt;
        return v;
    }
    void set_meta(const std::string& key, const std::string& value) override {
        store::set_local_meta(db_, key, value);
    }

private:
    bool table_exists(const char* name) {
        auto st = db_.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1");
        st.bind(1, name);
        return st.step();
    }
    // The ABK year shown: the year of the latest task data on this device.
    int year_of_tasks() {
        auto st = db_.prepare("SELECT MAX(year) FROM abk_tasks WHERE archived = 0");
        if (st.step() && !st.is_null(0)) return static_cast<int>(st.int64(0));
        return demo::kDemoYear;
    }

    store::Db db_;
};

}  // namespace

std::unique_ptr<LocalData> open_store_data(const std::string& path) {
    try {
        return std::make_unique<StoreData>(path);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "seimbang: cannot open %s: %s\n", path.c_str(), e.what());
        return nullptr;
    }
}

}  // namespace seimbang::app
