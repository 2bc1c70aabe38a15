// The Impor screen's state (client/ui/screen_impor.cpp; docs/IMPORT.md): a file
// picked from the device, read and planned by the same core as the CLI
// (shared/io), entirely on this device so it works offline. Long steps (reading
// a 20,000-row file, the dry run, the apply) run one per frame, each after a
// frame that shows what is being done, so the page never freezes without a word.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "io/import.h"
#include "io/mapping.h"
#include "io/sheet.h"
#include "model/result.h"

namespace seimbang::app {

// Where an import stands. reading/planning/applying are each one frame's work,
// started on the frame after the one that showed the phase (busy state).
enum class ImportPhase { idle, reading, planning, planned, applying, applied };

struct ImportView {
    io::ImportKind kind = io::ImportKind::employees;
    std::string file_name;
    std::string bytes;                 // the picked file (kept for a re-plan after a mapping change)
    std::optional<io::Sheet> sheet;    // read once per file
    io::Mapping mapping;               // columns chosen (restored from this device), create_positions
    bool mapping_restored = false;     // a saved mapping of this device was used
    ImportPhase phase = ImportPhase::idle;
    int wait_frames = 0;               // frames to show the busy state before the step runs
    bool posted = false;               // phase reading: the XLSX went to the platform's reader (a worker)
    double read_started_ms = 0;
    io::ImportPlan plan;
    bool has_plan = false;
    bool skip_refused = false;         // "Lewati baris yang ditolak" (the CLI's --skip-refused)
    Check check;                       // why the last pick, apply or export was refused
    int written = 0;                   // records saved by the last apply
    double read_ms = 0, plan_ms = 0, apply_ms = 0;  // wall time of the last steps (bench/web/impor.mjs)
    std::string last_saved;            // string-table key of the last save (report, export)
};

// local_meta key of the mapping this device keeps per kind ("import.mapping.employees").
std::string import_mapping_key(io::ImportKind k);
// The MIME types and extensions offered by the file chooser.
inline constexpr const char* kImportAccept =
    ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace seimbang::app
