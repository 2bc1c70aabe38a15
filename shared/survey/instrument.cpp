#include "survey/instrument.h"

#include <set>

#include <nlohmann/json.hpp>

namespace seimbang::survey {

using nlohmann::json;

int Instrument::item_count() const {
    int n = 0;
    for (const auto& f : facets) n += static_cast<int>(f.items.size());
    return n;
}

const Facet* Instrument::facet_of_item(int n) const {
    for (const auto& f : facets) {
        if (n < static_cast<int>(f.items.size())) return &f;
        n -= static_cast<int>(f.items.size());
    }
    return nullptr;
}

// Written for ASN in a kelurahan or kecamatan office: short sentences, one
// idea each, about things the person sees every week. About a third of the
// items are reverse-worded (agreeing is the unhappy answer) so that ticking
// the same box all the way down does not read as satisfaction (acquiescence).
const Instrument& default_instrument() {
    static const Instrument in = [] {
        Instrument d;
        d.id = "kepuasan-asn";
        d.version = 1;
        d.facets = {
            {"beban_kerja", "Beban kerja", "Workload",
             {{"bk1", "Jumlah pekerjaan saya sesuai dengan waktu kerja yang tersedia.",
               "The amount of my work fits the working time available.", false},
              {"bk2", "Saya sering harus lembur atau membawa pekerjaan pulang agar tugas selesai.",
               "I often have to stay late or take work home to finish my tasks.", true},
              {"bk3", "Tugas di unit saya dibagi merata di antara pegawai.",
               "Tasks in my unit are shared evenly among the staff.", false},
              {"bk4", "Di unit saya ada pegawai yang hampir tidak punya pekerjaan, sementara yang lain kewalahan.",
               "In my unit some staff have hardly any work while others are overwhelmed.", true}}},
            {"kompetensi", "Kesesuaian kompetensi dengan jabatan", "Fit between competence and position",
             {{"kj1", "Pendidikan dan keahlian saya sesuai dengan tugas jabatan saya.",
               "My education and skills match the duties of my position.", false},
              {"kj2", "Saya mampu menyelesaikan tugas jabatan saya dengan baik.",
               "I am able to carry out the duties of my position well.", false},
              {"kj3", "Banyak tugas saya yang sebenarnya di luar bidang keahlian saya.",
               "Many of my tasks are really outside my field of expertise.", true}}},
            {"atasan", "Atasan langsung", "Direct superior",
             {{"at1", "Atasan langsung saya memberi arahan yang jelas.", "My direct superior gives clear directions.",
               false},
              {"at2", "Atasan langsung saya menghargai hasil kerja saya.", "My direct superior values my work.", false},
              {"at3", "Atasan langsung saya sulit ditemui ketika saya memerlukan keputusan.",
               "My direct superior is hard to reach when I need a decision.", true}}},
            {"rekan_kerja", "Rekan kerja", "Co-workers",
             {{"rk1", "Rekan kerja saya mau membantu ketika pekerjaan menumpuk.",
               "My co-workers are willing to help when work piles up.", false},
              {"rk2", "Kerja sama di unit saya berjalan baik.", "Teamwork in my unit goes well.", false},
              {"rk3", "Saya sering harus mengerjakan tugas rekan yang tidak diselesaikan.",
               "I often have to do co-workers' tasks that were left unfinished.", true}}},
            {"karier", "Pengembangan karier", "Career development",
             {{"kr1", "Saya mendapat kesempatan mengikuti pelatihan atau diklat yang saya perlukan.",
               "I get the chance to attend the training I need.", false},
              {"kr2", "Saya tahu apa yang harus saya capai untuk naik pangkat atau jabatan.",
               "I know what I must achieve to be promoted in rank or position.", false},
              {"kr3", "Kenaikan pangkat dan jabatan di instansi ini tidak berdasarkan prestasi.",
               "Promotions in this agency are not based on performance.", true}}},
            {"lingkungan", "Lingkungan kerja", "Working environment",
             {{"lk1", "Ruang kerja dan peralatan saya memadai untuk bekerja.",
               "My workspace and equipment are adequate for my work.", false},
              {"lk2", "Saya merasa aman dan nyaman di tempat kerja.", "I feel safe and comfortable at work.", false},
              {"lk3", "Peralatan yang rusak atau kurang sering menghambat pekerjaan saya.",
               "Broken or missing equipment often holds up my work.", true}}},
            {"komunikasi", "Komunikasi", "Communication",
             {{"km1", "Informasi yang saya perlukan untuk bekerja sampai kepada saya tepat waktu.",
               "The information I need for my work reaches me on time.", false},
              {"km2", "Saya dapat menyampaikan saran atau keluhan tanpa rasa takut.",
               "I can make suggestions or complaints without fear.", false},
              {"km3", "Saya sering mengetahui perubahan penting dari orang lain, bukan dari pimpinan.",
               "I often learn about important changes from others, not from management.", true}}},
            {"keadilan_mutasi", "Keadilan keputusan mutasi", "Fairness of transfer decisions",
             {{"mt1", "Keputusan mutasi di instansi ini didasarkan pada kebutuhan dan beban kerja.",
               "Transfer decisions in this agency are based on need and workload.", false},
              {"mt2", "Alasan keputusan mutasi dijelaskan kepada pegawai yang bersangkutan.",
               "The reasons for a transfer decision are explained to the person concerned.", false},
              {"mt3", "Pegawai dengan keadaan yang sama diperlakukan sama dalam keputusan mutasi.",
               "Staff in the same situation are treated alike in transfer decisions.", false},
              {"mt4", "Kedekatan pribadi dengan pimpinan memengaruhi siapa yang dimutasi.",
               "Personal closeness to management affects who is transferred.", true}}},
        };
        d.comment_id = "Saran atau komentar (tidak wajib). Jangan menulis nama atau hal lain yang dapat mengenali Anda.";
        d.comment_en = "Suggestions or comments (optional). Do not write your name or anything else that could identify you.";
        return d;
    }();
    return in;
}

json to_json(const Instrument& in) {
    json facets = json::array();
    for (const auto& f : in.facets) {
        json items = json::array();
        for (const auto& i : f.items)
            items.push_back({{"id", i.id}, {"id_text", i.text_id}, {"en_text", i.text_en}, {"reverse", i.reverse}});
        facets.push_back({{"id", f.id}, {"id_name", f.name_id}, {"en_name", f.name_en}, {"items", std::move(items)}});
    }
    return {{"id", in.id},
            {"version", in.version},
            {"facets", std::move(facets)},
            {"id_comment", in.comment_id},
            {"en_comment", in.comment_en}};
}

namespace {
bool short_text(const json& j, const char* key, std::string& out) {
    if (!j.contains(key) || !j[key].is_string()) return false;
    out = j[key].get<std::string>();
    return out.size() <= 500;
}
}  // namespace

std::optional<Instrument> instrument_from_json(const json& j, Check* why) {
    auto bad = [&](const std::string& detail) -> std::optional<Instrument> {
        if (why) why->error("survey.bad_instrument", "instrument", detail);
        return std::nullopt;
    };
    if (!j.is_object() || !j.contains("facets") || !j["facets"].is_array()) return bad("facets");
    Instrument in;
    if (!short_text(j, "id", in.id) || in.id.empty()) return bad("id");
    if (!j.contains("version") || !j["version"].is_number_integer()) return bad("version");
    in.version = j["version"].get<int>();
    if (!short_text(j, "id_comment", in.comment_id) || !short_text(j, "en_comment", in.comment_en)) return bad("comment");
    if (j["facets"].empty() || j["facets"].size() > 64) return bad("facets");
    std::set<std::string> ids;
    for (const auto& fj : j["facets"]) {
        if (!fj.is_object()) return bad("facet");
        Facet f;
        if (!short_text(fj, "id", f.id) || f.id.empty() || !ids.insert("f:" + f.id).second) return bad("facet.id");
        if (!short_text(fj, "id_name", f.name_id) || !short_text(fj, "en_name", f.name_en)) return bad(f.id);
        if (!fj.contains("items") || !fj["items"].is_array() || fj["items"].empty() || fj["items"].size() > 16)
            return bad(f.id);
        for (const auto& ij : fj["items"]) {
            if (!ij.is_object()) return bad(f.id);
            Item i;
            if (!short_text(ij, "id", i.id) || i.id.empty() || !ids.insert("i:" + i.id).second) return bad("item.id");
            if (!short_text(ij, "id_text", i.text_id) || !short_text(ij, "en_text", i.text_en)) return bad(i.id);
            if (!ij.contains("reverse") || !ij["reverse"].is_boolean()) return bad(i.id);
            i.reverse = ij["reverse"].get<bool>();
            f.items.push_back(std::move(i));
        }
        in.facets.push_back(std::move(f));
    }
    return in;
}

const std::string& text(const Item& i, i18n::Lang lang) { return lang == i18n::Lang::en ? i.text_en : i.text_id; }
const std::string& name(const Facet& f, i18n::Lang lang) { return lang == i18n::Lang::en ? f.name_en : f.name_id; }

namespace {
bool valid_utf8(const std::string& s) {
    size_t k = 0;
    while (k < s.size()) {
        const auto c = static_cast<unsigned char>(s[k]);
        const size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 4;
        if (n == 4 || k + n >= s.size()) return false;  // not a lead byte, or cut short
        for (size_t m = 1; m <= n; ++m)
            if ((static_cast<unsigned char>(s[k + m]) >> 6) != 2) return false;
        if (c < 0x20 && c != '\n' && c != '\t') return false;  // no control characters but line breaks
        k += n + 1;
    }
    return true;
}
}  // namespace

Check validate_answer(const Instrument& in, const std::string& scores, const std::string& comment) {
    Check c;
    if (static_cast<int>(scores.size()) != in.item_count()) {
        c.error("survey.bad_scores", "scores", std::to_string(scores.size()));
        return c;
    }
    for (char d : scores)
        if (d < '1' || d > '5') {
            c.error("survey.bad_scores", "scores", std::string(1, d));
            return c;
        }
    if (comment.size() > kMaxCommentBytes) c.error("survey.comment_too_long", "comment", std::to_string(comment.size()));
    else if (!valid_utf8(comment)) c.error("survey.comment_bad_text", "comment");
    return c;
}

}  // namespace seimbang::survey
