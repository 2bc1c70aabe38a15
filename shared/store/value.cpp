#include "store/value.h"

#include <charconv>

namespace seimbang::store {

using nlohmann::json;

bool same_value(const Value& a, const Value& b) {
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
        default: return false;  // Nested values are never compared equal
    }
}

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
