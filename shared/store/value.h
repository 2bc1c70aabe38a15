// A synced row held as typed values instead of a JSON object. The server's push
// path works on these (a JSON tree per mutation was most of a push's cost);
// everything else keeps the JSON row form of rows.h. The two forms convert
// losslessly for the scalar values a column can hold.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/schema.h"

namespace seimbang::store {

struct Value {
    // Bool: a JSON true/false as sent (SQLite stores it as 0/1). Nested: a JSON
    // object or array where a scalar was expected (refused, never stored).
    enum class Kind : uint8_t { Null, Int, Real, Text, Bool, Nested };
    Kind kind = Kind::Null;
    int64_t i = 0;  // Int, Bool (0/1)
    double d = 0;   // Real
    std::string s;  // Text

    static Value integer(int64_t v) { return {Kind::Int, v, 0, {}}; }
    static Value real(double v) { return {Kind::Real, 0, v, {}}; }
    static Value text(std::string v) { return {Kind::Text, 0, 0, std::move(v)}; }
    static Value boolean(bool v) { return {Kind::Bool, v ? 1 : 0, 0, {}}; }
    bool is_null() const { return kind == Kind::Null; }
    bool is_number() const { return kind == Kind::Int || kind == Kind::Real; }
    double number() const { return kind == Kind::Real ? d : static_cast<double>(i); }
};

// THE notion of "the same value" of a column, for both row forms (the local
// writer, a pulled page, the server's merge): numbers compare by value
// (12 == 12.0), a boolean equals the number 0/1, everything else by kind and
// content (a typed Nested value, which keeps no content, equals nothing).
bool same_value(const Value& a, const Value& b);
bool same_value(const nlohmann::json& a, const nlohmann::json& b);

// Appends `s` as a JSON string, exactly as nlohmann::json(s).dump() writes it.
void append_json_string(std::string& out, std::string_view s);
// Appends exactly what nlohmann::json(to_json(v)).dump() would write.
void append_json(std::string& out, const Value& v);
nlohmann::json to_json(const Value& v);
Value from_json(const nlohmann::json& j);  // objects and arrays become Nested

// A whole row: [0] = id, [k + 1] = t.columns[k].
using Row = std::vector<Value>;
nlohmann::json row_to_json(const TableSpec& t, const Row& row);
// Missing columns become null.
Row row_from_json(const TableSpec& t, const nlohmann::json& row);

}  // namespace seimbang::store
