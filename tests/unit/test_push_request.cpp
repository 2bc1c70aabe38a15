// The push body parser (sync/push_request.h): it replaces nlohmann's parser on
// the server's hottest path, so it must accept exactly valid JSON and read the
// values the same way.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "sync/push_request.h"

using namespace seimbang;
using nlohmann::json;
using Error = sync::PushRequest::Error;

namespace {
const char* kOne =
    R"({"device_id":"dev-1","mutations":[{"counter":17,"hlc":117591866900070401,"schema":2,"table":"employees",)"
    R"("row":"0190","op":"upsert","base":4211,"fields":{"name":"Budi","education":"S-2","n":-12,"x":1.5e2,)"
    R"("b":true,"z":null},"old":{"education":"S-1"}}]})";
}

TEST_CASE("push request: typed keys, fields sorted by key, values typed as nlohmann reads them") {
    auto r = sync::parse_push_request(kOne);
    REQUIRE(r.error == Error::None);
    CHECK(r.device_id == "dev-1");
    REQUIRE(r.mutations.size() == 1);
    const auto& m = r.mutations[0];
    CHECK(m.shape_ok);
    CHECK(m.counter == 17);
    CHECK(m.hlc == 117591866900070401LL);
    CHECK(m.base == 4211);
    CHECK(m.table == "employees");
    CHECK(m.op == "upsert");
    REQUIRE(m.fields.size() == 6);
    std::vector<std::string> keys;
    for (const auto& f : m.fields) keys.push_back(f.key);
    CHECK(keys == std::vector<std::string>{"b", "education", "n", "name", "x", "z"});
    const json reference = json::parse(kOne)["mutations"][0]["fields"];
    for (const auto& f : m.fields) CHECK(store::to_json(f.value) == reference[f.key]);
    CHECK(m.fields[4].value.kind == store::Value::Kind::Real);
    CHECK(m.fields[2].value.kind == store::Value::Kind::Int);
    REQUIRE(m.old.size() == 1);
    CHECK(m.old[0].value.s == "S-1");
    CHECK(json::parse(r.raw(m)) == json::parse(kOne)["mutations"][0]);
}

TEST_CASE("push request: escapes and UTF-8 decode to the same string as nlohmann") {
    const std::string body =
        R"({"device_id":"d","mutations":[{"counter":1,"hlc":1,"schema":2,"base":0,"table":"t","row":"r","op":"upsert",)"
        R"("fields":{"a":"Ucok \"Butet\" \\ \/ \b\f\n\r\t","b":"Nur\u00e2ni \ud83d\ude00","c":"Nurâni 😀 ✓"}}]})";
    auto r = sync::parse_push_request(body);
    REQUIRE(r.error == Error::None);
    const json ref = json::parse(body)["mutations"][0]["fields"];
    for (const auto& f : r.mutations[0].fields) CHECK(f.value.s == ref[f.key].get<std::string>());
}

TEST_CASE("push request: a repeated key keeps its last value, as a JSON object does") {
    auto r = sync::parse_push_request(
        R"({"device_id":"d","mutations":[{"counter":1,"counter":2,"hlc":1,"schema":2,"base":0,"table":"t","row":"r",)"
        R"("op":"upsert","fields":{"a":1,"a":2}}]})");
    REQUIRE(r.error == Error::None);
    CHECK(r.mutations[0].counter == 2);
    REQUIRE(r.mutations[0].fields.size() == 1);
    CHECK(r.mutations[0].fields[0].value.i == 2);
}

TEST_CASE("push request: anything that is not JSON is malformed, and only that") {
    const std::vector<std::string> bad = {
        "",
        "{",
        R"({"mutations":[]} x)",
        R"({"mutations":[],})",
        R"({"mutations":[1,]})",
        R"({mutations:[]})",
        R"({"mutations":[01]})",
        R"({"mutations":[1.]})",
        R"({"mutations":[-]})",
        R"({"mutations":["a
b"]})",
        R"({"mutations":["\x"]})",
        R"({"mutations":["\ud800"]})",
        R"({"mutations":["\udc00"]})",
        "{\"mutations\":[\"\xc0\xaf\"]}",      // overlong
        "{\"mutations\":[\"\xed\xa0\x80\"]}",  // encoded surrogate
        "{\"mutations\":[\"\xff\"]}",
        R"({"mutations":[tru]})",
        std::string(200, '[') + std::string(200, ']'),  // nesting beyond the limit
    };
    for (const auto& b : bad) {
        CAPTURE(b);
        CHECK(json::accept(b) == (b.front() == '[' && b.size() == 400));  // the deep one is valid JSON
        CHECK(sync::parse_push_request(b).error == Error::MalformedJson);
    }
    CHECK(sync::parse_push_request(" {\"mutations\" : [ ] } \n").error == Error::None);
}

TEST_CASE("push request: valid JSON of the wrong shape is told apart") {
    CHECK(sync::parse_push_request("[]").error == Error::BadShapeMutations);
    CHECK(sync::parse_push_request(R"({"mutations":{}})").error == Error::BadShapeMutations);
    CHECK(sync::parse_push_request(R"({"device_id":"d"})").error == Error::BadShapeMutations);
    const std::string ok = R"("hlc":1,"schema":2,"base":0,"table":"t","row":"r")";
    CHECK(sync::parse_push_request(R"({"mutations":[1]})").error == Error::BadShapeMutation);
    CHECK(sync::parse_push_request(R"({"mutations":[{"counter":"1",)" + ok + R"(,"op":"x"}]})").error ==
          Error::BadShapeMutation);
    CHECK(sync::parse_push_request(R"({"mutations":[{"counter":1.5,)" + ok + R"(,"op":"x"}]})").error ==
          Error::BadShapeMutation);
    CHECK(sync::parse_push_request(R"({"mutations":[{"counter":1,)" + ok + R"(,"op":"upsert"}]})").error ==
          Error::BadShapeMutation);  // an upsert needs its fields object
    CHECK(sync::parse_push_request(R"({"mutations":[{"counter":1,)" + ok + R"(,"op":"command"}]})").error ==
          Error::BadShapeMutation);  // a command needs its name
    // An unknown op has the right shape: it is refused per mutation, not per request.
    CHECK(sync::parse_push_request(R"({"mutations":[{"counter":1,)" + ok + R"(,"op":"x"}]})").error == Error::None);
    // A nested field value is kept as Nested (refused per mutation as field.bad_value).
    auto r = sync::parse_push_request(R"({"mutations":[{"counter":1,)" + ok +
                                      R"(,"op":"upsert","fields":{"a":{"b":[1,{"c":2}]}}}]})");
    REQUIRE(r.error == Error::None);
    CHECK(r.mutations[0].fields[0].value.kind == store::Value::Kind::Nested);
}
