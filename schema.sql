-- claimtrack schema.
--
-- This file is a list of migrations. Each one starts with a line
-- `-- migration N: what it does` and runs once, in order, inside one
-- transaction; `PRAGMA user_version` records how many have run.
-- Append new migrations at the end; never edit or reorder one that shipped.
-- Views are not migrations: they live in views.sql, and claimtrack re-creates
-- them whenever their text there differs from the ledger's (src/store/migrate.rs).
--
-- Timestamps are UTC, ISO 8601 with seconds (`2025-09-22T10:04:00Z`).
-- Publication dates keep their precision: `2023` (year), `2025-07` (month)
-- or `2025-09-22` (day), with the precision spelled out beside them.

-- migration 1: the ledger — sources, articles, claims, citations, links, verdicts, audit events, flag views

-- Who a statement is attributed to.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('outlet', 'person', 'agency', 'government',
                                              'organization', 'document', 'anonymous')),
    url         TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sources_by_name ON sources (name COLLATE NOCASE);
CREATE INDEX sources_by_url ON sources (url) WHERE url IS NOT NULL;

-- Other names a source goes by ("MEE" for Middle East Eye).
CREATE TABLE source_aliases (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    alias       TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    created_at  TEXT NOT NULL,
    UNIQUE (source_id, alias COLLATE NOCASE)
) STRICT;
CREATE INDEX source_aliases_by_alias ON source_aliases (alias COLLATE NOCASE);

-- A published report. `body` is the article text when the editor supplied it.
CREATE TABLE articles (
    id                   INTEGER PRIMARY KEY,
    publisher_id         INTEGER REFERENCES sources (id),
    url                  TEXT UNIQUE,
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    published            TEXT,
    published_precision  TEXT CHECK (published_precision IN ('year', 'month', 'day')),
    body                 TEXT,
    body_sha256          TEXT,
    created_at           TEXT NOT NULL,
    CHECK ((published IS NULL) = (published_precision IS NULL)),
    CHECK (published IS NULL
           OR (published_precision = 'year'  AND published GLOB '[0-9][0-9][0-9][0-9]')
           OR (published_precision = 'month' AND published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]')
           OR (published_precision = 'day'   AND published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')),
    CHECK ((body IS NULL) = (body_sha256 IS NULL))
) STRICT;
CREATE INDEX articles_by_publisher ON articles (publisher_id);
CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE);

-- `article_id` re-reports `derived_from_id` (a wire story, an earlier report).
CREATE TABLE article_derivations (
    article_id       INTEGER NOT NULL REFERENCES articles (id),
    derived_from_id  INTEGER NOT NULL REFERENCES articles (id),
    PRIMARY KEY (article_id, derived_from_id),
    CHECK (article_id <> derived_from_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_derivations_by_origin ON article_derivations (derived_from_id);

-- One checkable statement, in canonical wording.
CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retracted')),
    retract_reason  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
-- Covers what flagging reads (id, status, age), so a whole-ledger pass skips the claim texts.
CREATE INDEX claims_for_flags ON claims (status, created_at);

-- A claim appearing in an article, attributed to a source.
-- `named` needs a source and `unattributed` has none; `anonymous` ("sources
-- indicate") and `vague` ("reportedly") may name one. Offsets count
-- characters (Unicode scalar values) into the article body, end exclusive.
CREATE TABLE citations (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims (id),
    article_id    INTEGER NOT NULL REFERENCES articles (id),
    source_id     INTEGER REFERENCES sources (id),
    kind          TEXT NOT NULL CHECK (kind IN ('named', 'anonymous', 'vague', 'unattributed')),
    quote         TEXT,
    start_offset  INTEGER CHECK (start_offset >= 0),
    end_offset    INTEGER,
    created_at    TEXT NOT NULL,
    CHECK (kind <> 'named' OR source_id IS NOT NULL),
    CHECK (kind <> 'unattributed' OR source_id IS NULL),
    CHECK ((start_offset IS NULL) = (end_offset IS NULL)),
    CHECK (end_offset IS NULL OR end_offset >= start_offset)
) STRICT;
-- Covers everything the flags read, so a whole-ledger pass never touches the quotes.
CREATE INDEX citations_for_graph ON citations (claim_id, article_id, source_id, kind);
CREATE INDEX citations_by_article ON citations (article_id);
CREATE INDEX citations_by_source ON citations (source_id) WHERE source_id IS NOT NULL;

-- A stance between a claim and another claim or an article.
CREATE TABLE links (
    id                INTEGER PRIMARY KEY,
    claim_id          INTEGER NOT NULL REFERENCES claims (id),
    stance            TEXT NOT NULL CHECK (stance IN ('corroborates', 'conflicts', 'duplicates')),
    target_claim_id   INTEGER REFERENCES claims (id),
    target_article_id INTEGER REFERENCES articles (id),
    note              TEXT,
    editor            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    CHECK ((target_claim_id IS NULL) <> (target_article_id IS NULL)),
    CHECK (target_claim_id IS NULL OR target_claim_id <> claim_id)
) STRICT;
CREATE INDEX links_by_claim ON links (claim_id);
CREATE INDEX links_by_target_claim ON links (target_claim_id) WHERE target_claim_id IS NOT NULL;
CREATE INDEX links_by_target_article ON links (target_article_id) WHERE target_article_id IS NOT NULL;

-- An editor's rating of a claim. History is kept; the latest row wins.
CREATE TABLE verdicts (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    rating      TEXT NOT NULL CHECK (rating IN ('true', 'mostly-true', 'mixed', 'mostly-false',
                                                'false', 'unproven', 'misattributed')),
    note        TEXT,
    evidence    TEXT,
    editor      TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX verdicts_by_claim ON verdicts (claim_id, id);

-- Ledger-wide settings the flag views read (`stale_days`).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
INSERT INTO settings (key, value) VALUES ('stale_days', '30');

-- The append-only audit log. `old_values` / `new_values` are JSON snapshots
-- of the row before and after. `hash` is SHA-256 over `prev_hash` and this
-- event's content, so an edited or deleted event breaks the chain.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    editor      TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    claim_id    INTEGER,
    old_values  TEXT CHECK (old_values IS NULL OR json_valid(old_values)),
    new_values  TEXT CHECK (new_values IS NULL OR json_valid(new_values)),
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX events_by_claim ON events (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX events_by_row ON events (table_name, row_id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;

-- ---------------------------------------------------------------------------
-- Flag views: the same flags `claimtrack flags` computes, readable from any
-- SQLite client. `SELECT * FROM claim_flags` lists every flagged claim.
-- ---------------------------------------------------------------------------

-- Every article with the root articles it derives from (itself when it
-- derives from nothing), following derived_from transitively.
-- An article whose every ancestor sits on a derived_from cycle (only possible
-- by editing the file by hand) takes the cycle's smallest article as its root.
CREATE VIEW article_roots AS
WITH RECURSIVE ancestry (article_id, ancestor_id) AS (
    SELECT id, id FROM articles
    UNION
    SELECT ancestry.article_id, d.derived_from_id
    FROM ancestry JOIN article_derivations d ON d.article_id = ancestry.ancestor_id
),
true_roots AS (
    SELECT article_id, ancestor_id AS root_id
    FROM ancestry
    WHERE NOT EXISTS (SELECT 1 FROM article_derivations d WHERE d.article_id = ancestry.ancestor_id)
)
SELECT article_id, root_id FROM true_roots
UNION ALL
SELECT article_id, min(ancestor_id) FROM ancestry
WHERE article_id NOT IN (SELECT article_id FROM true_roots)
GROUP BY article_id;

-- The evidence behind each claim: its own citations, articles linked as
-- corroborating it, and the citations of claims (still standing) linked as
-- corroborating or duplicating it (either direction). `item` names each piece uniquely.
-- `source_key` is who vouches for it: the attributed source, the publisher
-- for unattributed text and linked articles, and an unnamed voice per article
-- for anonymous or vague attribution.
CREATE VIEW claim_evidence AS
SELECT c.claim_id, 'c' || c.id AS item, 'citation' AS via, c.id AS via_id, c.article_id, c.kind,
       CASE WHEN c.source_id IS NOT NULL THEN 's' || c.source_id
            WHEN c.kind = 'unattributed' AND a.publisher_id IS NOT NULL THEN 's' || a.publisher_id
            ELSE 'a' || c.article_id || ':' || c.kind END AS source_key
FROM citations c JOIN articles a ON a.id = c.article_id
UNION ALL
SELECT l.claim_id, 'l' || l.id, 'link', l.id, l.target_article_id, 'article',
       COALESCE('s' || a.publisher_id, 'a' || a.id || ':article')
FROM links l JOIN articles a ON a.id = l.target_article_id
WHERE l.stance = 'corroborates'
UNION ALL
SELECT pair.claim_id, 'x' || pair.other_id || ':' || c.id, 'claim', pair.other_id, c.article_id, c.kind,
       CASE WHEN c.source_id IS NOT NULL THEN 's' || c.source_id
            WHEN c.kind = 'unattributed' AND a.publisher_id IS NOT NULL THEN 's' || a.publisher_id
            ELSE 'a' || c.article_id || ':' || c.kind END
FROM (SELECT claim_id, target_claim_id AS other_id FROM links
      WHERE stance IN ('corroborates', 'duplicates') AND target_claim_id IS NOT NULL
      UNION
      SELECT target_claim_id, claim_id FROM links
      WHERE stance IN ('corroborates', 'duplicates') AND target_claim_id IS NOT NULL) pair
JOIN claims other ON other.id = pair.other_id AND other.status = 'active'
JOIN citations c ON c.claim_id = pair.other_id
JOIN articles a ON a.id = c.article_id;

-- Where each claim first appeared: its earliest-published citing article
-- (undated articles last, ties broken by id).
CREATE VIEW claim_origins AS
SELECT claim_id, article_id FROM (
    SELECT c.claim_id, c.article_id,
           row_number() OVER (PARTITION BY c.claim_id
                              ORDER BY a.published IS NULL, a.published, a.id) AS rn
    FROM citations c JOIN articles a ON a.id = c.article_id
) WHERE rn = 1;

-- The independent origins of each claim's evidence. Two pieces depend on each
-- other when they share a source or their articles share a root; dependence
-- is followed transitively, and each resulting group is one origin, named by
-- its smallest item.
CREATE VIEW claim_evidence_groups AS
WITH RECURSIVE
linked (claim_id, x, y) AS (
    SELECT e1.claim_id, e1.item, e2.item
    FROM claim_evidence e1 JOIN claim_evidence e2 ON e2.claim_id = e1.claim_id AND e2.item <> e1.item
    WHERE e1.source_key = e2.source_key
       OR EXISTS (SELECT 1 FROM article_roots r1 JOIN article_roots r2 ON r2.root_id = r1.root_id
                  WHERE r1.article_id = e1.article_id AND r2.article_id = e2.article_id)
),
reach (claim_id, item, other) AS (
    SELECT claim_id, item, item FROM claim_evidence
    UNION
    SELECT r.claim_id, r.item, l.y FROM reach r JOIN linked l ON l.claim_id = r.claim_id AND l.x = r.other
)
SELECT claim_id, item, min(other) AS origin_group FROM reach GROUP BY claim_id, item;

-- How many independent origins each claim with evidence has.
CREATE VIEW claim_independence AS
SELECT claim_id, count(DISTINCT origin_group) AS independent_sources
FROM claim_evidence_groups GROUP BY claim_id;

CREATE VIEW latest_verdicts AS
SELECT v.claim_id, v.rating, v.note, v.evidence, v.editor, v.created_at
FROM verdicts v
WHERE v.id = (SELECT max(id) FROM verdicts WHERE claim_id = v.claim_id);

-- One row per (claim, flag) with a short reason. `claimtrack flags` gives
-- the same flags with longer reasons.
CREATE VIEW claim_flags AS
WITH active AS (SELECT id, created_at FROM claims WHERE status = 'active'),
counts AS (
    SELECT claim_id,
           count(*) AS n,
           sum(via = 'citation') AS citations,
           sum(via = 'citation' AND kind = 'named') AS named,
           sum(via = 'citation' AND kind IN ('anonymous', 'vague')) AS anonymous,
           sum(via = 'citation' AND kind = 'unattributed') AS unattributed
    FROM claim_evidence GROUP BY claim_id
),
corroborations AS (
    SELECT e.claim_id, e.article_id,
           EXISTS (SELECT 1 FROM article_roots r1 JOIN article_roots r2 ON r2.root_id = r1.root_id
                   WHERE r1.article_id = e.article_id AND r2.article_id = o.article_id) AS from_origin
    FROM claim_evidence e JOIN claim_origins o ON o.claim_id = e.claim_id
    WHERE e.article_id <> o.article_id
)
SELECT a.id AS claim_id, 'unattributed' AS flag,
       CASE WHEN coalesce(k.citations, 0) = 0 THEN 'no citation recorded'
            ELSE 'stated without a source in ' || k.unattributed || ' citation(s)' END AS reason
FROM active a LEFT JOIN counts k ON k.claim_id = a.id
WHERE coalesce(k.citations, 0) = coalesce(k.unattributed, 0)
UNION ALL
SELECT a.id, 'anonymous-only', 'only anonymous or vague sources (' || k.anonymous || ')'
FROM active a JOIN counts k ON k.claim_id = a.id
WHERE k.anonymous > 0 AND k.named = 0
UNION ALL
SELECT a.id, 'single-source', 'one independent source'
FROM active a JOIN claim_independence i ON i.claim_id = a.id
WHERE i.independent_sources = 1
UNION ALL
SELECT a.id, 'circular', 'every corroboration derives from the article where the claim first appeared'
FROM active a
WHERE EXISTS (SELECT 1 FROM corroborations c WHERE c.claim_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM corroborations c WHERE c.claim_id = a.id AND NOT c.from_origin)
UNION ALL
SELECT a.id, 'conflicted', 'conflicting report linked and no verdict'
FROM active a
WHERE a.id NOT IN (SELECT claim_id FROM latest_verdicts)
  AND EXISTS (SELECT 1 FROM links l
              LEFT JOIN claims other ON other.id = CASE WHEN l.claim_id = a.id THEN l.target_claim_id ELSE l.claim_id END
              WHERE l.stance = 'conflicts' AND (l.claim_id = a.id OR l.target_claim_id = a.id)
                AND (other.id IS NULL OR other.status = 'active'))
UNION ALL
SELECT a.id, 'unverified', 'no verdict and fewer than two independent sources'
FROM active a
WHERE a.id NOT IN (SELECT claim_id FROM latest_verdicts)
  AND a.id NOT IN (SELECT claim_id FROM claim_independence WHERE independent_sources >= 2)
UNION ALL
SELECT a.id, 'stale', 'no verdict after ' || s.value || ' days'
FROM active a JOIN settings s ON s.key = 'stale_days'
WHERE a.id NOT IN (SELECT claim_id FROM latest_verdicts)
  AND julianday('now') - julianday(a.created_at) > CAST(s.value AS REAL);

-- migration 2: the flag views now live in views.sql, re-created whenever their text changes

DROP VIEW IF EXISTS claim_flags;
DROP VIEW IF EXISTS latest_verdicts;
DROP VIEW IF EXISTS claim_independence;
DROP VIEW IF EXISTS claim_evidence_groups;
DROP VIEW IF EXISTS claim_origins;
DROP VIEW IF EXISTS claim_evidence;
DROP VIEW IF EXISTS article_roots;

-- migration 3: the lasting audit format — changes, compact chained events, ids never reused, audited settings
--
-- Every command's events share a change (who, when, which command). An event
-- records an insert's new row, an update's changed columns (old and new) or a
-- delete's old row, as JSON in `data`; its `hash` (32 bytes) is SHA-256 over
-- the previous event's hash, the event, its change, and each value's digest,
-- so `claimtrack redact` can replace a value with a marker that keeps the
-- digest. The schema-1 log is converted by claimtrack in this same
-- transaction and kept, unchanged, as events_v1: `verify` recomputes its old
-- chain and checks that each converted event says what its old event said,
-- so anchors taken before the upgrade still check.
--
-- Names are compared by one normalisation (NFKC and full case folding,
-- whitespace collapsed; accents count): `name_key`, `alias_key` and
-- `title_key` hold it, filled by claimtrack, so a lookup is an index search.
--
-- Ids are never reused: each table is rebuilt with AUTOINCREMENT (SQLite's
-- documented way to change a table's definition; claimtrack turns foreign
-- keys off around this migration and checks them before it commits).

DROP TRIGGER IF EXISTS events_are_append_only_update;
DROP TRIGGER IF EXISTS events_are_append_only_delete;
DROP INDEX IF EXISTS events_by_claim;
DROP INDEX IF EXISTS events_by_row;
ALTER TABLE events RENAME TO events_v1;

CREATE TABLE sources_v3 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('outlet', 'person', 'agency', 'government',
                                              'organization', 'document', 'anonymous')),
    url         TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL,
    name_key    TEXT
) STRICT;
INSERT INTO sources_v3 SELECT *, NULL FROM sources;
DROP TABLE sources;
ALTER TABLE sources_v3 RENAME TO sources;
CREATE INDEX sources_by_name ON sources (name_key);
CREATE INDEX sources_by_url ON sources (url) WHERE url IS NOT NULL;

CREATE TABLE source_aliases_v3 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    alias       TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    created_at  TEXT NOT NULL,
    alias_key   TEXT,
    UNIQUE (source_id, alias COLLATE NOCASE)
) STRICT;
INSERT INTO source_aliases_v3 SELECT *, NULL FROM source_aliases;
DROP TABLE source_aliases;
ALTER TABLE source_aliases_v3 RENAME TO source_aliases;
CREATE INDEX source_aliases_by_alias ON source_aliases (alias_key);

CREATE TABLE articles_v3 (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    publisher_id         INTEGER REFERENCES sources (id),
    url                  TEXT UNIQUE,
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    published            TEXT,
    published_precision  TEXT CHECK (published_precision IN ('year', 'month', 'day')),
    body                 TEXT,
    body_sha256          TEXT,
    created_at           TEXT NOT NULL,
    title_key            TEXT,
    CHECK ((published IS NULL) = (published_precision IS NULL)),
    CHECK (published IS NULL
           OR (published_precision = 'year'  AND published GLOB '[0-9][0-9][0-9][0-9]')
           OR (published_precision = 'month' AND published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]')
           OR (published_precision = 'day'   AND published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')),
    CHECK ((body IS NULL) = (body_sha256 IS NULL))
) STRICT;
INSERT INTO articles_v3 SELECT *, NULL FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v3 RENAME TO articles;
CREATE INDEX articles_by_publisher ON articles (publisher_id);
CREATE INDEX articles_by_title ON articles (title_key);

CREATE TABLE claims_v3 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retracted')),
    retract_reason  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
INSERT INTO claims_v3 SELECT * FROM claims;
DROP TABLE claims;
ALTER TABLE claims_v3 RENAME TO claims;
CREATE INDEX claims_for_flags ON claims (status, created_at);

CREATE TABLE citations_v3 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id      INTEGER NOT NULL REFERENCES claims (id),
    article_id    INTEGER NOT NULL REFERENCES articles (id),
    source_id     INTEGER REFERENCES sources (id),
    kind          TEXT NOT NULL CHECK (kind IN ('named', 'anonymous', 'vague', 'unattributed')),
    quote         TEXT,
    start_offset  INTEGER CHECK (start_offset >= 0),
    end_offset    INTEGER,
    created_at    TEXT NOT NULL,
    CHECK (kind <> 'named' OR source_id IS NOT NULL),
    CHECK (kind <> 'unattributed' OR source_id IS NULL),
    CHECK ((start_offset IS NULL) = (end_offset IS NULL)),
    CHECK (end_offset IS NULL OR end_offset >= start_offset)
) STRICT;
INSERT INTO citations_v3 SELECT * FROM citations;
DROP TABLE citations;
ALTER TABLE citations_v3 RENAME TO citations;
CREATE INDEX citations_for_graph ON citations (claim_id, article_id, source_id, kind);
CREATE INDEX citations_by_article ON citations (article_id);
CREATE INDEX citations_by_source ON citations (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE links_v3 (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id          INTEGER NOT NULL REFERENCES claims (id),
    stance            TEXT NOT NULL CHECK (stance IN ('corroborates', 'conflicts', 'duplicates')),
    target_claim_id   INTEGER REFERENCES claims (id),
    target_article_id INTEGER REFERENCES articles (id),
    note              TEXT,
    editor            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    CHECK ((target_claim_id IS NULL) <> (target_article_id IS NULL)),
    CHECK (target_claim_id IS NULL OR target_claim_id <> claim_id)
) STRICT;
INSERT INTO links_v3 SELECT * FROM links;
DROP TABLE links;
ALTER TABLE links_v3 RENAME TO links;
CREATE INDEX links_by_claim ON links (claim_id);
CREATE INDEX links_by_target_claim ON links (target_claim_id) WHERE target_claim_id IS NOT NULL;
CREATE INDEX links_by_target_article ON links (target_article_id) WHERE target_article_id IS NOT NULL;

CREATE TABLE verdicts_v3 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    rating      TEXT NOT NULL CHECK (rating IN ('true', 'mostly-true', 'mixed', 'mostly-false',
                                                'false', 'unproven', 'misattributed')),
    note        TEXT,
    evidence    TEXT,
    editor      TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
INSERT INTO verdicts_v3 SELECT * FROM verdicts;
DROP TABLE verdicts;
ALTER TABLE verdicts_v3 RENAME TO verdicts;
CREATE INDEX verdicts_by_claim ON verdicts (claim_id, id);

-- Settings get an id of their own: an audited row needs one that VACUUM cannot renumber.
CREATE TABLE settings_v3 (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    key    TEXT NOT NULL UNIQUE,
    value  TEXT NOT NULL
) STRICT;
INSERT INTO settings_v3 (key, value) SELECT key, value FROM settings ORDER BY rowid;
DROP TABLE settings;
ALTER TABLE settings_v3 RENAME TO settings;

-- One row per command that changed the ledger.
CREATE TABLE changes (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    editor   TEXT NOT NULL,
    command  TEXT NOT NULL
) STRICT;

-- The append-only audit log (see the migration's header).
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    change_id   INTEGER NOT NULL REFERENCES changes (id),
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'redact')),
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    claim_id    INTEGER,
    data        TEXT NOT NULL CHECK (json_valid(data)),
    hash        BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
CREATE INDEX events_by_claim ON events (claim_id) WHERE claim_id IS NOT NULL;

-- Only a redaction may touch a recorded event, and only its data (verify
-- checks that every redaction marker has its redact event).
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
WHEN NEW.id IS NOT OLD.id OR NEW.change_id IS NOT OLD.change_id OR NEW.action IS NOT OLD.action
  OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
  OR NEW.claim_id IS NOT OLD.claim_id OR NEW.hash IS NOT OLD.hash
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: only a redaction may replace a recorded value');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;
CREATE TRIGGER changes_are_append_only_update BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'changes are append-only: UPDATE refused');
END;
CREATE TRIGGER changes_are_append_only_delete BEFORE DELETE ON changes
BEGIN
    SELECT RAISE(ABORT, 'changes are append-only: DELETE refused');
END;
-- The schema-1 log, kept: only a redaction may replace a value in its snapshots.
CREATE TRIGGER events_v1_are_append_only_update BEFORE UPDATE ON events_v1
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.editor IS NOT OLD.editor
  OR NEW.action IS NOT OLD.action OR NEW.table_name IS NOT OLD.table_name
  OR NEW.row_id IS NOT OLD.row_id OR NEW.claim_id IS NOT OLD.claim_id
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
BEGIN
    SELECT RAISE(ABORT, 'events_v1 is append-only: only a redaction may replace a recorded value');
END;
CREATE TRIGGER events_v1_are_append_only_delete BEFORE DELETE ON events_v1
BEGIN
    SELECT RAISE(ABORT, 'events_v1 is append-only: DELETE refused');
END;

-- migration 4: the desk's work — a claim's stage, due date, assignees, tags and work log; verdicts with rationale, reviewer, evidence items and withdrawal
--
-- `stage` is where a claim is in the desk's work (open, in-progress,
-- in-review, published, closed); `status` (active/retracted) keeps its
-- meaning. Existing claims start `open`, `published` where a verdict exists,
-- `closed` when retracted: claimtrack records that as one audited change of
-- its own (editor `claimtrack`), so replaying the log still rebuilds every row.
-- `due` is a full date, judged in the desk's time zone (setting desk.timezone).
-- A verdict keeps its `note` and single `evidence` URL from before; new ones
-- add a rationale (Markdown allowed), who reviewed it, any number of evidence
-- items (with the text and SHA-256 of a saved copy, which `verify` checks),
-- and may be withdrawn: the newest verdict not withdrawn is the one in force.
ALTER TABLE claims ADD COLUMN stage TEXT NOT NULL DEFAULT 'open'
    CHECK (stage IN ('open', 'in-progress', 'in-review', 'published', 'closed'));
ALTER TABLE claims ADD COLUMN due TEXT
    CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
UPDATE claims SET stage = CASE
    WHEN status = 'retracted' THEN 'closed'
    WHEN EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = claims.id) THEN 'published'
    ELSE 'open' END;
CREATE INDEX claims_by_due ON claims (due) WHERE due IS NOT NULL;

-- Who is on a claim: editors by name, compared by claimtrack's one normalisation (editor_key).
CREATE TABLE claim_assignees (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    editor      TEXT NOT NULL CHECK (length(trim(editor)) > 0),
    editor_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (claim_id, editor_key)
) STRICT;
CREATE INDEX claim_assignees_by_editor ON claim_assignees (editor_key);

-- The beat or topic a claim belongs to: one word, kept in its normalised form.
CREATE TABLE claim_tags (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    tag         TEXT NOT NULL CHECK (length(tag) > 0 AND tag NOT GLOB '*[ ,' || char(9, 10, 13) || ']*'),
    created_at  TEXT NOT NULL,
    UNIQUE (claim_id, tag)
) STRICT;
CREATE INDEX claim_tags_by_tag ON claim_tags (tag);

-- The claim's work log: dated, signed notes ("called the ministry, awaiting reply").
CREATE TABLE claim_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    body        TEXT NOT NULL CHECK (length(trim(body)) > 0),
    editor      TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX claim_notes_by_claim ON claim_notes (claim_id);

ALTER TABLE verdicts ADD COLUMN rationale TEXT;
ALTER TABLE verdicts ADD COLUMN reviewer TEXT;
ALTER TABLE verdicts ADD COLUMN withdrawn_at TEXT;
ALTER TABLE verdicts ADD COLUMN withdrawn_by TEXT;
ALTER TABLE verdicts ADD COLUMN withdrawn_reason TEXT;

-- What a verdict rests on: a URL, a saved copy (its text and SHA-256), or both.
CREATE TABLE verdict_evidence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    verdict_id    INTEGER NOT NULL REFERENCES verdicts (id),
    url           TEXT,
    title         TEXT,
    accessed      TEXT CHECK (accessed IS NULL OR accessed GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    saved_name    TEXT,
    saved_text    TEXT,
    saved_sha256  TEXT,
    created_at    TEXT NOT NULL,
    CHECK (url IS NOT NULL OR saved_text IS NOT NULL),
    CHECK ((saved_text IS NULL) = (saved_sha256 IS NULL))
) STRICT;
CREATE INDEX verdict_evidence_by_verdict ON verdict_evidence (verdict_id);

-- migration 5: interchange — article media, time-range citations, published reviews (schema.org ClaimReview), where an imported claim came from
--
-- A review is a published fact-check of a claim, as schema.org ClaimReview
-- describes it: who reviewed it (a source), its URL and date, the rating's own
-- words (`alternateName`) and numbers kept verbatim, and — when those words
-- map onto our scale — the verdict they gave the claim. A rating whose words
-- do not map keeps `verdict_id` NULL (an editor maps it); a review without a
-- rating has no rating columns at all. `verdicts` itself is left as it was.

ALTER TABLE articles ADD COLUMN medium TEXT
    CHECK (medium IN ('article', 'broadcast', 'video', 'audio', 'post', 'press-release', 'document'));

-- A time range in the recording, in whole seconds, for audio and video (`--at 00:12:05-00:12:40`).
ALTER TABLE citations ADD COLUMN start_second INTEGER CHECK (start_second >= 0);
ALTER TABLE citations ADD COLUMN end_second INTEGER
    CHECK ((end_second IS NULL) = (start_second IS NULL) AND (end_second IS NULL OR end_second >= start_second));

-- Where an imported claim came from: the file (or <stdin>) and its row or line.
ALTER TABLE claims ADD COLUMN imported_from TEXT;

-- The claim's text again, under the name Datasette labels a row by when no
-- metadata says otherwise (a column called `title`), so wherever a foreign key
-- points at a claim (citations, links, verdicts, reviews) Datasette shows its
-- text rather than a bare number. Kept equal to `text` by the triggers below,
-- redactions included; not audited, since it is derived.
ALTER TABLE claims ADD COLUMN title TEXT;
UPDATE claims SET title = text;
CREATE TRIGGER claims_title_on_insert AFTER INSERT ON claims
BEGIN
    UPDATE claims SET title = NEW.text WHERE id = NEW.id;
END;
CREATE TRIGGER claims_title_on_update AFTER UPDATE OF text ON claims
BEGIN
    UPDATE claims SET title = NEW.text WHERE id = NEW.id;
END;

CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id      INTEGER NOT NULL REFERENCES claims (id),
    verdict_id    INTEGER REFERENCES verdicts (id),
    reviewer_id   INTEGER REFERENCES sources (id),
    url           TEXT,
    published     TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]*'),
    rating_words  TEXT,
    rating_value  ANY,
    best_rating   ANY,
    worst_rating  ANY,
    body          TEXT,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX reviews_by_claim ON reviews (claim_id, id);
CREATE INDEX reviews_by_verdict ON reviews (verdict_id) WHERE verdict_id IS NOT NULL;
-- migration 6: articles keep the URL an editor gave when it differs from the canonical one stored in url
ALTER TABLE articles ADD COLUMN original_url TEXT;

-- migration 7: claim-text matching — the exact-duplicate key, a full-text index, quantities and numeric mismatches
--
-- Filled by claimtrack (src/matching/, src/store/matching.rs) in the same
-- transaction as every write of a claim's text, and for claims already in the
-- ledger right after this migration; `claimtrack similar --reindex` rebuilds all of it.
-- None of it is audited: like name_key, it is worked out from the audited text.
--
-- `text_key` is the text under the ledger's name normalisation with quote marks and
-- punctuation removed: equal keys are the same claim (an exact duplicate).
ALTER TABLE claims ADD COLUMN text_key TEXT;
CREATE INDEX claims_by_text_key ON claims (text_key) WHERE text_key IS NOT NULL;

-- The words each claim's statement carries (attribution frame stripped, stopwords
-- dropped, stemmed), for `similar` and `claim search`; rowid is the claim's id.
-- A plain FTS5 table, holding those words (not the claim's text): the options that
-- would spare it (contentless_delete, secure-delete) need SQLite 3.43+, and the file
-- must open in older clients too (Debian 12's sqlite3 and Python, hence Datasette,
-- have 3.40). A redaction merges the index, so a redacted claim's words leave it.
CREATE VIRTUAL TABLE claims_fts USING fts5 (terms, tokenize = 'unicode61 remove_diacritics 0');
-- How many claims hold each word (`doc`): how rare it is.
CREATE VIRTUAL TABLE claims_fts_vocab USING fts5vocab (claims_fts, 'row');

-- The numbers, quantities and years each claim states (src/matching/numbers.rs).
CREATE TABLE claim_quantities (
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      REAL NOT NULL,
    high       REAL NOT NULL,
    qualifier  TEXT NOT NULL CHECK (qualifier IN ('exact', 'about', 'nearly', 'at-least', 'more-than',
                                                  'at-most', 'less-than', 'range')),
    unit       TEXT NOT NULL,
    is_year    INTEGER NOT NULL CHECK (is_year IN (0, 1)),
    PRIMARY KEY (claim_id, position)
) STRICT, WITHOUT ROWID;

-- Near-duplicate claims whose numbers cannot both be right, once each way:
-- `ours` is what claim_id says, `theirs` what other_claim_id says.
CREATE TABLE claim_mismatches (
    claim_id        INTEGER NOT NULL REFERENCES claims (id),
    other_claim_id  INTEGER NOT NULL REFERENCES claims (id),
    position        INTEGER NOT NULL,
    ours            TEXT NOT NULL,
    theirs          TEXT NOT NULL,
    PRIMARY KEY (claim_id, other_claim_id, position),
    CHECK (claim_id <> other_claim_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_mismatches_by_other ON claim_mismatches (other_claim_id);

-- migration 8: a bulk import records one `import` event per table — the range of ids, the file, its SHA-256 and the digest of the rows — in place of one event per row
-- SQLite cannot widen a CHECK in place: the log is copied, event for event, into a table that admits the new action.
CREATE TABLE events_widened (
    id          INTEGER PRIMARY KEY,
    change_id   INTEGER NOT NULL REFERENCES changes (id),
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'redact', 'import')),
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    claim_id    INTEGER,
    data        TEXT NOT NULL CHECK (json_valid(data)),
    hash        BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
INSERT INTO events_widened (id, change_id, action, table_name, row_id, claim_id, data, hash)
    SELECT id, change_id, action, table_name, row_id, claim_id, data, hash FROM events ORDER BY id;
DROP TABLE events;
ALTER TABLE events_widened RENAME TO events;
CREATE INDEX events_by_claim ON events (claim_id) WHERE claim_id IS NOT NULL;
-- Import events, found without reading the whole log (`verify` rebuilds their rows first).
CREATE INDEX events_imports ON events (table_name, row_id) WHERE action = 'import';
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
WHEN NEW.id IS NOT OLD.id OR NEW.change_id IS NOT OLD.change_id OR NEW.action IS NOT OLD.action
  OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
  OR NEW.claim_id IS NOT OLD.claim_id OR NEW.hash IS NOT OLD.hash
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: only a redaction may replace a recorded value');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;

-- migration 9: a claim written with its title (as an import writes them) is not written a second time by the trigger
DROP TRIGGER claims_title_on_insert;
CREATE TRIGGER claims_title_on_insert AFTER INSERT ON claims WHEN NEW.title IS NOT NEW.text
BEGIN
    UPDATE claims SET title = NEW.text WHERE id = NEW.id;
END;

-- migration 10: how many claims hold each index word, and the index rebuilt with Snowball stems
--
-- fts5vocab counts a word's claims by walking its postings, one by one: about
-- 10 ms for a common word at a million claims, on every lookup. This table
-- holds the count, kept in step with claims_fts in the same transaction (a word
-- no claim holds any more is deleted), and rebuilt by `claimtrack similar --reindex`.
CREATE TABLE claim_term_counts (
    term    TEXT PRIMARY KEY,
    claims  INTEGER NOT NULL CHECK (claims >= 0)
) STRICT, WITHOUT ROWID;
-- The index words are now stemmed by Snowball's English stemmer, not the light one
-- before it: claimtrack indexes every claim again right after this migration (as it
-- did after the one that made the index), filling claims_fts, claim_term_counts and
-- claim_quantities afresh.
DELETE FROM claims_fts;
DELETE FROM claim_quantities;
UPDATE claims SET text_key = NULL;

-- migration 11: CHECK constraints that list allowed words compare them one by one
--
-- SQLite checks `kind IN ('named', 'anonymous', 'vague', 'unattributed')` by
-- building a temporary table of the list for every statement that writes the
-- column: nearly half the load of a bare million-row import. claimtrack
-- rewrites every such list (three or more quoted words) in the tables' stored
-- SQL as `(kind = 'named' OR kind = 'anonymous' OR …)`, which allows and refuses
-- exactly the same values, through PRAGMA writable_schema (SQLite's documented
-- way to change a CHECK constraint without copying the table). See
-- src/store/check_lists.rs. New word lists are written as such chains.

-- migration 12: index words are compared without accents, and the index rebuilt
--
-- "Côte d'Ivoire" and "Cote d'Ivoire", "Utqiaġvik" and "Utqiagvik" are the same
-- words to an editor, so the index now holds every word without its accents
-- (src/matching/text.rs, `words`). claimtrack indexes every claim again right
-- after this migration, as after migration 10. Duplicate keys and names keep
-- their accents.
DELETE FROM claims_fts;
DELETE FROM claim_term_counts;
DELETE FROM claim_quantities;
UPDATE claims SET text_key = NULL;
