#include "util/csv.h"

namespace seimbang::csv {

std::optional<std::vector<Record>> parse(std::string_view text, ParseError* error, char delimiter) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Record> out;
    Record rec;
    std::string field;
    int line = 1;
    rec.line = 1;
    bool in_quotes = false, quoted_field = false, any = false;
    auto end_field = [&] {
        rec.fields.push_back(std::move(field));
        field.clear();
        quoted_field = false;
    };
    auto end_record = [&] {
        end_field();
        // Skip blank lines entirely.
        if (!(rec.fields.size() == 1 && rec.fields[0].empty())) out.push_back(std::move(rec));
        rec = Record{};
        rec.line = line;
        any = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        any = true;
        if (c == '"') {
            if (!field.empty() || quoted_field) {
                if (error) *error = {line, "csv.bad_quote"};
                return std::nullopt;
            }
            in_quotes = quoted_field = true;
        } else if (c == delimiter) {
            end_field();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            ++line;
            end_record();
        } else {
            if (quoted_field) {
                if (error) *error = {line, "csv.bad_quote"};
                return std::nullopt;
            }
            field.push_back(c);
        }
    }
    if (in_quotes) {
        if (error) *error = {rec.line, "csv.unterminated_quote"};
        return std::nullopt;
    }
    if (any || !field.empty() || !rec.fields.empty()) end_record();
    return out;
}

std::string field(std::string_view s) {
    if (s.find_first_of(",;\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string line(const std::vector<std::string>& fields) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += field(fields[i]);
    }
    return out + "\n";
}

}  // namespace seimbang::csv
