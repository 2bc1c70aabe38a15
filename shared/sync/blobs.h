// Documents travel apart from the records (docs/WORKFLOW.md §3): a record
// names a document by its SHA-256; the bytes wait in the client table
// `local_blobs` and are uploaded to /api/v1/blobs/{sha256} in chunks. The
// server keeps how much it received, so an interrupted upload continues where
// it stopped, and content it already holds is never sent again (stored once).
#pragma once
#include <cstddef>
#include <string>

#include "store/db.h"

namespace seimbang::sync {

class Transport;

struct BlobUploadReport {
    int uploaded = 0;       // complete on the server now (sent, or already there)
    int refused = 0;        // the server refused the content (type, size, hash): kept locally, marked
    std::string error;      // "network" or an error code that stops this run; empty when done
};

// Uploads every local blob not yet on the server. `chunk`: bytes per request.
BlobUploadReport upload_blobs(store::Db& db, Transport& t, size_t chunk = 256 * 1024);

// Local blob states: 0 waiting, 1 on the server, 2 refused by the server.
int64_t blobs_waiting(store::Db& db);

}  // namespace seimbang::sync
