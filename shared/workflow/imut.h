// The list of decided moves in the fields BKN's I-MUT asks for (domain.md "SK
// mutasi and national recording"; no public field list was found, so the
// columns are a setting, WorkflowSettings::imut_columns). One CSV row per move.
#pragma once
#include <string>

#include "model/date.h"
#include "store/db.h"
#include "workflow/request.h"
#include "workflow/settings.h"

namespace seimbang::workflow {

// One decided move as the export names it (names, not ids). Built by the
// instansi server from its rows (imut_csv) and by the national tier from its
// PostgreSQL rows (server/national/views.cpp): both write it with imut_line.
struct ImutMove {
    std::string nip, nama, golongan;
    std::string instansi_asal, unit_asal, jabatan_asal;
    std::string instansi_tujuan, unit_tujuan, jabatan_tujuan;
    Kind kind = Kind::atas_permintaan_sendiri;
    Reason reason = Reason::lainnya;
    std::string nomor_sk, tanggal_sk, tmt;
};

// The header line and one move's line (CRLF), in the order of s.imut_columns.
// Known columns: nip, nama, golongan, instansi_asal, unit_asal, jabatan_asal,
// instansi_tujuan, unit_tujuan, jabatan_tujuan, jenis_mutasi, nomor_sk,
// tanggal_sk, tmt, alasan (an unknown column stays empty; kind and reason as
// their Bahasa Indonesia labels).
std::string imut_header(const WorkflowSettings& s);
std::string imut_line(const WorkflowSettings& s, const ImutMove& m);

// Moves decided (Ditetapkan or Selesai) with the SK date in [from, to] whose
// origin or destination lies in the scope office's subtree, in SK date order.
std::string imut_csv(store::Db& db, const WorkflowSettings& s, const std::string& scope_office, const Date& from,
                     const Date& to);

}  // namespace seimbang::workflow
