// LocalData over the shared SQLite store: repositories for reads and validated
// writes (each save commits the edit and its outbox entry together), local_meta
// for device state, demo seeding from shared/demo.
#include <cstdio>
#include <memory>
#include <utility>

#include "app/local_data.h"
#include "demo/seed.h"
#include "store/db.h"
#include "store/repo.h"
#include "store/schema.h"

namespace seimbang::app {
namespace {

class StoreData final : public LocalData {
public:
    explicit StoreData(const std::string& path) : path_(path) { open(); }

    Snapshot load() override {
        Snapshot s;
        s.offices = store::list_offices(*db_);
        s.positions = store::list_positions(*db_);
        // Archived employees too: they are found under "Tampilkan arsip" (the app
        // leaves them out of counts and the active list).
        s.employees = store::list_employees(*db_, {"", true});
        for (const auto& o : s.offices)
            if (o.parent_id.empty()) {
                auto t = store::list_tasks_in_scope(*db_, o.id, year_of_tasks());
                s.tasks.insert(s.tasks.end(), t.begin(), t.end());
            }
        s.settings = store::load_settings(*db_);
        return s;
    }

    bool has_data() override {
        auto st = db_->prepare("SELECT 1 FROM offices LIMIT 1");
        return st.step();
    }

    Check seed_demo() override {
        Check c;
        try {
            demo::seed_marelan(*db_);
        } catch (const std::exception& e) {
            c.error("store.error", "", e.what());
        }
        return c;
    }

    Check save_employee(const Employee& e) override {
        Employee copy = e;
        return store::save_employee(*db_, copy);
    }

    Check save_position(const Position& p) override {
        Position copy = p;
        return store::save_position(*db_, copy);
    }

    Check save_task(const AbkTask& t) override {
        AbkTask copy = t;
        Check c = store::save_task(*db_, copy);
        if (c.ok()) store::set_local_meta(*db_, "abk.year", std::to_string(copy.year));
        return c;
    }

    store::Db& db() override { return *db_; }

    void reset(const std::vector<std::string>& keep) override {
        std::vector<std::pair<std::string, std::string>> kept;
        {
            auto st = db_->prepare("SELECT key, value FROM local_meta");
            while (st.step())
                for (const auto& k : keep)
                    if (st.text(0).rfind(k, 0) == 0) {
                        kept.emplace_back(st.text(0), st.text(1));
                        break;
                    }
        }
        db_.reset();
        if (path_ != ":memory:") {
            std::remove(path_.c_str());
            std::remove((path_ + "-journal").c_str());
        }
        open();
        db_->transaction([&] {
            for (const auto& [k, v] : kept) store::set_local_meta(*db_, k, v);
        });
    }

    std::optional<std::string> meta(const std::string& key) override {
        std::string v = store::get_local_meta(*db_, key, "\x01");
        if (v == "\x01") return std::nullopt;
        return v;
    }
    void set_meta(const std::string& key, const std::string& value) override {
        store::set_local_meta(*db_, key, value);
    }

private:
    // The ABK year shown: the year of the latest task data on this device.
    int year_of_tasks() {
        auto st = db_->prepare("SELECT MAX(year) FROM abk_tasks WHERE archived = 0");
        if (st.step() && !st.is_null(0)) return static_cast<int>(st.int64(0));
        return demo::kDemoYear;
    }

    void open() {
        db_ = std::make_unique<store::Db>(path_);
        // The browser keeps the file in memory (MEMFS; pre.js saves changed pages to
        // IndexedDB after each commit): no WAL, no mmap,
        // a rollback journal that is deleted on commit.
        db_->exec("PRAGMA journal_mode=DELETE");
        db_->exec("PRAGMA mmap_size=0");
        store::migrate(*db_);
    }

    std::string path_;
    std::unique_ptr<store::Db> db_;
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
