#include "plan/parse.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace seimbang::plan {

namespace {

using nlohmann::json;

// Records the parser's message without exceptions: the core also runs as
// WebAssembly, where exception catching is disabled by default.
struct ErrorOnlySax : nlohmann::json_sax<json> {
    std::string message;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
        message = ex.what();
        return false;
    }
};

// Small helper so each check is one line and the first error wins.
class Reader {
public:
    std::optional<Issue> error;

    bool fail(std::string code, std::string field, std::string detail = {}) {
        if (!error) error = Issue{std::move(code), std::move(field), std::move(detail), false};
        return false;
    }

    bool number(const json& obj, const char* key, const std::string& where, double& out, bool required) {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) {
            return required ? fail("plan.error.missing_field", where + "." + key) : true;
        }
        if (!it->is_number()) return fail("plan.error.bad_type", where + "." + key, it->dump());
        out = it->get<double>();
        if (!std::isfinite(out)) return fail("plan.error.bad_type", where + "." + key, it->dump());
        return true;
    }

    bool string(const json& obj, const char* key, const std::string& where, std::string& out, bool required) {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) {
            return required ? fail("plan.error.missing_field", where + "." + key) : true;
        }
        if (!it->is_string()) return fail("plan.error.bad_type", where + "." + key, it->dump());
        out = it->get<std::string>();
        if (required && out.empty()) return fail("plan.error.missing_field", where + "." + key);
        return true;
    }

    bool golongan(const json& obj, const char* key, const std::string& where, std::optional<Golongan>& out,
                  bool required) {
        std::string text;
        if (!string(obj, key, where, text, required)) return false;
        if (text.empty()) return true;
        out = parse_golongan(text);
        if (!out) return fail("plan.error.bad_golongan", where + "." + key, text);
        return true;
    }

    bool levels(Instance& inst, std::map<std::string, int>& tag_ids, const json& obj, const char* key,
                const std::string& where, Levels& out) {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return true;
        if (!it->is_object()) return fail("plan.error.bad_type", where + "." + key, it->dump());
        for (const auto& [tag, level] : it->items()) {
            const std::string f = where + "." + key + "." + tag;
            if (!level.is_number_integer()) return fail("plan.error.bad_level", f, level.dump());
            const auto v = level.get<long long>();
            if (v < 1 || v > 5) return fail("plan.error.bad_level", f, level.dump());
            auto [pos, added] = tag_ids.emplace(tag, static_cast<int>(inst.tags.size()));
            if (added) inst.tags.push_back(tag);
            out.emplace_back(pos->second, static_cast<int>(v));
        }
        normalise(out);
        return true;
    }
};

// "positions[P7]" when the id is known, "positions[3]" otherwise.
std::string where_of(const char* list, size_t index, const json& item) {
    auto it = item.is_object() ? item.find("id") : item.end();
    if (it != item.end() && it->is_string() && !it->get<std::string>().empty())
        return std::string(list) + "[" + it->get<std::string>() + "]";
    return std::string(list) + "[" + std::to_string(index) + "]";
}

bool read_weights(Reader& r, const json& doc, Weights& w) {
    if (!r.number(doc, "wke_minutes", "", w.wke_minutes, false)) return false;
    if (w.wke_minutes <= 0) return r.fail("plan.error.bad_setting", "wke_minutes", std::to_string(w.wke_minutes));
    if (!r.number(doc, "move_cost", "", w.move_cost, false)) return false;
    if (w.move_cost < 0) return r.fail("plan.error.bad_setting", "move_cost", std::to_string(w.move_cost));
    if (!r.number(doc, "request_bonus", "", w.request_bonus, false)) return false;
    if (!r.number(doc, "fit_bonus", "", w.fit_bonus, false)) return false;
    if (auto a = doc.find("allow_managerial_moves"); a != doc.end() && !a->is_null()) {
        if (!a->is_boolean()) return r.fail("plan.error.bad_setting", "allow_managerial_moves", a->dump());
        w.allow_managerial_moves = a->get<bool>();
    }
    auto it = doc.find("max_moves");
    if (it != doc.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 1'000'000'000)
            return r.fail("plan.error.bad_setting", "max_moves", it->dump());
        w.max_moves = static_cast<int>(it->get<long long>());
    }
    return true;
}

}  // namespace

ParseResult parse_instance(std::string_view json_text) {
    json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (doc.is_discarded()) {
        ErrorOnlySax sax;
        json::sax_parse(json_text.begin(), json_text.end(), &sax);
        return Issue{"plan.error.malformed_json", "", sax.message, false};
    }
    return parse_instance_json(doc);
}

ParseResult parse_instance_json(const json& doc) {
    Reader r;
    Instance inst;
    std::map<std::string, int> tag_ids;
    if (!doc.is_object()) return Issue{"plan.error.bad_type", "", "expected a JSON object", false};
    // Leading keys are written as "" + key by Reader; strip the dot for top-level fields.
    auto top = [&]() -> ParseResult {
        Issue i = *r.error;
        if (!i.field.empty() && i.field[0] == '.') i.field.erase(0, 1);
        return i;
    };
    if (!read_weights(r, doc, inst.weights)) return top();

    auto pos_it = doc.find("positions");
    if (pos_it == doc.end() || !pos_it->is_array())
        return Issue{"plan.error.missing_field", "positions", {}, false};
    std::map<std::string, int> pos_index;
    for (size_t i = 0; i < pos_it->size(); ++i) {
        const json& item = (*pos_it)[i];
        const std::string where = where_of("positions", i, item);
        if (!item.is_object()) return Issue{"plan.error.bad_type", where, item.dump(), false};
        Position p;
        if (!r.string(item, "id", where, p.id, true)) return *r.error;
        if (!r.string(item, "unit", where, p.unit, false)) return *r.error;
        if (!r.string(item, "name", where, p.name, false)) return *r.error;
        if (!r.number(item, "workload_minutes", where, p.workload_minutes, true)) return *r.error;
        if (p.workload_minutes < 0)
            return Issue{"plan.error.negative_workload", where + ".workload_minutes",
                         item["workload_minutes"].dump(), false};
        if (!r.levels(inst, tag_ids, item, "requires", where, p.required)) return *r.error;
        if (!r.golongan(item, "golongan_min", where, p.golongan_min, false)) return *r.error;
        if (!r.golongan(item, "golongan_max", where, p.golongan_max, false)) return *r.error;
        std::string kind;
        if (!r.string(item, "kind", where, kind, false)) return *r.error;
        if (!kind.empty() && !parse_post_kind(kind, p.kind))
            return Issue{"plan.error.bad_kind", where + ".kind", kind, false};
        if (!r.string(item, "family", where, p.family, false)) return *r.error;
        if (p.golongan_min && p.golongan_max) {
            auto c = compare(*p.golongan_min, *p.golongan_max);
            if (c && *c > 0)
                return Issue{"plan.error.bad_range", where + ".golongan_min",
                             format_golongan(*p.golongan_min) + " > " + format_golongan(*p.golongan_max), false};
        }
        if (!pos_index.emplace(p.id, static_cast<int>(inst.positions.size())).second)
            return Issue{"plan.error.duplicate_id", where + ".id", p.id, false};
        inst.positions.push_back(std::move(p));
    }

    auto emp_it = doc.find("employees");
    if (emp_it == doc.end() || !emp_it->is_array())
        return Issue{"plan.error.missing_field", "employees", {}, false};
    std::set<std::string> emp_ids;
    for (size_t i = 0; i < emp_it->size(); ++i) {
        const json& item = (*emp_it)[i];
        const std::string where = where_of("employees", i, item);
        if (!item.is_object()) return Issue{"plan.error.bad_type", where, item.dump(), false};
        Employee e;
        std::string position;
        if (!r.string(item, "id", where, e.id, true)) return *r.error;
        if (!emp_ids.insert(e.id).second) return Issue{"plan.error.duplicate_id", where + ".id", e.id, false};
        if (!r.string(item, "name", where, e.name, false)) return *r.error;
        if (!r.string(item, "position", where, position, true)) return *r.error;
        auto p = pos_index.find(position);
        if (p == pos_index.end())
            return Issue{"plan.error.unknown_position", where + ".position", position, false};
        e.position = p->second;
        std::optional<Golongan> g;
        if (!r.golongan(item, "golongan", where, g, true)) return *r.error;
        e.golongan = *g;
        if (!r.levels(inst, tag_ids, item, "competences", where, e.competences)) return *r.error;
        if (auto m = item.find("movable"); m != item.end() && !m->is_null()) {
            if (!m->is_boolean()) return Issue{"plan.error.bad_type", where + ".movable", m->dump(), false};
            e.movable = m->get<bool>();
        }
        if (auto q = item.find("requests"); q != item.end() && !q->is_null()) {
            if (!q->is_array()) return Issue{"plan.error.bad_type", where + ".requests", q->dump(), false};
            for (const auto& req : *q) {
                if (!req.is_string()) return Issue{"plan.error.bad_type", where + ".requests", req.dump(), false};
                auto rp = pos_index.find(req.get<std::string>());
                if (rp == pos_index.end())
                    return Issue{"plan.error.unknown_position", where + ".requests", req.get<std::string>(), false};
                if (rp->second != e.position) e.requests.push_back(rp->second);
            }
            std::sort(e.requests.begin(), e.requests.end());
            e.requests.erase(std::unique(e.requests.begin(), e.requests.end()), e.requests.end());
        }
        inst.employees.push_back(std::move(e));
    }
    return inst;
}

}  // namespace seimbang::plan
