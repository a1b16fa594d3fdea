#ifndef PAIROFF_QUERY_H
#define PAIROFF_QUERY_H

/* Read API over the store: every query returns a qtable, a small table of
 * strings with named columns, so the command line prints any of them in any
 * format and the TUI lists them without knowing SQL. No curses here, and no
 * SQL outside src/query*.c and src/store.c. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/status.h"

struct store;

struct qtable {
	size_t ncols;
	char **headers;        /* owned; ncols column names */
	size_t nrows, cap;
	char **cells;          /* owned; nrows*ncols, row-major; NULL is SQL NULL */
};

void qtable_init(struct qtable *t, size_t ncols, const char *const *headers);
/* Appends a row of ncols cells (copied; NULL allowed). */
void qtable_add_row(struct qtable *t, const char *const *cells);
const char *qtable_get(const struct qtable *t, size_t row, size_t col);
/* Column index by name, or -1. */
int qtable_col(const struct qtable *t, const char *name);
/* Integer value of a cell (0 for NULL or non-numeric). */
int64_t qtable_int(const struct qtable *t, size_t row, size_t col);
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

/* --- facts (src/query-facts.c) ------------------------------------------- */

/* Resolves a region name or alias (case-insensitive, apostrophes folded) to
 * its canonical name. ST_NOT_FOUND with a "did you mean ..." detail. */
enum status query_region_resolve(struct store *s, const char *name, char **canonical);

/* Columns: name, type, side, parent. side may be NULL (all). */
enum status query_regions(struct store *s, const char *side, struct qtable *out);

/* Columns: donor, recipient, level, since, until, report, line, quote.
 * region NULL = all pairs; else pairs where it (or a place under it) is a side. */
enum status query_pairs(struct store *s, const char *region, struct qtable *out);

/* Columns: donor, recipient, year, from_year, amount_yuan, approx, category,
 * report, line, quote. Filters may be NULL / 0. A donor or recipient filter
 * also matches places under the region named. */
enum status query_funds(struct store *s, const char *donor, const char *recipient,
			int year, struct qtable *out);

/* Columns: kind, message, report, line, quote. */
enum status query_anomalies(struct store *s, struct qtable *out);

/* --- panes (src/query-panes.c): the browser's three columns -------------- */

/* Provincial-level regions that take part in a pairing (or, with_funds, a
 * fund record). Without with_funds, funds_yuan is NULL; with it, the totals
 * come from province_funds, which the import derives once, so both are fast
 * enough for a first screen on any store.
 * Columns: name, type, side, partners (number of partner provinces),
 * funds_yuan (yearly funds on record, counted once: per year and category the
 * largest figure naming the partner province itself, else the largest of
 * each place under it, added up; "planned" figures and multi-year totals
 * left out),
 * aliases (space-separated names and aliases of the region and every place
 * in it, so that a filter on a county's old name finds its province). */
enum status query_pane_provinces(struct store *s, bool with_funds, struct qtable *out);

/* The partners of province and the place pairs under each. One "partner" row
 * per partner province (donor and recipient are the two provinces, since the
 * earliest year stated, pairs the number of place pairs), followed by one
 * "pair" row per distinct place pair (first statement's source). Columns:
 * kind, partner, donor, recipient, level, since, until, pairs, report, line,
 * quote, aliases (of both sides and their parents). ST_NOT_FOUND when
 * province is not a region. */
enum status query_pane_partners(struct store *s, const char *province, struct qtable *out);

/* Fund records with the donor at or under donor and the recipient at or
 * under recipient, by year. Columns: year, from_year, category, amount_yuan,
 * approx, donor, recipient, top (1 when the recipient is recipient itself),
 * report, line, quote. */
enum status query_pane_funds(struct store *s, const char *donor, const char *recipient,
			     struct qtable *out);

#endif
