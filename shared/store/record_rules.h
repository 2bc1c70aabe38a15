// Reference rules of the core records: what a record may point at (the
// position exists and belongs to the employee's office, the parent office fits
// its kind, the office tree stays a tree). One implementation, used by every
// write path: the local repositories (repo.cpp) and the server's push
// (sync/server_push.cpp). Field rules are in model/validate.h.
//
// The rules read through a RefReader so that each path reads its own way: the
// repositories through the connection, the push through its statement cache
// (it checks tens of thousands of rows per second).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/result.h"
#include "model/types.h"
#include "store/db.h"

namespace seimbang::store {

class RefReader {
public:
    virtual ~RefReader() = default;
    virtual std::optional<Office> office(const std::string& id) = 0;
    virtual std::optional<Position> position(const std::string& id) = 0;
    // The offices whose parent is `id` (archived ones included).
    virtual std::vector<Office> children(const std::string& id) = 0;
    virtual bool employee_exists(const std::string& id) = 0;
};

// Reads with plain queries on the connection.
class DbRefReader : public RefReader {
public:
    explicit DbRefReader(Db& db) : db_(db) {}
    std::optional<Office> office(const std::string& id) override;
    std::optional<Position> position(const std::string& id) override;
    std::vector<Office> children(const std::string& id) override;
    bool employee_exists(const std::string& id) override;

private:
    Db& db_;
};

// Which kinds may sit under which: kota > kecamatan > kelurahan > seksi; a seksi
// may also sit directly under a kecamatan (the kecamatan office's own sections).
bool kind_fits(OfficeKind parent, OfficeKind child);

// Archived records are not checked: archiving must work after what they
// point at was archived. `stored_kind`: the office's kind before this write
// (empty for a new office).
Check check_office_refs(RefReader& r, const Office& o, const std::optional<OfficeKind>& stored_kind);
Check check_position_refs(RefReader& r, const Position& p);
Check check_employee_refs(RefReader& r, const Employee& e);
// `office_id`: the task row's office column (the position's office).
Check check_task_refs(RefReader& r, const AbkTask& t, const std::string& office_id);

// A history row names an existing employee, an existing office and, when it
// names a post, a post of that office (archived ones included: history stays
// true after a post is closed).
Check check_placement_refs(RefReader& r, const Placement& p);

// The longest chain of parents followed (a city's tree is 4 levels deep): a
// walk that reaches it has met a cycle.
constexpr int kMaxOfficeDepth = 32;

}  // namespace seimbang::store
