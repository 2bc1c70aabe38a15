// [between instansi] The stale-step rule at the national tier's intake (step_chain.h).
#include "sync/step_chain.h"

#include <algorithm>
#include <optional>
#include <set>

#include "store/db.h"

namespace seimbang::sync {

namespace {

const store::Value* field(const std::vector<PushField>& fs, std::string_view key) {
    for (const auto& f : fs)
        if (f.key == key) return &f.value;
    return nullptr;
}
std::optional<std::string> text_field(const std::vector<PushField>& fs, std::string_view key) {
    const store::Value* v = field(fs, key);
    if (!v || v->kind != store::Value::Kind::Text) return std::nullopt;
    return v->s;
}
std::optional<int64_t> int_field(const std::vector<PushField>& fs, std::string_view key) {
    const store::Value* v = field(fs, key);
    if (!v || !v->is_number()) return std::nullopt;
    return static_cast<int64_t>(v->number());
}
bool is_upsert_of(const PushMutation& m, std::string_view table) { return m.op == "upsert" && m.table == table; }

// The batch's forwarded workflow rows of one request.
struct Batch {
    std::vector<size_t> rows;  // request row upserts, in batch order
    struct Event {
        size_t index;
        int64_t ordinal;
        std::string from, to;
    };
    std::vector<Event> events;  // new events (not held by the centre), by ordinal
};

}  // namespace

std::vector<std::string> step_requests(const std::vector<PushMutation>& ms) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const auto& m : ms) {
        std::optional<std::string> id;
        if (is_upsert_of(m, "requests")) id = m.row;
        else if (is_upsert_of(m, "request_events")) id = text_field(m.fields, "request_id");
        if (id && !id->empty() && seen.insert(*id).second) ids.push_back(*id);
    }
    return ids;
}

std::map<size_t, std::string> stale_steps(const std::vector<PushMutation>& ms, const StoredSteps& stored) {
    std::map<size_t, std::string> out;
    if (stored.empty()) return out;
    std::unordered_map<std::string, Batch> batches;
    for (size_t k = 0; k < ms.size(); ++k) {
        const auto& m = ms[k];
        if (is_upsert_of(m, "requests")) {
            if (stored.count(m.row)) batches[m.row].rows.push_back(k);
        } else if (is_upsert_of(m, "request_events")) {
            const auto request = text_field(m.fields, "request_id");
            if (!request) continue;
            auto s = stored.find(*request);
            if (s == stored.end()) continue;
            bool held = false;  // (an event the centre holds already: a re-send, not part of a step)
            for (const auto& [ordinal, id] : s->second.ordinals) held = held || id == m.row;
            if (held) continue;
            batches[*request].events.push_back({k, int_field(m.fields, "ordinal").value_or(0),
                                                text_field(m.fields, "from_status").value_or(""),
                                                text_field(m.fields, "to_status").value_or("")});
        }
    }
    for (auto& entry : batches) {
        // (Not a structured binding: the lambda below captures it, which clang 14 refuses.)
        const std::string& request = entry.first;
        Batch& b = entry.second;
        const StoredStep& st = stored.at(request);
        std::stable_sort(b.events.begin(), b.events.end(),
                         [](const Batch::Event& x, const Batch::Event& y) { return x.ordinal < y.ordinal; });
        // The status the batch's row changes move the request to, and the first change's `old`.
        std::optional<std::string> final_status, seen_status;
        for (size_t k : b.rows) {
            const auto s = text_field(ms[k].fields, "status");
            if (!s) continue;
            if (!final_status) seen_status = text_field(ms[k].old, "status");
            final_status = s;
        }
        auto chains = [&](const std::string& from) {
            std::string at = from;
            for (const auto& e : b.events) {
                if (e.from != at) return false;
                at = e.to;
            }
            return true;
        };
        bool stale = false;
        for (const auto& e : b.events) {  // an ordinal already taken: numbered on a copy without that event
            auto o = st.ordinals.find(e.ordinal);
            stale = stale || o != st.ordinals.end();
        }
        if (final_status && *final_status != st.status) {
            if (!b.events.empty()) stale = stale || !chains(st.status) || b.events.back().to != *final_status;
            else stale = stale || (seen_status && *seen_status != st.status);
        } else if (!b.events.empty()) {
            // Events whose row is not changed here (it came, or was refused, in an earlier batch).
            stale = stale || !chains(b.events.front().from) || b.events.back().to != st.status;
        }
        if (!stale) continue;
        for (size_t k : b.rows) out.emplace(k, st.status);
        for (const auto& e : b.events) out.emplace(e.index, st.status);
    }
    return out;
}

StoredSteps read_stored_steps(store::Db& db, const std::vector<std::string>& request_ids) {
    StoredSteps out;
    for (const auto& id : request_ids) {
        auto r = db.prepare("SELECT status FROM requests WHERE id = ?1");
        r.bind(1, id);
        if (!r.step()) continue;
        StoredStep& s = out[id];
        s.status = r.text(0);
        auto e = db.prepare("SELECT ordinal, id FROM request_events WHERE request_id = ?1");
        e.bind(1, id);
        while (e.step()) s.ordinals.emplace(e.int64(0), e.text(1));
    }
    return out;
}

}  // namespace seimbang::sync
