#ifndef PAIROFF_QUERY_H
#define PAIROFF_QUERY_H

/* Read API over the store: every query returns a qtable, a small table of
 * strings with named columns, so the command line prints any of them in any
 * format and the TUI lists them without knowing SQL. No curses here, and no
 * SQL outside src/query*.c, src/store*.c and src/import.c. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/status.h"

struct store;

struct qtable {
	size_t ncols;
	char **headers;        /* owned; ncols column names */
	size_t nrows, cap;
	char **cells;          /* nrows*ncols, row-major, pointing into row_text;
	                        * NULL is SQL NULL */
	char **row_text;       /* owned; per row, one block holding its cells' text
	                        * (one allocation a row, not one a cell) */
	size_t text_bytes;     /* the size of those blocks added up: what a cache
	                        * of tables weighs, without reading every cell */
};

void qtable_init(struct qtable *t, size_t ncols, const char *const *headers);
/* Appends a row of ncols cells (copied; NULL allowed). */
void qtable_add_row(struct qtable *t, const char *const *cells);
const char *qtable_get(const struct qtable *t, size_t row, size_t col);
/* Column index by name, or -1. */
int qtable_col(const struct qtable *t, const char *name);
/* Integer value of a cell (0 for NULL or non-numeric). */
int64_t qtable_int(const struct qtable *t, size_t row, size_t col);
/* Puts the rows in a new order: row k becomes the old row order[k] (a
 * permutation of 0..nrows-1). Sorting in C after the fact was cheaper than
 * SQLite's ORDER BY, which sorts whole rows in a temporary b-tree. */
void qtable_reorder(struct qtable *t, const size_t *order);
void qtable_free(struct qtable *t);

/* --- foundation (src/query.c) -------------------------------------------- */

/* Columns: report, title, year, sections, paragraphs, tables, lines. */
enum status query_reports(struct store *s, struct qtable *out);

/* Full-text search. Columns: report, line, section, snippet, paragraph.
 * The snippet marks hits with the bytes \x02 (start) and \x03 (end), which
 * the formats strip and the TUI highlights. ST_USAGE with a readable detail
 * for a malformed FTS query; ST_NOT_FOUND when nothing matches. limit 0 = all. */
enum status query_search(struct store *s, const char *fts_query, size_t limit,
			 struct qtable *out);

/* The whole text of a report by file name (owned by the caller). */
enum status query_report_text(struct store *s, const char *report_file, char **text);
/* The table cell on line of a report, when the line holds one. Columns:
 * row_label, col_label, title, unit; no row when the line is no cell. */
enum status query_table_cell(struct store *s, const char *report_file, long line, struct qtable *out);

/* --- facts (src/query-facts.c) ------------------------------------------- */

/* Resolves a region name or alias (case-insensitive, apostrophes folded),
 * its Chinese name with or without its suffix (云南 or 云南省; 文山, 文山州
 * or 文山壮族苗族自治州) or its pinyin however spaced ("Wen Shan", "xi'an")
 * to its canonical name. ST_NOT_FOUND with a "did you mean ..." detail. */
enum status query_region_resolve(struct store *s, const char *name, char **canonical);

/* The short Chinese name (云南, 文山) of the region name resolves to, as
 * query_region_resolve resolves it, into *zh (owned; NULL when it has
 * none), for a title that names places as [ui] names asks. */
enum status query_region_short_zh(struct store *s, const char *name, char **zh);

/* Columns: name, type, side, parent, name_zh (the official name in Chinese,
 * NULL for an enterprise without one), pinyin (NULL where the name is pinyin
 * already). side may be NULL (all). */
enum status query_regions(struct store *s, const char *side, struct qtable *out);

/* The places a name means, qualified ("Wushan County (Gansu)") or within
 * the place in (may be NULL): one row each, several for namesakes
 * ("Wushan"). Columns: name, label ("Wushan County (Chongqing)"), id.
 * ST_NOT_FOUND with a "did you mean ..." detail when none. Every other
 * query taking a place name fails with ST_USAGE listing the namesakes. */
enum status query_region_places(struct store *s, const char *name, const char *in, struct qtable *out);

/* Every place of the gazetteer, for a prompt that completes place names:
 * label (unique: "Wushan County (Chongqing)"), names (its own name, then
 * its aliases, then its names in Chinese and pinyin, '\n' between), type. */
enum status query_place_names(struct store *s, struct qtable *out);

/* Links donor -> recipient, one row per pair. Columns: donor, recipient,
 * level, since, until, report, line, basis ("stated" or "evidence", with
 * ",internal" for a pairing within the West), quote. region NULL = all
 * pairs; else pairs where it (or a place under it) is a side, every
 * namesake's when several places share the name; in qualifies it (may be
 * NULL); basis NULL = both, else "stated" or "evidence". */
enum status query_pairs(struct store *s, const char *region, const char *in, const char *basis,
			struct qtable *out);

/* --- money (src/query-money.c) ------------------------------------------ */

/* The money flows: each stated money once, however often the reports state
 * it. Filters may be NULL / 0; a donor or recipient filter also matches
 * places under the region named (a donor filter matches any giver of a
 * joint donation). Columns: donor (joint givers joined by " + "), recipient,
 * year, from_year (NULL: cumulative, start unstated), period (year, span,
 * cumulative), kind (aid, investment, planned, other), category,
 * amount_yuan (the flow's figure: the largest of its statements), approx,
 * part_of (the flow of its whole), flow (its id), sources (how many
 * statements), figures (the statements' figures when they disagree), report,
 * line, quote (the first statement), all_sources (report:line of each). */
enum status query_funds(struct store *s, const char *donor, const char *recipient,
			int year, struct qtable *out);

/* A pair's money per year, by the one rule (src/flows.c, computed at import):
 * one row per donor, recipient and year, the donor at the level the
 * programme pairs it (a province, or a city that pairs alone; by_province
 * rolls such cities into their provinces), the recipient its province.
 * Columns: donor, recipient, year, aid_yuan, investment_yuan (beside the
 * aid, never in it), facts (statements that went in), sources (report:line
 * of each). A donor filter matches pairs whose donor is the region, under
 * it, or the unit it belongs to; a recipient filter matches the recipient's
 * province. */
enum status query_totals(struct store *s, const char *donor, const char *recipient, int year,
			 bool by_province, struct qtable *out);

/* --- indicators (src/query-indicators.c) ------------------------------- */

/* The indicators (non-money counts): each stated count once, however often
 * the reports state it. Filters may be NULL / 0 and match as query_funds's
 * do; kind is one of the vocabulary (cadres, trained, ...). Columns: donor,
 * recipient, year, from_year (NULL: cumulative, start unstated), kind,
 * value, unit (the counted noun as written), approx, report, line, quote
 * (the first statement), sources (how many statements), all_sources
 * (report:line of each). */
enum status query_indicators(struct store *s, const char *donor, const char *recipient, int year,
			     const char *kind, struct qtable *out);

/* A pair's counts per year in one line: one row per donor (at the level the
 * programme pairs it), recipient province and year, of one-year counts only.
 * Columns: donor, recipient, year, summary ("44 cadres · 1,602 trained": the
 * largest count of each kind), facts, sources (report:line of each). */
enum status query_indicator_years(struct store *s, const char *donor, const char *recipient,
				  struct qtable *out);

/* Columns: kind, message, report, line, quote. */
enum status query_anomalies(struct store *s, struct qtable *out);

/* --- the comparison matrix (src/query-matrix.c) --------------------------- */

enum matrix_side { MATRIX_BY_DONOR, MATRIX_BY_RECIPIENT };

/* What a matrix shows: whose rows, which years, which figure. */
struct matrix_request {
	enum matrix_side by;
	int from_year, to_year;    /* 0: no bound */
	const char *measure;       /* "aid" (NULL too), "investment" or a count kind */
};

/* The measures a matrix can show, in the order the browser cycles them:
 * aid, investment, then each count kind; NULL past the last. */
const char *query_matrix_measure(size_t i);

/* One row per donor (the pairs' donors as `pairoff totals` names them:
 * at the level the programme pairs it, a joint donation's givers together)
 * or per recipient province, in name order; one column per year that has
 * a figure, ascending, named by the year; then "total". The first column
 * is "donor" or "recipient". A cell is the sum over the other side of the
 * pairs' figures that year, NULL when no pair has one: for aid and
 * investment, pair_total's (exactly the sum of `pairoff totals` rows);
 * for a count kind, per pair (donor unit, recipient province) and year the
 * largest count of the kind, as the funds pane's year line says it
 * (indicator_summary_add), one-year counts only. Pairs whose figure is 0
 * are left out. ST_USAGE for an unknown measure. */
enum status query_matrix(struct store *s, const struct matrix_request *rq, struct qtable *out);

/* The pairs that make one cell of that matrix: name is the row's side,
 * year the column (0: every year of the request, the row total).
 * Columns: donor, recipient, year, value (the pair's figure),
 * pane_donor (the region whose funds pane shows it: the donor, or the
 * first giver of a joint donation). */
enum status query_matrix_cell(struct store *s, const struct matrix_request *rq, const char *name, int year,
			      struct qtable *out);

/* --- panes (src/query-panes.c): the browser's three columns -------------- */

/* Provincial-level regions that take part in a pairing (or, with_funds, in
 * a pair's money). Without with_funds the money columns are NULL; with it,
 * they add up pair_total over the years (the one rule's figures), fast
 * enough for a first screen on any store. A joint donation of givers from
 * several provinces counts for its recipient only.
 * Columns: name, type, side, partners (number of partner provinces),
 * aid_yuan (aid given or received, every year), investment_yuan (signed
 * investment and trade, beside the aid), count (with_funds and an indicator
 * kind: the count of that kind given or received, per pair and year the
 * largest, added; else NULL), aliases ('|'-separated names and aliases of
 * the region and every place in it, their Chinese names in each form and
 * pinyin too, so that a filter on a county's old name or on 文山 finds its
 * province), name_zh (its short Chinese name, 云南, for display; NULL when
 * it has none). */
enum status query_pane_provinces(struct store *s, bool with_funds, const char *kind, struct qtable *out);

/* The partners of province and the place pairs under each. One "partner" row
 * per partner province (donor and recipient are the two provinces, since the
 * earliest year stated, pairs the number of place pairs), followed by one
 * "pair" row per distinct place pair (first statement's source, a stated
 * one first), stated pairings and links seen through aid alike. Columns:
 * kind, partner, donor, recipient, level, since, until, pairs, report, line,
 * quote, aliases (of both sides and their parents, in English, Chinese and
 * pinyin; NULL in every row unless with_names: the filter's text, read
 * once a place, yet a fifth to a third of the query's work), basis
 * ("stated" or "evidence", ",internal" within the West), years (a stated
 * pair's since, "96-10" when it ended; a link seen through aid the years
 * of the reports that show it, "(2012)"), partner_zh, donor_zh,
 * recipient_zh (their short Chinese names, for display; NULL when none).
 * ST_NOT_FOUND when province is not a region. */
enum status query_pane_partners(struct store *s, const char *province, bool with_names,
				 struct qtable *out);

/* --- the tile map (src/query-map.c) -------------------------------------- */

/* The provincial-level regions that have a tile, by row and column, with
 * the aid each gave and received in year (0: every year), by the pairs'
 * yearly totals (query_totals's figures; aid only, never investment).
 * Columns: name, name_zh (short: 云南), abbr_zh (滇), code (YN), side,
 * tile_row, tile_col, gave_yuan, received_yuan (NULL for none), aid_yuan
 * (the two added), role ("gave", "received", NULL for no aid), shade (0 no
 * aid, else 1-4: the quarter of the tiles' figures it falls in, 4 the top). */
enum status query_map(struct store *s, int year, struct qtable *out);

/* The partner provinces of province, by a stated pairing or by aid given,
 * the largest aid in year (0: every year) first. Columns: name, name_zh,
 * abbr_zh, code, role ("recipient": province gives to it; "donor"),
 * aid_yuan (of the pair in year, NULL for none). */
enum status query_map_partners(struct store *s, const char *province, int year, struct qtable *out);

/* The years with aid on record, ascending. Columns: year. */
enum status query_map_years(struct store *s, struct qtable *out);

/* How a tile reads without colour, in the browser's map and in `pairoff
 * map` alike: its name, abbr_zh (沪), or its two-letter code when the
 * output shows no UTF-8 ("??" for neither); and its shade (0-4, of
 * query_map) as two columns of a glyph that darkens with the aid, in ASCII
 * without UTF-8 ("  ", "..", "::", "++", "##"). */
const char *query_map_tile_name(const char *abbr_zh, const char *code, bool utf8);
const char *query_map_shade_glyph(int shade, bool utf8);

/* The funds pane of a pair (donor and recipient by canonical name): per
 * year (ascending) a "year" row with the pair's aid (amount_yuan) and
 * investment (investment_yuan) by the one rule (src/flows.c), counted the
 * statements that went in; then that year's aid flows, each once, its parts
 * under it (depth 1, 2); then "heading" rows and the flows of the year's
 * investment, planned, other money and joint donations; at the end the
 * span and cumulative figures under their headings, never in a year.
 * Columns: row (year, heading, fact, part), section (aid, investment,
 * planned, other, joint, span, cumulative), depth, year, from_year, label,
 * category, amount_yuan, investment_yuan, approx, counted (1 when the fact
 * went into its year's figure; on a year row, how many did), donor,
 * recipient, sources (statements of the flow), figures (their figures when
 * they disagree), report, line, quote (the first statement), all_sources
 * (report:line of every statement). */
enum status query_pane_funds(struct store *s, const char *donor, const char *recipient,
			     struct qtable *out);

/* --- the place screen (src/query-place.c) -------------------------------- */

/* One place's page, the browser twin of `pairoff show`: name is any
 * spelling, qualified for namesakes ("Wushan County (Chongqing)"; a shared
 * name is ST_USAGE listing them). Rows in this order: one "place" row
 * (label its name, detail "county in Chongqing, west side", quote its
 * qualified label, province its provincial-level region); "partner" and
 * "pair" rows (section pairings: the
 * pairings both ways as query_pairs has them, detail the basis, year and
 * until the years); "money" rows (query_totals' rows with the place as
 * donor, then as recipient: year, amount_yuan the aid, investment_yuan,
 * detail the statements counted); "counts" rows (query_indicator_years',
 * label the summary); "anomaly" rows (the anomalies whose message or quote
 * names it: label the message, detail the kind); "mention" rows (the
 * paragraphs that name it, in reading order, at most 500: label a snippet
 * with the names marked \x02..\x03, detail the section; a name another
 * place shares counts where the section or paragraph names the place's
 * province). A "none" row (label "(none stated)") stands for empty
 * pairings, money or counts, as `show` says. Columns: row,
 * section, label, detail, year, until, amount_yuan, investment_yuan,
 * donor, recipient, donor_province, recipient_province, report, line
 * (the first source), quote, sources (report:line of each statement),
 * province, name_zh (on the place row, its short Chinese name for the
 * screen's title; NULL elsewhere or when none). */
enum status query_pane_place(struct store *s, const char *name, struct qtable *out);

#endif
