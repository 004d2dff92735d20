-- claimtrack flag views on PostgreSQL: views.sql's views, same names, same columns, same rows.
--
-- Each view here is views.sql's, rule for rule and comment for comment, in PostgreSQL's
-- SQL; read views.sql for what the views mean and where they differ from the binary.
-- Like views.sql this file is not a migration: claimtrack (src/store/migrate_pg.rs)
-- records its SHA-256 beside the schema version and, when it differs, drops every
-- view it names and creates them again from this file, in the migrating transaction.
-- Every statement is `CREATE VIEW name WITH (security_invoker = true) AS ...;`, in dependency
-- order: a view reads the tables as the editor querying it, so row-level security shows each
-- newsroom only what it may see (schema-postgres.sql, migration 3), as the tables themselves do.
--
-- What changed from SQLite's spelling, and nothing else:
--   * a subquery in FROM has a name (PostgreSQL 15 wants one);
--   * `sum(condition)` counts with `count(*) FILTER (WHERE condition)`, and 0/1 flags
--     inside the views are booleans (PostgreSQL does not treat integers as truth values);
--   * char(…) is chr(…), instr is strpos, trim(x, chars) is btrim, GLOB is a regular
--     expression, group_concat over a window is string_agg over the same window;
--   * quote snippets turn every whitespace character into a space with translate(),
--     in one step, where SQLite's view replaces one character a step;
--   * a recursive CTE's columns keep one type and collation throughout (CAST, COLLATE "C");
--   * the clock: SQLite's 'now' is now() (the transaction's start) in UTC;
--     strftime('%s', t) is unix_seconds(t) (schema-postgres.sql), with SQLite's
--     parsing rules; the stale cut-off is to_char(now() - N days). A stale_days over
--     700000 (a cut-off before year 1) raises no stale flag, as on SQLite for any
--     created_at claimtrack writes.

-- ---------------------------------------------------------------------------
-- Articles and their derivations
-- ---------------------------------------------------------------------------

-- Every article with itself and every article it derives from, following
-- derived_from transitively. UNION ends the walk on a hand-written cycle.
CREATE VIEW article_ancestry WITH (security_invoker = true) AS
WITH RECURSIVE ancestry (article_id, ancestor_id) AS (
    SELECT id, id FROM articles
    UNION
    SELECT ancestry.article_id, d.derived_from_id
    FROM ancestry JOIN article_derivations d ON d.article_id = ancestry.ancestor_id
)
SELECT article_id, ancestor_id FROM ancestry;

-- Every article with the root articles it derives from (itself when it
-- derives from nothing). An article none of whose ancestors derives from
-- nothing (a hand-written cycle) takes its smallest ancestor as its root.
CREATE VIEW article_roots WITH (security_invoker = true) AS
WITH true_roots AS (
    SELECT x.article_id, x.ancestor_id AS root_id
    FROM article_ancestry x
    WHERE NOT EXISTS (SELECT 1 FROM article_derivations d WHERE d.article_id = x.ancestor_id)
)
SELECT article_id, root_id FROM true_roots
UNION ALL
SELECT article_id, min(ancestor_id) FROM article_ancestry
WHERE article_id NOT IN (SELECT article_id FROM true_roots)
GROUP BY article_id;

-- ---------------------------------------------------------------------------
-- Evidence and independence (src/evidence.rs)
-- ---------------------------------------------------------------------------

-- The evidence behind each claim, in the order the binary weighs and names it
-- (`position`, from 1): the claim's own citations by id, then its links by id:
-- an article linked as corroborating it, or the citations (by id) of a claim
-- still standing that is linked as corroborating or duplicating it, in either
-- direction, at the first such link between the two.
--   item             names each piece uniquely (c<citation>, l<link>, x<claim>:<citation>)
--   via, via_id      'citation' (citation id), 'link' (link id), 'claim' (the linked claim's id)
--   kind             the citation's kind, or 'article' for a linked article
--   voice_source_id  who vouches for it: the attributed source, else the
--                    publisher for unattributed text and linked articles
--   source_key       the voice as a key: 's<source>', or an unnamed voice per
--                    article and kind, 'a<article>:<kind>'
CREATE VIEW claim_evidence WITH (security_invoker = true) AS
WITH
own AS (
    SELECT c.claim_id, 0 AS part, c.id AS link_order, c.id AS citation_order,
           'c' || c.id AS item, 'citation' AS via, c.id AS via_id, c.id AS citation_id,
           c.article_id, c.kind,
           coalesce(c.source_id, CASE WHEN c.kind = 'unattributed' THEN a.publisher_id END) AS voice_source_id
    FROM citations c JOIN articles a ON a.id = c.article_id
),
linked_articles AS (
    SELECT l.claim_id, 1, l.id, 0, 'l' || l.id, 'link', l.id, CAST(NULL AS BIGINT),
           l.target_article_id, 'article', a.publisher_id
    FROM links l JOIN articles a ON a.id = l.target_article_id
    WHERE l.stance = 'corroborates'
),
-- Claims linked as corroborating or duplicating, seen from both ends, with
-- the first link between them (later links add nothing).
claim_pairs (claim_id, other_id, link_id) AS (
    SELECT claim_id, other_id, min(link_id) FROM (
        SELECT claim_id, target_claim_id AS other_id, id AS link_id FROM links
        WHERE stance IN ('corroborates', 'duplicates') AND target_claim_id IS NOT NULL
        UNION ALL
        SELECT target_claim_id, claim_id, id FROM links
        WHERE stance IN ('corroborates', 'duplicates') AND target_claim_id IS NOT NULL
    ) AS l
    GROUP BY claim_id, other_id
),
linked_citations AS (
    SELECT p.claim_id, 1, p.link_id, c.id, 'x' || p.other_id || ':' || c.id, 'claim', p.other_id, c.id,
           c.article_id, c.kind,
           coalesce(c.source_id, CASE WHEN c.kind = 'unattributed' THEN a.publisher_id END)
    FROM claim_pairs p
    JOIN claims other ON other.id = p.other_id AND other.status = 'active'
    JOIN citations c ON c.claim_id = p.other_id
    JOIN articles a ON a.id = c.article_id
),
pieces AS (
    SELECT * FROM own
    UNION ALL SELECT * FROM linked_articles
    UNION ALL SELECT * FROM linked_citations
)
SELECT claim_id, item, via, via_id, article_id, kind,
       CASE WHEN voice_source_id IS NOT NULL THEN 's' || voice_source_id
            ELSE 'a' || article_id || ':' || kind END AS source_key,
       row_number() OVER (PARTITION BY claim_id ORDER BY part, link_order, citation_order) AS position,
       citation_id, voice_source_id
FROM pieces;

-- Where each claim first appeared: its earliest-published citing article
-- (undated articles last, ties broken by id).
CREATE VIEW claim_origins WITH (security_invoker = true) AS
SELECT claim_id, article_id FROM (
    SELECT c.claim_id, c.article_id,
           row_number() OVER (PARTITION BY c.claim_id
                              ORDER BY a.published IS NULL, a.published, a.id) AS rn
    FROM citations c JOIN articles a ON a.id = c.article_id
) AS o WHERE rn = 1;

-- The independent origins of each claim's evidence. Two pieces depend on each
-- other when they share a source or their articles share a root; dependence
-- is followed transitively, and each resulting group is one origin, named by
-- its smallest item.
CREATE VIEW claim_evidence_groups WITH (security_invoker = true) AS
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
CREATE VIEW claim_independence WITH (security_invoker = true) AS
SELECT claim_id, count(DISTINCT origin_group) AS independent_sources
FROM claim_evidence_groups GROUP BY claim_id;

-- The verdict in force on each rated claim: its latest not withdrawn.
CREATE VIEW latest_verdicts WITH (security_invoker = true) AS
SELECT v.claim_id, v.rating, v.note, v.evidence, v.editor, v.created_at
FROM verdicts v
WHERE v.id = (SELECT max(id) FROM verdicts WHERE claim_id = v.claim_id AND withdrawn_at IS NULL);

-- ---------------------------------------------------------------------------
-- Flags (src/flags.rs)
-- ---------------------------------------------------------------------------

-- One row per flag on an active claim: (claim_id, claim_text, flag, reason, flag_order).
-- `reason` is the binary's wording; `flag_order` is the flag's place in
-- Flag::ALL (1 unattributed, 2 anonymous-only, 3 single-source, 4 circular,
-- 5 conflicted, 6 unverified, 7 stale, 8 numeric-mismatch), the order the binary lists a claim's
-- flags in. Rows come ordered by claim_id, flag_order.
--
-- SQLite expands a CTE or view anew at every place that names it, and the
-- SQLite claimtrack bundles refuses a statement that expands to a thousand
-- table cursors (this one comes to about 650). So each CTE below is named
-- once where possible: the lists a claim's reasons print are made together
-- (list_entries), the facts about a claim are gathered into one row
-- (claim_facts), and the rules read that row once per flag.
CREATE VIEW claim_flags WITH (security_invoker = true) AS
WITH RECURSIVE
-- The flags, in Flag::ALL order.
flag_names (flag_order, flag) AS (
    VALUES (1, 'unattributed'), (2, 'anonymous-only'), (3, 'single-source'), (4, 'circular'),
           (5, 'conflicted'), (6, 'unverified'), (7, 'stale'), (8, 'numeric-mismatch')
),
-- Every piece of evidence (claim_evidence), computed once for the uses below.
evidence AS MATERIALIZED (
    SELECT * FROM claim_evidence
),
-- The claims that can carry flags.
active AS (
    SELECT id, created_at FROM claims WHERE status = 'active'
),
-- How much evidence of each kind a claim has; `own` counts its citations.
counts AS (
    SELECT claim_id,
           count(*) AS items,
           count(*) FILTER (WHERE via = 'citation') AS own,
           count(*) FILTER (WHERE via = 'citation' AND kind = 'named') AS named,
           count(*) FILTER (WHERE via = 'citation' AND kind IN ('anonymous', 'vague')) AS hedged,
           count(*) FILTER (WHERE via = 'citation' AND kind = 'unattributed') AS unattributed
    FROM evidence GROUP BY claim_id
),
-- Rust's char::is_whitespace, besides the space: what str::split_whitespace
-- splits on and str::trim trims.
whitespace (chars) AS (
    SELECT string_agg(chr(code), '' ORDER BY n) COLLATE "C"
    FROM unnest(ARRAY[9, 10, 11, 12, 13, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198,
                      8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288]) WITH ORDINALITY AS w (code, n)
),

-- Describing a piece of evidence ("Middle East Eye in article 1") --------------

-- The pieces a reason names: the first (single-source) and the hedged own
-- citations (anonymous-only).
described AS (
    SELECT *, via = 'citation' AND kind IN ('anonymous', 'vague') AS hedged
    FROM evidence
    WHERE position = 1 OR (via = 'citation' AND kind IN ('anonymous', 'vague'))
),
-- Quote snippets: the first five words of the quote's first 80 characters,
-- and "…" when more follow. Every whitespace character becomes a space
-- first (translate does in one step what SQLite's view does a character a step).
quote_spaced (citation_id, text) AS (
    SELECT c.id, translate(substr(c.quote, 1, 80), w.chars, repeat(' ', length(w.chars)))
    FROM citations c, whitespace w
    WHERE c.quote IS NOT NULL AND c.id IN (SELECT citation_id FROM described)
),
quote_words (citation_id, words, snippet, rest) AS (
    SELECT citation_id, 0, '' COLLATE "C", ltrim(text, ' ') FROM quote_spaced
    UNION ALL
    SELECT citation_id, words + 1,
           snippet || CASE WHEN words = 0 THEN '' ELSE ' ' END || substr(rest, 1, strpos(rest || ' ', ' ') - 1),
           ltrim(substr(rest, strpos(rest || ' ', ' ')), ' ')
    FROM quote_words
    WHERE rest <> '' AND words < 5
),
-- ` ("Sources indicate…")`: the snippet as Rust's {:?} prints it.
quote_snippets (citation_id, quoted) AS (
    SELECT citation_id,
           ' ("' || replace(replace(snippet || CASE WHEN rest <> '' THEN '…' ELSE '' END,
                                    '\', '\\'), '"', '\"') || '")'
    FROM quote_words
    WHERE rest = '' OR words = 5
),
-- flags.rs `describe`, case for case. A source missing from `sources` is
-- called "source #id", as Graph::source_name calls it.
descriptions (claim_id, position, hedged, text) AS (
    SELECT e.claim_id, e.position, e.hedged,
           CASE
               WHEN e.via = 'link' THEN
                   'article ' || e.article_id
                   || coalesce(' (' || coalesce(pub.name, 'source #' || a.publisher_id) || ')', '')
               WHEN e.voice_source_id IS NOT NULL AND e.kind = 'unattributed' THEN
                   'article ' || e.article_id || ' itself (' || coalesce(voice.name, 'source #' || e.voice_source_id)
                   || '), with no attribution'
               WHEN e.voice_source_id IS NOT NULL AND e.voice_source_id = a.publisher_id THEN
                   coalesce(voice.name, 'source #' || e.voice_source_id) || ' citing itself'
                   || coalesce(q.quoted, '') || ' in its own article ' || e.article_id
               WHEN e.voice_source_id IS NOT NULL AND e.kind = 'named' THEN
                   coalesce(voice.name, 'source #' || e.voice_source_id) || ' in article ' || e.article_id
               WHEN e.voice_source_id IS NOT NULL THEN
                   coalesce(voice.name, 'source #' || e.voice_source_id) || ' ' || e.kind
                   || coalesce(q.quoted, '') || ' in article ' || e.article_id
               WHEN e.kind = 'unattributed' THEN
                   'article ' || e.article_id || ' itself, with no attribution'
               ELSE
                   e.kind || coalesce(q.quoted, '') || ' in article ' || e.article_id
           END
           || CASE WHEN e.via = 'claim' THEN ' (via claim ' || e.via_id || ')' ELSE '' END
    FROM described e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN sources voice ON voice.id = e.voice_source_id
    LEFT JOIN sources pub ON pub.id = a.publisher_id
    LEFT JOIN quote_snippets q ON q.citation_id = e.citation_id
),

-- Circular: every corroboration traces back to where the claim first appeared --

-- The articles of an active claim's evidence other than its origin, when all
-- of them share a root with the origin, each with the smallest root it shares.
circular (claim_id, origin_id, article_id, shared_root_id) AS (
    SELECT claim_id, origin_id, article_id, shared_root_id FROM (
        SELECT *, count(shared_root_id) OVER (PARTITION BY claim_id) = count(*) OVER (PARTITION BY claim_id) AS all_shared
        FROM (
            SELECT c.claim_id, c.origin_id, c.article_id,
                   (SELECT min(r1.root_id) FROM article_roots r1
                    JOIN article_roots r2 ON r2.root_id = r1.root_id AND r2.article_id = c.origin_id
                    WHERE r1.article_id = c.article_id) AS shared_root_id
            FROM (SELECT DISTINCT e.claim_id, o.article_id AS origin_id, e.article_id
                  FROM evidence e
                  JOIN claim_origins o ON o.claim_id = e.claim_id
                  JOIN active a ON a.id = e.claim_id
                  WHERE e.article_id <> o.article_id) c
        ) AS r
    ) AS s
    WHERE all_shared
),
-- The derivation chains a circular reason may print, from → to: each
-- corroborating article up to the origin it derives from, and the origin up
-- to each corroborating article it derives from. `bound` counts `from_id` and
-- its ancestors; no shortest chain is longer.
path_ends (from_id, to_id, bound) AS (
    SELECT e.from_id, e.to_id, count(*)
    FROM (SELECT DISTINCT CASE WHEN d.up THEN c.article_id ELSE c.origin_id END AS from_id,
                          CASE WHEN d.up THEN c.origin_id ELSE c.article_id END AS to_id
          FROM circular c, (SELECT true AS up UNION ALL SELECT false) d) e
    JOIN article_ancestry x ON x.article_id = e.from_id AND x.ancestor_id = e.to_id
    JOIN article_ancestry y ON y.article_id = e.from_id
    GROUP BY e.from_id, e.to_id
),
-- Walks down from `to_id` through the ancestors of `from_id`: each reaches
-- `article_id` in `steps` steps, the last from `closer_id` (the bound also
-- ends a hand-written cycle).
path_steps (from_id, to_id, bound, article_id, steps, closer_id) AS (
    SELECT from_id, to_id, bound, to_id, 0, CAST(NULL AS BIGINT) FROM path_ends
    UNION
    SELECT s.from_id, s.to_id, s.bound, d.article_id, s.steps + 1, s.article_id
    FROM path_steps s
    JOIN article_derivations d ON d.derived_from_id = s.article_id
    JOIN article_ancestry x ON x.article_id = s.from_id AND x.ancestor_id = d.article_id
    WHERE s.steps + 1 < s.bound
),
-- The parent the binary's breadth-first search steps to from each article:
-- it visits parents in id order, so of the parents one step closer to
-- `to_id` on a shortest walk, the smallest.
next_steps (from_id, to_id, article_id, parent_id) AS (
    SELECT from_id, to_id, article_id, min(closer_id) FROM (
        SELECT *, min(steps) OVER (PARTITION BY from_id, to_id, article_id) AS shortest FROM path_steps
    ) AS s
    WHERE steps = shortest AND closer_id IS NOT NULL
    GROUP BY from_id, to_id, article_id
),
-- "7 → 5 → 2", and how many articles the chain has.
paths (from_id, to_id, article_id, chain, length) AS (
    SELECT from_id, to_id, from_id, CAST(from_id AS TEXT), 1 FROM path_ends
    UNION ALL
    SELECT p.from_id, p.to_id, n.parent_id, p.chain || ' → ' || n.parent_id, p.length + 1
    FROM paths p
    JOIN next_steps n ON n.from_id = p.from_id AND n.to_id = p.to_id AND n.article_id = p.article_id
),
-- flags.rs `circular_reason`: one part per corroborating article (joined
-- in id order below); a chain of two articles goes without saying.
circular_parts (claim_id, article_id, part) AS (
    SELECT claim_id, article_id,
           'article ' || article_id || CASE
               WHEN up IS NOT NULL THEN
                   ', which derives from article ' || origin_id || ' where the claim first appeared' || up
               WHEN down IS NOT NULL THEN
                   ', the report that article ' || origin_id
                   || ' (where the claim first appeared) itself derives from' || down
               WHEN shared_root_id IS NOT NULL THEN
                   ', which like article ' || origin_id
                   || ' (where the claim first appeared) re-reports article ' || shared_root_id
               ELSE ', which shares its origin with article ' || origin_id
           END
    FROM (
        SELECT c.claim_id, c.article_id, c.origin_id, c.shared_root_id,
               max(CASE WHEN p.from_id = c.article_id THEN p.shown END) AS up,
               max(CASE WHEN p.from_id = c.origin_id THEN p.shown END) AS down
        FROM circular c
        LEFT JOIN (SELECT from_id, to_id, CASE WHEN length > 2 THEN ' (' || chain || ')' ELSE '' END AS shown
                   FROM paths WHERE article_id = to_id) p
               ON (p.from_id = c.article_id AND p.to_id = c.origin_id)
               OR (p.from_id = c.origin_id AND p.to_id = c.article_id)
        GROUP BY c.claim_id, c.article_id, c.origin_id, c.shared_root_id
    ) AS x
),

-- Lists: "a", "a and b", "a, b and c" (flags.rs `join_and`) --------------------

-- The conflicting reports linked to each active claim, by link id; a link to
-- a retracted claim says nothing.
conflicts (claim_id, link_id, entry) AS (
    SELECT a.id, l.id,
           CASE WHEN l.target_article_id IS NOT NULL THEN 'article ' || l.target_article_id
                WHEN l.claim_id = a.id THEN 'claim ' || l.target_claim_id
                ELSE 'claim ' || l.claim_id END
           || ' conflicts with it (link ' || l.id || ')'
    FROM active a
    JOIN links l ON l.stance = 'conflicts' AND (l.claim_id = a.id OR l.target_claim_id = a.id)
    LEFT JOIN claims other
           ON other.id = CASE WHEN l.claim_id = a.id THEN l.target_claim_id ELSE l.claim_id END
    WHERE other.id IS NULL OR other.status = 'active'
),
-- Every list a reason prints, one row per entry, in order:
--   unattributed    the article of each own citation
--   single-source   the article of each piece of evidence after the first
--   first           the first piece, described (a list of one)
--   anonymous-only  each hedged own citation, described
--   conflicted      each conflicting report
--   circular        each corroborating article, explained (joined with "; and by ")
-- `dedup` drops an entry equal to the one just before it, as Rust's Vec::dedup
-- does; equal entries further apart both stay ("3, 5 and 3"). The
-- unattributed list is only made for claims whose own citations all are.
list_entries (claim_id, list, pos, entry, dedup) AS (
    SELECT e.claim_id, l.list, e.position,
           CASE l.list WHEN 'unattributed' THEN CAST(e.article_id AS TEXT) ELSE 'article ' || e.article_id END,
           true
    FROM (SELECT *, count(*) FILTER (WHERE via = 'citation' AND kind <> 'unattributed') OVER (PARTITION BY claim_id) AS attributed
          FROM evidence) e
    JOIN (SELECT 'unattributed' AS list UNION ALL SELECT 'single-source') l
      ON (l.list = 'unattributed' AND e.via = 'citation' AND e.attributed = 0)
      OR (l.list = 'single-source' AND e.position > 1)
    UNION ALL
    SELECT d.claim_id, l.list, d.position, d.text, false
    FROM descriptions d
    JOIN (SELECT 'first' AS list UNION ALL SELECT 'anonymous-only') l
      ON (l.list = 'first' AND d.position = 1) OR (l.list = 'anonymous-only' AND d.hedged)
    UNION ALL
    SELECT claim_id, 'conflicted', link_id, entry, false FROM conflicts
    UNION ALL
    SELECT claim_id, 'circular', article_id, part, false FROM circular_parts
    UNION ALL
    -- The numbers a near-duplicate claim (still standing) contradicts, stored when
    -- either claim was written (claim_mismatches), by other claim and position.
    SELECT m.claim_id, 'numeric', m.other_claim_id * 1000000 + m.position,
           '"' || m.ours || '" here, "' || m.theirs || '" in claim ' || m.other_claim_id, false
    FROM claim_mismatches m
    JOIN active a ON a.id = m.claim_id
    JOIN claims o ON o.id = m.other_claim_id AND o.status = 'active'
),
kept_entries AS (
    SELECT claim_id, list, pos, entry FROM (
        SELECT *, lag(entry) OVER (PARTITION BY claim_id, list ORDER BY pos) AS previous
        FROM list_entries
    ) AS e
    WHERE NOT dedup OR previous IS NULL OR previous <> entry
),
numbered_entries AS (
    SELECT claim_id, list, entry,
           row_number() OVER (PARTITION BY claim_id, list ORDER BY pos) AS rn,
           count(*) OVER (PARTITION BY claim_id, list) AS n
    FROM kept_entries
),
-- Each list joined; `entries` is how many are left after dedup.
joined (claim_id, list, entries, text) AS (
    SELECT claim_id, list, n, text FROM (
        SELECT claim_id, list, n, rn,
               string_agg(CASE WHEN rn = 1 THEN ''
                                 WHEN list = 'circular' THEN '; and by '
                                 WHEN rn = n THEN ' and ' ELSE ', ' END || entry, '')
                   OVER (PARTITION BY claim_id, list ORDER BY rn
                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS text
        FROM numbered_entries
    ) AS j
    WHERE rn = 1
),
-- A claim's lists side by side.
lists AS (
    SELECT claim_id,
           max(CASE list WHEN 'unattributed' THEN entries END) AS unattributed_articles,
           max(CASE list WHEN 'unattributed' THEN text END) AS unattributed_text,
           max(CASE list WHEN 'single-source' THEN text END) AS others_text,
           max(CASE list WHEN 'first' THEN text END) AS first_text,
           max(CASE list WHEN 'anonymous-only' THEN text END) AS hedged_text,
           max(CASE list WHEN 'conflicted' THEN text END) AS conflicts_text,
           max(CASE list WHEN 'circular' THEN text END) AS circular_text,
           max(CASE list WHEN 'numeric' THEN text END) AS numeric_text
    FROM joined GROUP BY claim_id
),

-- Stale ------------------------------------------------------------------------

-- settings.stale_days as the binary reads it (`trim().parse::<u32>()`, 30
-- when that fails), and the instant a claim must be logged before to be stale
-- (the binary's FlagSettings::is_stale compares the same text).
stale_setting (days, before) AS (
    SELECT days,
           -- A cut-off before year 1 (stale_days over 700000) leaves every claim fresh, as SQLite's does.
           CASE WHEN days <= 700000 THEN
               to_char((now() AT TIME ZONE 'UTC') - make_interval(days => CAST(days AS INTEGER)),
                       'YYYY-MM-DD"T"HH24:MI:SS"Z"') END
    FROM (
        SELECT CASE WHEN digits <> '' AND digits !~ '[^0-9]' AND length(ltrim(digits, '0')) <= 10
                    THEN CASE WHEN CAST(digits AS BIGINT) <= 4294967295 THEN CAST(digits AS BIGINT) ELSE 30 END
                    ELSE 30 END AS days
        FROM (SELECT CASE WHEN substr(t, 1, 1) = '+' THEN substr(t, 2) ELSE t END AS digits
              FROM (SELECT btrim(s.value, ' ' || w.chars) AS t
                    FROM settings s, whitespace w WHERE s.key = 'stale_days') AS v) AS d
    ) AS n
),

-- Everything the rules read, one row per active claim ----------------------------
claim_facts AS (
    SELECT a.id AS claim_id, a.created_at,
           EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = a.id AND v.withdrawn_at IS NULL) AS rated,
           coalesce(k.items, 0) AS items,
           coalesce(k.own, 0) AS own,
           coalesce(k.named, 0) AS named,
           coalesce(k.hedged, 0) AS hedged,
           coalesce(k.unattributed, 0) AS unattributed,
           coalesce(i.independent_sources, 0) AS independent,
           l.unattributed_articles, l.unattributed_text, l.others_text, l.first_text, l.hedged_text,
           l.conflicts_text, l.circular_text, l.numeric_text,
           s.days AS stale_days, s.before AS stale_before
    FROM active a
    LEFT JOIN counts k ON k.claim_id = a.id
    LEFT JOIN claim_independence i ON i.claim_id = a.id
    LEFT JOIN lists l ON l.claim_id = a.id
    LEFT JOIN stale_setting s ON true
)

-- The rules (flags.rs `classify`), each with its reason (`explain`); NULL
-- where the flag is not raised.
SELECT claim_id, (SELECT c.text FROM claims c WHERE c.id = claim_id) AS claim_text, flag, reason, flag_order FROM (
    SELECT f.claim_id, n.flag, n.flag_order,
        CASE n.flag
        -- Every own citation is unattributed, or there is none.
        WHEN 'unattributed' THEN CASE WHEN f.own = f.unattributed THEN
            CASE WHEN f.own = 0
                 THEN 'no citation recorded: nothing says where the claim appeared or who made it'
                 ELSE 'stated as fact with no source in '
                      || CASE WHEN f.unattributed_articles = 1 THEN 'article ' ELSE 'articles ' END
                      || f.unattributed_text END END
        -- An own citation is anonymous or vague, and none is named.
        WHEN 'anonymous-only' THEN CASE WHEN f.hedged > 0 AND f.named = 0 THEN
            'only source: ' || f.hedged_text END
        -- There is evidence, all of it from one origin.
        WHEN 'single-source' THEN CASE WHEN f.independent = 1 THEN
            CASE WHEN f.items = 1 THEN 'only source: ' || f.first_text
                 ELSE 'only independent source: ' || f.first_text || '; '
                      || CASE WHEN f.items = 2 THEN 'the other piece of evidence'
                              ELSE 'the other ' || (f.items - 1) || ' pieces of evidence' END
                      || ' (' || f.others_text || ') '
                      || CASE WHEN f.items = 2 THEN 're-reports it or cites' ELSE 're-report it or cite' END
                      || ' the same source' END END
        -- Every corroboration shares a root with the origin.
        WHEN 'circular' THEN 'corroborated only by ' || f.circular_text
        -- No verdict, and a conflicting report linked.
        WHEN 'conflicted' THEN CASE WHEN NOT f.rated THEN
            f.conflicts_text || ' and there is no verdict' END
        -- No verdict, and fewer than two independent origins.
        WHEN 'unverified' THEN CASE WHEN NOT f.rated AND f.independent < 2 THEN
            CASE WHEN f.independent = 0 THEN 'no verdict and no source recorded'
                 ELSE 'no verdict and only one independent source' END END
        -- No verdict, and logged more than stale_days days ago.
        WHEN 'stale' THEN CASE WHEN NOT f.rated AND f.created_at < f.stale_before THEN
            CASE WHEN f.created_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}'
                      AND f.created_at ~ '(Z|[+-][0-9]{2}:[0-9]{2})$'
                      AND unix_seconds(f.created_at) IS NOT NULL
                 THEN 'no verdict '
                      || ((CAST(floor(extract(epoch FROM now())) AS BIGINT) - unix_seconds(f.created_at)) / 86400)
                      || ' days after it was logged on '
                      || to_char(to_timestamp(unix_seconds(f.created_at)) AT TIME ZONE 'UTC', 'YYYY-MM-DD')
                 ELSE 'no verdict, logged at "'
                      || replace(replace(f.created_at, '\', '\\'), '"', '\"') || '"' END
            || ' (stale after ' || f.stale_days || ' days)' END
        -- No verdict, and a near-duplicate's numbers or years contradict this claim's.
        WHEN 'numeric-mismatch' THEN CASE WHEN NOT f.rated AND f.numeric_text IS NOT NULL THEN
            'numbers disagree: ' || f.numeric_text || ' and there is no verdict' END
        END AS reason
    FROM claim_facts f CROSS JOIN flag_names n
) AS r
WHERE reason IS NOT NULL
ORDER BY claim_id, flag_order;
