// [between instansi] The lookup by NIP (docs/SCALE.md "Lookup by NIP"): the
// receiving instansi's BKPSDM names the person it proposes to take over by the
// record the sending instansi keeps, which it cannot see. It asks its own
// instansi server, which asks the national server through its upstream
// account; the centre answers ONE active employee of another instansi with
// exactly that NIP — never a list. Both national stores answer: the
// PostgreSQL store (`serve --store`) and the SQLite national tier (a server
// whose database holds the instansi it serves as offices).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "sync/server_sync.h"

namespace seimbang::national {

class NationalStore;

// One active employee record as the lookup shows it.
struct PersonHit {
    std::string instansi;       // the instansi's root office id
    std::string instansi_name;  // the registry's name, else the root office's
    std::string employee_id, nip, name, golongan;
    std::string office_id, office_name, position_id, position_name;
};
nlohmann::json to_json(const PersonHit& p);

// The active (not archived) employees whose NIP is exactly `nip`, in any
// instansi, at most `limit`, in instansi order. `nip` is already validated.
std::vector<PersonHit> people_by_nip(NationalStore& store, const std::string& nip, int limit);  // PostgreSQL
std::vector<PersonHit> people_by_nip(store::Db& db, const std::string& nip, int limit);         // SQLite tier

// The answer to the instansi whose root office is `asker`: 200 {"person": …}
// for exactly one holder in another instansi; 404 national.person_not_found
// when there is none; 409 national.person_own_instansi when only the asker
// holds the NIP (a move inside the instansi, not between); 409
// national.person_ambiguous when two other instansi hold it (an error or a
// move in flight: the claims view shows it).
sync::Reply person_answer(const std::vector<PersonHit>& hits, const std::string& asker);

}  // namespace seimbang::national
