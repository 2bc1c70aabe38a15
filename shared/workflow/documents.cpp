// Attaching a document on a device (CLI and app alike): the bytes are judged by
// content and size before anything is written, kept in `local_blobs` (stored
// once per content) until sync uploads them, and recorded on the request by the
// attach step — blob and step in one transaction, so a refused step keeps no bytes.
#include <nlohmann/json.hpp>

#include "util/sha256.h"
#include "util/uuid.h"
#include "workflow/workflow.h"

namespace seimbang::workflow {

using nlohmann::json;

Check check_document_size(int64_t size, int64_t max_bytes) {
    Check c;
    if (size <= 0) c.error("document.empty", "document", "");
    else if (size > max_bytes) c.error("document.too_large", "document", std::to_string(max_bytes));
    return c;
}

Check check_document(const std::string& bytes, int64_t max_bytes, std::string& mime) {
    Check c = check_document_size(static_cast<int64_t>(bytes.size()), max_bytes);
    if (!c.ok()) return c;
    mime = sniff_mime(bytes);
    if (mime.empty()) c.error("document.bad_type", "document", "");
    return c;
}

StepResult attach_document_offline(store::Db& db, const access::Actor& who, const Request& r, std::string doc_type,
                                   const std::string& file_name, const std::string& bytes, const Date& today) {
    StepResult out;
    std::string mime;
    out.check = check_document(bytes, load_workflow_settings(db).max_document_bytes, mime);
    if (!out.check.ok()) return out;
    if (doc_type.empty()) {  // an untyped document fills the first checklist item still missing
        auto missing = missing_documents(db, load_workflow_settings(db), r);
        doc_type = missing.empty() ? "lainnya" : missing.front();
    }
    const std::string sha = sha256_hex(bytes);
    try {
        db.transaction([&] {
            auto s = db.prepare(
                "INSERT INTO local_blobs(sha256, mime, size, data) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(sha256) DO NOTHING");
            s.bind(1, sha).bind(2, mime).bind(3, static_cast<int64_t>(bytes.size())).bind_blob(4, bytes);
            s.run();
            json args = {{"document_id", new_uuid_v7()}, {"doc_type", doc_type}, {"file_name", file_name},
                         {"mime", mime}, {"size", static_cast<int64_t>(bytes.size())}, {"sha256", sha}};
            out = take_step_offline(db, who, {Command::attach, r.id, std::string(to_string(r.status)), args}, today);
            if (!out.check.ok()) throw Check(out.check);  // the blob goes with the refused step
        });
    } catch (const Check&) {
    } catch (const store::DbError& e) {
        out.check.error("store.error", "", e.what());
    }
    return out;
}

}  // namespace seimbang::workflow
