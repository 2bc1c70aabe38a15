// The app's workload view model: the local copy of the data (offices,
// positions, employees, ABK tasks, settings), its indexes, the ABK results of
// the year shown and the office roll-ups, and what the signed-in account may
// see of them (its scope). Every screen reads its figures here
// (`app.workload.office(id)`, `app.workload.load_of(id)`); the App re-reads it
// after every durable save and every pull (App::reload).
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "abk/abk.h"
#include "app/local_data.h"
#include "app/session.h"

namespace seimbang::app {

class Platform;

// Workload of one office including every office below it (Beranda, roll-ups).
struct OfficeLoad {
    std::string office_id;
    double needed = 0;          // decimal staff needed
    int needed_rounded = 0;
    int holders = 0;            // staff present
    std::optional<double> eu;   // > 1 overloaded
    std::optional<abk::Grade> pu;
    int positions_short = 0, positions_surplus = 0;
    // Persons missing in short positions and persons beyond the need in the others,
    // summed per position (decimal): shown side by side, never netted.
    double short_persons = 0, surplus_persons = 0;
};

class WorkloadModel {
public:
    // `session`: the signed-in account (the Login part's), read for the scope.
    WorkloadModel(Platform& platform, const std::optional<Session>& session);

    // Takes a fresh snapshot of the local data: indexes it, picks the ABK year
    // (unless one was picked) and recomputes the figures.
    void load(Snapshot snapshot);

    // --- lookups (nullptr / empty when absent)
    const Office* office(const std::string& id) const;
    const Position* position(const std::string& id) const;
    const Employee* employee(const std::string& id) const;
    std::vector<const Office*> children(const std::string& office_id) const;
    std::vector<const Position*> positions_of(const std::string& office_id) const;
    // The office and every office below it, depth first (each office before its
    // children, siblings by name): the order of a peta jabatan.
    std::vector<const Office*> subtree(const std::string& office_id) const;
    // Workload of the office's own positions only (not the offices below it).
    OfficeLoad own_load(const std::string& office_id) const;
    std::vector<const AbkTask*> tasks_of(const std::string& position_id) const;
    int holders_of(const std::string& position_id) const;
    // Employees holding a position (indices into data.employees), computed when data changes.
    const std::vector<size_t>& holder_list(const std::string& position_id) const;
    const abk::PositionResult* abk_position(const std::string& position_id) const;
    const OfficeLoad* load_of(const std::string& office_id) const;
    // Kelurahan and kecamatan offices in scope, most overloaded first.
    std::vector<const OfficeLoad*> loads_by_pressure() const;
    std::string office_path(const std::string& office_id) const;  // "Medan Marelan › Terjun"

    // --- scope: what the signed-in account may see (its office and everything below;
    // all offices for pusat). Offices outside it are in the local copy (reference
    // data) but their figures are not: screens say "di luar wilayah Anda".
    bool in_scope(const std::string& office_id) const;
    // The office is `root` or below it (a walk up at most 64 levels: a cycle ends it).
    bool within(const std::string& office_id, const std::string& root) const;
    // The account's own office and the offices below it, in peta-jabatan order.
    std::vector<const Office*> scope_offices() const;
    bool reads_all_offices() const;  // the role reads every office (access::Reach::everything: pusat)
    // The employee record of a pegawai account (nullptr when not in the local copy).
    const Employee* own_employee() const;
    // "Siti Aminah" for a pegawai account (the person, not the office), else the account name.
    std::string account_name() const;

    // --- the ABK year shown
    // Years that have ABK tasks, plus the current year, ascending (year picker).
    std::vector<int> abk_years() const;
    void set_abk_year(int year);  // picked in the year picker: later loads keep it
    int current_year() const;

    Snapshot data;
    int abk_year = 0;  // year of the ABK tables shown
    bool abk_year_picked = false;  // chosen in the year picker: reloads keep it

private:
    void recompute_abk();

    Platform& platform_;
    const std::optional<Session>& session_;
    std::unordered_map<std::string, size_t> office_ix_, position_ix_, employee_ix_;
    std::unordered_map<std::string, int> holders_;
    std::unordered_map<std::string, std::vector<size_t>> holder_names_ix_;
    std::unordered_map<std::string, std::vector<size_t>> tasks_ix_;
    std::unordered_map<std::string, abk::PositionResult> abk_positions_;
    std::unordered_map<std::string, OfficeLoad> loads_;
};

}  // namespace seimbang::app
