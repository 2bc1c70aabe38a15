// A server database in memory with the Marelan demo, shared by the fuzz targets
// that need one (push, pull, import): made once per process. Pushes change it
// from input to input, as they would on a real server.
#pragma once
#include <memory>

#include "store/db.h"
#include "sync/scope.h"
#include "sync/server_sync.h"

namespace seimbang::fuzz {

struct ServerFixture {
    store::Db db{":memory:"};
    std::unique_ptr<sync::ServerSync> sync;
    sync::Principal bkpsdm;    // writes everywhere
    sync::Principal operator_; // one kelurahan (Terjun)
    std::string kecamatan;
};
ServerFixture& server_fixture();

}  // namespace seimbang::fuzz
