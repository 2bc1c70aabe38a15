#include "sync/push_request.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace seimbang::sync {

using store::Value;

namespace {

constexpr size_t kMaxMutationsReserved = 1024;  // clients send at most 500 per request
constexpr int kMaxDepth = 64;  // deeper nesting is refused as malformed (no stack exhaustion)

// Bytes that stand for themselves inside a JSON string: printable ASCII except '"' and '\\'.
constexpr auto kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) t[static_cast<size_t>(c)] = c != '"' && c != '\\';
    return t;
}();

class Reader {
public:
    // Scans read *end_, the '\0' a std::string keeps after its text: no JSON
    // token continues with it, so loops stop there without a bound check.
    Reader(const std::string& text) : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}
    bool failed = false;

    size_t offset() const { return static_cast<size_t>(p_ - begin_); }
    bool at_end() {
        ws();
        return p_ == end_;
    }
    void ws() {
        // Bodies written by nlohmann have no whitespace: one compare settles most calls.
        while (static_cast<unsigned char>(*p_) <= ' ' && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }
    // Next significant character, not consumed ('\0' at the end).
    char peek() {
        ws();
        return *p_;
    }
    bool eat(char c) {
        if (peek() != c) return fail();
        ++p_;
        return true;
    }
    bool fail() {
        failed = true;
        return false;
    }

    // Iterates an object: calls on_key(key) with the reader positioned at the value,
    // which on_key must consume.
    template <class F>
    bool object(F&& on_key) {
        if (!eat('{')) return false;
        if (peek() == '}') {
            ++p_;
            return true;
        }
        std::string decoded;  // only for a key with escapes; others are views into the body
        std::string_view key;
        while (true) {
            if (peek() != '"' || !key_view(key, decoded) || !eat(':')) return fail();
            if (!on_key(key) || failed) return fail();
            const char c = peek();
            if (c == '\0') return fail();
            ++p_;
            if (c == '}') return true;
            if (c != ',') return fail();
        }
    }
    template <class F>
    bool array(F&& on_item) {
        if (!eat('[')) return false;
        if (peek() == ']') {
            ++p_;
            return true;
        }
        while (true) {
            if (!on_item() || failed) return fail();
            const char c = peek();
            if (c == '\0') return fail();
            ++p_;
            if (c == ']') return true;
            if (c != ',') return fail();
        }
    }

    // A string, the reader at its opening quote. The common string has no
    // escapes: it is found in one pass and copied once.
    bool string(std::string& out) {
        const char* s = ++p_;
        if (!span()) return fail();
        out.assign(s, static_cast<size_t>(p_ - s));
        if (*p_ == '"') {
            ++p_;
            return true;
        }
        return escaped_rest(out);
    }
    // A key, as a view into the body, or into `decoded` when it has escapes.
    bool key_view(std::string_view& key, std::string& decoded) {
        const char* s = ++p_;
        if (!span()) return fail();
        if (*p_ == '"') {
            key = std::string_view(s, static_cast<size_t>(p_ - s));
            ++p_;
            return true;
        }
        decoded.assign(s, static_cast<size_t>(p_ - s));
        if (!escaped_rest(decoded)) return false;
        key = decoded;
        return true;
    }

    // A scalar for a field into `v`, a default Value (so only what differs is
    // set); objects and arrays are checked, skipped and marked Nested.
    bool scalar(Value& v, int depth) {
        switch (peek()) {
            case '"':
                v.kind = Value::Kind::Text;
                return string(v.s);
            case '{':
            case '[':
                v.kind = Value::Kind::Nested;
                return skip(depth + 1);
            case 't':
                v.kind = Value::Kind::Bool;
                v.i = 1;
                return literal("true");
            case 'f': v.kind = Value::Kind::Bool; return literal("false");
            case 'n': return literal("null");
            default: return number(v);
        }
    }

    // An integer that fits int64 (what the typed keys of §5 must be).
    bool integer(int64_t& out, bool& ok) {
        Value v;
        if (!scalar(v, 0)) return false;
        ok = v.kind == Value::Kind::Int;
        out = v.i;
        return true;
    }
    bool text(std::string& out, bool& ok) {
        if (peek() == '"') {
            ok = true;
            return string(out);
        }
        ok = false;
        return skip(0);
    }

    bool skip(int depth) {
        if (depth > kMaxDepth) return fail();
        const char c = peek();
        if (c == '{') {
            return object([&](std::string_view) { return skip(depth + 1); });
        }
        if (c == '[') return array([&] { return skip(depth + 1); });
        Value v;
        return scalar(v, depth);
    }

private:
    const char* begin_;
    const char* p_;
    const char* end_;

    bool literal(std::string_view word) {
        if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return fail();
        p_ += word.size();
        return true;
    }

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    // A number into `v` (a default Value). Integers of up to 18 digits, all that
    // a push holds, are summed up while scanning; longer ones are checked for
    // int64 overflow, which falls through to a real, as nlohmann does.
    bool number(Value& v) {
        const char* s = p_;
        const char* q = p_;
        const bool neg = *q == '-';
        q += neg;
        if (!digit(*q)) return fail();
        const char* first = q;
        uint64_t mag = 0;
        if (*q == '0') ++q;
        else
            while (digit(*q)) mag = mag * 10 + static_cast<uint64_t>(*q++ - '0');  // may wrap: only used up to 18 digits
        const size_t ndigits = static_cast<size_t>(q - first);
        bool real = false;
        if (*q == '.') {
            real = true;
            ++q;
            if (!digit(*q)) return fail();
            while (digit(*q)) ++q;
        }
        if (*q == 'e' || *q == 'E') {
            real = true;
            ++q;
            if (*q == '+' || *q == '-') ++q;
            if (!digit(*q)) return fail();
            while (digit(*q)) ++q;
        }
        p_ = q;
        const std::string_view digits(s, static_cast<size_t>(q - s));
        if (!real && ndigits <= 18) {
            v.kind = Value::Kind::Int;
            v.i = neg ? -static_cast<int64_t>(mag) : static_cast<int64_t>(mag);
            return true;
        }
        if (!real) {
            mag = 0;
            bool overflow = false;
            for (size_t k = neg ? 1 : 0; k < digits.size(); ++k) {
                const uint64_t d = static_cast<uint64_t>(digits[k] - '0');
                if (mag > (UINT64_MAX - d) / 10) {
                    overflow = true;
                    break;
                }
                mag = mag * 10 + d;
            }
            const uint64_t limit = neg ? (uint64_t{1} << 63) : static_cast<uint64_t>(INT64_MAX);
            if (!overflow && mag <= limit) {
                v.kind = Value::Kind::Int;
                v.i = neg ? static_cast<int64_t>(0 - mag) : static_cast<int64_t>(mag);
                return true;
            }
        }
        v.kind = Value::Kind::Real;
        v.d = std::strtod(std::string(digits).c_str(), nullptr);  // strtod needs a terminator
        return true;
    }

    static void put_utf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool hex4(uint32_t& cp) {
        if (end_ - p_ < 4) return false;
        cp = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = *p_++;
            cp <<= 4;
            if (c >= '0' && c <= '9') cp |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') cp |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') cp |= static_cast<uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    bool escape(std::string& out) {
        ++p_;  // the backslash
        if (p_ == end_) return false;
        const char c = *p_++;
        switch (c) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': {
                uint32_t cp;
                if (!hex4(cp)) return false;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
                if (cp >= 0xD800 && cp <= 0xDBFF) {               // needs its low half
                    uint32_t lo;
                    if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
                    p_ += 2;
                    if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                put_utf8(out, cp);
                return true;
            }
            default: return false;
        }
    }

    // Moves over bytes that stand for themselves (printable ASCII other than
    // '"' and '\\', well-formed UTF-8) up to the next '"' or '\\'. False at a
    // control character, bad UTF-8 or the end of the body.
    bool span() {
        const char* q = p_;
        while (true) {
            q = skip_plain(q);
            const unsigned char c = static_cast<unsigned char>(*q);
            if (c == '"' || c == '\\') break;
            if (c < 0x80) {  // a control character (or the end)
                p_ = q;
                return false;
            }
            const size_t n = utf8_length(q);
            if (n == 0) {
                p_ = q;
                return false;
            }
            q += n;
        }
        p_ = q;
        return true;
    }

    // The first byte from q on that is not plain printable ASCII.
    const char* skip_plain(const char* q) const {
#ifdef __SSE2__
        // Sixteen bytes at a time (every x86-64 has SSE2): strings (ids, names)
        // are mostly longer than a few bytes, and a byte-by-byte loop was a
        // quarter of the parser's instructions. As signed bytes, those >= 0x80
        // are negative, so "less than 0x20" catches them with the control bytes.
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
        while (end_ - q >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
            const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                                 _mm_cmplt_epi8(v, space));
            const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
            if (mask != 0) return q + std::countr_zero(mask);
            q += 16;
        }
#endif
        // The body's terminating '\0' is not plain: this loop needs no bound check.
        while (kPlain[static_cast<unsigned char>(*q)]) ++q;
        return q;
    }

    // The rest of a string from a backslash at p_, appended to `out` decoded.
    bool escaped_rest(std::string& out) {
        while (true) {
            if (!escape(out)) return fail();
            const char* s = p_;
            if (!span()) return fail();
            out.append(s, static_cast<size_t>(p_ - s));
            if (*p_ == '"') {
                ++p_;
                return true;
            }
        }
    }

    // The length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
    // forms, no surrogates, <= U+10FFFF), 0 if there is none.
    size_t utf8_length(const char* s) const {
        const auto* u = reinterpret_cast<const unsigned char*>(s);
        const size_t left = static_cast<size_t>(end_ - s);
        size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (u[0] >= 0xC2 && u[0] <= 0xDF) n = 2;
        else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
            n = 3;
            if (u[0] == 0xE0) lo = 0xA0;
            if (u[0] == 0xED) hi = 0x9F;
        } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
            n = 4;
            if (u[0] == 0xF0) lo = 0x90;
            if (u[0] == 0xF4) hi = 0x8F;
        } else {
            return 0;
        }
        if (left < n || u[1] < lo || u[1] > hi) return 0;
        for (size_t k = 2; k < n; ++k)
            if (u[k] < 0x80 || u[k] > 0xBF) return 0;
        return n;
    }
};

// a < b as std::string orders them (bytes unsigned), inline: neighbouring keys
// mostly differ in their first bytes, so this beats a call to memcmp.
bool key_less(std::string_view a, std::string_view b) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t k = 0; k < n; ++k)
        if (a[k] != b[k]) return static_cast<unsigned char>(a[k]) < static_cast<unsigned char>(b[k]);
    return a.size() < b.size();
}

// How many entries the previous mutation's lists had: the mutations of a batch
// are mostly alike, so that is what the next one reserves (on its first key,
// so an empty "old" allocates nothing).
struct SizeHints {
    size_t fields = 16, old = 16;
};

bool parse_fields(Reader& r, std::vector<PushField>& out, size_t& hint) {
    out.clear();
    bool ordered = true;  // keys strictly increasing so far: nothing to sort, no repeats
    const bool ok = r.object([&](std::string_view key) {
        if (out.empty()) out.reserve(hint);
        else if (ordered && !key_less(out.back().key, key)) ordered = false;
        PushField& f = out.emplace_back();  // filled in place: no moves
        f.key.assign(key);
        return r.scalar(f.value, 1);
    });
    if (!out.empty()) hint = out.size();
    if (!ordered) {
        // JSON object semantics: sorted keys, the last of a repeated key wins.
        // Bodies written by nlohmann (our clients) come sorted already.
        std::stable_sort(out.begin(), out.end(), [](const PushField& a, const PushField& b) { return a.key < b.key; });
        for (size_t k = 0; k + 1 < out.size();) {
            if (out[k].key == out[k + 1].key) out.erase(out.begin() + static_cast<std::ptrdiff_t>(k));
            else ++k;
        }
    }
    return ok;
}

bool parse_mutation(Reader& r, PushMutation& m, SizeHints& hints) {
    if (r.peek() != '{') {  // not an object: valid JSON, wrong shape
        m.shape_ok = false;
        return r.skip(1);
    }
    m.raw_begin = r.offset();
    enum : unsigned { kCounter = 1, kHlc = 2, kSchema = 4, kBase = 8, kTable = 16, kRow = 32, kOp = 64, kCommand = 128 };
    unsigned seen = 0;
    auto mark = [&](unsigned bit, bool ok) { seen = ok ? (seen | bit) : (seen & ~bit); };
    bool fields_object = false;
    const bool ok = r.object([&](std::string_view key) {
        bool typed = false, good = true;
        auto integer = [&](int64_t& out, unsigned bit) {
            good = r.integer(out, typed);
            mark(bit, typed);
        };
        auto text = [&](std::string& out, unsigned bit) {
            good = r.text(out, typed);
            mark(bit, typed);
        };
        if (key == "counter") integer(m.counter, kCounter);
        else if (key == "hlc") integer(m.hlc, kHlc);
        else if (key == "schema") integer(m.schema, kSchema);
        else if (key == "base") integer(m.base, kBase);
        else if (key == "table") text(m.table, kTable);
        else if (key == "row") text(m.row, kRow);
        else if (key == "op") text(m.op, kOp);
        else if (key == "command") text(m.command, kCommand);
        else if (key == "fields" || key == "old") {
            auto& list = key == "fields" ? m.fields : m.old;
            const bool is_object = r.peek() == '{';
            if (key == "fields") fields_object = is_object;
            list.clear();
            good = is_object ? parse_fields(r, list, key == "fields" ? hints.fields : hints.old) : r.skip(1);
        } else {
            good = r.skip(1);
        }
        return good;
    });
    m.raw_end = r.offset();
    m.has_fields = fields_object;
    const unsigned required = kCounter | kHlc | kSchema | kBase | kTable | kRow | kOp;
    m.shape_ok = (seen & required) == required;
    if (m.shape_ok && m.op == "upsert") m.shape_ok = fields_object;
    if (m.shape_ok && m.op == "command") m.shape_ok = (seen & kCommand) != 0;
    return ok;
}

}  // namespace

PushRequest parse_push_request(std::string body) {
    PushRequest req;
    req.body = std::move(body);
    Reader r(req.body);
    bool top_object = r.peek() == '{';
    bool mutations_array = false;
    bool shapes_ok = true;
    bool ok;
    if (!top_object) {
        ok = r.skip(0);
    } else {
        ok = r.object([&](std::string_view key) {
            if (key == "device_id") {
                bool is_text = false;
                if (!r.text(req.device_id, is_text)) return false;
                if (!is_text) req.device_id.clear();
                return true;
            }
            if (key == "generation") {
                bool is_text = false;
                if (!r.text(req.generation, is_text)) return false;
                if (!is_text) req.generation.clear();
                return true;
            }
            if (key != "mutations") return r.skip(1);
            req.mutations.clear();
            shapes_ok = true;
            if (r.peek() != '[') {
                mutations_array = false;
                return r.skip(1);
            }
            mutations_array = true;
            SizeHints hints;
            return r.array([&] {
                const size_t begin = r.offset();
                PushMutation& m = req.mutations.emplace_back();  // parsed in place: no moves
                if (!parse_mutation(r, m, hints)) return false;
                shapes_ok = shapes_ok && m.shape_ok;
                if (req.mutations.size() == 1) {
                    // As many more as the rest of the body holds mutations of the first one's
                    // size (a batch's mutations are mostly alike), within reason.
                    const size_t rest = (req.body.size() - r.offset()) / (r.offset() - begin + 1);
                    req.mutations.reserve(1 + std::min<size_t>(rest, kMaxMutationsReserved));
                }
                return true;
            });
        });
    }
    if (!ok || r.failed || !r.at_end()) {
        req.error = PushRequest::Error::MalformedJson;
        req.mutations.clear();
    } else if (!top_object || !mutations_array) {
        req.error = PushRequest::Error::BadShapeMutations;
    } else if (!shapes_ok) {
        req.error = PushRequest::Error::BadShapeMutation;
    }
    return req;
}

}  // namespace seimbang::sync
