// Delivery of the web client's files (issue 16, slow links): every file carries
// its content hash as a weak ETag, and a check of bytes the browser already
// holds is a 304 without a body — the service worker's install revalidating the
// page the visit has just loaded, every later visit's check of the page and
// sw.js. A changed file is never a 304.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <httplib.h>

#include "harness.h"

using namespace itest;

TEST_CASE("static files: a weak ETag from the content hash, 304 without a body for unchanged bytes only") {
    const std::string dir = temp_dir();
    const std::string web = dir + "/web";
    std::filesystem::create_directories(web);
    std::ofstream(web + "/index.html") << "<!doctype html><html><body>one</body></html>";
    std::ofstream(web + "/app.js") << "console.log(1);";
    ServerProcess srv(dir + "/server.db", true, {"--web", web});
    httplib::Client c(srv.url());

    auto page = c.Get("/");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    const std::string etag = page->get_header_value("ETag");
    CHECK(std::regex_match(etag, std::regex(R"(W/"[0-9a-f]{12}")")));
    CHECK(page->get_header_value("Cache-Control") == "no-cache");
    // Another file, another tag.
    auto js = c.Get("/app.js");
    REQUIRE(js);
    CHECK(js->get_header_value("ETag") != etag);

    auto ask = [&](const std::string& path, const std::string& if_none_match) {
        auto r = c.Get(path, httplib::Headers{{"If-None-Match", if_none_match}});
        REQUIRE(r);
        return r;
    };
    auto same = ask("/", etag);
    CHECK(same->status == 304);
    CHECK(same->body.empty());
    CHECK(ask("/index.html", etag)->status == 304);              // the same file by its name
    CHECK(ask("/", etag.substr(2))->status == 304);              // strong form of the tag: weak comparison
    CHECK(ask("/", "\"nope\", " + etag)->status == 304);         // a list naming it
    CHECK(ask("/", "*")->status == 304);
    auto other = ask("/", R"(W/"000000000000")");
    CHECK(other->status == 200);
    CHECK(other->body == page->body);
    CHECK(ask("/app.js", etag)->status == 200);                  // a tag of another file

    // A new version of the page: the old tag no longer matches.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ofstream(web + "/index.html") << "<!doctype html><html><body>two, longer</body></html>";
    auto changed = ask("/", etag);
    CHECK(changed->status == 200);
    CHECK(changed->body.find("two, longer") != std::string::npos);
    CHECK(changed->get_header_value("ETag") != etag);
}
