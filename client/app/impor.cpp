// Impor on this device (docs/IMPORT.md "Web"): the same core as `seimbang
// import` (shared/io) over the local database, so it works offline; the apply
// writes through the repositories in one transaction and lands in the outbox.
#include <chrono>

#include "app/app.h"
#include "io/export.h"
#include "io/import.h"
#include "io/mapping.h"
#include "io/sheet_wire.h"
#include "store/repo.h"

namespace seimbang::app {

namespace {
double wall_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
// The busy state is drawn on the frame after the one that started a step; the
// step runs on the one after that (a browser paints between frames).
constexpr int kBusyFrames = 1;
}  // namespace

std::string import_mapping_key(io::ImportKind k) { return "import.mapping." + std::string(io::to_string(k)); }

bool App::can_import() const { return login.session && access::may(login.session->role, access::Feature::records_import); }

// The mapping kept on this device for `k`, or the one recognised from headers.
static io::Mapping saved_mapping(LocalData& local, io::ImportKind k, bool* restored) {
    io::Mapping m;
    m.kind = k;
    *restored = false;
    if (auto text = local.meta(import_mapping_key(k)); text && !text->empty()) {
        const auto j = nlohmann::json::parse(*text, nullptr, false);
        Check c;
        io::Mapping got = j.is_discarded() ? io::Mapping{} : io::mapping_from_json(j, c);
        if (!j.is_discarded() && c.ok() && got.kind == k) {
            m = got;
            *restored = true;
        }
    }
    return m;
}

void App::import_set_kind(io::ImportKind k) {
    if (!can_import() || impor.phase == ImportPhase::applying) return;
    impor.kind = k;
    impor.mapping = saved_mapping(*local, k, &impor.mapping_restored);
    impor.check = {};
    impor.last_saved.clear();
    if (impor.sheet) import_replan();
    else impor.has_plan = false;
}

void App::import_pick() {
    if (!can_import()) return;
    platform.pick_file(static_cast<int64_t>(io::kMaxFileBytes),
                       [this](const std::string& name, const std::string& bytes, int64_t size) {
                           import_file(name, bytes, size);
                       },
                       kImportAccept);
}

Check App::import_file(const std::string& name, const std::string& bytes, int64_t size) {
    ImportView& v = impor;
    Check c;
    if (!can_import()) {
        c.error("scope.forbidden", "role");
    } else if (size > static_cast<int64_t>(io::kMaxFileBytes) || bytes.size() > io::kMaxFileBytes) {
        c.error("import.file_too_big", "file", std::to_string(io::kMaxFileBytes >> 20) + " MB");
    } else if (bytes.empty()) {
        c.error("abk.csv.empty", "file", name);
    } else if (v.phase == ImportPhase::reading || v.phase == ImportPhase::planning || v.phase == ImportPhase::applying) {
        c.error("ui.import.busy", "file");
    }
    v.check = c;
    if (!c.ok()) return c;
    v.file_name = name;
    v.bytes = bytes;
    v.sheet.reset();
    v.posted = false;
    v.has_plan = false;
    v.written = 0;
    v.skip_refused = false;
    v.last_saved.clear();
    v.mapping = saved_mapping(*local, v.kind, &v.mapping_restored);
    v.phase = ImportPhase::reading;
    v.wait_frames = kBusyFrames;
    return c;
}

void App::import_replan() {
    impor.has_plan = false;
    impor.phase = impor.sheet ? ImportPhase::planning : ImportPhase::reading;
    impor.wait_frames = kBusyFrames;
}

void App::import_set_column(const std::string& field, int column) {
    ImportView& v = impor;
    if (!v.has_plan || v.phase != ImportPhase::planned) return;
    if (column < 0) {
        v.mapping.columns.erase(field);
    } else {
        const auto& labels = v.plan.layout.labels;
        // By header text (a later export with columns in another order still maps), else by letter.
        v.mapping.columns[field] = static_cast<size_t>(column) < labels.size() && !labels[static_cast<size_t>(column)].empty()
                                       ? labels[static_cast<size_t>(column)]
                                       : io::column_letter(column);
    }
    local->set_meta(import_mapping_key(v.kind), io::to_json(v.mapping).dump());
    platform.request_persist();
    v.mapping_restored = true;
    import_replan();
}

void App::import_set_create_positions(bool on) {
    ImportView& v = impor;
    if (v.mapping.create_positions == on || v.phase == ImportPhase::applying) return;
    v.mapping.create_positions = on;
    local->set_meta(import_mapping_key(v.kind), io::to_json(v.mapping).dump());
    platform.request_persist();
    if (v.sheet) import_replan();
}

void App::import_reset_mapping() {
    ImportView& v = impor;
    if (v.phase == ImportPhase::applying) return;
    local->set_meta(import_mapping_key(v.kind), "");
    platform.request_persist();
    v.mapping = io::Mapping{};
    v.mapping.kind = v.kind;
    v.mapping_restored = false;
    if (v.sheet) import_replan();
}

Check App::import_apply() {
    ImportView& v = impor;
    Check c;
    if (!can_import()) c.error("scope.forbidden", "role");
    else if (!v.has_plan || v.phase != ImportPhase::planned || v.plan.file_refused) c.error("import.nothing_to_apply", "");
    else if (v.plan.refused > 0 && !v.skip_refused) c.error("ui.import.refused_rows", "", std::to_string(v.plan.refused));
    else if (v.plan.added + v.plan.changed == 0 && v.plan.new_positions.empty()) c.error("ui.import.nothing_changes", "");
    v.check = c;
    if (!c.ok()) return c;
    v.phase = ImportPhase::applying;
    v.wait_frames = kBusyFrames;
    return c;
}

// The sheet read (or why not): planned next, or the file refused.
void App::import_read(std::optional<io::Sheet> sheet, const io::ReadError& err) {
    ImportView& v = impor;
    v.sheet = std::move(sheet);
    v.read_ms = wall_ms() - v.read_started_ms;
    if (!v.sheet) {
        v.plan = io::refused_file(v.kind, err);
        v.has_plan = true;
        v.phase = ImportPhase::planned;
        return;
    }
    v.phase = ImportPhase::planning;
    v.wait_frames = kBusyFrames;
}

void App::import_step() {
    ImportView& v = impor;
    if (v.phase != ImportPhase::reading && v.phase != ImportPhase::planning && v.phase != ImportPhase::applying) return;
    if (v.phase == ImportPhase::reading && v.posted) return;  // the XLSX reader's answer is awaited
    if (v.wait_frames-- > 0) return;
    const std::string scope = login.session ? login.session->office_id : std::string();
    const double t0 = wall_ms();
    switch (v.phase) {
        case ImportPhase::reading: {
            v.read_started_ms = t0;
            if (!io::is_xlsx(v.bytes)) {
                io::ReadError err;
                auto sheet = io::read_csv_sheet(v.bytes, &err);
                import_read(std::move(sheet), err);
                return;
            }
            // XLSX: read by the platform (the browser's worker; natively at once). An
            // answer for an earlier file finds another ticket and is dropped.
            v.posted = true;
            const long long ticket = ++import_ticket_;
            platform.read_xlsx(io::encode_sheet_request(v.mapping.sheet, v.bytes),
                               [this, ticket](const std::string& answer) {
                                   if (ticket != import_ticket_ || impor.phase != ImportPhase::reading) return;
                                   impor.posted = false;
                                   io::ReadError err;
                                   auto sheet = io::decode_sheet_answer(answer, &err);
                                   import_read(std::move(sheet), err);
                               });
            return;
        }
        case ImportPhase::planning: {
            // An operator's rows without a Unit Kerja column belong to the own office.
            io::Mapping m = v.mapping;
            m.kind = v.kind;
            if (m.office.empty() && login.session && login.session->role == Role::operator_) m.office = login.session->office_id;
            v.plan = io::plan_import(local->db(), *v.sheet, m, scope);
            // A saved mapping that names columns this file does not have: the headers decide.
            if (v.plan.file_refused && v.mapping_restored && !v.plan.issues.empty() &&
                v.plan.issues.front().code == "import.mapping.unknown_column") {
                io::Mapping fresh;
                fresh.kind = v.kind;
                fresh.create_positions = m.create_positions;
                fresh.office = m.office;
                v.plan = io::plan_import(local->db(), *v.sheet, fresh, scope);
                v.mapping.columns.clear();
                v.mapping_restored = false;
            }
            v.plan_ms = wall_ms() - t0;
            v.has_plan = true;
            v.phase = ImportPhase::planned;
            return;
        }
        case ImportPhase::applying: {
            // The plan was shown for the data as it was then; a sync since may have changed it.
            const io::ApplyResult res = io::apply_import(local->db(), v.plan);
            v.apply_ms = wall_ms() - t0;
            if (!res.check.ok()) {
                v.check = res.check;
                v.phase = ImportPhase::planned;
                return;
            }
            v.written = res.written;
            local->set_meta(import_mapping_key(v.kind), io::to_json(v.mapping).dump());
            v.phase = ImportPhase::applied;
            v.has_plan = false;
            employee_table.dirty = true;
            committed();
            show_notice("ui.import.applied");
            return;
        }
        default: return;
    }
}

void App::import_save_report() {
    ImportView& v = impor;
    if (!v.has_plan) return;
    platform.save_file("laporan-impor-" + std::string(io::to_string(v.kind)) + ".csv", "text/csv;charset=utf-8",
                       io::plan_report_csv(v.plan, i18n::current()));
    v.last_saved = "ui.import.report_saved";
}

Check App::import_export() {
    ImportView& v = impor;
    Check c;
    if (!can_import()) c.error("scope.forbidden", "role");
    v.check = c;
    if (!c.ok()) return c;
    const Office* o = workload.office(login.session->office_id);
    std::string name = std::string(io::to_string(v.kind)) + "-" + (o ? o->name : login.session->office_id);
    for (char& ch : name)
        if (ch == ' ' || ch == '/') ch = '-';
    platform.save_file(name + ".csv", "text/csv;charset=utf-8",
                       io::export_csv(local->db(), v.kind, login.session->office_id,
                                      0));  // tasks: every year (a year column)
    v.last_saved = "ui.import.export_saved";
    return c;
}

}  // namespace seimbang::app
