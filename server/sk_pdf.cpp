#include "sk_pdf.h"

#include <hpdf.h>
#include <qrencode.h>

#include <memory>
#include <vector>

#include "i18n/strings.h"
#include "model/golongan.h"
#include "store/repo.h"

namespace seimbang::server {

namespace {

// Helvetica in WinAnsiEncoding: UTF-8 mapped to Latin-1, anything else '?'.
std::string latin1(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
            const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
            out += cp < 0x100 ? static_cast<char>(cp) : '?';
            ++i;
        } else {
            while (i + 1 < utf8.size() && (static_cast<unsigned char>(utf8[i + 1]) & 0xC0) == 0x80) ++i;
            out += '?';
        }
    }
    return out;
}

void on_error(HPDF_STATUS, HPDF_STATUS, void*) {}  // failures are seen as a null handle / bad status

struct Writer {
    HPDF_Page page;
    HPDF_Font regular, bold;
    float y = 780;
    void line(const std::string& text, float size = 11, bool strong = false, float x = 60) {
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, strong ? bold : regular, size);
        HPDF_Page_TextOut(page, x, y, latin1(text).c_str());
        HPDF_Page_EndText(page);
        y -= size + 5;
    }
    void centered(const std::string& text, float size, bool strong) {
        const std::string t = latin1(text);
        HPDF_Page_SetFontAndSize(page, strong ? bold : regular, size);
        const float w = HPDF_Page_TextWidth(page, t.c_str());
        line(text, size, strong, (HPDF_Page_GetWidth(page) - w) / 2);
    }
    // Wraps at roughly `chars` characters (Helvetica 11 pt on A4 between the margins).
    void paragraph(const std::string& text, float x, size_t chars = 85) {
        std::string rest = text;
        while (!rest.empty()) {
            size_t cut = rest.size() <= chars ? rest.size() : rest.rfind(' ', chars);
            if (cut == std::string::npos || cut == 0) cut = std::min(chars, rest.size());
            line(rest.substr(0, cut), 11, false, x);
            rest = rest.substr(cut);
            while (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
        }
    }
};

}  // namespace

std::optional<std::string> sk_pdf(store::Db& db, const workflow::WorkflowSettings& s, const workflow::Request& r) {
    if (r.sk_number.empty()) return std::nullopt;
    const auto e = store::get_employee(db, r.employee_id);
    const auto from_pos = store::get_position(db, r.from_position_id);
    const auto to_pos = r.to_positions.empty() ? std::nullopt : store::get_position(db, r.to_positions.front());
    auto office = [&](const std::string& id) {
        auto o = store::get_office(db, id);
        return o ? o->name : std::string();
    };
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(HPDF_New(on_error, nullptr), HPDF_Free);
    if (!doc) return std::nullopt;
    HPDF_SetCompressionMode(doc.get(), HPDF_COMP_NONE);
    HPDF_SetInfoAttr(doc.get(), HPDF_INFO_TITLE, latin1("SK Mutasi " + r.sk_number).c_str());
    HPDF_Page page = HPDF_AddPage(doc.get());
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    Writer w{page, HPDF_GetFont(doc.get(), "Helvetica", "WinAnsiEncoding"),
             HPDF_GetFont(doc.get(), "Helvetica-Bold", "WinAnsiEncoding")};

    w.centered("KEPUTUSAN " + s.signatory_title, 12, true);
    w.centered("NOMOR " + r.sk_number, 12, true);
    w.centered("TENTANG PEMINDAHAN PEGAWAI NEGERI SIPIL", 12, true);
    w.y -= 10;
    w.line("Menimbang:", 11, true);
    w.paragraph("bahwa untuk kepentingan pemerataan beban kerja dan berdasarkan usulan nomor " + r.number +
                    " yang telah disetujui unit asal dan unit tujuan serta diverifikasi, perlu menetapkan "
                    "pemindahan pegawai sebagaimana tersebut di bawah.",
                80);
    w.line("Mengingat:", 11, true);
    for (size_t i = 0; i < s.legal_basis.size(); ++i) w.paragraph(std::to_string(i + 1) + ". " + s.legal_basis[i], 80);
    w.y -= 6;
    w.centered("MEMUTUSKAN", 12, true);
    w.line("Menetapkan pemindahan pegawai:", 11, true);
    // The record where it is here, else the request's snapshot (between instansi
    // the receiving side decides about a record the sending side keeps).
    const std::string name = e ? e->name : r.employee_name, nip = e ? e->nip : r.employee_nip,
                      golongan = e ? e->golongan : r.employee_golongan;
    std::string pangkat;
    if (auto g = parse_golongan(golongan)) pangkat = std::string(pangkat_name(*g));
    const std::pair<std::string, std::string> rows[] = {
        {"Nama", name},
        {"NIP", nip},
        {"Pangkat/golongan", pangkat.empty() ? golongan : pangkat + ", " + golongan},
        {"Jabatan lama", (from_pos ? from_pos->name : std::string()) + " - " + office(r.office_id)},
        {"Jabatan baru", (to_pos ? to_pos->name : std::string()) + " - " + office(r.to_office_id)},
        {"Terhitung mulai tanggal (TMT)", r.tmt},
    };
    for (const auto& [label, value] : rows) {
        const float y = w.y;
        w.line(label, 11, false, 80);
        w.y = y;
        w.line(": " + value, 11, false, 250);
    }
    w.y -= 6;
    w.paragraph("Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari "
                "terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya.",
                80);
    w.y -= 10;
    w.line("Ditetapkan di " + s.place, 11, false, 340);
    w.line("pada tanggal " + r.sk_date, 11, false, 340);
    w.line(s.signatory_title, 11, true, 340);
    w.y -= 40;
    w.line(s.signatory_name.empty() ? "(ditandatangani secara elektronik)" : s.signatory_name, 11, false, 340);
    if (!s.signatory_nip.empty()) w.line("NIP " + s.signatory_nip, 11, false, 340);

    // The QR code of the public verification address, bottom left, with its text beside.
    std::string url = s.verify_url;
    std::string encoded;
    for (char c : r.sk_number) {  // the number as a query value
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_') encoded += c;
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", u);
            encoded += buf;
        }
    }
    if (auto at = url.find("{number}"); at != std::string::npos) url.replace(at, 8, encoded);
    if (QRcode* qr = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1)) {
        const float cell = 2.5f, x0 = 60, y0 = 60;
        HPDF_Page_SetRGBFill(page, 0, 0, 0);
        for (int yy = 0; yy < qr->width; ++yy)
            for (int xx = 0; xx < qr->width; ++xx)
                if (qr->data[yy * qr->width + xx] & 1)
                    HPDF_Page_Rectangle(page, x0 + static_cast<float>(xx) * cell,
                                        y0 + static_cast<float>(qr->width - 1 - yy) * cell, cell, cell);
        HPDF_Page_Fill(page);
        const float side = static_cast<float>(qr->width) * cell;
        QRcode_free(qr);
        w.y = y0 + side - 10;
        w.line("Verifikasi keaslian SK ini:", 9, true, x0 + side + 12);
        w.line(url, 8, false, x0 + side + 12);
    }
    if (HPDF_SaveToStream(doc.get()) != HPDF_OK) return std::nullopt;
    std::string out(HPDF_GetStreamSize(doc.get()), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    if (HPDF_ReadFromStream(doc.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &size) != HPDF_OK &&
        size != out.size())
        return std::nullopt;
    out.resize(size);
    return out;
}

}  // namespace seimbang::server
