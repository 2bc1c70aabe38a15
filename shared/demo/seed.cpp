#include "demo/seed.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "abk/abk.h"
#include "demo/nips.h"
#include "model/date.h"
#include "model/competence.h"
#include "model/golongan.h"
#include "store/repo.h"
#include "util/uuid.h"

namespace seimbang::demo {

namespace {

// [SECTION] deterministic randomness -----------------------------------------
// splitmix64: same sequence on every platform (std distributions differ between
// libstdc++ and Emscripten's libc++).
struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
    double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }
};

// [SECTION] templates ----------------------------------------------------------

struct TaskTemplate {
    const char* task;
    const char* output_unit;
    Period period;
    double norm_minutes;
    double share;  // share of the position's workload
};

struct PositionTemplate {
    const char* name;
    PositionKind kind;
    const char* eselon;
    const char* gol_min;
    const char* gol_max;
    CompetenceLevels requirements;
    bool is_head;
    double base_needed;  // person-years of work at load factor 1.0
    std::vector<TaskTemplate> tasks;
};

const std::vector<TaskTemplate> kLeadTasks = {
    {"Memimpin rapat koordinasi dan evaluasi", "kegiatan", Period::week, 180, 0.30},
    {"Menandatangani dan memverifikasi naskah dinas", "naskah", Period::day, 15, 0.40},
    {"Melakukan pembinaan dan pengawasan lapangan", "kunjungan", Period::month, 300, 0.30},
};

std::vector<TaskTemplate> clerk_tasks(const char* main_task, const char* unit, double norm) {
    return {{main_task, unit, Period::day, norm, 0.55},
            {"Mengagendakan dan mengarsipkan surat masuk/keluar", "surat", Period::day, 10, 0.20},
            {"Menyusun laporan bulanan", "laporan", Period::month, 480, 0.15},
            {"Memutakhirkan data pada aplikasi", "data", Period::week, 60, 0.10}};
}

// Positions of a kelurahan office (kept at the kelurahan itself; seksi are named in the title).
const std::vector<PositionTemplate>& kelurahan_positions() {
    static const std::vector<PositionTemplate> t = {
        {"Lurah", PositionKind::pengawas, "IVa", "III/c", "IV/b", {{"pemerintahan", 3}, {"integritas", 3}}, true, 1.0, kLeadTasks},
        {"Sekretaris Lurah", PositionKind::pengawas, "IVb", "III/b", "III/d", {{"administrasi", 3}}, false, 1.0, kLeadTasks},
        {"Kepala Seksi Pemerintahan", PositionKind::pengawas, "IVb", "III/b", "III/d", {{"pemerintahan", 3}}, false, 1.0, kLeadTasks},
        {"Kepala Seksi Ketenteraman dan Ketertiban Umum", PositionKind::pengawas, "IVb", "III/b", "III/d", {{"ketertiban", 3}}, false, 1.0, kLeadTasks},
        {"Kepala Seksi Pemberdayaan Masyarakat", PositionKind::pengawas, "IVb", "III/b", "III/d", {{"pemberdayaan", 3}}, false, 1.0, kLeadTasks},
        {"Pengadministrasi Umum", PositionKind::pelaksana, "", "II/a", "III/b", {{"administrasi", 2}}, false, 2.0,
         clerk_tasks("Membuat surat keterangan (domisili, usaha, tidak mampu)", "surat keterangan", 25)},
        {"Pengadministrasi Kependudukan", PositionKind::pelaksana, "", "II/a", "III/b", {{"kependudukan", 2}}, false, 2.5,
         clerk_tasks("Melayani pengantar KTP, KK dan akta", "berkas", 30)},
        {"Pengelola Data Pelayanan", PositionKind::pelaksana, "", "II/b", "III/c", {{"teknologi_informasi", 2}}, false, 1.2,
         clerk_tasks("Mengolah data penduduk dan bantuan sosial", "data", 20)},
        {"Pengelola Keuangan", PositionKind::pelaksana, "", "II/c", "III/c", {{"keuangan", 2}}, false, 1.0,
         clerk_tasks("Menyusun SPJ dan dokumen pembayaran", "dokumen", 60)},
        {"Petugas Ketertiban Umum", PositionKind::pelaksana, "", "", "", {{"ketertiban", 1}}, false, 2.0,
         clerk_tasks("Patroli dan penanganan gangguan ketertiban", "laporan kejadian", 90)},
    };
    return t;
}

struct KecamatanSection {
    const char* office;  // empty: the kecamatan office itself
    std::vector<PositionTemplate> positions;
};

const std::vector<KecamatanSection>& kecamatan_sections() {
    static const std::vector<KecamatanSection> t = {
        {"", {{"Camat", PositionKind::administrator, "IIIa", "III/d", "IV/c", {{"pemerintahan", 4}, {"integritas", 4}}, true, 1.0, kLeadTasks}}},
        {"Sekretariat Kecamatan",
         {{"Sekretaris Camat", PositionKind::administrator, "IIIb", "III/c", "IV/b", {{"administrasi", 4}}, false, 1.0, kLeadTasks},
          {"Kepala Subbagian Umum dan Kepegawaian", PositionKind::pengawas, "IVa", "III/b", "IV/a", {{"kepegawaian", 3}}, false, 1.0, kLeadTasks},
          {"Kepala Subbagian Perencanaan dan Keuangan", PositionKind::pengawas, "IVa", "III/b", "IV/a", {{"keuangan", 3}}, false, 1.0, kLeadTasks},
          {"Pengadministrasi Umum", PositionKind::pelaksana, "", "II/a", "III/b", {{"administrasi", 2}}, false, 3.0,
           clerk_tasks("Mengelola naskah dinas dan agenda pimpinan", "naskah", 20)},
          {"Pengelola Kepegawaian", PositionKind::pelaksana, "", "II/b", "III/c", {{"kepegawaian", 2}}, false, 2.0,
           clerk_tasks("Memproses usul kenaikan pangkat, cuti dan mutasi", "usulan", 45)},
          {"Pengelola Keuangan", PositionKind::pelaksana, "", "II/c", "III/c", {{"keuangan", 2}}, false, 2.0,
           clerk_tasks("Menyusun SPJ dan dokumen pembayaran", "dokumen", 60)}}},
        {"Seksi Pemerintahan",
         {{"Kepala Seksi Pemerintahan", PositionKind::pengawas, "IVa", "III/b", "IV/a", {{"pemerintahan", 3}}, false, 1.0, kLeadTasks},
          {"Pengadministrasi Pemerintahan", PositionKind::pelaksana, "", "II/a", "III/b", {{"pemerintahan", 2}}, false, 3.0,
           clerk_tasks("Memproses rekomendasi dan administrasi pertanahan", "berkas", 40)}}},
        {"Seksi Ketenteraman dan Ketertiban Umum",
         {{"Kepala Seksi Ketenteraman dan Ketertiban Umum", PositionKind::pengawas, "IVa", "III/b", "IV/a", {{"ketertiban", 3}}, false, 1.0, kLeadTasks},
          {"Petugas Ketertiban Umum", PositionKind::pelaksana, "", "", "", {{"ketertiban", 1}}, false, 4.0,
           clerk_tasks("Patroli dan penanganan gangguan ketertiban", "laporan kejadian", 90)}}},
        {"Seksi Pemberdayaan Masyarakat",
         {{"Kepala Seksi Pemberdayaan Masyarakat", PositionKind::pengawas, "IVa", "III/b", "IV/a", {{"pemberdayaan", 3}}, false, 1.0, kLeadTasks},
          {"Pengelola Pemberdayaan Masyarakat", PositionKind::pelaksana, "", "II/a", "III/c", {{"pemberdayaan", 2}}, false, 3.0,
           clerk_tasks("Memfasilitasi musrenbang dan kegiatan PKK", "kegiatan", 120)}}},
        {"Seksi Kesejahteraan Sosial",
         {{"Kepala Seksi Kesejahteraan Sosial", PositionKind::pengawas, "IVa", "III/b", "IV/a", {{"pemberdayaan", 3}}, false, 1.0, kLeadTasks},
          {"Pengelola Kesejahteraan Sosial", PositionKind::pelaksana, "", "II/a", "III/c", {{"pemberdayaan", 2}}, false, 3.0,
           clerk_tasks("Memverifikasi data penerima bantuan sosial", "data", 30)}}},
        {"Seksi Pelayanan Umum",
         {{"Kepala Seksi Pelayanan Umum", PositionKind::pengawas, "IVa", "III/b", "IV/a", {{"kependudukan", 3}}, false, 1.0, kLeadTasks},
          {"Petugas Pelayanan Administrasi Terpadu", PositionKind::pelaksana, "", "II/a", "III/b", {{"kependudukan", 2}}, false, 5.0,
           clerk_tasks("Melayani permohonan PATEN di loket", "permohonan", 25)},
          {"Pengelola Data Pelayanan", PositionKind::pelaksana, "", "II/b", "III/c", {{"teknologi_informasi", 2}}, false, 2.0,
           clerk_tasks("Mengolah data layanan dan statistik", "data", 20)}}},
    };
    return t;
}

// [SECTION] people -------------------------------------------------------------

const std::vector<std::string> kMale = {"Ahmad", "Budi", "Dedi", "Rudi", "Hendra", "Fauzi", "Rizky", "Syahrial",
                                        "Taufik", "Irwan", "Joko", "Agus", "Bambang", "Darwin", "Ferry", "Muhammad",
                                        "Zulkifli", "Andi", "Yusuf", "Rahmat", "Arif", "Edi", "Sahat", "Tigor"};
const std::vector<std::string> kFemale = {"Siti", "Nurhayati", "Dewi", "Rina", "Sri", "Yuliani", "Fitri",
                                          "Lestari", "Maya", "Intan", "Ratna", "Wati", "Rahmawati", "Erni",
                                          "Nurul", "Mega", "Rosmawati", "Ani", "Juliana", "Debora", "Sartika"};
const std::vector<std::string> kFamily = {"Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Sitompul",
                                          "Hasibuan", "Tanjung", "Pohan", "Ginting", "Sembiring", "Tarigan",
                                          "Saragih", "Damanik", "Pane", "Batubara", "Rangkuti", "Daulay",
                                          "Matondang", "Purba", "Hutagalung", "Pardede", "Manurung", "Situmorang"};

class Builder {
public:
    // `nips`: where NIPs come from (seed_synthetic); null keeps the fixed
    // numbering of the Marelan demo, whose NIPs tests and screenshots show.
    Builder(store::Db& db, uint64_t seed, NipRegistry* nips = nullptr) : db_(db), rng_{seed}, nips_(nips) {}

    std::string id() { return uuid_v7_at(kEpochMs + counter_++, rng_.next(), rng_.next()); }

    std::string office(OfficeKind kind, const std::string& parent, const std::string& code, const std::string& name) {
        Office o{id(), parent, kind, code, name, false};
        expect(store::save_office(db_, o), name);
        ++stats.offices;
        return o.id;
    }

    // Creates a position with tasks sized to `load` × base workload, and `holders` employees.
    Position position(const PositionTemplate& t, const std::string& office_id, double load, int holders) {
        Position p;
        p.id = id();
        p.office_id = office_id;
        p.name = t.name;
        p.kind = t.kind;
        p.eselon = t.eselon;
        p.golongan_min = t.gol_min;
        p.golongan_max = t.gol_max;
        p.requirements = t.requirements;
        p.is_head = t.is_head;
        expect(store::save_position(db_, p), t.name);
        ++stats.positions;
        const Settings s;
        // Heads and section chiefs carry a fixed leadership load; staff work scales.
        const double needed = t.base_needed * (t.kind == PositionKind::pelaksana ? load : std::min(load, 1.1));
        for (const auto& tt : t.tasks) {
            AbkTask task;
            task.id = id();
            task.position_id = p.id;
            task.year = kDemoYear;
            task.task = tt.task;
            task.output_unit = tt.output_unit;
            task.period = tt.period;
            task.norm_minutes = tt.norm_minutes;
            const double minutes = needed * s.wke_minutes * tt.share * (0.9 + 0.2 * rng_.unit());
            const double per = abk::annual_factor(tt.period, s);
            task.volume = std::max(1.0, std::round(minutes / (tt.norm_minutes * per)));
            expect(store::save_task(db_, task), tt.task);
            ++stats.tasks;
        }
        for (int i = 0; i < holders; ++i) employee(t, p);
        return p;
    }

    void employee(const PositionTemplate& t, const Position& p) {
        Employee e;
        e.id = id();
        const bool female = rng_.next() % 100 < 45;
        e.gender = female ? Gender::female : Gender::male;
        e.name = (female ? rng_.pick(kFemale) : rng_.pick(kMale)) + " " + rng_.pick(kFamily);
        // Golongan within the position's range (PNS), or PPPK for some unbounded pelaksana posts.
        const bool pppk = t.kind == PositionKind::pelaksana && std::string(t.gol_min).empty() && rng_.next() % 100 < 30;
        int lo = 5, hi = 11;  // II/a .. III/c when unbounded
        if (auto g = parse_golongan(t.gol_min)) lo = g->rank;
        if (auto g = parse_golongan(t.gol_max)) hi = g->rank;
        const int rank = pppk ? rng_.range(5, 9) : rng_.range(lo, hi);
        e.asn_type = pppk ? "PPPK" : "PNS";
        e.golongan = format_golongan({pppk ? GolonganScale::pppk : GolonganScale::pns, rank});
        // Older staff hold higher ranks: birth year follows the rank.
        const int birth_year = std::clamp(1998 - rank * 2 - rng_.range(0, 8), 1966, 2001);
        const Date birth{birth_year, rng_.range(1, 12), rng_.range(1, 28)};
        e.birth_date = format_iso_date(birth);
        const int tmt_year = std::min(birth_year + rng_.range(22, 28), 2024);
        const int tmt_month = rng_.range(1, 12);
        char nip[32];
        if (nips_) {
            const std::string n = pppk ? nips_->pppk(birth) : nips_->pns(birth, tmt_year, tmt_month, female);
            std::snprintf(nip, sizeof nip, "%s", n.c_str());
        } else if (pppk) {
            // NI PPPK: 18 digits, structure not checked (domain.md); keep it unique.
            std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%06d", birth.year, birth.month, birth.day, 2022,
                          static_cast<int>(++nip_seq_ % 1000000));
        } else {
            std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d%d%03d", birth.year, birth.month, birth.day, tmt_year,
                          tmt_month, female ? 2 : 1, static_cast<int>(++nip_seq_ % 999) + 1);
        }
        e.nip = nip;
        e.education = rank >= 13 ? (rng_.next() % 2 ? "S-2" : "S-1")
                      : rank >= 9 ? "S-1"
                      : rank >= 5 ? (rng_.next() % 3 ? "SMA/SMK" : "D-III")
                                  : "SMA/SMK";
        e.position_id = p.id;
        e.office_id = p.office_id;
        const int tenure_years = rng_.range(0, 7);
        e.tmt_position = format_iso_date({std::max(kDemoYear - 1 - tenure_years, tmt_year + 1), rng_.range(1, 12), 1});
        // Competences: around the requirement (some below it: real mismatches), plus extras.
        for (const auto& [tag, level] : t.requirements) e.competences[tag] = std::clamp(level + rng_.range(-1, 2), 1, 5);
        for (int k = rng_.range(1, 2); k > 0; --k) e.competences.emplace(std::string(rng_.pick(kTechnicalCompetences)), rng_.range(1, 4));
        e.commitment_10y = !pppk && tmt_year >= 2018;
        expect(store::save_employee(db_, e), e.name + " " + e.nip);
        ++stats.employees;
    }

    SeedStats stats;
    Rng& rng() { return rng_; }

private:
    static void expect(const Check& c, const std::string& what) {
        if (!c.ok()) throw std::runtime_error("demo data invalid (" + what + "): " + c.first_error()->code + " " +
                                              c.first_error()->detail);
    }
    static constexpr uint64_t kEpochMs = 1767225600000ull;  // 2026-01-01T00:00:00Z: stable demo ids
    store::Db& db_;
    Rng rng_;
    uint64_t counter_ = 0;
    uint64_t nip_seq_ = 0;
    NipRegistry* nips_ = nullptr;
};

// Kelurahan of Medan Marelan with a demo load factor (workload relative to a
// typical kelurahan) and staff counts that do not follow it: this is the
// imbalance the product exists to find. Holders per kelurahan template row.
struct KelurahanDemo {
    const char* name;
    const char* code;
    double load;
    std::vector<int> holders;  // per kelurahan_positions() entry
};
const std::vector<KelurahanDemo> kMarelan = {
    {"Labuhan Deli", "12.71.12.1001", 1.35, {1, 1, 1, 1, 1, 2, 2, 1, 1, 2}},
    {"Paya Pasir", "12.71.12.1002", 0.65, {1, 1, 1, 1, 1, 4, 4, 2, 1, 4}},
    {"Rengas Pulau", "12.71.12.1003", 0.80, {1, 1, 1, 1, 1, 4, 4, 1, 1, 3}},
    {"Tanah Enam Ratus", "12.71.12.1004", 1.00, {1, 1, 1, 1, 1, 3, 3, 1, 1, 2}},
    {"Terjun", "12.71.12.1005", 1.50, {1, 1, 1, 1, 0, 2, 2, 1, 1, 2}},
};
// Kecamatan office: holders per position in kecamatan_sections() order, flattened.
const std::vector<int> kMarelanKecamatanHolders = {1, 1, 1, 1, 4, 2, 3, 1, 4, 1, 5, 1, 4, 1, 4, 1, 4, 2};
// Section load factors: the PATEN counter (Pelayanan Umum) is swamped; Trantib is quiet.
double section_load(const std::string& section) {
    if (section == "Seksi Pelayanan Umum") return 1.45;
    if (section == "Seksi Ketenteraman dan Ketertiban Umum") return 0.70;
    return 1.0;
}

void build_kecamatan(Builder& b, const std::string& kec_id, const std::vector<int>* holders, double jitter) {
    size_t k = 0;
    for (const auto& sec : kecamatan_sections()) {
        std::string office = kec_id;
        if (*sec.office) office = b.office(OfficeKind::seksi, kec_id, "", sec.office);
        for (const auto& t : sec.positions) {
            int h = holders ? (*holders)[k] : std::max(t.is_head ? 1 : 0, static_cast<int>(std::lround(t.base_needed * (0.6 + jitter * b.rng().unit()))));
            b.position(t, office, section_load(sec.office), h);
            ++k;
        }
    }
}

}  // namespace

SeedStats seed_marelan(store::Db& db, DemoIds* ids) {
    Builder b(db, 20260101);
    db.transaction([&] {
        const std::string kota = b.office(OfficeKind::kota, "", "12.71", "Kota Medan");
        const std::string kec = b.office(OfficeKind::kecamatan, kota, "12.71.12", "Kecamatan Medan Marelan");
        if (ids) *ids = {kota, kec, {}};
        build_kecamatan(b, kec, &kMarelanKecamatanHolders, 0);
        for (const auto& kel : kMarelan) {
            const std::string id = b.office(OfficeKind::kelurahan, kec, kel.code, std::string("Kelurahan ") + kel.name);
            if (ids) ids->kelurahan.push_back(id);
            for (size_t i = 0; i < kelurahan_positions().size(); ++i)
                b.position(kelurahan_positions()[i], id, kel.load, kel.holders[i]);
        }
        b.stats.root_office_id = kota;
    });
    return b.stats;
}

SeedStats seed_synthetic(store::Db& db, const SyntheticParams& p) {
    if (p.kecamatan < 1 || p.kelurahan < p.kecamatan || p.employees < 0)
        throw std::invalid_argument("synthetic: need kecamatan >= 1 and kelurahan >= kecamatan");
    NipRegistry own_nips;  // (unique within this call when no shared registry is given)
    Builder b(db, p.seed, p.nips ? p.nips : &own_nips);
    db.transaction([&] {
        const std::string kota = b.office(OfficeKind::kota, "", "12.71", p.root_name);
        b.stats.root_office_id = kota;
        // Offices and positions first with zero holders; employees are then spread
        // by weight so the total is exactly p.employees.
        struct Slot {
            const PositionTemplate* t;
            Position pos;
            double weight;
        };
        std::vector<Slot> slots;
        std::vector<std::string> kecs;
        // Task volumes are sized for base staffing; scale them so the city as a
        // whole is about balanced at p.employees, with offices scattered around it.
        double base = 0;
        for (const auto& sec : kecamatan_sections())
            for (const auto& t : sec.positions) base += t.base_needed * p.kecamatan;
        for (const auto& t : kelurahan_positions()) base += t.base_needed * p.kelurahan;
        const double scale = base > 0 ? p.employees / base : 1.0;
        for (int k = 0; k < p.kecamatan; ++k)
            kecs.push_back(b.office(OfficeKind::kecamatan, kota, "12.71." + std::to_string(10 + k),
                                    "Kecamatan Sintetis " + std::to_string(k + 1)));
        auto add_positions = [&](const std::vector<const PositionTemplate*>& ts, const std::string& office, double load) {
            for (const auto* t : ts) {
                // Leaders: exactly one holder. Staff posts share the remaining employees.
                if (t->kind != PositionKind::pelaksana) b.position(*t, office, load, 1);
                else slots.push_back({t, b.position(*t, office, load, 0), t->base_needed * load * (0.5 + b.rng().unit())});
            }
        };
        for (int k = 0; k < p.kecamatan; ++k) {
            for (const auto& sec : kecamatan_sections()) {
                std::string office = kecs[static_cast<size_t>(k)];
                if (*sec.office) office = b.office(OfficeKind::seksi, office, "", sec.office);
                std::vector<const PositionTemplate*> ts;
                for (const auto& t : sec.positions) ts.push_back(&t);
                add_positions(ts, office, scale * (0.6 + 0.9 * b.rng().unit()));
            }
        }
        for (int l = 0; l < p.kelurahan; ++l) {
            const auto& kec = kecs[static_cast<size_t>(l % p.kecamatan)];
            const std::string office = b.office(OfficeKind::kelurahan, kec, "", "Kelurahan Sintetis " + std::to_string(l + 1));
            std::vector<const PositionTemplate*> ts;
            for (const auto& t : kelurahan_positions()) ts.push_back(&t);
            add_positions(ts, office, scale * (0.5 + b.rng().unit()));
        }
        // Employees land on positions with probability proportional to a jittered
        // base workload, so some offices end up over- and others under-staffed.
        double total = 0;
        std::vector<double> cum;
        for (const auto& s : slots) cum.push_back(total += s.weight);
        while (b.stats.employees < p.employees) {
            const double x = b.rng().unit() * total;
            const size_t k = static_cast<size_t>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
            const auto& s = slots[std::min(k, slots.size() - 1)];
            b.employee(*s.t, s.pos);
        }
    });
    return b.stats;
}

const std::vector<DemoUser>& demo_users() {
    static const std::vector<DemoUser> u = {
        {"operator.terjun", "Operator Kelurahan Terjun", "operator", "Kelurahan Terjun"},
        {"operator.payapasir", "Operator Kelurahan Paya Pasir", "operator", "Kelurahan Paya Pasir"},
        {"operator.labuhandeli", "Operator Kelurahan Labuhan Deli", "operator", "Kelurahan Labuhan Deli"},
        {"operator.rengaspulau", "Operator Kelurahan Rengas Pulau", "operator", "Kelurahan Rengas Pulau"},
        {"operator.tanahenamratus", "Operator Kelurahan Tanah Enam Ratus", "operator", "Kelurahan Tanah Enam Ratus"},
        {"lurah.terjun", "Lurah Terjun", "kepala_unit", "Kelurahan Terjun"},
        {"lurah.payapasir", "Lurah Paya Pasir", "kepala_unit", "Kelurahan Paya Pasir"},
        {"camat.marelan", "Camat Medan Marelan", "camat", "Kecamatan Medan Marelan"},
        {"bkpsdm.medan", "BKPSDM Kota Medan", "bkpsdm", "Kota Medan"},
        {"pusat.bkn", "Konsolidasi Pusat (BKN)", "pusat", "Kota Medan"},
        {"pegawai.terjun", "", "pegawai", "Kelurahan Terjun"},  // named after its person: resolve_demo_user
    };
    return u;
}

ResolvedDemoUser resolve_demo_user(store::Db& db, const DemoUser& u) {
    ResolvedDemoUser r;
    r.display_name = u.display_name;
    for (const auto& o : store::list_offices(db))
        if (o.name == u.office_name) r.office_id = o.id;
    if (r.office_id.empty() || u.role != "pegawai") return r;
    auto staff = store::list_employees(db, {r.office_id, false});
    if (!staff.empty()) {
        r.employee_id = staff.front().id;
        r.display_name = staff.front().name;
    }
    return r;
}

}  // namespace seimbang::demo
