// Settings of the transfer workflow (domain.md marks these uncertain or
// local): state labels, the document checklist per kind, the SK number format,
// the decree's legal-basis lines and signatory, the document size limit and
// the I-MUT export columns. Stored as JSON under key 'workflow' of the settings
// table; defaults when never saved.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/result.h"
#include "store/db.h"
#include "workflow/request.h"

namespace seimbang::workflow {

struct WorkflowSettings {
    // Status code -> label; a status without one shows the string table's label.
    std::map<std::string, std::string> status_labels;
    // Kind code -> document types that must be attached before BKPSDM verifies.
    std::map<std::string, std::vector<std::string>> checklist = {
        {"atas_permintaan_sendiri", {"surat_permohonan", "sk_pangkat_terakhir"}},
        {"dinas", {"surat_pengantar", "sk_pangkat_terakhir"}},
        {"antar_instansi",
         {"surat_permohonan", "surat_ppk_penerima", "surat_ppk_pengirim", "sk_pangkat_terakhir", "skp_2_tahun",
          "surat_bebas_hukuman_disiplin", "surat_bebas_tugas_belajar", "surat_inspektorat"}},
    };
    // {n}: the yearly sequence number, {year}: the year of the decision.
    std::string sk_number_format = "800/{n}/BKPSDM/{year}";
    std::vector<std::string> legal_basis = {
        "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
        "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah "
        "dengan Peraturan Pemerintah Nomor 17 Tahun 2020",
        "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi",
    };
    std::string place = "Medan";
    std::string signatory_title = "Kepala BKPSDM Kota Medan";
    std::string signatory_name;
    std::string signatory_nip;
    // Public address printed as QR on the decree: {number} is the SK number.
    std::string verify_url = "http://127.0.0.1:8080/verifikasi?sk={number}";
    int64_t max_document_bytes = 5 * 1024 * 1024;
    std::vector<std::string> imut_columns = {"nip",          "nama",          "golongan",       "instansi_asal",
                                             "unit_asal",    "jabatan_asal",  "instansi_tujuan", "unit_tujuan",
                                             "jabatan_tujuan", "jenis_mutasi", "nomor_sk",       "tanggal_sk",
                                             "tmt",          "alasan"};
    std::string instansi = "Pemerintah Kota Medan";
};

nlohmann::json to_json(const WorkflowSettings& s);
// Missing keys keep defaults; invalid values are reported and leave `out` unchanged.
Check workflow_settings_from_json(const nlohmann::json& j, WorkflowSettings& out);
WorkflowSettings load_workflow_settings(store::Db& db);
Check save_workflow_settings(store::Db& db, const WorkflowSettings& s);

// The label shown for a status: the setting when given, else the string table's.
std::string status_label(const WorkflowSettings& s, Status st);
// "800/{n}/BKPSDM/{year}" with n = 17, year = 2026 -> "800/17/BKPSDM/2026".
std::string format_sk_number(const std::string& format, int64_t n, int year);

}  // namespace seimbang::workflow
