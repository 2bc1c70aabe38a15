// serve --tls-cert/--tls-key: the API and the web client over HTTPS with a
// certificate made at test time (openssl CLI), checked against it as the CA.
#include <doctest/doctest.h>

#include <httplib.h>

#include "harness.h"
#include "util/uuid.h"

using namespace itest;
using nlohmann::json;

namespace {
// A self-signed certificate for localhost / 127.0.0.1 (it is its own CA).
void make_certificate(const std::string& dir) {
    std::string out;
    REQUIRE(run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem",
                 "-out", dir + "/cert.pem", "-days", "2", "-subj", "/CN=localhost", "-addext",
                 "subjectAltName=DNS:localhost,IP:127.0.0.1"},
                {}, &out) == 0);
}
}  // namespace

TEST_CASE("HTTPS: serve --tls-cert/--tls-key answers over TLS with HSTS; plain HTTP gets nothing") {
    const std::string dir = temp_dir();
    make_certificate(dir);
    ServerProcess srv(dir + "/server.db", true, {"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"});
    REQUIRE(srv.url().rfind("https://", 0) == 0);
    httplib::SSLClient c("127.0.0.1", srv.port());
    c.set_ca_cert_path((dir + "/cert.pem").c_str());
    c.enable_server_certificate_verification(true);
    auto h = c.Get("/api/v1/health");
    REQUIRE(h);
    CHECK(h->status == 200);
    CHECK(h->get_header_value("Strict-Transport-Security").find("max-age=") == 0);

    // A login and a pull, as an office would.
    const std::string device = seimbang::new_uuid_v7();
    auto l = c.Post("/api/v1/auth/login",
                    json{{"username", "operator.terjun"}, {"password", "marelan2026"}, {"device_id", device}}.dump(),
                    "application/json");
    REQUIRE(l);
    REQUIRE(l->status == 200);
    const std::string token = json::parse(l->body)["token"];
    auto p = c.Get("/api/v1/sync/pull?cursor=0", {{"Authorization", "Bearer " + token}, {"X-Device-Id", device}});
    REQUIRE(p);
    CHECK(p->status == 200);
    CHECK(json::parse(p->body)["changes"].size() > 0);

    // Plain HTTP on the TLS port: no HTTP answer.
    CHECK(raw_status(raw_http(srv.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n", 2000)) == 0);
}

TEST_CASE("HTTPS: a key that does not match the certificate is refused at start (exit 1)") {
    const std::string dir = temp_dir();
    make_certificate(dir);
    std::string out;
    REQUIRE(run({"/usr/bin/openssl", "genrsa", "-out", dir + "/other.pem", "2048"}, {}, &out) == 0);
    REQUIRE(run({server_bin(), "init", "--db", dir + "/server.db"}, {}, &out) == 0);
    CHECK(run({server_bin(), "serve", "--db", dir + "/server.db", "--port", std::to_string(free_port()), "--tls-cert",
               dir + "/cert.pem", "--tls-key", dir + "/other.pem"},
              {}, &out) == 1);
    CHECK(run({server_bin(), "serve", "--db", dir + "/server.db", "--tls-cert", dir + "/cert.pem"}, {}, &out) == 2);
}
