// The list of decided moves in the fields BKN's I-MUT asks for (domain.md "SK
// mutasi and national recording"; no public field list was found, so the
// columns are a setting, WorkflowSettings::imut_columns). One CSV row per move.
#pragma once
#include <string>

#include "model/date.h"
#include "store/db.h"
#include "workflow/settings.h"

namespace seimbang::workflow {

// Known columns: nip, nama, golongan, instansi_asal, unit_asal, jabatan_asal,
// instansi_tujuan, unit_tujuan, jabatan_tujuan, jenis_mutasi, nomor_sk,
// tanggal_sk, tmt, alasan (an unknown column stays empty). Moves decided
// (Ditetapkan or Selesai) with the SK date in [from, to] whose origin or
// destination lies in the scope office's subtree, in SK date order.
std::string imut_csv(store::Db& db, const WorkflowSettings& s, const std::string& scope_office, const Date& from,
                     const Date& to);

}  // namespace seimbang::workflow
