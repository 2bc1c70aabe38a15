// The SK mutasi (transfer decree) as PDF: number, legal-basis lines
// (settings), the employee, origin and destination, TMT, place and date, the
// signatory, and a QR code of the public verification address (settings
// `verify_url`) so a forged decree is recognised. libharu (Debian libhpdf-dev)
// and libqrencode; native only (the server). Text is left uncompressed so the
// decree's words can be found in the file.
#pragma once
#include <optional>
#include <string>

#include "store/db.h"
#include "workflow/request.h"
#include "workflow/settings.h"

namespace seimbang::server {

// The PDF bytes, or nullopt when the request has no decree (not decided).
std::optional<std::string> sk_pdf(store::Db& db, const workflow::WorkflowSettings& s, const workflow::Request& r);

}  // namespace seimbang::server
