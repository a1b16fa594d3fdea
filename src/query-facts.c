#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The fact queries: regions by name or alias, pairings merged across the
 * reports that state them, money facts and anomalies. A region argument
 * always means the region and every place under it (the parent chain), so
 * "Yunnan" finds Wenshan Prefecture and "Chongqing" its counties. */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* --- region names ---------------------------------------------------------- */

/* One spelling of a region: its canonical name or one of its aliases. */
struct spelling {
	int64_t id;
	char *canonical;       /* owned; the region's name */
	char *folded;          /* owned; the spelling, folded for comparison */
	int rank;              /* lower ranks win when a spelling is shared */
	bool is_canonical;
};

struct spellings {
	struct spelling *items; /* owned */
	size_t count, cap;
};

/* Lower case ASCII, apostrophe variants (' ’ ‘ `) dropped, runs of blanks
 * as one space, trimmed: "Pu’er", "pu'er" and "Puer" fold alike. */
static char *fold_name(const char *s)
{
	struct strbuf sb = {0};
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\'' || *p == '`')
			continue;
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			p += 2;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			strbuf_append(&sb, " ", 1);
		space = false;
		char c = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
		strbuf_append(&sb, &c, 1);
	}
	return strbuf_steal(&sb);
}

/* When two places share a spelling ("Jining": a city and a district), the
 * higher level wins; the canonical name of a place beats anyone's alias. */
static int type_rank(const char *type)
{
	static const char *const order[] = {
		"province", "municipality", "autonomous region", "SAR",
		"prefecture", "league", "city", "district", "county", "banner",
		"town", "ethnic group", "enterprise",
	};
	for (size_t i = 0; type && i < ARRAY_LEN(order); i++)
		if (strcmp(type, order[i]) == 0)
			return (int)i;
	return (int)ARRAY_LEN(order);
}

static void spellings_free(struct spellings *sp)
{
	for (size_t i = 0; i < sp->count; i++) {
		free(sp->items[i].canonical);
		free(sp->items[i].folded);
	}
	free(sp->items);
	memset(sp, 0, sizeof(*sp));
}

/* All names and aliases of the store's regions (a few hundred rows). */
static enum status load_spellings(struct store *s, struct spellings *sp)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT id, name, type, name, 1 FROM region"
		" UNION ALL SELECT r.id, r.name, r.type, a.alias, 0"
		" FROM region_alias a JOIN region r ON r.id = a.region_id");
	if (!stmt)
		return ST_STORE;
	memset(sp, 0, sizeof(*sp));
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct spelling *e = ARRAY_PUSH(sp->items, sp->count, sp->cap);
		e->id = sqlite3_column_int64(stmt, 0);
		e->canonical = xstrdup(store_column_text(stmt, 1));
		e->rank = type_rank(store_column_text(stmt, 2));
		e->folded = fold_name(store_column_text(stmt, 3));
		e->is_canonical = sqlite3_column_int(stmt, 4) != 0;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		spellings_free(sp);
		return store_step_error(s);
	}
	return ST_OK;
}

static bool better_match(const struct spelling *a, const struct spelling *best)
{
	if (!best)
		return true;
	if (a->is_canonical != best->is_canonical)
		return a->is_canonical;
	if (a->rank != best->rank)
		return a->rank < best->rank;
	return a->id < best->id;
}

static const struct spelling *find_folded(const struct spellings *sp, const char *folded)
{
	const struct spelling *best = NULL;
	for (size_t i = 0; i < sp->count; i++)
		if (strcmp(sp->items[i].folded, folded) == 0 && better_match(&sp->items[i], best))
			best = &sp->items[i];
	return best;
}

/* Exact match, else with a common designation added or dropped ("Wenshan"
 * for "Wenshan Prefecture", "Yunnan Province" for "Yunnan"). */
static const struct spelling *find_spelling(const struct spellings *sp, const char *folded)
{
	static const char *const designations[] = {
		" county", " city", " district", " prefecture", " province", " municipality",
		" autonomous region", " league", " banner",
	};
	const struct spelling *hit = find_folded(sp, folded);
	size_t len = strlen(folded);
	for (size_t i = 0; !hit && i < ARRAY_LEN(designations); i++) {
		const char *d = designations[i];
		size_t dlen = strlen(d);
		char *variant = len > dlen && strcmp(folded + len - dlen, d) == 0 ?
			xstrndup(folded, len - dlen) : xasprintf("%s%s", folded, d);
		hit = find_folded(sp, variant);
		free(variant);
	}
	return hit;
}

/* Levenshtein distance over bytes, two rows. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev = xcalloc(lb + 1, sizeof(*prev)), *cur = xcalloc(lb + 1, sizeof(*cur));
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		size_t *tmp = prev;
		prev = cur;
		cur = tmp;
	}
	size_t d = prev[lb];
	free(prev);
	free(cur);
	return d;
}

/* The closest spelling to folded, if it is close enough to be a slip of the
 * keyboard (at most a third of the word, and at least one edit allowed). */
static const struct spelling *nearest_spelling(const struct spellings *sp, const char *folded)
{
	const struct spelling *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < sp->count; i++) {
		size_t d = edit_distance(folded, sp->items[i].folded);
		if (d < best_d || (d == best_d && better_match(&sp->items[i], best))) {
			best = &sp->items[i];
			best_d = d;
		}
	}
	size_t allowed = strlen(folded) / 3 + 1;
	return best && best_d <= allowed ? best : NULL;
}

static enum status unknown_region(const struct spellings *sp, const char *name, const char *folded)
{
	const struct spelling *near = nearest_spelling(sp, folded);
	if (near)
		return status_set(ST_NOT_FOUND, "unknown region '%s'; did you mean '%s'?",
				  name, near->canonical);
	return status_set(ST_NOT_FOUND, "unknown region '%s'", name);
}

/* Resolves name to a region id and (when canonical is not NULL) its name. */
static enum status resolve_region(struct store *s, const char *name, int64_t *id, char **canonical)
{
	struct spellings sp;
	enum status st = load_spellings(s, &sp);
	if (st != ST_OK)
		return st;
	char *folded = fold_name(name);
	const struct spelling *hit = *folded ? find_spelling(&sp, folded) : NULL;
	if (hit) {
		*id = hit->id;
		if (canonical)
			*canonical = xstrdup(hit->canonical);
	} else {
		st = unknown_region(&sp, name, folded);
	}
	free(folded);
	spellings_free(&sp);
	return st;
}

enum status query_region_resolve(struct store *s, const char *name, char **canonical)
{
	int64_t id;
	return resolve_region(s, name, &id, canonical);
}

enum status query_region_filter(struct store *s, const char *name, int64_t *id)
{
	*id = 0;
	if (!name || !*name)
		return ST_OK;
	return resolve_region(s, name, id, NULL);
}

/* --- listings ---------------------------------------------------------------- */

enum status query_regions(struct store *s, const char *side, struct qtable *out)
{
	static const char *const headers[] = { "name", "type", "side", "parent" };
	/* Places below the provincial level take their province's side. */
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT r.name, r.type, coalesce(r.side, pr.side), p.name"
		" FROM region r LEFT JOIN region p ON p.id = r.parent_id"
		" LEFT JOIN region pr ON pr.id = r.province_id"
		" WHERE ?1 IS NULL OR coalesce(r.side, pr.side) = ?1"
		" ORDER BY r.id");
	if (!stmt)
		return ST_STORE;
	if (side)
		sqlite3_bind_text(stmt, 1, side, -1, SQLITE_TRANSIENT);
	return query_run_into(s, stmt, ARRAY_LEN(headers), headers, out);
}

/* One row per (donor, recipient): the earliest since and latest until over
 * every report that states the pair, and the first statement (the report of
 * the earliest year, then file and line) as its source. Province-level pairs
 * first. */
static const char pairs_sql[] =
	"WITH RECURSIVE " SUBTREE("sub", "?1") ","
	" stated AS (SELECT p.id, p.donor_id, p.recipient_id, p.level, p.since, p.until AS till,"
	"   rep.file, coalesce(rep.year, 9999) AS rep_year, p.line, p.quote"
	"   FROM pairing p JOIN report rep ON rep.id = p.report_id"
	"   WHERE ?1 IS NULL OR p.donor_id IN (SELECT id FROM sub)"
	"   OR p.recipient_id IN (SELECT id FROM sub)),"
	" ranked AS (SELECT *, row_number() OVER w_first AS n,"
	"   min(since) OVER w_all AS first_since, max(till) OVER w_all AS last_till"
	"   FROM stated WINDOW w_first AS (PARTITION BY donor_id, recipient_id ORDER BY rep_year, file, line, id),"
	"   w_all AS (PARTITION BY donor_id, recipient_id))"
	" SELECT d.name, r.name, k.level, k.first_since, k.last_till, k.file, k.line, k.quote"
	" FROM ranked k JOIN region d ON d.id = k.donor_id JOIN region r ON r.id = k.recipient_id"
	" WHERE k.n = 1"
	" ORDER BY (d.id = d.province_id AND r.id = r.province_id) DESC, d.name, r.name";

enum status query_pairs(struct store *s, const char *region, struct qtable *out)
{
	static const char *const headers[] = {
		"donor", "recipient", "level", "since", "until", "report", "line", "quote",
	};
	int64_t id;
	enum status st = query_region_filter(s, region, &id);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *stmt = store_prepare(s, pairs_sql);
	if (!stmt)
		return ST_STORE;
	query_bind_id(stmt, 1, id);
	return query_run_into(s, stmt, ARRAY_LEN(headers), headers, out);
}

enum status query_anomalies(struct store *s, struct qtable *out)
{
	static const char *const headers[] = { "kind", "message", "report", "line", "quote" };
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT a.kind, a.message, rep.file, a.line, a.quote"
		" FROM anomaly a JOIN report rep ON rep.id = a.report_id"
		" ORDER BY rep.file, a.line, a.id");
	if (!stmt)
		return ST_STORE;
	return query_run_into(s, stmt, ARRAY_LEN(headers), headers, out);
}
