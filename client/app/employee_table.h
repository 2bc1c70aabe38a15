// The Pegawai list (client/ui/screen_employees.cpp): search, office filter,
// archived or active, sort, and the rows that result over the workload model's
// employees, rebuilt when marked dirty (a data reload, a changed filter).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/session.h"
#include "app/workload.h"

namespace seimbang::app {

class EmployeeTable {
public:
    EmployeeTable(const WorkloadModel& workload, const std::optional<Session>& session)
        : workload_(workload), session_(session) {}

    // The rows for the current search, filter and sort (the account's scope only).
    void refresh();

    std::string search;
    std::string office_filter;  // office id, "" = all in scope
    bool show_archived = false;  // archived employees instead of active ones
    int sort_column = 1;        // 0 NIP, 1 name, 2 golongan, 3 position, 4 office
    bool sort_ascending = true;
    std::vector<int> rows;      // indices into workload.data.employees after filter + sort
    bool dirty = true;
    std::string selected_id;

private:
    const WorkloadModel& workload_;
    const std::optional<Session>& session_;
};

}  // namespace seimbang::app
