#include "http_compress.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cctype>
#include <cstdlib>

namespace seimbang::server {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// The q value of one coding's parameters ("q=0.5"); 1 when absent.
double quality(std::string_view params) {
    while (!params.empty()) {
        const size_t semi = params.find(';');
        std::string_view p = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
        if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=')
            return std::strtod(std::string(p.substr(2)).c_str(), nullptr);
    }
    return 1;
}

}  // namespace

std::string gzip(std::string_view in, int level, int mem_level) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer, as Content-Encoding: gzip needs.
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, mem_level, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&z, in.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : std::string();
}

namespace {

std::string brotli(std::string_view in) {
    size_t n = BrotliEncoderMaxCompressedSize(in.size());
    if (n == 0) return {};
    std::string out(n, '\0');
    if (!BrotliEncoderCompress(kBrotliQuality, kBrotliWindow, BROTLI_MODE_TEXT, in.size(),
                               reinterpret_cast<const uint8_t*>(in.data()), &n, reinterpret_cast<uint8_t*>(out.data())))
        return {};
    out.resize(n);
    return out;
}
}  // namespace

bool accepts_encoding(std::string_view header, std::string_view coding) {
    bool star = false, listed = false, accepted = false;
    while (!header.empty()) {
        const size_t comma = header.find(',');
        std::string_view item = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        const size_t semi = item.find(';');
        const std::string_view name = trim(item.substr(0, semi));
        const double q = semi == std::string_view::npos ? 1.0 : quality(item.substr(semi + 1));
        if (iequals(name, coding) || (coding == "gzip" && iequals(name, "x-gzip"))) {
            listed = true;
            accepted = accepted || q > 0;
        } else if (name == "*") {
            star = q > 0;
        }
    }
    return accepted || (!listed && star);
}

std::string pick_encoding(std::string_view accept_encoding) {
    if (accepts_encoding(accept_encoding, "br")) return "br";
    if (accepts_encoding(accept_encoding, "gzip")) return "gzip";
    return "";
}

std::optional<std::string> decompress_body(std::string_view body, std::string_view coding, size_t size) {
    std::string out(size + 1, '\0');  // one spare byte: a longer stream must not fit exactly
    if (coding == "br") {
        size_t n = out.size();
        if (BrotliDecoderDecompress(body.size(), reinterpret_cast<const uint8_t*>(body.data()), &n,
                                    reinterpret_cast<uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS)
            return std::nullopt;
        out.resize(n);
    } else if (coding == "gzip") {
        z_stream z{};
        if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
        z.avail_in = static_cast<uInt>(body.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        const int rc = inflate(&z, Z_FINISH);
        out.resize(z.total_out);
        inflateEnd(&z);
        if (rc != Z_STREAM_END) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (out.size() != size) return std::nullopt;
    return out;
}

std::string compress_body(std::string_view body, std::string_view coding) {
    if (coding == "br") return brotli(body);
    if (coding == "gzip") return gzip(body, kGzipLevel);
    return {};
}

}  // namespace seimbang::server
