// Documents travel apart from the records (docs/WORKFLOW.md §3): a record
// names a document by its SHA-256; the bytes wait in the client table
// `local_blobs` and are uploaded to /api/v1/blobs/{sha256} in chunks. The
// server keeps how much it received, so an interrupted upload continues where
// it stopped, and content it already holds is never sent again (stored once).
//
// The steps are one state machine (BlobUploader), one phase of a sync run
// (sync/run.h); upload_blobs runs it alone over a blocking transport.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "store/db.h"
#include "sync/http.h"

namespace seimbang::sync {

class Transport;

struct BlobUploadReport {
    int uploaded = 0;       // complete on the server now (sent, or already there)
    int refused = 0;        // the server refused the content (type, size, hash): kept locally, marked
    std::string error;      // "network" or an error code that stops this run; empty when done
};

// One request of an upload: GET (where the server stands) or PUT (a chunk).
using BlobRequest = SyncRequest;

class BlobUploader {
public:
    explicit BlobUploader(size_t chunk = 256 * 1024) : chunk_(chunk) {}
    // The next request to send, or nullopt when every waiting blob is done.
    std::optional<BlobRequest> next(store::Db& db);
    // The answer to the request next() gave (status 0: no answer). False: stop
    // this run (report().error says why; the next run continues from the server's count).
    bool answer(store::Db& db, int status, const std::string& body);
    const BlobUploadReport& report() const { return rep_; }

private:
    enum class Phase { pick, status, put };
    Phase phase_ = Phase::pick;
    size_t chunk_;
    std::string sha_, data_, mime_, last_sha_;
    size_t offset_ = 0, sent_ = 0;
    BlobUploadReport rep_;
};

// Uploads every local blob not yet on the server. `chunk`: bytes per request.
BlobUploadReport upload_blobs(store::Db& db, Transport& t, size_t chunk = 256 * 1024);

// Local blob states: 0 waiting, 1 on the server, 2 refused by the server.
int64_t blobs_waiting(store::Db& db);

}  // namespace seimbang::sync
