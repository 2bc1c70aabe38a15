// The push body parser (sync/push_request.h): it replaces nlohmann's parser on
// the server's hottest path, so it must accept exactly valid JSON and read the
// values the same way.
#include <doctest/doctest.h>

#include <cmath>

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

namespace {
// A push body with one upsert whose "fields" object is `fields_json`.
std::string one_upsert(const std::string& fields_json) {
    return R"({"device_id":"d","mutations":[{"counter":1,"hlc":1,"schema":2,"base":0,"table":"t","row":"r",)"
           R"("op":"upsert","fields":)" +
           fields_json + "}]}";
}
// The fields as nlohmann reads them: keys sorted, the last of a repeated key kept.
void check_fields_as_nlohmann(const std::string& fields_json) {
    CAPTURE(fields_json);
    const std::string body = one_upsert(fields_json);
    auto r = sync::parse_push_request(body);
    REQUIRE(r.error == Error::None);
    const json ref = json::parse(body)["mutations"][0]["fields"];
    const auto& got = r.mutations[0].fields;
    REQUIRE(got.size() == ref.size());
    size_t k = 0;
    for (const auto& [key, value] : ref.items()) {
        CHECK(got[k].key == key);
        CHECK(store::to_json(got[k].value) == value);
        ++k;
    }
}
}  // namespace

TEST_CASE("push request: keys with escapes or non-ASCII bytes are decoded and ordered as nlohmann does") {
    check_fields_as_nlohmann(R"({"na\u006de":"x","\u00e2":1,"a\"b":2,"a\\b":3,"\/":4})");
    check_fields_as_nlohmann("{\"\xc3\xa2\":1,\"z\":2,\"\xe2\x9c\x93\":3,\"a\xc3\xa2\":4,\"a\":5}");
    check_fields_as_nlohmann(R"({"":1,"a":2})");
    // An escaped typed key is still that key.
    auto r = sync::parse_push_request(
        R"({"device_id":"d","mutations":[{"c\u006funter":7,"hlc":1,"schema":2,"base":0,"table":"t","row":"r",)"
        R"("op":"delete","\u006fp":"upsert","fi\u0065lds":{"a":1}}]})");
    REQUIRE(r.error == Error::None);
    CHECK(r.mutations[0].counter == 7);
    CHECK(r.mutations[0].op == "upsert");
    CHECK(r.mutations[0].has_fields);
    REQUIRE(r.mutations[0].fields.size() == 1);
}

TEST_CASE("push request: strings mixing plain text, UTF-8 and escapes decode as nlohmann does") {
    const std::vector<std::string> values = {
        R"("")",
        R"("plain ascii, longer than one machine word: 0123456789abcdefghijklmnopqrstuvwxyz")",
        "\"Nur\xc3\xa2ni Siregar, \xe2\x9c\x93 \xf0\x9f\x98\x80 at the end \xf4\x8f\xbf\xbf\"",
        "\"\xc3\xa2\\n\xc3\xa2\"",
        R"("\\")",
        R"("escape first\"then text")",
        R"("text then escape at the end\u0041")",
        R"("\u00e2\u00e2\u00e2\ud83d\ude00\u0000\u001f\u007f")",
        "\"\x7f DEL stands for itself\"",
        R"("0190abcd-1234-7abc-8def-0123456789ab")",
    };
    for (const auto& v : values) {
        check_fields_as_nlohmann(R"({"a":)" + v + "}");
        // The same string as a key, and as a typed string.
        check_fields_as_nlohmann("{" + v + ":1}");
        auto r = sync::parse_push_request(R"({"device_id":)" + v + R"(,"mutations":[]})");
        REQUIRE(r.error == Error::None);
        CHECK(r.device_id == json::parse(v).get<std::string>());
    }
}

TEST_CASE("push request: a bad byte anywhere in a string or key is malformed") {
    // Each bad piece at several offsets, near the body's end and far from it (the
    // scan looks at 16 bytes at a time where that many are left).
    const std::vector<std::string> bad = {
        "\x01", "\x1f", "\t", "\n", "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x7f", "\xe0\x9f\xbf",
        "\xed\xa0\x80", "\xed\xbf\xbf", "\xe2\x9c", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
        "\xff", "\\x", "\\u12", "\\u00g0", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud800\\udbff", "\\U0041",
        std::string(1, '\0'),
    };
    for (const auto& piece : bad) {
        for (size_t at : {0, 1, 7, 8, 9, 15, 16, 17, 40}) {
            const std::string s = "\"" + std::string(at, 'x') + piece + "yz\"";
            CAPTURE(s);
            CHECK_FALSE(json::accept(s));
            const std::string pad = R"(,"pad":"0123456789abcdef0123456789abcdef"})";
            CHECK(sync::parse_push_request(one_upsert(R"({"a":)" + s + "}")).error == Error::MalformedJson);
            CHECK(sync::parse_push_request(one_upsert(R"({"a":)" + s + pad)).error == Error::MalformedJson);
            CHECK(sync::parse_push_request(one_upsert("{" + s + ":1}")).error == Error::MalformedJson);
            CHECK(sync::parse_push_request(one_upsert("{" + s + ":1" + pad)).error == Error::MalformedJson);
        }
    }
    // A string or key the body ends inside.
    for (const std::string& cut : {R"({"device_id":"abcdefghijklmnopq)", R"({"device_id":"abc\)",
                                   "{\"device_id\":\"abc\xe2\x9c", R"({"device_idxxxxxxxxxxxxxxxx)"})
        CHECK(sync::parse_push_request(cut).error == Error::MalformedJson);
}

TEST_CASE("push request: unsorted and repeated keys end sorted, the last of a repeated key kept") {
    check_fields_as_nlohmann(R"({"b":1,"a":2})");
    check_fields_as_nlohmann(R"({"b":1,"a":2,"b":3})");
    check_fields_as_nlohmann(R"({"a":1,"b":2,"c":3,"b":4})");
    check_fields_as_nlohmann(R"({"a":1,"a":2,"a":3})");
    check_fields_as_nlohmann(R"({"ab":1,"a":2,"abc":3,"":4,"a":5})");
    check_fields_as_nlohmann("{\"\xc3\xa2\":1,\"z\":2}");  // bytes >= 0x80 sort after ASCII
    check_fields_as_nlohmann("{\"z\":1,\"\xc3\xa2\":2}");
    check_fields_as_nlohmann(R"({"na\u006de":1,"name":2})");  // the same key, once escaped
    std::string many = "{";
    for (int k = 40; k > 0; --k) many += (k == 40 ? "\"k" : ",\"k") + std::to_string(k % 25) + "\":" + std::to_string(k);
    check_fields_as_nlohmann(many + "}");
}

TEST_CASE("push request: mutations of different sizes and counts read as nlohmann reads them") {
    // The parser reserves from the first mutation and the previous lists' sizes:
    // a small one before big ones and the other way round must not matter.
    auto mutation = [](int counter, int nfields, int nold) {
        std::string m = R"({"counter":)" + std::to_string(counter) +
                        R"(,"hlc":1,"schema":2,"base":0,"table":"t","row":"r","op":"upsert","fields":{)";
        for (int k = 0; k < nfields; ++k) m += (k ? ",\"f" : "\"f") + std::to_string(100 + k) + "\":\"v\"";
        m += R"(},"old":{)";
        for (int k = 0; k < nold; ++k) m += (k ? ",\"f" : "\"f") + std::to_string(100 + k) + "\":" + std::to_string(k);
        return m + "}}";
    };
    for (const auto& sizes : std::vector<std::vector<int>>{{0, 1, 30, 2, 0, 17}, {30, 0, 0, 1}, {1, 1, 1, 40}}) {
        std::string body = R"({"device_id":"d","mutations":[)";
        for (size_t k = 0; k < sizes.size(); ++k) body += (k ? "," : "") + mutation(static_cast<int>(k), sizes[k], sizes[k] / 3);
        for (int k = 0; k < 600; ++k) body += "," + mutation(100 + k, k % 3, k % 2);  // more than the first one suggests
        body += "]}";
        auto r = sync::parse_push_request(body);
        REQUIRE(r.error == Error::None);
        const json ref = json::parse(body)["mutations"];
        REQUIRE(r.mutations.size() == ref.size());
        for (size_t k = 0; k < ref.size(); ++k) {
            const auto& m = r.mutations[k];
            CHECK(m.counter == ref[k]["counter"].get<int64_t>());
            CHECK(json::parse(r.raw(m)) == ref[k]);
            for (const auto& [list, name] : {std::pair{&m.fields, "fields"}, std::pair{&m.old, "old"}}) {
                REQUIRE(list->size() == ref[k][name].size());
                size_t i = 0;
                for (const auto& [key, value] : ref[k][name].items()) {
                    CHECK((*list)[i].key == key);
                    CHECK(store::to_json((*list)[i].value) == value);
                    ++i;
                }
            }
        }
    }
}

TEST_CASE("push request: numbers read as nlohmann reads them, around the int64 limits too") {
    for (const std::string n :
         {"0", "-0", "7", "-7", "999999999999999999", "-999999999999999999", "1000000000000000000",
          "-1000000000000000000", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
          "-9223372036854775809", "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
          "0.5", "-0.0", "1e2", "1E+2", "1e-2", "-1.25e2", "0e0", "117591866900070401",
          "1.7976931348623157e308", "4.9e-324"}) {
        check_fields_as_nlohmann(R"({"a":)" + n + "}");
        // Typed keys are int64: nlohmann reads 2^63 and up as unsigned, the parser as reals.
        const json j = json::parse(n);
        const bool is_int = j.is_number_integer() && !(j.is_number_unsigned() && j.get<uint64_t>() > INT64_MAX);
        auto r = sync::parse_push_request(
            R"({"device_id":"d","mutations":[{"counter":)" + n +
            R"(,"hlc":1,"schema":2,"base":0,"table":"t","row":"r","op":"delete"}]})");
        REQUIRE(r.error == (is_int ? Error::None : Error::BadShapeMutation));
        if (is_int) CHECK(r.mutations[0].counter == json::parse(n).get<int64_t>());
    }
    // Beyond double's range: nlohmann refuses it, the parser reads infinity (strtod).
    auto huge = sync::parse_push_request(one_upsert(R"({"a":1e400,"b":-1e400})"));
    REQUIRE(huge.error == Error::None);
    CHECK(huge.mutations[0].fields[0].value.kind == store::Value::Kind::Real);
    CHECK(huge.mutations[0].fields[0].value.d == HUGE_VAL);
    CHECK(huge.mutations[0].fields[1].value.d == -HUGE_VAL);
    for (const std::string n : {"01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "1.e2", "--1", "0x10", "1_0"}) {
        CAPTURE(n);
        CHECK(sync::parse_push_request(one_upsert(R"({"a":)" + n + "}")).error == Error::MalformedJson);
    }
}

TEST_CASE("push request: the four JSON whitespace characters anywhere between tokens, no others") {
    const std::string body = " \t\r\n{ \"device_id\" \n:\t\"d\" ,\r\"mutations\" : [ { \"counter\" : 1 , \"hlc\":1,"
                             "\"schema\":2,\"base\":0,\"table\":\"t\",\"row\":\"r\",\"op\":\"upsert\",\"fields\" : "
                             "{ \"a\" : [ 1 , { } ] , \"b\" : -2 \n} } , 1 ] }\n\t";
    auto r = sync::parse_push_request(body);
    CHECK(r.error == Error::BadShapeMutation);  // the second mutation is 1
    REQUIRE(r.mutations.size() == 2);
    CHECK(r.mutations[0].shape_ok);
    CHECK(r.mutations[0].fields[1].value.i == -2);
    for (const std::string other : {std::string("\f"), std::string("\v"), std::string("\xc2\xa0"), std::string(1, '\0')}) {
        CHECK(sync::parse_push_request(R"({"mutations":[])" + other + "}").error == Error::MalformedJson);
        CHECK(sync::parse_push_request(R"({"mutations":[]})" + other).error == Error::MalformedJson);
    }
}
