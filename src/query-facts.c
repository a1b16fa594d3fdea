#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The fact queries: regions by name or alias, pairings merged across the
 * reports that state them, money facts and anomalies. A region argument
 * always means the region and every place under it (the parent chain), so
 * "Yunnan" finds Wenshan Prefecture and "Chongqing" its counties. */

/* --- region names ---------------------------------------------------------- */

/* One spelling of a region: its canonical name or one of its aliases. */
struct spelling {
	int64_t id;
	char *canonical;       /* owned; the region's name */
	char *folded;          /* owned; the spelling, folded for comparison */
	char *spelling;        /* owned; the spelling as the gazetteer writes it */
	char *type;            /* owned; the region's type */
	int rank;              /* lower ranks win when a spelling is shared */
	bool is_canonical;
	int64_t parent_id, province_id;
	char *label;           /* owned; "Wushan County (Chongqing)": the name with
	                        * its province, to tell namesakes apart */
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
		free(sp->items[i].spelling);
		free(sp->items[i].type);
		free(sp->items[i].label);
	}
	free(sp->items);
	memset(sp, 0, sizeof(*sp));
}

/* All names and aliases of the store's regions (a few hundred rows). */
static enum status load_spellings(struct store *s, struct spellings *sp)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"WITH place AS (SELECT r.id, r.name, r.type, r.parent_id, r.province_id,"
		"  CASE WHEN p.id IS NULL OR p.id = r.id OR r.name LIKE '%)' THEN r.name"
		"  ELSE r.name || ' (' || p.name || ')' END AS label"
		"  FROM region r LEFT JOIN region p ON p.id = r.province_id)"
		" SELECT id, name, type, name, 1, parent_id, province_id, label FROM place"
		" UNION ALL SELECT r.id, r.name, r.type, a.alias, 0, r.parent_id, r.province_id, r.label"
		" FROM region_alias a JOIN place r ON r.id = a.region_id");
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
		e->spelling = xstrdup(store_column_text(stmt, 3));
		e->type = xstrdup(store_column_text(stmt, 2));
		e->is_canonical = sqlite3_column_int(stmt, 4) != 0;
		e->parent_id = sqlite3_column_int64(stmt, 5);
		e->province_id = sqlite3_column_int64(stmt, 6);
		e->label = xstrdup(store_column_text(stmt, 7));
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

/* Every place a name may mean: the places sharing the best spelling found
 * (a place's own name beats another's alias, a higher level a lower one),
 * each once, within the place named by in when in is not NULL. */
static size_t find_places(const struct spellings *sp, const char *folded, const struct spelling *in,
			  const struct spelling **hits, size_t max)
{
	const struct spelling *best = find_spelling(sp, folded);
	size_t n = 0;
	for (size_t i = 0; best && i < sp->count && n < max; i++) {
		const struct spelling *e = &sp->items[i];
		bool dup = false;
		for (size_t k = 0; k < n; k++)
			dup |= hits[k]->id == e->id;
		if (dup || strcmp(e->folded, best->folded) != 0)
			continue;
		if (in && e->id != in->id && e->parent_id != in->id && e->province_id != in->id)
			continue;
		if (in || (e->is_canonical == best->is_canonical && e->rank == best->rank))
			hits[n++] = e;
	}
	return n;
}

/* "wushan: 2 places: Wushan County (Chongqing), Wushan County (Gansu); ...". */
static enum status ambiguous_region(const char *name, const struct spelling *const *hits, size_t n)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_append(&sb, ", ", 2);
		strbuf_append(&sb, hits[i]->label, strlen(hits[i]->label));
	}
	char *list = strbuf_steal(&sb);
	enum status st = status_set(ST_USAGE, "%s: %zu places: %s; name one as \"%s\" or with --in PROVINCE",
				    name, n, list, hits[n - 1]->label);
	free(list);
	return st;
}

/* "Wushan County (Gansu)": a name qualified by the place it lies in. The
 * qualifier is split off into *in (owned) when the whole is no name. */
static char *split_qualifier(const struct spellings *sp, const char *folded, char **in)
{
	size_t len = strlen(folded);
	const char *open = strrchr(folded, '(');
	*in = NULL;
	if (!open || len < 4 || folded[len - 1] != ')' || open == folded || find_spelling(sp, folded))
		return xstrdup(folded);
	*in = xstrndup(open + 1, len - (size_t)(open - folded) - 2);
	size_t base = (size_t)(open - folded);
	while (base > 0 && folded[base - 1] == ' ')
		base--;
	return xstrndup(folded, base);
}

#define MAX_NAMESAKES 16

/* The places name means (qualified by "(PLACE)" or by in, which may be
 * NULL), into hits; ST_NOT_FOUND with a "did you mean" when none. */
static enum status resolve_places(const struct spellings *sp, const char *name, const char *in,
				  const struct spelling **hits, size_t *n)
{
	char *folded = fold_name(name), *qual = NULL;
	char *base = split_qualifier(sp, folded, &qual);
	if (!qual && in && *in)
		qual = fold_name(in);
	const struct spelling *where = qual ? find_spelling(sp, qual) : NULL;
	enum status st = ST_OK;
	*n = 0;
	if (qual && !where)
		st = unknown_region(sp, in && *in ? in : name, qual);
	else if (!*base || !(*n = find_places(sp, base, where, hits, MAX_NAMESAKES)))
		st = unknown_region(sp, name, base);
	free(folded);
	free(base);
	free(qual);
	return st;
}

/* Resolves name to one region id and (when canonical is not NULL) its
 * name; a name several places share is a usage error that lists them. */
static enum status resolve_region(struct store *s, const char *name, int64_t *id, char **canonical)
{
	struct spellings sp;
	enum status st = load_spellings(s, &sp);
	if (st != ST_OK)
		return st;
	const struct spelling *hits[MAX_NAMESAKES];
	size_t n;
	st = resolve_places(&sp, name, NULL, hits, &n);
	if (st == ST_OK && n > 1)
		st = ambiguous_region(name, hits, n);
	if (st == ST_OK) {
		*id = hits[0]->id;
		if (canonical)
			*canonical = xstrdup(hits[0]->canonical);
	}
	spellings_free(&sp);
	return st;
}

enum status query_region_places(struct store *s, const char *name, const char *in, struct qtable *out)
{
	static const char *const headers[] = { "name", "label", "id" };
	qtable_init(out, 3, headers);
	struct spellings sp;
	enum status st = load_spellings(s, &sp);
	if (st != ST_OK)
		return st;
	const struct spelling *hits[MAX_NAMESAKES];
	size_t n = 0;
	st = resolve_places(&sp, name, in, hits, &n);
	for (size_t i = 0; st == ST_OK && i < n; i++) {
		char id[32];
		snprintf(id, sizeof(id), "%" PRId64, hits[i]->id);
		const char *cells[] = { hits[i]->canonical, hits[i]->label, id };
		qtable_add_row(out, cells);
	}
	spellings_free(&sp);
	return st;
}

enum status query_place_names(struct store *s, struct qtable *out)
{
	static const char *const headers[] = { "label", "names", "type" };
	qtable_init(out, ARRAY_LEN(headers), headers);
	struct spellings sp;
	enum status st = load_spellings(s, &sp);
	if (st != ST_OK)
		return st;
	for (size_t i = 0; i < sp.count; i++) {
		if (!sp.items[i].is_canonical)
			continue;
		struct strbuf names = {0};
		strbuf_puts(&names, sp.items[i].canonical);
		for (size_t k = i + 1; k < sp.count; k++)
			if (!sp.items[k].is_canonical && sp.items[k].id == sp.items[i].id)
				strbuf_printf(&names, "\n%s", sp.items[k].spelling);
		const char *cells[] = { sp.items[i].label, names.data, sp.items[i].type };
		qtable_add_row(out, cells);
		strbuf_free(&names);
	}
	spellings_free(&sp);
	return ST_OK;
}

enum status query_region_resolve(struct store *s, const char *name, char **canonical)
{
	int64_t id;
	return resolve_region(s, name, &id, canonical);
}

enum status query_region_filters(struct store *s, const char *donor, const char *recipient,
				 int64_t *donor_id, int64_t *recipient_id)
{
	*recipient_id = 0;
	enum status st = query_region_filter(s, donor, donor_id);
	return st == ST_OK ? query_region_filter(s, recipient, recipient_id) : st;
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

/* One row per link (donor, recipient), as the import folded its sentences
 * (src/store-links.c): the earliest since and latest until over every
 * sentence that states or shows it, its basis (stated when any sentence
 * states it, else evidence; ",internal" for a pairing within the West), and
 * the first statement (a stated one first, then the report of the earliest
 * year, then file and line) as its source. ?2 filters the basis.
 * Province-level pairs first. */
static const char pairs_sql[] =
	"WITH RECURSIVE " SUBTREE("sub", "?1")
	" SELECT d.name, r.name, l.level, l.since, l.until, rep.file, p.line,"
	"   l.basis || CASE WHEN l.internal THEN ',internal' ELSE '' END, p.quote"
	" FROM link l JOIN region d ON d.id = l.donor_id JOIN region r ON r.id = l.recipient_id"
	" JOIN pairing p ON p.id = l.first_id JOIN report rep ON rep.id = p.report_id"
	" WHERE (?1 IS NULL OR l.donor_id IN (SELECT id FROM sub) OR l.recipient_id IN (SELECT id FROM sub))"
	" AND (?2 IS NULL OR (?2 = 'stated') = (l.basis = 'stated'))"
	" ORDER BY (d.id = d.province_id AND r.id = r.province_id) DESC, d.name, r.name";

static enum status pairs_of(struct store *s, int64_t id, const char *basis, struct qtable *out)
{
	sqlite3_stmt *stmt = store_prepare(s, pairs_sql);
	if (!stmt)
		return ST_STORE;
	query_bind_id(stmt, 1, id);
	if (basis)
		sqlite3_bind_text(stmt, 2, basis, -1, SQLITE_STATIC);
	return query_fill_table(s, stmt, out, NULL, NULL);
}

enum status query_pairs(struct store *s, const char *region, const char *in, const char *basis,
			struct qtable *out)
{
	static const char *const headers[] = {
		"donor", "recipient", "level", "since", "until", "report", "line", "basis", "quote",
	};
	if (basis && pair_basis_parse(basis) < 0)
		return status_set(ST_USAGE, "bad basis '%s' (expected stated or evidence)", basis);
	struct qtable places;
	enum status st = ST_OK;
	if (region && *region)
		st = query_region_places(s, region, in, &places);
	else
		qtable_init(&places, 3, (const char *const[]){ "name", "label", "id" });
	qtable_init(out, ARRAY_LEN(headers), headers);
	if (st == ST_OK && places.nrows == 0)
		st = pairs_of(s, 0, basis, out);
	/* a name namesakes share ("Wushan"): the pairings of each */
	for (size_t i = 0; st == ST_OK && i < places.nrows; i++)
		st = pairs_of(s, qtable_int(&places, i, 2), basis, out);
	qtable_free(&places);
	if (st != ST_OK)
		qtable_free(out); /* a failed query leaves nothing to free */
	return st;
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
