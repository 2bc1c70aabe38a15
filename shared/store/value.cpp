#include "store/value.h"

#include <charconv>

namespace seimbang::store {

using nlohmann::json;

namespace {
// A scalar of either row form, seen without copying its text.
struct Scalar {
    Value::Kind kind = Value::Kind::Null;
    int64_t i = 0;
    double d = 0;
    std::string_view s;
    const json* nested = nullptr;  // a JSON object or array (a Value's Nested holds no content)
    bool is_number() const { return kind == Value::Kind::Int || kind == Value::Kind::Real; }
    double number() const { return kind == Value::Kind::Real ? d : static_cast<double>(i); }
};
Scalar scalar(const Value& v) { return {v.kind, v.i, v.d, v.s, nullptr}; }
Scalar scalar(const json& j) {
    using K = Value::Kind;
    switch (j.type()) {
        case json::value_t::null: return {};
        case json::value_t::boolean: return {K::Bool, j.get<bool>() ? 1 : 0, 0, {}, nullptr};
        case json::value_t::number_integer: return {K::Int, j.get<int64_t>(), 0, {}, nullptr};
        case json::value_t::number_unsigned: return {K::Real, 0, j.get<double>(), {}, nullptr};
        case json::value_t::number_float: return {K::Real, 0, j.get<double>(), {}, nullptr};
        case json::value_t::string: return {K::Text, 0, 0, j.get_ref<const std::string&>(), nullptr};
        default: return {K::Nested, 0, 0, {}, &j};
    }
}
bool same(const Scalar& a, const Scalar& b) {
    using K = Value::Kind;
    const bool an = a.is_number() || a.kind == K::Bool, bn = b.is_number() || b.kind == K::Bool;
    if (an && bn) {
        if (a.kind == K::Bool && b.kind == K::Bool) return a.i == b.i;
        return a.number() == b.number();
    }
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case K::Null: return true;
        case K::Text: return a.s == b.s;
        case K::Nested: return a.nested && b.nested && *a.nested == *b.nested;
        default: return false;
    }
}
}  // namespace

bool same_value(const Value& a, const Value& b) { return same(scalar(a), scalar(b)); }
bool same_value(const json& a, const json& b) { return same(scalar(a), scalar(b)); }

void append_json_string(std::string& out, std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
            out += json(std::string(s)).dump();  // escapes and UTF-8 exactly as everywhere else
            return;
        }
    out += '"';
    out.append(s.data(), s.size());
    out += '"';
}

void append_json(std::string& out, const Value& v) {
    using K = Value::Kind;
    switch (v.kind) {
        case K::Null: out += "null"; return;
        case K::Bool: out += v.i ? "true" : "false"; return;
        case K::Int: {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v.i);
            out.append(buf, static_cast<size_t>(r.ptr - buf));
            return;
        }
        case K::Real: out += json(v.d).dump(); return;  // nlohmann's shortest round-trip form
        case K::Text: append_json_string(out, v.s); return;
        case K::Nested: out += "null"; return;  // never stored or hashed
    }
}

json to_json(const Value& v) {
    using K = Value::Kind;
    switch (v.kind) {
        case K::Int: return v.i;
        case K::Real: return v.d;
        case K::Text: return v.s;
        case K::Bool: return v.i != 0;
        default: return nullptr;
    }
}

Value from_json(const json& j) {
    switch (j.type()) {
        case json::value_t::number_integer: return Value::integer(j.get<int64_t>());
        case json::value_t::number_unsigned: return Value::integer(static_cast<int64_t>(j.get<uint64_t>()));
        case json::value_t::number_float: return Value::real(j.get<double>());
        case json::value_t::string: return Value::text(j.get<std::string>());
        case json::value_t::boolean: return Value::boolean(j.get<bool>());
        case json::value_t::object:
        case json::value_t::array: return {Value::Kind::Nested, 0, 0, {}};
        default: return {};
    }
}

json row_to_json(const TableSpec& t, const Row& row) {
    json j = json::object();
    j["id"] = to_json(row[0]);
    for (size_t k = 0; k < t.columns.size(); ++k) j[t.columns[k]] = to_json(row[k + 1]);
    return j;
}

Row row_from_json(const TableSpec& t, const json& row) {
    Row r(t.columns.size() + 1);
    if (auto it = row.find("id"); it != row.end()) r[0] = from_json(*it);
    for (size_t k = 0; k < t.columns.size(); ++k)
        if (auto it = row.find(t.columns[k]); it != row.end()) r[k + 1] = from_json(*it);
    return r;
}

}  // namespace seimbang::store
