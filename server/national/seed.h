// Scale data for the national tier (docs/SCALE.md "Scale data"): synthetic
// instansi, each made by demo::seed_synthetic in its own in-memory SQLite
// database (through the validated repositories, so every row obeys the
// rules; NIPs unique across all of them through one demo::NipRegistry), then
// copied into the national store directly with one COPY per table, keyed by
// the instansi's root office.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "demo/seed.h"
#include "national/store.h"
#include "store/db.h"

namespace seimbang::demo {
class NipRegistry;
}

namespace seimbang::national {

// Copies every synced row of `db` into the store under `instansi` (which must
// not hold rows yet: plain COPY, no merge), with fresh national seqs, and
// registers the instansi. Returns the number of rows copied.
int64_t copy_instansi(NationalStore& store, store::Db& db, const std::string& instansi, const std::string& name,
                      const std::string& province);

// The parameters of one synthetic instansi of `employees`: Kota Medan's shape
// (21 kecamatan, 151 kelurahan for 20,000 people) scaled to the size.
demo::SyntheticParams instansi_shape(int employees, uint64_t seed, std::string root_name, demo::NipRegistry& nips);

struct SeededInstansi {
    std::string instansi, name, province;
    int employees = 0;
};
// `count` synthetic instansi of `employees` each (kecamatan/kelurahan scaled
// to the size), province "Provinsi Sintetis <k % provinces + 1>", seeds
// seed0, seed0 + 1, …
std::vector<SeededInstansi> seed_instansi(NationalStore& store, int count, int employees, int provinces,
                                          uint64_t seed0, demo::NipRegistry& nips);

}  // namespace seimbang::national
