#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/placename.h"
#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The fact queries: regions by name or alias, pairings merged across the
 * reports that state them, money facts and anomalies. A region argument
 * always means the region and every place under it (the parent chain), so
 * "Yunnan" finds Wenshan Prefecture and "Chongqing" its counties. Every
 * place argument of the command line resolves here (resolve_places): by its
 * English name or an alias, its Chinese name with or without the suffix
 * (the store's region_name, src/placename.c), or its pinyin however spaced. */

/* --- region names ---------------------------------------------------------- */

/* A region as the spellings name it, loaded once however many spellings
 * it has. */
struct place_info {
	int64_t id, parent_id, province_id;
	char *name;            /* owned; the region's canonical name */
	char *type;            /* owned */
	char *label;           /* owned; "Wushan County (Chongqing)": the name with
	                        * its province, to tell namesakes apart */
};

/* One spelling of a region: its canonical name, one of its aliases, or
 * one of its names in Chinese or pinyin. */
struct spelling {
	int64_t id;
	const char *canonical; /* the region's name (its place_info's) */
	char *folded;          /* owned; the spelling, folded for comparison */
	char *compact;         /* owned; the spelling without blanks, hyphens and
	                        * apostrophes ("wenshan"), for pinyin typed any way */
	char *spelling;        /* owned; the spelling as the gazetteer writes it */
	const char *type;      /* the region's type (its place_info's) */
	int rank;              /* lower ranks win when a spelling is shared */
	bool is_canonical;     /* the region's English name */
	bool own;              /* its own name in either script: beats an alias */
	int64_t parent_id, province_id;
	const char *label;     /* the region's label (its place_info's) */
};

struct spellings {
	struct place_info *places; /* owned; sorted by id */
	size_t nplaces, cap_places;
	struct spelling *items; /* owned; every region's name first, in id order */
	size_t count, cap;
};

/* Lower case ASCII, apostrophe variants (' ’ ‘ `) dropped, runs of blanks
 * as one space, trimmed: "Pu’er", "pu'er" and "Puer" fold alike. */
static char *fold_name(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t n = 0;
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\'' || *p == '`')
			continue;
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			p += 2;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
	}
	out[n] = '\0';
	return out;
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
		free(sp->items[i].folded);
		free(sp->items[i].compact);
		free(sp->items[i].spelling);
	}
	for (size_t i = 0; i < sp->nplaces; i++) {
		free(sp->places[i].name);
		free(sp->places[i].type);
		free(sp->places[i].label);
	}
	free(sp->items);
	free(sp->places);
	memset(sp, 0, sizeof(*sp));
}

/* Adds a spelling of place p. */
static void add_spelling(struct spellings *sp, const struct place_info *p, const char *text,
			 bool canonical, bool own)
{
	struct spelling *e = ARRAY_PUSH(sp->items, sp->count, sp->cap);
	e->id = p->id;
	e->canonical = p->name;
	e->type = p->type;
	e->label = p->label;
	e->rank = type_rank(p->type);
	e->folded = fold_name(text);
	e->compact = placename_compact(e->folded);
	e->spelling = xstrdup(text);
	e->is_canonical = canonical;
	e->own = own;
	e->parent_id = p->parent_id;
	e->province_id = p->province_id;
}

/* Every region with its label, and its name as its first spelling. */
static enum status load_places(struct store *s, struct spellings *sp)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT r.id, r.name, r.type, r.parent_id, r.province_id,"
		"  CASE WHEN p.id IS NULL OR p.id = r.id OR r.name LIKE '%)' THEN r.name"
		"  ELSE r.name || ' (' || p.name || ')' END"
		" FROM region r LEFT JOIN region p ON p.id = r.province_id ORDER BY r.id");
	if (!stmt)
		return ST_STORE;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct place_info *p = ARRAY_PUSH(sp->places, sp->nplaces, sp->cap_places);
		p->id = sqlite3_column_int64(stmt, 0);
		p->parent_id = sqlite3_column_int64(stmt, 3);
		p->province_id = sqlite3_column_int64(stmt, 4);
		p->name = xstrdup(store_column_text(stmt, 1));
		p->type = xstrdup(store_column_text(stmt, 2));
		p->label = xstrdup(store_column_text(stmt, 5));
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? ST_OK : store_step_error(s);
}

static int place_id_cmp(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key, other = ((const struct place_info *)elem)->id;
	return id < other ? -1 : id > other;
}

/* Column 2 of the other spellings' query: what a spelling is to its region. */
enum { SPELL_ALIAS, SPELL_OTHER_SCRIPT = 2 };

/* The aliases, then the names in Chinese and pinyin (region_name), each
 * joined to its region (loaded first) by id. */
static enum status load_other_spellings(struct store *s, struct spellings *sp)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT region_id, alias, 0 FROM region_alias"
		" UNION ALL SELECT region_id, name, 2 FROM region_name");
	if (!stmt)
		return ST_STORE;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		const struct place_info *p = !sp->nplaces ? NULL :
			bsearch(&id, sp->places, sp->nplaces, sizeof(*sp->places), place_id_cmp);
		if (p)
			add_spelling(sp, p, store_column_text(stmt, 1), false,
				     sqlite3_column_int(stmt, 2) != SPELL_ALIAS);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? ST_OK : store_step_error(s);
}

/* All names and aliases of the store's regions (a few hundred rows), each
 * region's names in Chinese and pinyin last. */
static enum status load_spellings(struct store *s, struct spellings *sp)
{
	memset(sp, 0, sizeof(*sp));
	enum status st = load_places(s, sp);
	/* the names first, in id order: query_place_names relies on it */
	for (size_t i = 0; st == ST_OK && i < sp->nplaces; i++)
		add_spelling(sp, &sp->places[i], sp->places[i].name, true, true);
	if (st == ST_OK)
		st = load_other_spellings(s, sp);
	if (st != ST_OK)
		spellings_free(sp);
	return st;
}

static bool better_match(const struct spelling *a, const struct spelling *best)
{
	if (!best)
		return true;
	if (a->own != best->own)
		return a->own;
	if (a->rank != best->rank)
		return a->rank < best->rank;
	return a->id < best->id;
}

/* A spelling as typed, to compare: folded ("wen shan"), or compact
 * ("wenshan") when pinyin spaced otherwise than the gazetteer's is tried. */
struct name_key {
	char *text;            /* owned */
	bool compact;          /* compare with spelling->compact, not ->folded */
};

static bool key_matches(const struct spelling *e, const struct name_key *key)
{
	return strcmp(key->compact ? e->compact : e->folded, key->text) == 0;
}

static const struct spelling *find_key(const struct spellings *sp, const struct name_key *key)
{
	const struct spelling *best = NULL;
	for (size_t i = 0; i < sp->count; i++)
		if (key_matches(&sp->items[i], key) && better_match(&sp->items[i], best))
			best = &sp->items[i];
	return best;
}

/* The key with a common designation dropped when it ends with one, else
 * added ("wenshan" for "wenshan prefecture", "yunnan province" for
 * "yunnan"; compact keys with a compact designation). Owned. */
static char *designation_variant(const char *key, const char *designation, bool compact)
{
	char *d = compact ? placename_compact(designation) : xstrdup(designation);
	size_t len = strlen(key), dlen = strlen(d);
	char *variant = len > dlen && strcmp(key + len - dlen, d) == 0 ? xstrndup(key, len - dlen)
		      : xasprintf("%s%s", key, d);
	free(d);
	return variant;
}

/* Exact match, else with a common designation added or dropped; into
 * key->text goes the spelling that matched (owned by the caller). */
static const struct spelling *find_with_designation(const struct spellings *sp, struct name_key *key)
{
	static const char *const designations[] = {
		" county", " city", " district", " prefecture", " province", " municipality",
		" autonomous region", " league", " banner",
	};
	const struct spelling *hit = find_key(sp, key);
	for (size_t i = 0; !hit && i < ARRAY_LEN(designations); i++) {
		struct name_key variant = { designation_variant(key->text, designations[i], key->compact),
					    key->compact };
		hit = find_key(sp, &variant);
		if (hit) {
			free(key->text);
			key->text = variant.text;
		} else {
			free(variant.text);
		}
	}
	return hit;
}

/* The spelling folded names, as written, else however spaced ("Wen Shan",
 * "xi an"); *key (owned by the caller when not NULL) receives how it
 * matched, for finding the namesakes that match alike. */
static const struct spelling *find_spelling_key(const struct spellings *sp, const char *folded,
						struct name_key *key)
{
	struct name_key k = { xstrdup(folded), false };
	const struct spelling *hit = find_with_designation(sp, &k);
	if (!hit) {
		free(k.text);
		k = (struct name_key){ placename_compact(folded), true };
		hit = *k.text ? find_with_designation(sp, &k) : NULL;
	}
	if (key)
		*key = k;
	else
		free(k.text);
	return hit;
}

static const struct spelling *find_spelling(const struct spellings *sp, const char *folded)
{
	return find_spelling_key(sp, folded, NULL);
}

/* The characters of UTF-8 s as code points (a stray byte stands for
 * itself), into a new array; their count in *n. */
static unsigned *code_points(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned *out = xcalloc(strlen(s) + 1, sizeof(*out));
	*n = 0;
	for (size_t i = 0; u[i];) {
		size_t len = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : u[i] >= 0xC0 ? 2 : 1;
		unsigned cp = u[i];
		for (size_t k = 1; k < len; k++) {
			if ((u[i + k] & 0xC0) != 0x80) {
				len = 1;
				break;
			}
			cp = cp << 6 | (u[i + k] & 0x3F);
		}
		out[(*n)++] = len == 1 ? u[i] : cp;
		i += len;
	}
	return out;
}

/* Levenshtein distance over characters (a slip in 汉字 is one edit, not
 * three bytes), two rows. */
static size_t edit_distance(const unsigned *a, size_t la, const unsigned *b, size_t lb)
{
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
	size_t best_d = (size_t)-1, len;
	unsigned *typed = code_points(folded, &len);
	for (size_t i = 0; i < sp->count; i++) {
		size_t n;
		unsigned *cand = code_points(sp->items[i].folded, &n);
		size_t d = edit_distance(typed, len, cand, n);
		free(cand);
		if (d < best_d || (d == best_d && better_match(&sp->items[i], best))) {
			best = &sp->items[i];
			best_d = d;
		}
	}
	free(typed);
	size_t allowed = len / 3 + 1;
	return best && best_d <= allowed ? best : NULL;
}

/* "did you mean 'Pu'er City'?"; a name in Chinese suggests its like in
 * Chinese, with the English name beside it ("'云南' (Yunnan)"). */
static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static enum status unknown_region(const struct spellings *sp, const char *name, const char *folded)
{
	const struct spelling *near = nearest_spelling(sp, folded);
	if (near && near->own && !near->is_canonical && !is_ascii(near->spelling))
		return status_set(ST_NOT_FOUND, "unknown region '%s'; did you mean '%s' (%s)?",
				  name, near->spelling, near->canonical);
	if (near)
		return status_set(ST_NOT_FOUND, "unknown region '%s'; did you mean '%s'?",
				  name, near->canonical);
	return status_set(ST_NOT_FOUND, "unknown region '%s'", name);
}

static int cmp_hit_labels(const void *a, const void *b)
{
	return strcmp((*(const struct spelling *const *)a)->label, (*(const struct spelling *const *)b)->label);
}

/* Every place a name may mean: the places sharing the best spelling found
 * (a place's own name beats another's alias, a higher level a lower one),
 * each once, within the place named by in when in is not NULL; by label,
 * which is unique, so that the list does not follow the region ids (the
 * order the gazetteer's files happen to be read in). */
static size_t find_places(const struct spellings *sp, const char *folded, const struct spelling *in,
			  const struct spelling **hits, size_t max)
{
	struct name_key key;
	const struct spelling *best = find_spelling_key(sp, folded, &key);
	size_t n = 0;
	for (size_t i = 0; best && i < sp->count && n < max; i++) {
		const struct spelling *e = &sp->items[i];
		bool dup = false;
		for (size_t k = 0; k < n; k++)
			dup |= hits[k]->id == e->id;
		if (dup || !key_matches(e, &key))
			continue;
		if (in && e->id != in->id && e->parent_id != in->id && e->province_id != in->id)
			continue;
		if (in || (e->own == best->own && e->rank == best->rank))
			hits[n++] = e;
	}
	free(key.text);
	qsort(hits, n, sizeof(*hits), cmp_hit_labels);
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

enum status query_prepare_by_pair(struct store *s, const char *sql, const char *donor,
				  const char *recipient, int year, sqlite3_stmt **stmt)
{
	int64_t donor_id, recipient_id;
	*stmt = NULL;
	enum status st = query_region_filter(s, donor, &donor_id);
	if (st == ST_OK)
		st = query_region_filter(s, recipient, &recipient_id);
	if (st != ST_OK)
		return st;
	if (!(*stmt = store_prepare(s, sql)))
		return ST_STORE;
	query_bind_id(*stmt, 1, donor_id);
	query_bind_id(*stmt, 2, recipient_id);
	if (sqlite3_bind_parameter_count(*stmt) >= 3)
		query_bind_id(*stmt, 3, year);
	return ST_OK;
}

enum status query_region_filter(struct store *s, const char *name, int64_t *id)
{
	*id = 0;
	if (!name || !*name)
		return ST_OK;
	return resolve_region(s, name, id, NULL);
}

/* The panes ask with a region's own name (unique), on every new selection:
 * looked up by that name first, since resolving any other spelling reads
 * them all (10 million instructions at 1,000 reports, most of a Down). */
static enum status short_zh_where(struct store *s, const char *sql, const char *name, int64_t id,
				  struct qtable *t)
{
	sqlite3_stmt *stmt = store_prepare(s, sql);
	if (!stmt) {
		memset(t, 0, sizeof(*t));
		return ST_STORE;
	}
	if (name)
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	else
		query_bind_id(stmt, 1, id);
	return query_run_into(s, stmt, 1, (const char *const[]){ "short_zh" }, t);
}

enum status query_region_short_zh(struct store *s, const char *name, char **zh)
{
	*zh = NULL;
	struct qtable t = { 0 };
	enum status st = short_zh_where(s, "SELECT short_zh FROM region WHERE name = ?1", name, 0, &t);
	if (st == ST_OK && t.nrows == 0) {
		qtable_free(&t);
		int64_t id;
		st = resolve_region(s, name, &id, NULL);
		if (st != ST_OK)
			return st;
		st = short_zh_where(s, "SELECT short_zh FROM region WHERE id = ?1", NULL, id, &t);
	}
	if (st == ST_OK && t.nrows && qtable_get(&t, 0, 0))
		*zh = xstrdup(qtable_get(&t, 0, 0));
	qtable_free(&t);
	return st;
}

/* --- listings ---------------------------------------------------------------- */

enum status query_regions(struct store *s, const char *side, struct qtable *out)
{
	static const char *const headers[] = { "name", "type", "side", "parent", "name_zh", "pinyin" };
	/* Places below the provincial level take their province's side. */
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT r.name, r.type, coalesce(r.side, pr.side), p.name, r.name_zh, r.pinyin"
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
