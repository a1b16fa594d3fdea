#include "config.h"

/* The place screen's model (the browser twin of `pairoff show`): one
 * table whose rows are the place itself, its pairings both ways, its money
 * and counts by year (the one rule's figures, read from query_totals and
 * query_indicator_years, never added up here), the anomalies that name it
 * and the paragraphs that mention it. The view only draws these rows;
 * `pairoff pane place` prints the same. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* At most this many mentions, in reading order: a province is named in
 * thousands of paragraphs of a large store. */
#define PLACE_MENTIONS_MAX 500

enum place_col {
	PC_ROW, PC_SECTION, PC_LABEL, PC_DETAIL, PC_YEAR, PC_UNTIL, PC_AMOUNT, PC_INVESTMENT,
	PC_DONOR, PC_RECIPIENT, PC_DONOR_PROVINCE, PC_RECIPIENT_PROVINCE, PC_REPORT, PC_LINE,
	PC_QUOTE, PC_SOURCES, PC_PROVINCE, PC_NAME_ZH, PC_NCOLS
};

static const char *const place_headers[PC_NCOLS] = {
	[PC_ROW] = "row", [PC_SECTION] = "section", [PC_LABEL] = "label", [PC_DETAIL] = "detail",
	[PC_YEAR] = "year", [PC_UNTIL] = "until", [PC_AMOUNT] = "amount_yuan",
	[PC_INVESTMENT] = "investment_yuan", [PC_DONOR] = "donor", [PC_RECIPIENT] = "recipient",
	[PC_DONOR_PROVINCE] = "donor_province", [PC_RECIPIENT_PROVINCE] = "recipient_province",
	[PC_REPORT] = "report", [PC_LINE] = "line", [PC_QUOTE] = "quote", [PC_SOURCES] = "sources",
	[PC_PROVINCE] = "province", [PC_NAME_ZH] = "name_zh",
};

/* The place as the model knows it. */
struct place {
	int64_t id;
	char *name;       /* owned: canonical name */
	char *label;      /* owned: "Wushan County (Chongqing)" */
	struct qtable provinces; /* owned: every region's name and its province's */
};

static const char *col(const struct qtable *t, size_t row, const char *name)
{
	int c = qtable_col(t, name);
	return c < 0 ? NULL : qtable_get(t, row, (size_t)c);
}

static const char *province_of(const struct place *p, const char *region)
{
	for (size_t i = 0; region && i < p->provinces.nrows; i++)
		if (strcmp(qtable_get(&p->provinces, i, 0), region) == 0)
			return qtable_get(&p->provinces, i, 1);
	return NULL;
}

/* "report:line" of the first of sources into report and line (owned; NULL
 * when there is none). The last colon splits: a file name may hold one. */
static void first_source(const char *sources, char **report, char **line)
{
	*report = *line = NULL;
	size_t len = sources ? strcspn(sources, " ") : 0, colon = len;
	for (size_t i = 0; i < len; i++)
		if (sources[i] == ':')
			colon = i;
	if (colon == len || colon == 0)
		return;
	*report = xstrndup(sources, colon);
	*line = xstrndup(sources + colon + 1, len - colon - 1);
}

/* --- the parts ------------------------------------------------------------ */

static enum status add_place_row(struct store *s, struct place *p, struct qtable *out)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT r.type, par.name, coalesce(r.side, pr.side), r.short_zh FROM region r"
		" LEFT JOIN region par ON par.id = r.parent_id"
		" LEFT JOIN region pr ON pr.id = r.province_id WHERE r.id = ?1");
	if (!stmt)
		return ST_STORE;
	struct qtable t;
	query_bind_id(stmt, 1, p->id);
	enum status st = query_run_into(s, stmt, 4, (const char *const[]){ "type", "parent", "side", "zh" }, &t);
	if (st != ST_OK)
		return st;
	const char *type = t.nrows ? qtable_get(&t, 0, 0) : NULL, *parent = t.nrows ? qtable_get(&t, 0, 1) : NULL;
	const char *side = t.nrows ? qtable_get(&t, 0, 2) : NULL;
	char *detail = xasprintf("%s%s%s%s%s%s", type ? type : "place", parent ? " in " : "", parent ? parent : "",
				 side ? ", " : "", side ? side : "", side ? " side" : "");
	const char *cells[PC_NCOLS] = { [PC_ROW] = "place", [PC_SECTION] = "place", [PC_LABEL] = p->name,
					[PC_DETAIL] = detail, [PC_QUOTE] = p->label,
					[PC_PROVINCE] = province_of(p, p->name),
					[PC_NAME_ZH] = t.nrows ? qtable_get(&t, 0, 3) : NULL };
	qtable_add_row(out, cells);
	free(detail);
	qtable_free(&t);
	return ST_OK;
}

/* Province-to-province pairings first ("partner"), then the place pairs,
 * as `pairoff pairs` orders them. */
static enum status add_pairings(struct store *s, struct place *p, struct qtable *out)
{
	struct qtable pairs;
	enum status st = query_pairs(s, p->name, NULL, NULL, &pairs);
	if (st != ST_OK)
		return st;
	for (size_t i = 0; i < pairs.nrows; i++) {
		const char *donor = col(&pairs, i, "donor"), *recipient = col(&pairs, i, "recipient");
		const char *dp = province_of(p, donor), *rp = province_of(p, recipient);
		bool partner = dp && rp && strcmp(dp, donor) == 0 && strcmp(rp, recipient) == 0;
		const char *cells[PC_NCOLS] = {
			[PC_ROW] = partner ? "partner" : "pair", [PC_SECTION] = "pairings",
			[PC_DETAIL] = col(&pairs, i, "basis"), [PC_YEAR] = col(&pairs, i, "since"),
			[PC_UNTIL] = col(&pairs, i, "until"), [PC_DONOR] = donor, [PC_RECIPIENT] = recipient,
			[PC_DONOR_PROVINCE] = dp, [PC_RECIPIENT_PROVINCE] = rp,
			[PC_REPORT] = col(&pairs, i, "report"), [PC_LINE] = col(&pairs, i, "line"),
			[PC_QUOTE] = col(&pairs, i, "quote"),
		};
		qtable_add_row(out, cells);
	}
	qtable_free(&pairs);
	return ST_OK;
}

/* One row of the money or counts by year: t's row i with its figures. */
static void add_year_row(struct place *p, struct qtable *out, const char *row, const struct qtable *t,
			 size_t i, const char *label)
{
	char *report, *line;
	first_source(col(t, i, "sources"), &report, &line);
	const char *donor = col(t, i, "donor"), *recipient = col(t, i, "recipient");
	const char *cells[PC_NCOLS] = {
		[PC_ROW] = row, [PC_SECTION] = row, [PC_LABEL] = label, [PC_DETAIL] = col(t, i, "facts"),
		[PC_YEAR] = col(t, i, "year"), [PC_AMOUNT] = col(t, i, "aid_yuan"),
		[PC_INVESTMENT] = col(t, i, "investment_yuan"), [PC_DONOR] = donor, [PC_RECIPIENT] = recipient,
		[PC_DONOR_PROVINCE] = province_of(p, donor), [PC_RECIPIENT_PROVINCE] = province_of(p, recipient),
		[PC_REPORT] = report, [PC_LINE] = line, [PC_SOURCES] = col(t, i, "sources"),
	};
	qtable_add_row(out, cells);
	free(report);
	free(line);
}

/* The money by year, given then received, each pair_total row once (the
 * rows `pairoff totals` prints for the place as donor and as recipient). */
static enum status add_money(struct store *s, struct place *p, struct qtable *out)
{
	for (int side = 0; side < 2; side++) {
		struct qtable t;
		enum status st = query_totals(s, side ? NULL : p->name, side ? p->name : NULL, 0, false, &t);
		if (st != ST_OK)
			return st;
		for (size_t i = 0; i < t.nrows; i++)
			add_year_row(p, out, "money", &t, i, NULL);
		qtable_free(&t);
	}
	return ST_OK;
}

static enum status add_counts(struct store *s, struct place *p, struct qtable *out)
{
	for (int side = 0; side < 2; side++) {
		struct qtable t;
		enum status st = query_indicator_years(s, side ? NULL : p->name, side ? p->name : NULL, &t);
		if (st != ST_OK)
			return st;
		for (size_t i = 0; i < t.nrows; i++)
			add_year_row(p, out, "counts", &t, i, col(&t, i, "summary"));
		qtable_free(&t);
	}
	return ST_OK;
}

/* The place's spellings: its name and aliases, misspellings included
 * (how the reports wrote it). */
#define SPELLINGS(param) \
	" sp(n) AS (SELECT name FROM region WHERE id = " param \
	"  UNION SELECT alias FROM region_alias WHERE region_id = " param ")"

/* Anomalies whose message or quote holds one of the place's spellings. */
static enum status add_anomalies(struct store *s, struct place *p, struct qtable *out)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"WITH" SPELLINGS("?1")
		" SELECT a.kind, a.message, rep.file, a.line, a.quote"
		" FROM anomaly a JOIN report rep ON rep.id = a.report_id"
		" WHERE EXISTS (SELECT 1 FROM sp WHERE instr(lower(a.message), lower(sp.n)) > 0"
		"   OR instr(lower(coalesce(a.quote, '')), lower(sp.n)) > 0)"
		" ORDER BY rep.file, a.line, a.id");
	if (!stmt)
		return ST_STORE;
	query_bind_id(stmt, 1, p->id);
	struct qtable t;
	static const char *const headers[] = { "kind", "message", "report", "line", "quote" };
	enum status st = query_run_into(s, stmt, ARRAY_LEN(headers), headers, &t);
	for (size_t i = 0; st == ST_OK && i < t.nrows; i++) {
		const char *cells[PC_NCOLS] = {
			[PC_ROW] = "anomaly", [PC_SECTION] = "anomalies", [PC_LABEL] = qtable_get(&t, i, 1),
			[PC_DETAIL] = qtable_get(&t, i, 0), [PC_REPORT] = qtable_get(&t, i, 2),
			[PC_LINE] = qtable_get(&t, i, 3), [PC_QUOTE] = qtable_get(&t, i, 4),
		};
		qtable_add_row(out, cells);
	}
	if (st == ST_OK)
		qtable_free(&t);
	return st;
}

/* The full-text query of the place's spellings: "a" OR "b", each a phrase
 * (double quotes inside doubled), from the spellings' rows. Owned. */
static char *mentions_match(struct store *s, int64_t id, enum status *st)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"WITH" SPELLINGS("?1")
		" SELECT group_concat('\"' || replace(n, '\"', '\"\"') || '\"', ' OR ') FROM sp");
	if (!stmt) {
		*st = ST_STORE;
		return NULL;
	}
	query_bind_id(stmt, 1, id);
	struct qtable t;
	*st = query_run_into(s, stmt, 1, (const char *const[]){ "match" }, &t);
	if (*st != ST_OK)
		return NULL;
	char *match = t.nrows && qtable_get(&t, 0, 0) ? xstrdup(qtable_get(&t, 0, 0)) : NULL;
	qtable_free(&t);
	return match;
}

/* The paragraphs that name the place, in reading order, the spellings
 * marked in a snippet as the search marks its hits. */
static enum status add_mentions(struct store *s, struct place *p, struct qtable *out)
{
	enum status st;
	char *match = mentions_match(s, p->id, &st);
	if (!match)
		return st;
	/* A spelling another place shares ("Wushan", two counties) counts in a
	 * section or paragraph that names the place's province only. */
	sqlite3_stmt *stmt = store_prepare(s,
		"WITH" SPELLINGS("?3") ","
		" shared(yes) AS (SELECT EXISTS (SELECT 1 FROM sp JOIN"
		"   (SELECT name AS n, id FROM region UNION ALL SELECT alias, region_id FROM region_alias) o"
		"   ON o.n = sp.n COLLATE NOCASE AND o.id <> ?3)),"
		" prov(name) AS (SELECT pr.name FROM region r JOIN region pr"
		"   ON pr.id = coalesce(r.province_id, r.id) WHERE r.id = ?3)"
		" SELECT r.file, p.line, sec.title,"
		" snippet(paragraph_fts, 0, char(2), char(3), '\xE2\x80\xA6', 24)"
		" FROM paragraph_fts JOIN paragraph p ON p.id = paragraph_fts.rowid"
		" JOIN section sec ON sec.id = p.section_id JOIN report r ON r.id = p.report_id"
		" WHERE paragraph_fts MATCH ?1 AND (NOT (SELECT yes FROM shared)"
		"   OR instr(sec.title, (SELECT name FROM prov)) > 0 OR instr(p.text, (SELECT name FROM prov)) > 0)"
		" ORDER BY r.file, p.line LIMIT ?2");
	if (!stmt) {
		free(match);
		return ST_STORE;
	}
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, PLACE_MENTIONS_MAX);
	query_bind_id(stmt, 3, p->id);
	struct qtable t;
	static const char *const headers[] = { "report", "line", "section", "snippet" };
	st = query_run_into(s, stmt, ARRAY_LEN(headers), headers, &t);
	free(match);
	for (size_t i = 0; st == ST_OK && i < t.nrows; i++) {
		const char *cells[PC_NCOLS] = {
			[PC_ROW] = "mention", [PC_SECTION] = "mentions", [PC_LABEL] = qtable_get(&t, i, 3),
			[PC_DETAIL] = qtable_get(&t, i, 2), [PC_REPORT] = qtable_get(&t, i, 0),
			[PC_LINE] = qtable_get(&t, i, 1),
		};
		qtable_add_row(out, cells);
	}
	if (st == ST_OK)
		qtable_free(&t);
	return st;
}

/* --- the model ------------------------------------------------------------ */

/* A "none" row: the section has nothing on record. */
static void add_none(struct qtable *out, const char *section)
{
	const char *cells[PC_NCOLS] = { [PC_ROW] = "none", [PC_SECTION] = section, [PC_LABEL] = "(none stated)" };
	qtable_add_row(out, cells);
}

static enum status place_open(struct store *s, const char *name, struct place *p)
{
	memset(p, 0, sizeof(*p));
	enum status st = query_region_resolve(s, name, &p->name);   /* namesakes: ST_USAGE listing them */
	struct qtable places;
	if (st != ST_OK || (st = query_region_places(s, p->name, NULL, &places)) != ST_OK)
		return st;
	p->id = places.nrows ? qtable_int(&places, 0, 2) : 0;
	p->label = xstrdup(places.nrows ? qtable_get(&places, 0, 1) : p->name);
	qtable_free(&places);
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT r.name, pr.name FROM region r JOIN region pr ON pr.id = coalesce(r.province_id, r.id)");
	if (!stmt)
		return ST_STORE;
	return query_run_into(s, stmt, 2, (const char *const[]){ "name", "province" }, &p->provinces);
}

static void place_close(struct place *p)
{
	free(p->name);
	free(p->label);
	qtable_free(&p->provinces);
}

enum status query_pane_place(struct store *s, const char *name, struct qtable *out)
{
	qtable_init(out, PC_NCOLS, place_headers);
	struct place p;
	enum status st = place_open(s, name, &p);
	enum status (*const parts[])(struct store *, struct place *, struct qtable *) = {
		add_place_row, add_pairings, add_money, add_counts, add_anomalies, add_mentions,
	};
	/* the sections `show` says "(none stated)" of */
	static const char *const parts_none[] = { NULL, "pairings", "money", "counts", NULL, NULL };
	for (size_t i = 0; st == ST_OK && i < ARRAY_LEN(parts); i++) {
		size_t before = out->nrows;
		st = parts[i](s, &p, out);
		if (st == ST_OK && out->nrows == before && parts_none[i])
			add_none(out, parts_none[i]);
	}
	place_close(&p);
	return st;
}
