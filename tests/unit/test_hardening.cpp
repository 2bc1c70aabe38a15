// Core regression tests of issue 13 (hardening): the login limiter, the JSON
// depth check, and the office tree staying a tree (record_rules.h, office_subtree).
#include <doctest/doctest.h>

#include <string>

#include "store/record_rules.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/client.h"
#include "util/json_depth.h"
#include "util/login_limiter.h"

using namespace seimbang;

TEST_CASE("hole 8: login limiter reserves attempts, backs off per user + address, bounds its memory") {
    LoginLimiter l;
    const int64_t t0 = 1'000'000;
    SUBCASE("attempts in flight count: a 6th parallel attempt waits") {
        for (int i = 0; i < LoginLimiter::kFreeFailures; ++i) CHECK(l.begin("camat", "10.0.0.9", t0) == 0);
        CHECK(l.begin("camat", "10.0.0.9", t0) > 0);
        for (int i = 0; i < LoginLimiter::kFreeFailures; ++i) l.finish("camat", "10.0.0.9", false, t0);
        CHECK(l.begin("camat", "10.0.0.9", t0) > 0);
    }
    SUBCASE("back-off doubles and lets one attempt through at a time") {
        for (int i = 0; i < LoginLimiter::kFreeFailures; ++i) {
            REQUIRE(l.begin("camat", "a", t0) == 0);
            l.finish("camat", "a", false, t0);
        }
        CHECK(l.begin("camat", "a", t0 + 500) == 1);  // 1 s after the 5th failure
        REQUIRE(l.begin("camat", "a", t0 + 1000) == 0);
        CHECK(l.begin("camat", "a", t0 + 1000) > 0);  // one at a time
        l.finish("camat", "a", false, t0 + 1000);
        CHECK(l.begin("camat", "a", t0 + 2500) > 0);  // now 2 s
        CHECK(l.begin("camat", "a", t0 + 3000) == 0);
        l.finish("camat", "a", true, t0 + 3000);       // the right password clears it
        CHECK(l.begin("camat", "a", t0 + 3000) == 0);
    }
    SUBCASE("failures from other addresses do not lock the owner out") {
        for (int a = 0; a < 50; ++a)
            for (int i = 0; i < 10; ++i)
                if (l.begin("camat", "attacker" + std::to_string(a), t0) == 0)
                    l.finish("camat", "attacker" + std::to_string(a), false, t0);
        CHECK(l.begin("camat", "owner", t0) == 0);
    }
    SUBCASE("one address spraying many usernames is stopped") {
        int allowed = 0;
        for (int u = 0; u < 500; ++u)
            if (l.begin("user" + std::to_string(u), "sprayer", t0) == 0) {
                ++allowed;
                l.finish("user" + std::to_string(u), "sprayer", false, t0);
            }
        CHECK(allowed == LoginLimiter::kAddressFailures);
        CHECK(l.begin("camat", "elsewhere", t0) == 0);
    }
    SUBCASE("memory stays bounded under millions of names") {
        for (int i = 0; i < 200'000; ++i) {
            const std::string addr = "10." + std::to_string(i % 251) + "." + std::to_string(i / 251 % 251) + ".1";
            if (l.begin("u" + std::to_string(i), addr, t0 + i) == 0) l.finish("u" + std::to_string(i), addr, false, t0 + i);
        }
        CHECK(l.entries() <= LoginLimiter::kMaxEntries);
    }
}

TEST_CASE("hole 6: JSON depth is measured without parsing, strings ignored") {
    CHECK(json_depth_within(R"({"a":[1,{"b":[2]}]})", 4));
    CHECK_FALSE(json_depth_within(R"({"a":[1,{"b":[2]}]})", 3));
    CHECK(json_depth_within(R"({"s":"[[[[[[[[[[\"{{{{"})", 1));
    CHECK_FALSE(json_depth_within(std::string(2'000'000, '['), kMaxJsonDepth));
    CHECK(json_depth_within(std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']')));
}

TEST_CASE("hole 5: the office tree stays a tree, and the subtree walk ends even on a cycle") {
    store::Db db(":memory:");
    store::migrate(db);
    Office kota{"", "", OfficeKind::kota, "12.71", "Kota Medan", false};
    REQUIRE(store::save_office(db, kota).ok());
    Office kec{"", kota.id, OfficeKind::kecamatan, "12.71.12", "Medan Marelan", false};
    REQUIRE(store::save_office(db, kec).ok());
    Office kel{"", kec.id, OfficeKind::kelurahan, "", "Terjun", false};
    REQUIRE(store::save_office(db, kel).ok());

    SUBCASE("a kelurahan turned seksi under itself is refused") {
        Office self = kel;
        self.kind = OfficeKind::seksi;
        self.parent_id = kel.id;
        store::DbRefReader refs(db);
        const Check c = store::check_office_refs(refs, self, OfficeKind::kelurahan);
        REQUIRE(c.first_error());
        CHECK(c.first_error()->code == "office.bad_hierarchy");
        CHECK_FALSE(store::save_office(db, self).ok());
    }
    SUBCASE("a cycle written past the rules: office_subtree still ends") {
        auto s = db.prepare("UPDATE offices SET parent_id = ?1 WHERE id = ?2");
        s.bind(1, kel.id).bind(2, kota.id);
        s.run();
        CHECK(store::office_subtree(db, kota.id).size() == 3);
        CHECK(store::office_within(db, kota.id, kel.id));
        CHECK(store::list_positions(db, kota.id).empty());
    }
}

TEST_CASE("hole 4: a database takes a new device id when another account signs in") {
    store::Db db(":memory:");
    store::migrate(db);
    const std::string first = sync::device_id_for_login(db, "operator.terjun");
    store::set_local_meta(db, "sync.username", "operator.terjun");
    CHECK(sync::device_id_for_login(db, "operator.terjun") == first);
    const std::string second = sync::device_id_for_login(db, "lurah.terjun");
    CHECK(second != first);
    CHECK(sync::device_id(db) == second);
}
