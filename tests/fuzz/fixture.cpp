#include "fixture.h"

#include "demo/seed.h"
#include "store/schema.h"
#include "workflow/sync_commands.h"

namespace seimbang::fuzz {

ServerFixture& server_fixture() {
    static ServerFixture* f = [] {
        auto* s = new ServerFixture;  // lives until the process ends (libFuzzer never returns)
        store::migrate(s->db);
        demo::DemoIds ids;
        demo::seed_marelan(s->db, &ids);
        s->sync = std::make_unique<sync::ServerSync>(s->db);
        workflow::register_sync_commands();
        s->kecamatan = ids.kecamatan;
        s->bkpsdm = {"u-bkpsdm", "bkpsdm.medan", "BKPSDM", "bkpsdm", ids.kota, "", "0190f000-0000-7000-8000-000000000001"};
        s->operator_ = {"u-op", "operator.terjun", "Operator", "operator", ids.kelurahan.back(), "",
                        "0190f000-0000-7000-8000-000000000002"};
        return s;
    }();
    return *f;
}

}  // namespace seimbang::fuzz
