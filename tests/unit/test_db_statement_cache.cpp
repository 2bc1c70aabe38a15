// Db::prepare hands a compiled statement out again once the previous Stmt is
// gone: reset, bindings cleared, independent of a second use of the same SQL
// while the first is still stepping, and recompiled after a schema change.
#include <doctest/doctest.h>

#include "store/db.h"

using seimbang::store::Db;

TEST_CASE("statement cache: a reused statement starts fresh (no old bindings, no old cursor)") {
    Db db(":memory:");
    db.exec("CREATE TABLE t(x INTEGER)");
    db.exec("INSERT INTO t VALUES (1), (2), (3)");
    {
        auto s = db.prepare("SELECT ?1");
        s.bind(1, 42);
        REQUIRE(s.step());
        CHECK(s.int64(0) == 42);
    }
    {
        auto s = db.prepare("SELECT ?1");
        REQUIRE(s.step());
        CHECK(s.is_null(0));  // the 42 bound before is gone
    }
    {
        auto s = db.prepare("SELECT x FROM t ORDER BY x");
        REQUIRE(s.step());  // left mid-way
    }
    auto s = db.prepare("SELECT x FROM t ORDER BY x");
    REQUIRE(s.step());
    CHECK(s.int64(0) == 1);  // from the first row again
}

TEST_CASE("statement cache: the same SQL used twice at once gets two statements") {
    Db db(":memory:");
    db.exec("CREATE TABLE t(x INTEGER)");
    db.exec("INSERT INTO t VALUES (1), (2), (3)");
    int pairs = 0;
    auto outer = db.prepare("SELECT x FROM t ORDER BY x");
    while (outer.step()) {
        auto inner = db.prepare("SELECT x FROM t ORDER BY x");
        while (inner.step()) ++pairs;
    }
    CHECK(pairs == 9);
}

TEST_CASE("statement cache: a cached statement follows a schema change") {
    Db db(":memory:");
    db.exec("CREATE TABLE t(x INTEGER)");
    db.exec("INSERT INTO t VALUES (1)");
    { CHECK(db.prepare("SELECT * FROM t").columns() == 1); }
    db.exec("ALTER TABLE t ADD COLUMN y TEXT DEFAULT 'b'");
    auto s = db.prepare("SELECT * FROM t");
    REQUIRE(s.step());
    CHECK(s.columns() == 2);
    CHECK(s.text(1) == "b");
}
