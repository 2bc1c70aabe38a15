#include "national/seed.h"

#include <algorithm>

#include "demo/nips.h"
#include "demo/seed.h"
#include "store/schema.h"
#include "store/table_facts.h"

namespace seimbang::national {

int64_t copy_instansi(NationalStore& st, store::Db& db, const std::string& instansi, const std::string& name,
                      const std::string& province) {
    int64_t copied = 0;
    {
        std::lock_guard lock(st.mu());
        Pg& pg = st.pg();
        pg.transaction([&] {
            // Count first, then take that many seqs in one step.
            int64_t total = 0;
            for (const auto& t : store::synced_tables()) {
                auto q = db.prepare("SELECT count(*) FROM " + t.name);
                if (q.step()) total += q.int64(0);
            }
            int64_t seq = pg.query("UPDATE nat_counter SET seq = seq + $1 RETURNING seq", {std::to_string(total)})
                              .int64(0, 0) - total;
            for (const auto& t : store::synced_tables()) {
                std::string data;
                auto q = db.prepare(store::facts(t).select_all);
                store::Row row(t.columns.size() + 1);
                while (q.step()) {
                    for (size_t k = 0; k < row.size(); ++k) row[k] = store::from_json(q.json_value(static_cast<int>(k)));
                    append_copy_row(data, instansi, row, ++seq);
                    ++copied;
                }
                if (!data.empty()) pg.copy_in(copy_sql(t, t.name), data);
            }
        });
    }
    st.register_instansi(instansi, name, province);
    return copied;
}

demo::SyntheticParams instansi_shape(int employees, uint64_t seed, std::string root_name, demo::NipRegistry& nips) {
    demo::SyntheticParams p;
    // Kota Medan's shape (21 kecamatan, 151 kelurahan for 20,000 people), scaled.
    p.kecamatan = std::max(1, employees * 21 / 20000);
    p.kelurahan = std::max(p.kecamatan, employees * 151 / 20000);
    p.employees = employees;
    p.seed = seed;
    p.root_name = std::move(root_name);
    p.nips = &nips;
    return p;
}

std::vector<SeededInstansi> seed_instansi(NationalStore& st, int count, int employees, int provinces, uint64_t seed0,
                                          demo::NipRegistry& nips) {
    std::vector<SeededInstansi> out;
    for (int k = 0; k < count; ++k) {
        store::Db db(":memory:");
        store::migrate(db);
        const demo::SyntheticParams p =
            instansi_shape(employees, seed0 + static_cast<uint64_t>(k), "Instansi Sintetis " + std::to_string(k + 1), nips);
        const demo::SeedStats stats = demo::seed_synthetic(db, p);
        SeededInstansi s{stats.root_office_id, p.root_name,
                         "Provinsi Sintetis " + std::to_string(k % std::max(1, provinces) + 1), stats.employees};
        copy_instansi(st, db, s.instansi, s.name, s.province);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace seimbang::national
