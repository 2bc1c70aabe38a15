// Compression of API answers (issue 18): a browser offers `br`, and cpp-httplib
// would answer every JSON body with maximum-quality Brotli (1.2-3.8 s of CPU per
// 2,000-row pull page). The server now compresses large answers itself at
// Brotli quality 1 (gzip level 1 for clients without Brotli) and never lets the
// library compress them. Timing-free: the answer on the wire is byte for byte
// what quality 1 makes of the decoded body (quality 11 makes other bytes).
#include <doctest/doctest.h>

#include <brotli/decode.h>
#include <zlib.h>

#include <httplib.h>

#include "harness.h"
#include "http_compress.h"

using namespace itest;
using nlohmann::json;
namespace server = seimbang::server;

namespace {
// Chromium's request header for fetch() on http://127.0.0.1 (bench/web/pull.mjs
// prints the one it saw); Firefox sends "gzip, deflate, br".
constexpr const char* kBrowserAcceptEncoding = "gzip, deflate, br, zstd";

std::string gunzip(const std::string& in) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 15 + 32) == Z_OK);
    std::string out;
    char buf[65536];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    CHECK(rc == Z_STREAM_END);
    return out;
}

std::string unbrotli(const std::string& in) {
    std::string out(in.size() * 20, '\0');
    size_t n = out.size();
    REQUIRE(BrotliDecoderDecompress(in.size(), reinterpret_cast<const uint8_t*>(in.data()), &n,
                                    reinterpret_cast<uint8_t*>(out.data())) == BROTLI_DECODER_RESULT_SUCCESS);
    out.resize(n);
    return out;
}

httplib::Result pull(httplib::Client& http, const SimOffice& o, const char* accept_encoding) {
    httplib::Headers h = {{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}};
    if (accept_encoding) h.emplace("Accept-Encoding", accept_encoding);
    return http.Get("/api/v1/sync/pull?cursor=0&limit=2000&snapshot=1", h);
}

// The page without the server's clocks (they change between two requests).
json page_rows(const std::string& text) {
    json j = json::parse(text);
    j.erase("server_hlc");
    j.erase("server_time_ms");
    return j;
}
}  // namespace

TEST_CASE("API answers to a browser's Accept-Encoding are Brotli quality 1, never maximum quality") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice camat(dir, "camat.marelan", srv.url());
    httplib::Client http(srv.url());
    http.set_decompress(false);  // look at the bytes on the wire

    auto plain = pull(http, camat, nullptr);
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK(plain->get_header_value("Content-Encoding").empty());
    const json expected = page_rows(plain->body);
    REQUIRE(expected["changes"].size() > 100);

    // What Chromium sends: Brotli, made at quality 1 (re-encoding the decoded body
    // at quality 1 gives the same bytes; quality 11 would not).
    auto browser = pull(http, camat, kBrowserAcceptEncoding);
    REQUIRE(browser);
    REQUIRE(browser->status == 200);
    CHECK(browser->get_header_value("Content-Encoding") == "br");
    CHECK(browser->get_header_value("Vary") == "Accept-Encoding");
    const std::string decoded = unbrotli(browser->body);
    CHECK((page_rows(decoded) == expected));
    CHECK((server::compress_body(decoded, "br") == browser->body));
    CHECK(browser->body.size() < plain->body.size() / 5);

    // A client without Brotli: gzip level 1.
    auto gz = pull(http, camat, "gzip, deflate");
    REQUIRE(gz);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK((page_rows(gunzip(gz->body)) == expected));

    // Codings refused with q=0, or none offered: uncompressed.
    for (const char* ae : {"br;q=0, gzip;q=0", "identity", "*;q=0"}) {
        CAPTURE(ae);
        auto r = pull(http, camat, ae);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Encoding").empty());
        CHECK((page_rows(r->body) == expected));
    }

    // Small answers (errors, health) are never compressed, whatever is offered.
    httplib::Headers h = {{"Accept-Encoding", kBrowserAcceptEncoding}};
    auto health = http.Get("/api/v1/health", h);
    REQUIRE(health);
    CHECK(health->get_header_value("Content-Encoding").empty());
    auto refused = http.Get("/api/v1/sync/pull?cursor=0", h);
    REQUIRE(refused);
    CHECK(refused->status == 401);
    CHECK(refused->get_header_value("Content-Encoding").empty());
}

TEST_CASE("Accept-Encoding parsing") {
    CHECK(server::pick_encoding("gzip, deflate, br, zstd") == "br");
    CHECK(server::pick_encoding("gzip, deflate") == "gzip");
    CHECK(server::pick_encoding("BR;q=0.5") == "br");
    CHECK(server::pick_encoding("br;q=0, gzip") == "gzip");
    CHECK(server::pick_encoding("br;q=0, gzip;q=0") == "");
    CHECK(server::pick_encoding("*") == "br");
    CHECK(server::pick_encoding("*, br;q=0") == "gzip");
    CHECK(server::pick_encoding("identity") == "");
    CHECK(server::pick_encoding("") == "");
}
