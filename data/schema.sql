-- pairoff store schema, version 8 (PRAGMA user_version = 8,
-- PRAGMA application_id = 0x50414952). Compiled into the program; kept here so
-- that anyone can query a store with the sqlite3 shell:
--   sqlite3 ~/.local/share/pairoff/pairoff.db 'SELECT * FROM fund_view LIMIT 5'
-- Line numbers are 1-based lines of the report file; amounts are integer yuan.

-- One row per imported report file.
CREATE TABLE report (
  id          INTEGER PRIMARY KEY,
  file        TEXT NOT NULL UNIQUE,     -- base name, e.g. shanghai-yunnan-2009.txt
  title       TEXT NOT NULL,
  year        INTEGER,                  -- year the report covers, NULL if unknown
  line_count  INTEGER NOT NULL
);

-- A report's text (the whole file, sanitized UTF-8, \n line ends) in pieces
-- of at most 256 KiB, each ending at a line end but the last (a line longer
-- than that is cut between two characters): the text is the pieces joined
-- in seq order,
--   SELECT group_concat(text, '') FROM (SELECT text FROM report_text
--     WHERE report_id = ? ORDER BY seq)
-- An import writes a report of any size a piece at a time, never holding
-- the whole text in memory (one TEXT value needs a copy of it whole).
CREATE TABLE report_text (
  report_id   INTEGER NOT NULL REFERENCES report(id),
  seq         INTEGER NOT NULL,         -- 0-based
  text        TEXT NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

-- Sections start at heading lines ("Beijing - Inner Mongolia ... Pairing-off ...").
CREATE TABLE section (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES report(id),
  seq         INTEGER NOT NULL,         -- 0-based order in the report
  title       TEXT NOT NULL,
  line        INTEGER NOT NULL,         -- heading line (0: implicit first section)
  end_line    INTEGER NOT NULL,
  source      TEXT,                     -- attribution line, without parentheses
  source_line INTEGER
);

-- One row per paragraph (one non-blank line of prose).
CREATE TABLE paragraph (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES report(id),
  section_id  INTEGER NOT NULL REFERENCES section(id),
  line        INTEGER NOT NULL,
  topic       TEXT,                     -- the 【...】 lead-in, NULL if none
  text        TEXT NOT NULL
);
CREATE INDEX paragraph_report ON paragraph(report_id, line);

-- Full-text index over paragraph text (external content: paragraph).
CREATE VIRTUAL TABLE paragraph_fts USING fts5(
  text, topic, content='paragraph', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);

-- One-number-per-line tables of the reports and their cells.
CREATE TABLE fund_table (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES report(id),
  section_id  INTEGER NOT NULL REFERENCES section(id),
  seq         INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  end_line    INTEGER NOT NULL,
  title       TEXT,
  unit        TEXT,                     -- as written: "ten thousand Yuan"
  unit_yuan   INTEGER,                  -- yuan per cell unit
  corner      TEXT,
  note        TEXT,
  nrows       INTEGER NOT NULL,
  ncols       INTEGER NOT NULL
);
CREATE TABLE fund_cell (
  table_id    INTEGER NOT NULL REFERENCES fund_table(id),
  row         INTEGER NOT NULL,
  col         INTEGER NOT NULL,
  row_label   TEXT NOT NULL,
  col_label   TEXT NOT NULL,
  text        TEXT NOT NULL,            -- as written
  value       REAL,
  line        INTEGER NOT NULL,
  PRIMARY KEY (table_id, row, col)
) WITHOUT ROWID;

-- The gazetteer (data/regions/*.ini) as it was at import time; ids in its
-- reading order (files in name order, sections in file order).
CREATE TABLE region (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  type        TEXT NOT NULL,
  side        TEXT,                     -- east, central, west (provincial level)
  parent_id   INTEGER REFERENCES region(id),
  province_id INTEGER REFERENCES region(id), -- provincial-level ancestor (itself for a province)
  unit_id     INTEGER REFERENCES region(id), -- level the programme pairs it at: a city
                                              -- that pairs alone (Ningbo), else the province
  name_zh     TEXT,                     -- official name in simplified Chinese (文山壮族苗族自治州)
  short_zh    TEXT,                     -- the shortest of its Chinese names (文山), for display
  pinyin      TEXT,                     -- toneless pinyin where the name is not pinyin (xizang)
  abbr_zh     TEXT,                     -- one-character abbreviation (provincial level: 沪)
  code        TEXT,                     -- two-letter Latin code (SH)
  tile_row    INTEGER,                  -- its tile on the map's grid (row 0 the north,
  tile_col    INTEGER                   -- col 0 the west); NULL for no tile
);
CREATE INDEX region_parent ON region(parent_id);
CREATE INDEX region_province ON region(province_id);
CREATE TABLE region_alias (
  alias       TEXT NOT NULL COLLATE NOCASE,
  region_id   INTEGER NOT NULL REFERENCES region(id),
  misspelling INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (alias, region_id)
) WITHOUT ROWID;
CREATE INDEX region_alias_region ON region_alias(region_id);
-- The names a reader may type for a region beside its English name and
-- aliases, derived at import (src/placename.c): its Chinese name, with and
-- without the administrative suffix (文山壮族苗族自治州, 文山州, 文山), and its
-- pinyin. For look-ups only: the extractor never matches them in the text.
CREATE TABLE region_name (
  name        TEXT NOT NULL,
  region_id   INTEGER NOT NULL REFERENCES region(id),
  PRIMARY KEY (name, region_id)
) WITHOUT ROWID;
CREATE INDEX region_name_region ON region_name(region_id);

-- Links donor -> recipient, one row per sentence that states or shows them:
-- basis 'stated' (a pairing sentence or heading) or 'evidence' (what one did
-- for the other: aid given, cadres sent, projects built); internal = 1 for a
-- pairing within the West (a region's own cities), not east-west.
CREATE TABLE pairing (
  id          INTEGER PRIMARY KEY,
  donor_id    INTEGER NOT NULL REFERENCES region(id),
  recipient_id INTEGER NOT NULL REFERENCES region(id),
  level       TEXT NOT NULL,            -- recipient's level: province, prefecture, county, ...
  since       INTEGER,
  until       INTEGER,
  report_id   INTEGER NOT NULL REFERENCES report(id),
  line        INTEGER NOT NULL,
  quote       TEXT,
  basis       TEXT NOT NULL DEFAULT 'stated', -- stated, evidence
  internal    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pairing_donor ON pairing(donor_id, recipient_id);
CREATE INDEX pairing_recipient ON pairing(recipient_id);

-- One row per link donor -> recipient, its pairing rows folded into one at
-- import (src/store-links.c): the panes and `pairoff pairs` read these, a
-- few thousand at 1,000 reports, not the hundred thousand sentences.
CREATE TABLE link (
  donor_id    INTEGER NOT NULL REFERENCES region(id),
  recipient_id INTEGER NOT NULL REFERENCES region(id),
  level       TEXT NOT NULL,            -- recipient's level, as in pairing
  since       INTEGER,                  -- the earliest since of its sentences
  until       INTEGER,                  -- the latest until
  basis       TEXT NOT NULL,            -- stated when any sentence states it, else evidence
  internal    INTEGER NOT NULL,         -- 1 when any sentence makes it a pairing within the West
  first_year  INTEGER,                  -- the earliest and latest year of the reports
  last_year   INTEGER,                  -- that state or show it (reports with a year)
  sources     INTEGER NOT NULL,         -- its pairing rows
  source_id   INTEGER NOT NULL REFERENCES pairing(id), -- the sentence the panes open, the
                                        -- one dating it: a stated one first, then a dated
                                        -- one, the earliest since, the earliest report,
                                        -- file, line
  first_id    INTEGER NOT NULL REFERENCES pairing(id), -- the sentence `pairoff pairs`
                                        -- cites, the first to state it: a stated one
                                        -- first, then the earliest report, file, line
  PRIMARY KEY (donor_id, recipient_id)
) WITHOUT ROWID;
CREATE INDEX link_recipient ON link(recipient_id);
-- The provinces pane reads the stated links only.
CREATE INDEX link_basis ON link(basis, donor_id, recipient_id);

-- Money statements, in integer yuan: one row per amount a report states.
-- The same money stated twice (an overview and its section, or two reports)
-- is one flow: its statements share flow_id, the id of the statement that
-- stands for the flow (the first in import order). A part ("of which",
-- "including", a table cell under its total) points at its whole.
CREATE TABLE fund (
  id          INTEGER PRIMARY KEY,
  donor_id    INTEGER NOT NULL REFERENCES region(id), -- the giver (the first of joint givers)
  donors      TEXT,                     -- every giver, " + " between, when several give jointly
  unit_id     INTEGER NOT NULL REFERENCES region(id), -- the giver at the level the programme
                                        -- pairs it: a city that pairs alone, else the province
                                        -- (the province when joint givers share it)
  joint       INTEGER NOT NULL DEFAULT 0, -- 1: givers of several provinces, a pair of its own
  recipient_id INTEGER NOT NULL REFERENCES region(id),
  year        INTEGER,                  -- the year, or the last year of a span or cumulation
  from_year   INTEGER,                  -- first year of a span (= year for one year);
                                        -- NULL when cumulative with the start unstated
  period      TEXT NOT NULL,            -- year, span, cumulative
  amount_yuan INTEGER NOT NULL,
  kind        TEXT NOT NULL,            -- aid, investment, planned, other
  category    TEXT NOT NULL,            -- aid: government, social, enterprise (a donation),
                                        -- loan-subsidy; investment: investment, trade;
                                        -- planned; other: labour-income, loan, own-funds,
                                        -- project-cost, other
  approx      INTEGER NOT NULL DEFAULT 0, -- 1 for "more than", "nearly", ...
  stated_total INTEGER NOT NULL DEFAULT 0, -- 1: given as the pair's total for the period
  whole_id    INTEGER REFERENCES fund(id), -- the whole this is a part of
  flow_id     INTEGER NOT NULL,         -- the statement standing for this one's flow
  report_id   INTEGER NOT NULL REFERENCES report(id),
  line        INTEGER NOT NULL,
  quote       TEXT,                     -- the quoted span, e.g. "160 million Yuan"
  table_id    INTEGER REFERENCES fund_table(id)
);
-- The sentence each money statement came from, apart from fund: the panes
-- read a pair's statements, scattered over the reports, one page each, and
-- the sentences made those rows (and pages read) twice as large.
CREATE TABLE fund_sentence (
  fund_id     INTEGER PRIMARY KEY REFERENCES fund(id),
  sentence    TEXT NOT NULL
);
-- fund_pair serves the funds pane, which reads the records of each (donor
-- place, recipient place) pair, and any look-up by donor alone. It holds
-- every column the pane reads, so a pair's statements are read from a few
-- pages of the index rather than one page of the table each (the table is in
-- report order: a busy pair's statements lie on a thousand pages).
CREATE INDEX fund_pair ON fund(donor_id, recipient_id, year, flow_id, whole_id, unit_id,
  from_year, category, amount_yuan, approx, stated_total, joint, donors, report_id, line, quote);
CREATE INDEX fund_recipient ON fund(recipient_id, year);
CREATE INDEX fund_flow ON fund(flow_id);

-- Every giver of a joint donation ("from Dalian, Ningbo, Qingdao and
-- Shenzhen"), the first included; funds with one giver have no rows here.
CREATE TABLE fund_donor (
  fund_id     INTEGER NOT NULL REFERENCES fund(id),
  region_id   INTEGER NOT NULL REFERENCES region(id),
  PRIMARY KEY (fund_id, region_id)
) WITHOUT ROWID;

-- A pair's money per year, by the one rule of src/flows.c, derived at
-- import so that every pane and command reads the same figures: the pair's
-- own stated totals for the year when the reports state them (nothing added
-- on top), else the sum of its distinct flows of that year (wholes, never
-- their parts); investment beside it, never in it; planned, span,
-- cumulative and other money in neither. donor is the giver at the level the programme pairs
-- it (a province, or a city that pairs alone), several for a joint donation;
-- recipient is the provincial-level region.
CREATE TABLE pair_total (
  donor       TEXT NOT NULL,            -- display name(s): "Beijing", "Dalian City + Ningbo City"
  donor_ids   TEXT NOT NULL,            -- the unit region ids, sorted, ',' separated
  donor_provinces TEXT NOT NULL,        -- their provincial-level ids, sorted, distinct
  recipient_id INTEGER NOT NULL REFERENCES region(id),
  year        INTEGER NOT NULL,
  aid_yuan    INTEGER NOT NULL,
  investment_yuan INTEGER NOT NULL,
  facts       INTEGER NOT NULL,         -- statements that went into the two figures
  sources     TEXT NOT NULL,            -- report:line of each, ' ' separated
  PRIMARY KEY (donor_ids, recipient_id, year)
) WITHOUT ROWID;
CREATE INDEX pair_total_recipient ON pair_total(recipient_id, year);
-- pair_total added up over the years per province pair, for the provinces
-- pane's aid and investment columns (a few hundred rows where pair_total
-- has thousands at 1,000 reports). donor_province is the provincial-level
-- region of the (first) giver; single is 0 for a joint donation of givers
-- from several provinces, which counts for its recipient only.
CREATE TABLE province_pair_total (
  donor_province INTEGER NOT NULL REFERENCES region(id),
  single      INTEGER NOT NULL,
  recipient_id INTEGER NOT NULL REFERENCES region(id),
  aid_yuan    INTEGER NOT NULL,
  investment_yuan INTEGER NOT NULL,
  PRIMARY KEY (donor_province, single, recipient_id)
) WITHOUT ROWID;

-- Indicators: quantified non-money statements ("sent 44 cadres", "trained
-- 1,602 people", "built 21 schools"), one row per statement, with the
-- parties and time found by the same rules as money. kind is one of cadres,
-- trained, labour, students, projects, villages, schools, health,
-- households, people, visits, enterprises, roads, land, other. The same
-- count stated again (an overview and its section, two reports) is one
-- fact: its statements share flow_id, the id of the first statement.
CREATE TABLE indicator (
  id          INTEGER PRIMARY KEY,
  donor_id    INTEGER NOT NULL REFERENCES region(id),
  recipient_id INTEGER NOT NULL REFERENCES region(id),
  year        INTEGER,                  -- the year, or the last year of a span or cumulation
  from_year   INTEGER,                  -- first year of a span (= year for one year);
                                        -- NULL when cumulative with the start unstated
  period      TEXT NOT NULL,            -- year, span, cumulative
  kind        TEXT NOT NULL,
  value       INTEGER NOT NULL,         -- the count in its unit; a length may be REAL (3.5 km)
  unit        TEXT NOT NULL,            -- the counted noun as written: "person-times", "km"
  approx      INTEGER NOT NULL DEFAULT 0, -- 1 for "more than", "nearly", ...
  flow_id     INTEGER NOT NULL,         -- the statement standing for this one's fact
  report_id   INTEGER NOT NULL REFERENCES report(id),
  line        INTEGER NOT NULL,
  quote       TEXT                      -- the number and what it counts: "44 temporary cadres"
                                        -- (its sentence is the paragraph's at line)
);
-- indicator_pair holds every column the funds pane reads (see fund_pair).
CREATE INDEX indicator_pair ON indicator(donor_id, recipient_id, year, flow_id, from_year, kind,
  value, unit, approx, report_id, line, quote);
CREATE INDEX indicator_flow ON indicator(flow_id);
-- indicator_kind serves the provinces pane's count column (one kind at a time).
CREATE INDEX indicator_kind ON indicator(kind);

-- What the importer corrected or could not reconcile.
CREATE TABLE anomaly (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  message     TEXT NOT NULL,
  report_id   INTEGER NOT NULL REFERENCES report(id),
  line        INTEGER,
  quote       TEXT
);

-- Convenience views with names instead of ids.
CREATE VIEW pairing_view AS
  SELECT d.name AS donor, r.name AS recipient, p.level, p.since, p.until,
         rep.file AS report, p.line, p.quote, p.basis, p.internal
  FROM pairing p JOIN region d ON d.id = p.donor_id JOIN region r ON r.id = p.recipient_id
  JOIN report rep ON rep.id = p.report_id;
CREATE VIEW link_view AS
  SELECT d.name AS donor, r.name AS recipient, l.level, l.since, l.until, l.basis, l.internal,
         l.first_year, l.last_year, l.sources, rep.file AS report, p.line, p.quote
  FROM link l JOIN region d ON d.id = l.donor_id JOIN region r ON r.id = l.recipient_id
  JOIN pairing p ON p.id = l.source_id JOIN report rep ON rep.id = p.report_id;
CREATE VIEW fund_view AS
  SELECT d.name AS donor, r.name AS recipient, f.year, f.from_year, f.period, f.amount_yuan,
         f.approx, f.kind, f.category, f.stated_total, f.whole_id, f.flow_id,
         rep.file AS report, f.line, f.quote
  FROM fund f JOIN region d ON d.id = f.donor_id JOIN region r ON r.id = f.recipient_id
  JOIN report rep ON rep.id = f.report_id;
CREATE VIEW indicator_view AS
  SELECT d.name AS donor, r.name AS recipient, i.year, i.from_year, i.period, i.kind, i.value,
         i.unit, i.approx, i.flow_id, rep.file AS report, i.line, i.quote
  FROM indicator i JOIN region d ON d.id = i.donor_id JOIN region r ON r.id = i.recipient_id
  JOIN report rep ON rep.id = i.report_id;
