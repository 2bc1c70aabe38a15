#include "store/schema.h"

#include <algorithm>

namespace seimbang::store {

namespace {

// Append-only: never edit a migration that has shipped; add a new one.
// CHECKs use `=`/OR rather than `IN (…)`: SQLite evaluates a constant
// IN list of three or more values through an ephemeral table on every insert
// (measured ~28k instructions per employee row in the sync push path).
const std::vector<std::string_view>& migrations() {
    static const std::vector<std::string_view> m = {
        // 1: core model
        R"sql(
CREATE TABLE offices (
  id         TEXT PRIMARY KEY,
  parent_id  TEXT REFERENCES offices(id),
  kind       TEXT NOT NULL CHECK (kind = 'kota' OR kind = 'kecamatan' OR kind = 'kelurahan' OR kind = 'seksi'),
  code       TEXT NOT NULL DEFAULT '',
  name       TEXT NOT NULL CHECK (length(name) > 0),
  archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1)
);
CREATE INDEX offices_parent ON offices(parent_id);

CREATE TABLE positions (
  id           TEXT PRIMARY KEY,
  office_id    TEXT NOT NULL REFERENCES offices(id),
  name         TEXT NOT NULL CHECK (length(name) > 0),
  kind         TEXT NOT NULL CHECK (kind = 'jpt' OR kind = 'administrator' OR kind = 'pengawas' OR kind = 'fungsional' OR kind = 'pelaksana'),
  eselon       TEXT NOT NULL DEFAULT '',
  golongan_min TEXT NOT NULL DEFAULT '',
  golongan_max TEXT NOT NULL DEFAULT '',
  requirements TEXT NOT NULL DEFAULT '{}',   -- JSON object: competence tag -> minimum level
  is_head      INTEGER NOT NULL DEFAULT 0 CHECK (is_head = 0 OR is_head = 1),
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1)
);
CREATE INDEX positions_office ON positions(office_id);

CREATE TABLE employees (
  id             TEXT PRIMARY KEY,
  nip            TEXT NOT NULL,
  name           TEXT NOT NULL CHECK (length(name) > 0),
  gender         TEXT NOT NULL CHECK (gender = 'L' OR gender = 'P'),
  birth_date     TEXT NOT NULL,
  asn_type       TEXT NOT NULL CHECK (asn_type = 'PNS' OR asn_type = 'CPNS' OR asn_type = 'PPPK'),
  golongan       TEXT NOT NULL,
  education      TEXT NOT NULL DEFAULT '',
  position_id    TEXT REFERENCES positions(id),
  office_id      TEXT NOT NULL REFERENCES offices(id),
  tmt_position   TEXT NOT NULL DEFAULT '',
  competences    TEXT NOT NULL DEFAULT '{}',   -- JSON object: competence tag -> level 1..5
  commitment_10y INTEGER NOT NULL DEFAULT 0 CHECK (commitment_10y = 0 OR commitment_10y = 1),
  archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1)
);
-- Not UNIQUE: two offline offices may enter the same NIP; validation refuses it
-- locally and sync reports the clash instead of failing the whole batch.
CREATE INDEX employees_nip ON employees(nip);
CREATE INDEX employees_office ON employees(office_id);
CREATE INDEX employees_position ON employees(position_id);

CREATE TABLE abk_tasks (
  id           TEXT PRIMARY KEY,
  position_id  TEXT NOT NULL REFERENCES positions(id),
  office_id    TEXT NOT NULL REFERENCES offices(id),  -- the position's office: row scope
  year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  task         TEXT NOT NULL CHECK (length(task) > 0),
  output_unit  TEXT NOT NULL DEFAULT '',
  volume       REAL NOT NULL CHECK (volume >= 0),
  period       TEXT NOT NULL CHECK (period = 'year' OR period = 'month' OR period = 'week' OR period = 'day'),
  norm_minutes REAL NOT NULL CHECK (norm_minutes >= 0),
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1)
);
CREATE INDEX abk_tasks_position ON abk_tasks(position_id, year);

-- Rule parameters (WKE, grade bands, ...) as JSON under key 'rules'.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Local facts about this database (device id, last sync, ...); never synced.
CREATE TABLE local_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
        // 2: sync (shared/sync, docs/SYNC.md). Client tables: sync_outbox, sync_seen,
        // sync_rejected, sync_conflicts. Server tables: sync_rows, sync_exits,
        // sync_applied, sync_checksums (empty on clients; one schema keeps both sides
        // and the tests simple). Auth tables are server-only (server/server_schema.cpp).
        R"sql(
CREATE TABLE sync_outbox (
  counter        INTEGER PRIMARY KEY AUTOINCREMENT,  -- per-device counter, never reused
  hlc            INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  table_name     TEXT NOT NULL,
  row_id         TEXT NOT NULL,
  op             TEXT NOT NULL CHECK (op IN ('upsert','command')),
  base_version   INTEGER NOT NULL,                   -- server seq of the row state the edit saw
  body           TEXT NOT NULL,                      -- JSON: {fields, old} or {command, expect, args}
  created_ms     INTEGER NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_outbox_row ON sync_outbox(table_name, row_id);
CREATE TABLE sync_seen (
  table_name TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  version    INTEGER NOT NULL,
  PRIMARY KEY (table_name, row_id)
) WITHOUT ROWID;
CREATE TABLE sync_rejected (
  counter     INTEGER PRIMARY KEY,
  table_name  TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  op          TEXT NOT NULL,
  body        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '',
  created_ms  INTEGER NOT NULL,
  rejected_ms INTEGER NOT NULL,
  dismissed   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_conflicts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name    TEXT NOT NULL,
  row_id        TEXT NOT NULL,
  field         TEXT NOT NULL,
  base          TEXT,            -- JSON scalars
  mine          TEXT,
  theirs        TEXT,
  kept          TEXT NOT NULL CHECK (kept IN ('mine','theirs')),
  mine_device   TEXT NOT NULL,
  mine_user     TEXT NOT NULL DEFAULT '',
  mine_hlc      INTEGER NOT NULL,
  mine_counter  INTEGER NOT NULL,
  theirs_device TEXT NOT NULL,
  theirs_user   TEXT NOT NULL DEFAULT '',
  theirs_hlc    INTEGER NOT NULL,
  server_seq    INTEGER NOT NULL,
  recorded_ms   INTEGER NOT NULL,
  resolved      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sync_conflicts_once ON sync_conflicts(mine_device, mine_counter, field);
CREATE TABLE sync_rows (
  table_name TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  office_id  TEXT,
  meta       TEXT NOT NULL,     -- JSON: field -> [version, hlc, device, user]
  PRIMARY KEY (table_name, row_id)
) WITHOUT ROWID;
CREATE INDEX sync_rows_seq ON sync_rows(seq);
CREATE TABLE sync_exits (
  seq        INTEGER PRIMARY KEY,
  table_name TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  office_id  TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE TABLE sync_applied (
  device_id TEXT NOT NULL,
  counter   INTEGER NOT NULL,
  result    TEXT NOT NULL,
  PRIMARY KEY (device_id, counter)
) WITHOUT ROWID;
CREATE TABLE sync_checksums (
  table_name TEXT NOT NULL,
  office_id  TEXT NOT NULL,
  rows       INTEGER NOT NULL,
  hash       INTEGER NOT NULL,
  PRIMARY KEY (table_name, office_id)
) WITHOUT ROWID;
)sql",
        // 3: the server's change log moves from sync_rows into the synced rows
        // themselves: `_seq` (the server seq of the row's latest write) and `_meta`
        // (its per-field versions), written by the same statement as the row. A
        // separate log row cost three more B-tree inserts per write (docs/SYNC.md §2,
        // §12). NULL on clients, so the partial indexes stay empty there. A synced
        // table added later must get the same two columns and indexes.
        R"sql(
ALTER TABLE offices ADD COLUMN _seq INTEGER;
ALTER TABLE offices ADD COLUMN _meta TEXT;
ALTER TABLE positions ADD COLUMN _seq INTEGER;
ALTER TABLE positions ADD COLUMN _meta TEXT;
ALTER TABLE employees ADD COLUMN _seq INTEGER;
ALTER TABLE employees ADD COLUMN _meta TEXT;
ALTER TABLE abk_tasks ADD COLUMN _seq INTEGER;
ALTER TABLE abk_tasks ADD COLUMN _meta TEXT;
UPDATE offices SET _seq = r.seq, _meta = r.meta FROM sync_rows r WHERE r.table_name = 'offices' AND r.row_id = offices.id;
UPDATE positions SET _seq = r.seq, _meta = r.meta FROM sync_rows r WHERE r.table_name = 'positions' AND r.row_id = positions.id;
UPDATE employees SET _seq = r.seq, _meta = r.meta FROM sync_rows r WHERE r.table_name = 'employees' AND r.row_id = employees.id;
UPDATE abk_tasks SET _seq = r.seq, _meta = r.meta FROM sync_rows r WHERE r.table_name = 'abk_tasks' AND r.row_id = abk_tasks.id;
DROP TABLE sync_rows;
-- A full pull reads each table by seq; a scoped pull reads its offices' rows by
-- (office, seq). The office indexes keep serving lookups by office alone.
CREATE INDEX offices_seq ON offices(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX positions_seq ON positions(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX employees_seq ON employees(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX abk_tasks_seq ON abk_tasks(_seq) WHERE _seq IS NOT NULL;
DROP INDEX positions_office;
CREATE INDEX positions_office ON positions(office_id, _seq);
DROP INDEX employees_office;
CREATE INDEX employees_office ON employees(office_id, _seq);
CREATE INDEX abk_tasks_office_seq ON abk_tasks(office_id, _seq) WHERE _seq IS NOT NULL;
)sql",
        // 4: transfer requests (shared/workflow, docs/WORKFLOW.md). Requests and their
        // events and documents are changed only by workflow commands (never by
        // field upserts). Each row carries the origin office (its scope), the
        // destination office (a second scope: the destination head reviews it) and
        // the applicant (a pegawai sees their own). `placements` keeps the history
        // of an employee's office and position. `sk_series` (server) numbers the
        // decrees per year; `local_blobs` (client) holds documents until uploaded.
        R"sql(
ALTER TABLE employees ADD COLUMN discipline_open INTEGER NOT NULL DEFAULT 0 CHECK (discipline_open = 0 OR discipline_open = 1);
CREATE TABLE requests (
  id               TEXT PRIMARY KEY,
  number           TEXT NOT NULL,
  employee_id      TEXT NOT NULL REFERENCES employees(id),
  office_id        TEXT NOT NULL REFERENCES offices(id),
  from_position_id TEXT NOT NULL DEFAULT '',
  to_office_id     TEXT NOT NULL DEFAULT '',
  to_positions     TEXT NOT NULL DEFAULT '[]',
  to_instansi      TEXT NOT NULL DEFAULT '',
  kind             TEXT NOT NULL CHECK (kind = 'atas_permintaan_sendiri' OR kind = 'dinas' OR kind = 'antar_instansi'),
  reason           TEXT NOT NULL,
  explanation      TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL,
  status_ms        INTEGER NOT NULL DEFAULT 0,
  created_by       TEXT NOT NULL DEFAULT '',
  created_ms       INTEGER NOT NULL DEFAULT 0,
  sk_number        TEXT NOT NULL DEFAULT '',
  sk_date          TEXT NOT NULL DEFAULT '',
  tmt              TEXT NOT NULL DEFAULT '',
  _seq             INTEGER,
  _meta            TEXT
);
CREATE INDEX requests_seq ON requests(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX requests_office ON requests(office_id, _seq);
CREATE INDEX requests_to_office ON requests(to_office_id, _seq);
CREATE INDEX requests_employee ON requests(employee_id, _seq);
CREATE INDEX requests_number ON requests(number);
CREATE INDEX requests_status ON requests(status, tmt);
CREATE UNIQUE INDEX requests_sk_number ON requests(sk_number) WHERE sk_number <> '';
CREATE TABLE request_events (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests(id),
  ordinal     INTEGER NOT NULL,           -- 1, 2, … per request: the timeline's order
  office_id   TEXT NOT NULL REFERENCES offices(id),
  to_office_id TEXT NOT NULL DEFAULT '',
  employee_id TEXT NOT NULL DEFAULT '',
  command     TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status   TEXT NOT NULL,
  actor       TEXT NOT NULL DEFAULT '',
  actor_role  TEXT NOT NULL DEFAULT '',
  at_ms       INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  _seq        INTEGER,
  _meta       TEXT
);
CREATE INDEX request_events_request ON request_events(request_id, ordinal);
CREATE INDEX request_events_seq ON request_events(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX request_events_office ON request_events(office_id, _seq);
CREATE INDEX request_events_to_office ON request_events(to_office_id, _seq);
CREATE INDEX request_events_employee ON request_events(employee_id, _seq);
CREATE TABLE request_documents (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests(id),
  office_id   TEXT NOT NULL REFERENCES offices(id),
  to_office_id TEXT NOT NULL DEFAULT '',
  employee_id TEXT NOT NULL DEFAULT '',
  doc_type    TEXT NOT NULL,
  file_name   TEXT NOT NULL DEFAULT '',
  mime        TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL,
  added_by    TEXT NOT NULL DEFAULT '',
  added_ms    INTEGER NOT NULL DEFAULT 0,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1),
  _seq        INTEGER,
  _meta       TEXT
);
CREATE INDEX request_documents_request ON request_documents(request_id);
CREATE INDEX request_documents_seq ON request_documents(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX request_documents_office ON request_documents(office_id, _seq);
CREATE INDEX request_documents_to_office ON request_documents(to_office_id, _seq);
CREATE INDEX request_documents_employee ON request_documents(employee_id, _seq);
CREATE TABLE placements (
  id               TEXT PRIMARY KEY,
  employee_id      TEXT NOT NULL REFERENCES employees(id),
  office_id        TEXT NOT NULL REFERENCES offices(id),
  position_id      TEXT NOT NULL DEFAULT '',
  from_office_id   TEXT NOT NULL DEFAULT '',
  from_position_id TEXT NOT NULL DEFAULT '',
  tmt              TEXT NOT NULL,
  cause            TEXT NOT NULL CHECK (cause = 'mutasi' OR cause = 'koreksi'),
  reference        TEXT NOT NULL DEFAULT '',
  recorded_by      TEXT NOT NULL DEFAULT '',
  recorded_ms      INTEGER NOT NULL DEFAULT 0,
  _seq             INTEGER,
  _meta            TEXT
);
CREATE INDEX placements_employee ON placements(employee_id, tmt);
CREATE INDEX placements_seq ON placements(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX placements_office ON placements(office_id, _seq);
CREATE TABLE sk_series (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);
CREATE TABLE local_blobs (
  sha256   TEXT PRIMARY KEY,
  mime     TEXT NOT NULL,
  size     INTEGER NOT NULL,
  data     BLOB NOT NULL,
  uploaded INTEGER NOT NULL DEFAULT 0
);
)sql",
        // 5: the placement history also records corrections, archives and their
        // undo (docs/CLIENT.md "Riwayat penempatan"): cause gains 'arsip' and
        // 'batal_arsip', rows get the reason and, for an archive, the exit kind.
        // SQLite cannot widen a CHECK in place, so the table is rebuilt. Its rows
        // are now also read by the office the person left and by the person
        // (second scope), so they leave the per-office checksums (docs/SYNC.md §6).
        R"sql(
CREATE TABLE placements_v5 (
  id               TEXT PRIMARY KEY,
  employee_id      TEXT NOT NULL REFERENCES employees(id),
  office_id        TEXT NOT NULL REFERENCES offices(id),
  position_id      TEXT NOT NULL DEFAULT '',
  from_office_id   TEXT NOT NULL DEFAULT '',
  from_position_id TEXT NOT NULL DEFAULT '',
  tmt              TEXT NOT NULL,
  cause            TEXT NOT NULL CHECK (cause = 'mutasi' OR cause = 'koreksi' OR cause = 'arsip' OR cause = 'batal_arsip'),
  reference        TEXT NOT NULL DEFAULT '',
  reason           TEXT NOT NULL DEFAULT '',
  exit_kind        TEXT NOT NULL DEFAULT '',
  recorded_by      TEXT NOT NULL DEFAULT '',
  recorded_ms      INTEGER NOT NULL DEFAULT 0,
  _seq             INTEGER,
  _meta            TEXT
);
INSERT INTO placements_v5 (id, employee_id, office_id, position_id, from_office_id, from_position_id, tmt, cause,
                           reference, recorded_by, recorded_ms, _seq, _meta)
  SELECT id, employee_id, office_id, position_id, from_office_id, from_position_id, tmt, cause,
         reference, recorded_by, recorded_ms, _seq, _meta FROM placements;
DROP TABLE placements;
ALTER TABLE placements_v5 RENAME TO placements;
CREATE INDEX placements_employee ON placements(employee_id, tmt);
CREATE INDEX placements_seq ON placements(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX placements_office ON placements(office_id, _seq);
CREATE INDEX placements_from_office ON placements(from_office_id, _seq);
CREATE INDEX placements_employee_seq ON placements(employee_id, _seq);
DELETE FROM sync_checksums WHERE table_name = 'placements';
)sql",
        // 6: client table sync_sent — mutations the
        // server acknowledged, kept for a while so that a device can send them again
        // after the server was restored from a backup that predates them (SYNC.md §8.1).
        R"sql(
CREATE TABLE sync_sent (
  counter        INTEGER PRIMARY KEY,  -- the outbox counter it had
  hlc            INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  table_name     TEXT NOT NULL,
  row_id         TEXT NOT NULL,
  op             TEXT NOT NULL,
  base_version   INTEGER NOT NULL,
  body           TEXT NOT NULL,
  created_ms     INTEGER NOT NULL,
  seq            INTEGER NOT NULL,     -- the server seq of its result (0: none given)
  acked_ms       INTEGER NOT NULL
);
CREATE INDEX sync_sent_acked ON sync_sent(acked_ms);
)sql",
        // 7: balance snapshots per evaluation period (shared/eval, docs/EVALUATION.md):
        // one row per (period, office), the figures as JSON. Written by the server
        // only (commands_only: pushes are refused), read by the office's scope. A
        // closed snapshot's data never changes: the trigger refuses the update on
        // every side (the server's log columns _seq/_meta may still be stamped);
        // the server also refuses its delete (server_schema.cpp).
        R"sql(
CREATE TABLE eval_snapshots (
  id        TEXT PRIMARY KEY,
  period    TEXT NOT NULL CHECK (length(period) = 7),
  office_id TEXT NOT NULL REFERENCES offices(id),
  closed    INTEGER NOT NULL DEFAULT 0 CHECK (closed = 0 OR closed = 1),
  taken_ms  INTEGER NOT NULL DEFAULT 0,
  figures   TEXT NOT NULL DEFAULT '{}',  -- office figures (JSON object)
  positions TEXT NOT NULL DEFAULT '[]',  -- the office's own positions (JSON array): read only when shown
  _seq      INTEGER,
  _meta     TEXT
);
CREATE UNIQUE INDEX eval_snapshots_key ON eval_snapshots(period, office_id);
CREATE INDEX eval_snapshots_seq ON eval_snapshots(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX eval_snapshots_office ON eval_snapshots(office_id, _seq);
CREATE TRIGGER eval_snapshots_closed BEFORE UPDATE OF id, period, office_id, closed, taken_ms, figures, positions ON eval_snapshots
WHEN OLD.closed = 1 BEGIN SELECT RAISE(ABORT, 'eval.snapshot_closed'); END;
)sql",
        // 8 (survey; runs as the next number after the highest merged before it):
        // satisfaction survey campaigns, anonymous answers, participation marks
        // and kiosk codes (docs/SURVEY.md). Not synced tables: campaigns reach
        // devices through the survey API, answers reach the server only as the
        // `survey_answer` command. survey_answers has no person, device, time or
        // rowid: WITHOUT ROWID, keyed by a random blob, so the order answers
        // arrived in cannot be read back; nothing orders the participation marks
        // either, and no column joins the two.
        R"sql(
CREATE TABLE survey_campaigns (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  period          TEXT NOT NULL,
  scope_office_id TEXT NOT NULL,
  opens           TEXT NOT NULL,
  closes          TEXT NOT NULL,
  instrument      TEXT NOT NULL,
  created_by      TEXT NOT NULL DEFAULT '',
  created_ms      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE survey_answers (
  campaign_id TEXT NOT NULL,
  office_id   TEXT NOT NULL,
  id          BLOB NOT NULL,
  scores      TEXT NOT NULL,
  comment     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (campaign_id, office_id, id)
) WITHOUT ROWID;
CREATE TABLE survey_participation (
  campaign_id TEXT NOT NULL,
  employee_id TEXT NOT NULL,
  office_id   TEXT NOT NULL,
  PRIMARY KEY (campaign_id, employee_id)
) WITHOUT ROWID;
CREATE TABLE survey_codes (
  code_hash   TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  office_id   TEXT NOT NULL,
  used        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)sql",
        // 9 (training, docs/TRAINING.md): each leader's latest attempt per
        // lesson or practice case. Written on the device with the attempt and
        // sent as the `training_progress` command (not a synced table: it never
        // comes back down); the server keeps one row per (user, item). `detail`
        // (the answers, the decisions and their notes) is shown to its user
        // only; others read total/good.
        R"sql(
CREATE TABLE training_progress (
  username   TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('lesson','case')),
  office_id  TEXT NOT NULL DEFAULT '',
  total      INTEGER NOT NULL,
  good       INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 1,
  detail     TEXT NOT NULL DEFAULT '[]',
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (username, item_id)
) WITHOUT ROWID;
)sql",
        // 10 (rekomendasi, docs/PLANNER.md "Saved plans"): plans a user saved on
        // this device, with their parameters, figures and moves (names and
        // reasons as shown), so they read the same after the data changed.
        // Device-local (not synced, no outbox command): a saved plan is a
        // working note of one planner; adopting its moves is what reaches others.
        R"sql(
CREATE TABLE saved_plans (
  id              TEXT PRIMARY KEY,
  username        TEXT NOT NULL,
  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  saved_ms        INTEGER NOT NULL,
  scope_office_id TEXT NOT NULL,
  year            INTEGER NOT NULL,
  moves           INTEGER NOT NULL,
  data_digest     TEXT NOT NULL,   -- SHA-256 of the planner instance it was computed from
  body            TEXT NOT NULL,   -- JSON: settings, status, figures, moves (app/saved_plans.cpp)
  UNIQUE (username, name)
);
)sql",
        // 11 (between-instansi transfers, docs/SCALE.md "Between-instansi
        // transfers"): an instansi database holds requests about people and
        // offices of another instansi (the receiving side's proposal about the
        // sending side's employee, handed down by the national tier), so the
        // three workflow tables lose their foreign keys to employees and offices
        // (the workflow still checks the applicant and the offices it knows for
        // its own kinds) and a request keeps a snapshot of whom it is about:
        // `from_instansi` (the sending instansi's root office), the applicant's
        // NIP and name. Older rows take the snapshot from the local record
        // (their instansi is this one: from_instansi stays ''). The tables are
        // rebuilt (SQLite cannot drop a constraint): children first name the
        // new parent, whose rename carries their reference along.
        R"sql(
CREATE TABLE requests_v11 (
  id               TEXT PRIMARY KEY,
  number           TEXT NOT NULL,
  employee_id      TEXT NOT NULL,
  office_id        TEXT NOT NULL,
  from_position_id TEXT NOT NULL DEFAULT '',
  to_office_id     TEXT NOT NULL DEFAULT '',
  to_positions     TEXT NOT NULL DEFAULT '[]',
  to_instansi      TEXT NOT NULL DEFAULT '',
  kind             TEXT NOT NULL CHECK (kind = 'atas_permintaan_sendiri' OR kind = 'dinas' OR kind = 'antar_instansi'),
  reason           TEXT NOT NULL,
  explanation      TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL,
  status_ms        INTEGER NOT NULL DEFAULT 0,
  created_by       TEXT NOT NULL DEFAULT '',
  created_ms       INTEGER NOT NULL DEFAULT 0,
  sk_number        TEXT NOT NULL DEFAULT '',
  sk_date          TEXT NOT NULL DEFAULT '',
  tmt              TEXT NOT NULL DEFAULT '',
  from_instansi    TEXT NOT NULL DEFAULT '',
  employee_nip     TEXT NOT NULL DEFAULT '',
  employee_name    TEXT NOT NULL DEFAULT '',
  _seq             INTEGER,
  _meta            TEXT
);
INSERT INTO requests_v11 (id, number, employee_id, office_id, from_position_id, to_office_id, to_positions, to_instansi,
                          kind, reason, explanation, status, status_ms, created_by, created_ms, sk_number, sk_date, tmt,
                          employee_nip, employee_name, _seq, _meta)
  SELECT r.id, r.number, r.employee_id, r.office_id, r.from_position_id, r.to_office_id, r.to_positions, r.to_instansi,
         r.kind, r.reason, r.explanation, r.status, r.status_ms, r.created_by, r.created_ms, r.sk_number, r.sk_date, r.tmt,
         coalesce(e.nip, ''), coalesce(e.name, ''), r._seq, r._meta
  FROM requests r LEFT JOIN employees e ON e.id = r.employee_id;
CREATE TABLE request_events_v11 (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests_v11(id),
  ordinal     INTEGER NOT NULL,
  office_id   TEXT NOT NULL,
  to_office_id TEXT NOT NULL DEFAULT '',
  employee_id TEXT NOT NULL DEFAULT '',
  command     TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status   TEXT NOT NULL,
  actor       TEXT NOT NULL DEFAULT '',
  actor_role  TEXT NOT NULL DEFAULT '',
  at_ms       INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  _seq        INTEGER,
  _meta       TEXT
);
INSERT INTO request_events_v11 SELECT id, request_id, ordinal, office_id, to_office_id, employee_id, command, from_status,
                                      to_status, actor, actor_role, at_ms, note, _seq, _meta FROM request_events;
CREATE TABLE request_documents_v11 (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests_v11(id),
  office_id   TEXT NOT NULL,
  to_office_id TEXT NOT NULL DEFAULT '',
  employee_id TEXT NOT NULL DEFAULT '',
  doc_type    TEXT NOT NULL,
  file_name   TEXT NOT NULL DEFAULT '',
  mime        TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL,
  added_by    TEXT NOT NULL DEFAULT '',
  added_ms    INTEGER NOT NULL DEFAULT 0,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived = 0 OR archived = 1),
  _seq        INTEGER,
  _meta       TEXT
);
INSERT INTO request_documents_v11 SELECT id, request_id, office_id, to_office_id, employee_id, doc_type, file_name, mime,
                                         size, sha256, added_by, added_ms, archived, _seq, _meta FROM request_documents;
DROP TABLE request_events;
DROP TABLE request_documents;
DROP TABLE requests;
ALTER TABLE requests_v11 RENAME TO requests;
ALTER TABLE request_events_v11 RENAME TO request_events;
ALTER TABLE request_documents_v11 RENAME TO request_documents;
CREATE INDEX requests_seq ON requests(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX requests_office ON requests(office_id, _seq);
CREATE INDEX requests_to_office ON requests(to_office_id, _seq);
CREATE INDEX requests_employee ON requests(employee_id, _seq);
CREATE INDEX requests_number ON requests(number);
CREATE INDEX requests_status ON requests(status, tmt);
CREATE UNIQUE INDEX requests_sk_number ON requests(sk_number) WHERE sk_number <> '';
CREATE INDEX request_events_request ON request_events(request_id, ordinal);
CREATE INDEX request_events_seq ON request_events(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX request_events_office ON request_events(office_id, _seq);
CREATE INDEX request_events_to_office ON request_events(to_office_id, _seq);
CREATE INDEX request_events_employee ON request_events(employee_id, _seq);
CREATE INDEX request_documents_request ON request_documents(request_id);
CREATE INDEX request_documents_seq ON request_documents(_seq) WHERE _seq IS NOT NULL;
CREATE INDEX request_documents_office ON request_documents(office_id, _seq);
CREATE INDEX request_documents_to_office ON request_documents(to_office_id, _seq);
CREATE INDEX request_documents_employee ON request_documents(employee_id, _seq);
)sql",
        // 12: the applicant's golongan in the request's snapshot (between
        // instansi: the receiving side enters the person's record at the TMT
        // and issues an SK naming the golongan, holding no record of its own;
        // docs/SCALE.md "TMT records"). Backfilled from the local record.
        R"sql(
ALTER TABLE requests ADD COLUMN employee_golongan TEXT NOT NULL DEFAULT '';
UPDATE requests SET employee_golongan = coalesce((SELECT e.golongan FROM employees e WHERE e.id = requests.employee_id), '');
)sql",
    };
    return m;
}


}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

int schema_version(Db& db) {
    auto s = db.prepare("PRAGMA user_version");
    return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

void migrate(Db& db) { migrate(db, latest_schema_version()); }

void migrate(Db& db, int target) {
    const int current = schema_version(db);
    const int latest = latest_schema_version();
    if (current > latest)
        throw DbError(0, "database schema " + std::to_string(current) + " is newer than this program (" +
                             std::to_string(latest) + ")");
    for (int v = current; v < std::min(target, latest); ++v) {
        db.transaction([&] {
            db.exec(migrations()[static_cast<size_t>(v)]);
            db.exec("PRAGMA user_version=" + std::to_string(v + 1));
        });
    }
}

bool TableSpec::has(std::string_view column) const {
    return std::find(columns.begin(), columns.end(), column) != columns.end();
}

int TableSpec::column_index(std::string_view column) const {
    for (size_t k = 0; k < columns.size(); ++k) {
        const std::string& c = columns[k];  // size and first letter first: most names differ there
        if (c.size() == column.size() && !c.empty() && c[0] == column[0] && c == column) return static_cast<int>(k);
    }
    return -1;
}

const std::vector<TableSpec>& synced_tables() {
    // Order matters: parents before children, so a snapshot applied in this order
    // always satisfies foreign keys.
    static const std::vector<TableSpec> t = {
        {"offices", {"parent_id", "kind", "code", "name", "archived"}, "id"},
        {"positions",
         {"office_id", "name", "kind", "eselon", "golongan_min", "golongan_max", "requirements", "is_head", "archived"},
         "office_id"},
        {"employees",
         {"nip", "name", "gender", "birth_date", "asn_type", "golongan", "education", "position_id", "office_id",
          "tmt_position", "competences", "commitment_10y", "archived", "discipline_open"},
         "office_id"},
        {"abk_tasks",
         {"position_id", "office_id", "year", "task", "output_unit", "volume", "period", "norm_minutes", "archived"},
         "office_id"},
        // Workflow tables (migrations 4, 11, 12): written by commands only; visible to
        // the origin office, the destination office and the applicant.
        {"requests",
         {"number", "employee_id", "office_id", "from_position_id", "to_office_id", "to_positions", "to_instansi", "kind",
          "reason", "explanation", "status", "status_ms", "created_by", "created_ms", "sk_number", "sk_date", "tmt",
          "from_instansi", "employee_nip", "employee_name", "employee_golongan"},
         "office_id", "to_office_id", "employee_id", false, true},
        {"request_events",
         {"request_id", "ordinal", "office_id", "to_office_id", "employee_id", "command", "from_status", "to_status",
          "actor", "actor_role", "at_ms", "note"},
         "office_id", "to_office_id", "employee_id", false, true},
        {"request_documents",
         {"request_id", "office_id", "to_office_id", "employee_id", "doc_type", "file_name", "mime", "size", "sha256",
          "added_by", "added_ms", "archived"},
         "office_id", "to_office_id", "employee_id", false, true},
        // Placement history (migrations 4, 5): written once, never changed (the
        // server refuses an update); read by the office the person is placed in,
        // the office they left and the person themselves.
        {"placements",
         {"employee_id", "office_id", "position_id", "from_office_id", "from_position_id", "tmt", "cause", "reference",
          "reason", "exit_kind", "recorded_by", "recorded_ms"},
         "office_id", "from_office_id", "employee_id", false},
        // Balance snapshots (migration 7): written by the server only; read by
        // the office's scope (a kecamatan sees its own and its kelurahan's).
        {"eval_snapshots", {"period", "office_id", "closed", "taken_ms", "figures", "positions"}, "office_id", "", "", true, true},
    };
    return t;
}

const TableSpec* find_table(std::string_view name) {
    for (const auto& t : synced_tables())
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace seimbang::store
