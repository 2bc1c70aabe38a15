// Compression of the API's JSON answers, done here once per answer at a cheap
// setting instead of by cpp-httplib: Debian's compiled cpp-httplib Brotli-
// compresses every `application/json` answer at quality 11 whenever the client
// offers `br` (every browser does): 1.2-3.8 s of server CPU per 2,000-row pull
// page. Measured on one such page (747 KB, Debian's zlib and brotli, see
// docs/SYNC.md "Compression"): Brotli quality 1 takes 2.0 ms for 75 KB, gzip
// level 1 10.9 ms for 106 KB, gzip 6 24 ms for 84 KB, Brotli 11 3.8 s for 52 KB.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace seimbang::server {

// The Content-Type of every JSON answer. cpp-httplib compresses only the exact
// type "application/json", so with the charset parameter it leaves the body alone.
inline constexpr const char* kJsonType = "application/json; charset=utf-8";

// Answers shorter than this go uncompressed (one TCP segment anyway).
inline constexpr size_t kCompressMinBytes = 1400;

// The Brotli quality and window of API answers (also used by the tests to check
// that an answer was made with exactly these settings).
inline constexpr int kBrotliQuality = 1;
inline constexpr int kBrotliWindow = 22;
inline constexpr int kGzipLevel = 1;

// True when the Accept-Encoding header accepts `coding` ("br", "gzip"): listed
// with q > 0, or "*" with q > 0 when the coding is not listed.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

// The body compressed for the Content-Encoding `coding` ("br" or "gzip"); "" on failure.
std::string compress_body(std::string_view body, std::string_view coding);

// `in` as a gzip stream (header and trailer, as Content-Encoding: gzip needs) at
// zlib `level` and `mem_level`; "" on failure. API answers use kGzipLevel; the
// static assets, compressed once per file version, level 9.
std::string gzip(std::string_view in, int level, int mem_level = 8);

// `body` ("br" or "gzip" coded) decoded, when it decodes to exactly `size` bytes;
// nullopt otherwise (used to check a precompressed file before serving it).
std::optional<std::string> decompress_body(std::string_view body, std::string_view coding, size_t size);

// "br" when accepted, else "gzip" when accepted, else "" (identity).
std::string pick_encoding(std::string_view accept_encoding);

}  // namespace seimbang::server
