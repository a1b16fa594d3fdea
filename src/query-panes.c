#include "config.h"

/* The browser's pane queries. Each is one indexed query per selection (the
 * views cache the results, so moving back and forth never re-runs one). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/idmap.h"
#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* Runs sql with text parameters ?1..?nparams and appends every result row
 * (all columns as text, NULL kept) to out, which must have as many columns.
 * sql is static text: its statement is kept prepared (store_prepare_cached). */
static enum status run_rows(struct store *s, const char *sql, const char *const *params,
			    int nparams, struct qtable *out)
{
	sqlite3_stmt *stmt = store_prepare_cached(s, sql);
	if (!stmt)
		return ST_STORE;
	for (int i = 0; i < nparams; i++)
		sqlite3_bind_text(stmt, i + 1, params[i], -1, SQLITE_STATIC);
	return query_fill_table(s, stmt, out, NULL, NULL);
}

/* --- provinces ----------------------------------------------------------- */

/* The province pairs of the stated links, then each province with the
 * number of its partner provinces and the names and aliases of its places,
 * in English and in Chinese and pinyin (region_name), for the filter.
 * Stated links only (link_basis index): the links seen through aid bring
 * their provinces in through the money (pair_total) anyway. */
#define PAIRING_PAIRS \
	"  SELECT coalesce(dr.province_id, dr.id) AS d, coalesce(rr.province_id, rr.id) AS r" \
	"  FROM link l JOIN region dr ON dr.id = l.donor_id JOIN region rr ON rr.id = l.recipient_id" \
	"  WHERE l.basis = 'stated'"
/* tot is read by a correlated subquery per province: without MATERIALIZED
 * SQLite recomputes it for every row (16 ms instead of 2 at 1,000 reports,
 * README "Benchmarks"). The names of a province's places are one indexed
 * subquery per province (region_province, region_alias_region,
 * region_name_region): no sort of every name of the gazetteer by province. */
#define PROVINCES_TAIL(funds) \
	" sides AS (SELECT d AS me, r AS other FROM pp UNION SELECT r, d FROM pp)" \
	" SELECT g.name, g.type, g.side, count(DISTINCT s.other) FILTER (WHERE s.other <> g.id)," \
	"        " funds "," \
	"        (SELECT n FROM itot WHERE itot.me = g.id)," \
	"        (SELECT group_concat(n, '|') FROM (SELECT u.name AS n FROM region u WHERE u.province_id = g.id" \
	"           UNION ALL SELECT a.alias FROM region u JOIN region_alias a ON a.region_id = u.id" \
	"           WHERE u.province_id = g.id" \
	"           UNION ALL SELECT x.name FROM region u JOIN region_name x ON x.region_id = u.id" \
	"           WHERE u.province_id = g.id))," \
	"        g.short_zh" \
	" FROM sides s JOIN region g ON g.id = s.me" \
	" GROUP BY g.id ORDER BY g.name"

/* Without the money: the pairing table only, a few milliseconds even for a
 * thousand reports. */
static const char provinces_fast_sql[] =
	"WITH pp AS (" PAIRING_PAIRS "), itot(me, n) AS (SELECT NULL, NULL WHERE 0),"
	PROVINCES_TAIL("NULL, NULL");

/* The count of one kind (?1) a province gave or received: per pair (the
 * donor's unit, the recipient's province) and year the largest count of
 * the kind, as the funds pane's year line says it, added over the pairs
 * and years; one-year counts only, each stated count once. */
#define INDICATOR_TOTALS \
	" ic AS (SELECT coalesce(up.province_id, up.id) AS d, coalesce(r.province_id, r.id) AS r," \
	"   max(i.value) AS n FROM indicator i JOIN region dr ON dr.id = i.donor_id" \
	"   JOIN region up ON up.id = coalesce(dr.unit_id, dr.id) JOIN region r ON r.id = i.recipient_id" \
	"   WHERE i.kind = ?1 AND i.flow_id = i.id AND i.year = i.from_year" \
	"   GROUP BY up.id, coalesce(r.province_id, r.id), i.year)," \
	" itot AS MATERIALIZED (SELECT me, sum(n) AS n FROM" \
	"   (SELECT d AS me, n FROM ic UNION ALL SELECT r, n FROM ic WHERE r <> d) GROUP BY me),"

/* With the money: the province pairs of pair_total too, and each province's
 * aid and investment over the years, added from pair_total (the import's
 * figures by the one rule, src/flows.c) through province_pair_total, its
 * sums per province pair. A joint donation of givers from several
 * provinces counts for its recipient only. */
#define PROVINCES_FUNDS(counts) \
	"WITH ft AS (SELECT donor_province AS d, single, recipient_id AS r," \
	"  aid_yuan AS aid, investment_yuan AS inv FROM province_pair_total)," \
	" pp AS (" PAIRING_PAIRS " UNION SELECT d, r FROM ft WHERE single)," \
	" tot AS MATERIALIZED (SELECT me, CAST(total(aid) AS INTEGER) AS aid," \
	"   CAST(total(inv) AS INTEGER) AS inv FROM" \
	"   (SELECT d AS me, aid, inv FROM ft WHERE single UNION ALL SELECT r, aid, inv FROM ft)" \
	"   GROUP BY me)," \
	counts \
	PROVINCES_TAIL("(SELECT aid FROM tot WHERE tot.me = g.id)," \
		       " (SELECT inv FROM tot WHERE tot.me = g.id)")

static const char provinces_sql[] = PROVINCES_FUNDS(" itot(me, n) AS (SELECT NULL, NULL WHERE 0),");
/* With one kind of count beside the money (indicator_kind index). */
static const char provinces_count_sql[] = PROVINCES_FUNDS(INDICATOR_TOTALS);

enum status query_pane_provinces(struct store *s, bool with_funds, const char *kind, struct qtable *out)
{
	static const char *const headers[] = { "name", "type", "side", "partners",
					       "aid_yuan", "investment_yuan", "count", "aliases", "name_zh" };
	qtable_init(out, 9, headers);
	const char *params[] = { kind && *kind ? kind : NULL };
	if (!with_funds)
		return run_rows(s, provinces_fast_sql, NULL, 0, out);
	sqlite3_stmt *stmt = store_prepare(s, params[0] ? provinces_count_sql : provinces_sql);
	if (!stmt)
		return ST_STORE;
	if (params[0])
		sqlite3_bind_text(stmt, 1, params[0], -1, SQLITE_STATIC);
	return query_fill_table(s, stmt, out, NULL, NULL);
}

/* --- partners ------------------------------------------------------------ */

/* Every link with a side in the province (?1 its id), with the other
 * side's province: the links from a place of the province (region_province,
 * then the link's primary key), then those to one from outside it
 * (region_province, link_recipient). A link is one row (its sentences are
 * folded at import, src/store-links.c) with the sentence shown for it; a
 * pairing within the province (a West region's own cities) comes from the
 * first half only and is listed under the province itself. Each half joins
 * its link's columns at once: joining a list of link keys back to link,
 * and sorting the rows with their quotes in an ORDER BY, were a third of
 * the pane's time (sort_partner_rows orders them).
 * ids is the region ids the filter text is made of (place_texts_make), or
 * NULLs. */
#define PARTNERS_COLUMNS(ids) \
	" SELECT o.name, d.name, r.name, l.level, l.since, l.until, rep.file, p.line, p.quote," \
	"        (d.province_id = ?1) AS me_donor," \
	"        (d.id = o.id OR r.id = o.id) AND (d.id = ?1 OR r.id = ?1) AS top," \
	"        l.basis, l.internal, l.first_year, l.last_year," \
	"        o.short_zh, d.short_zh, r.short_zh, " ids
#define PARTNERS_SOURCE \
	" JOIN pairing p ON p.id = l.source_id JOIN report rep ON rep.id = p.report_id"
#define PARTNERS_SQL(ids) \
	PARTNERS_COLUMNS(ids) \
	" FROM region d JOIN link l ON l.donor_id = d.id JOIN region r ON r.id = l.recipient_id" \
	" JOIN region o ON o.id = coalesce(r.province_id, r.id)" PARTNERS_SOURCE \
	" WHERE d.province_id = ?1" \
	" UNION ALL" PARTNERS_COLUMNS(ids) \
	" FROM region r JOIN link l ON l.recipient_id = r.id JOIN region d ON d.id = l.donor_id" \
	" JOIN region o ON o.id = coalesce(d.province_id, d.id)" PARTNERS_SOURCE \
	" WHERE r.province_id = ?1 AND (d.province_id = ?1) IS NOT 1"
/* The partner's province, both sides and their parents: the places a
 * row's filter text names. */
static const char partners_sql[] = PARTNERS_SQL("o.id, d.id, r.id, d.parent_id, r.parent_id");
/* Without them, for the browser until its pane is filtered. */
static const char partners_lean_sql[] = PARTNERS_SQL("NULL, NULL, NULL, NULL, NULL");

enum { PR_PARTNER, PR_DONOR, PR_RECIPIENT, PR_LEVEL, PR_SINCE, PR_UNTIL, PR_REPORT, PR_LINE,
       PR_QUOTE, PR_ME_DONOR, PR_TOP, PR_BASIS, PR_INTERNAL, PR_FIRST_YEAR,
       PR_LAST_YEAR, PR_PARTNER_ZH, PR_DONOR_ZH, PR_RECIPIENT_ZH,
       PR_PARTNER_ID, PR_DONOR_ID, PR_RECIPIENT_ID, PR_DONOR_PARENT_ID, PR_RECIPIENT_PARENT_ID,
       PR_NCOLS };

/* --- the partners pane's filter text ------------------------------------- */

/* A row's filter text is the names of its donor's and recipient's parents,
 * then the aliases of its five places (partner province, donor, recipient
 * and their parents; each place once, by ascending id, a place's aliases in
 * alias order), then their Chinese and pinyin names the same way, all
 * separated by spaces. Each place's pieces are read once per call, when a
 * row first names it: a busy province's 900 rows name only some 100
 * places, and two correlated subqueries a row doubled the pane's time at
 * 1,000 reports. */
struct place_text {
	char *name;          /* owned; "" when no region has the id */
	char *aliases;       /* owned; its aliases joined by spaces */
	char *names;         /* owned; its Chinese and pinyin names joined by spaces */
	size_t name_len, aliases_len, names_len;
	size_t naliases, nnames;
};

/* The places read so far in one call. */
struct place_texts {
	struct store *store;
	struct idmap index;    /* owned; region id -> element of v */
	struct place_text *v;  /* owned, with each element's strings */
	size_t n, cap;
	struct strbuf row;     /* owned; the row being written */
};

static const char place_name_sql[] = "SELECT name FROM region WHERE id = ?1";
/* In the order of the region_alias_region and region_name_region indexes. */
static const char place_aliases_sql[] =
	"SELECT alias FROM region_alias WHERE region_id = ?1 ORDER BY alias";
static const char place_names_sql[] =
	"SELECT name FROM region_name WHERE region_id = ?1 ORDER BY name";

/* The first column of every row of sql run with ?1 = id, joined by spaces
 * into *out (owned, *len bytes), their number in *n. */
static enum status join_rows(struct store *s, const char *sql, int64_t id, char **out,
			     size_t *len, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = store_prepare_cached(s, sql);
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_int64(stmt, 1, id);
	struct strbuf sb = { 0 };
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((*n)++)
			strbuf_append(&sb, " ", 1);
		strbuf_puts(&sb, store_column_text(stmt, 0));
	}
	enum status st = rc == SQLITE_DONE ? ST_OK : store_step_error(s);
	store_finish(s, stmt);
	*len = sb.len;
	*out = strbuf_steal(&sb);
	return st;
}

static enum status place_text_load(struct store *s, int64_t id, struct place_text *p)
{
	size_t one;
	enum status st = join_rows(s, place_name_sql, id, &p->name, &p->name_len, &one);
	if (st == ST_OK)
		st = join_rows(s, place_aliases_sql, id, &p->aliases, &p->aliases_len, &p->naliases);
	if (st == ST_OK)
		st = join_rows(s, place_names_sql, id, &p->names, &p->names_len, &p->nnames);
	return st;
}

/* Room for the places of nrows rows (five each at most). */
static void place_texts_init(struct place_texts *pt, struct store *s, size_t nrows)
{
	*pt = (struct place_texts){ .store = s };
	idmap_init(&pt->index, 5 * nrows);
}

static void place_texts_free(struct place_texts *pt)
{
	for (size_t k = 0; k < pt->n; k++) {
		free(pt->v[k].name);
		free(pt->v[k].aliases);
		free(pt->v[k].names);
	}
	free(pt->v);
	idmap_free(&pt->index);
	strbuf_free(&pt->row);
}

/* The place of id in *k (an index into pt->v), read from the store when no
 * row named it before. An id that is not positive (only a crafted store has
 * one) is read again each time. */
static enum status place_get(struct place_texts *pt, int64_t id, size_t *k)
{
	*k = idmap_get(&pt->index, id, SIZE_MAX);
	if (*k != SIZE_MAX)
		return ST_OK;
	*k = pt->n;
	struct place_text *p = ARRAY_PUSH(pt->v, pt->n, pt->cap);
	*p = (struct place_text){ 0 };
	idmap_put(&pt->index, id, *k);
	return place_text_load(pt->store, id, p);
}

/* The place ids of raw row i (NULL ones left out), ascending and each once,
 * into ids; returns how many. Sorted by insertion: five at most, where
 * qsort cost more than the rest of the row's text. */
static size_t row_place_ids(const struct qtable *raw, size_t i, int64_t ids[5])
{
	size_t n = 0;
	for (size_t col = PR_PARTNER_ID; col <= PR_RECIPIENT_PARENT_ID; col++) {
		if (!qtable_get(raw, i, col))
			continue;
		int64_t v = qtable_int(raw, i, col);
		size_t j = n;
		for (; j > 0 && ids[j - 1] > v; j--)
			;
		if (j > 0 && ids[j - 1] == v)
			continue;
		memmove(ids + j + 1, ids + j, (n - j) * sizeof(*ids));
		ids[j] = v;
		n++;
	}
	return n;
}

/* Appends the English name of the place in column col of raw row i ("" for
 * a NULL id) to pt->row. */
static enum status put_place_name(struct place_texts *pt, const struct qtable *raw, size_t i, size_t col)
{
	size_t k;
	if (!qtable_get(raw, i, col))
		return ST_OK;
	enum status st = place_get(pt, qtable_int(raw, i, col), &k);
	if (st == ST_OK)
		strbuf_append(&pt->row, pt->v[k].name, pt->v[k].name_len);
	return st;
}

/* Appends a space and the aliases (names: the Chinese and pinyin names) of
 * the places at places[0..n) to pt->row. */
static void put_place_words(struct place_texts *pt, const size_t *places, size_t n, bool names)
{
	strbuf_append(&pt->row, " ", 1);
	size_t joined = 0;
	for (size_t k = 0; k < n; k++) {
		const struct place_text *p = &pt->v[places[k]];
		if (!(names ? p->nnames : p->naliases))
			continue;
		if (joined++)
			strbuf_append(&pt->row, " ", 1);
		strbuf_append(&pt->row, names ? p->names : p->aliases, names ? p->names_len : p->aliases_len);
	}
}

/* The filter text of raw row i into *out (owned). */
static enum status row_filter_text(struct place_texts *pt, const struct qtable *raw, size_t i, char **out)
{
	pt->row.len = 0;
	enum status st = put_place_name(pt, raw, i, PR_DONOR_PARENT_ID);
	strbuf_append(&pt->row, " ", 1);
	if (st == ST_OK)
		st = put_place_name(pt, raw, i, PR_RECIPIENT_PARENT_ID);
	int64_t ids[5];
	size_t places[5], n = row_place_ids(raw, i, ids);
	for (size_t k = 0; k < n && st == ST_OK; k++)
		st = place_get(pt, ids[k], &places[k]);
	if (st != ST_OK)
		return st;
	put_place_words(pt, places, n, false);
	put_place_words(pt, places, n, true);
	*out = xstrndup(pt->row.data, pt->row.len);
	return ST_OK;
}

/* The filter text of every row of raw (owned, nrows strings), or NULL and
 * *st the error. */
static char **partners_filter_texts(struct store *s, const struct qtable *raw, enum status *st)
{
	struct place_texts pt;
	place_texts_init(&pt, s, raw->nrows);
	char **texts = xcalloc(raw->nrows + 1, sizeof(*texts));
	bool began = store_read_begin(s);
	*st = ST_OK;
	for (size_t i = 0; i < raw->nrows && *st == ST_OK; i++)
		*st = row_filter_text(&pt, raw, i, &texts[i]);
	store_read_end(s, began);
	place_texts_free(&pt);
	if (*st != ST_OK) {
		for (size_t i = 0; i < raw->nrows; i++)
			free(texts[i]);
		free(texts);
		texts = NULL;
	}
	return texts;
}

/* A region's name as the pane is asked for it, by the region's unique
 * index; province_of_sql only when that finds nothing (a name typed in
 * another case, or an alias), since a NOCASE comparison cannot use that
 * index and scans every region. */
static const char province_exact_sql[] = "SELECT id, short_zh FROM region WHERE name = ?1";
static const char province_of_sql[] =
	"SELECT p.id, (SELECT short_zh FROM region WHERE id = p.id) FROM"
	" (SELECT id FROM region WHERE name = ?1 COLLATE NOCASE"
	"  UNION ALL SELECT region_id FROM region_alias WHERE alias = ?1 LIMIT 1) p";

/* The region id of name (or of an alias), as text for binding, and its
 * short Chinese name in *zh (owned, NULL for none); NULL when none. */
static char *region_id_text(struct store *s, const char *name, char **zh)
{
	static const char *const h[] = { "id", "zh" };
	struct qtable t;
	qtable_init(&t, 2, h);
	char *id = NULL;
	*zh = NULL;
	const char *params[] = { name };
	enum status st = run_rows(s, province_exact_sql, params, 1, &t);
	if (st == ST_OK && t.nrows == 0)
		st = run_rows(s, province_of_sql, params, 1, &t);
	if (st == ST_OK && t.nrows && qtable_get(&t, 0, 0)) {
		id = xstrdup(qtable_get(&t, 0, 0));
		*zh = qtable_get(&t, 0, 1) ? xstrdup(qtable_get(&t, 0, 1)) : NULL;
	}
	qtable_free(&t);
	return id;
}

/* Smallest non-NULL year of column PR_SINCE over rows [from, to). */
static const char *earliest_since(const struct qtable *raw, size_t from, size_t to)
{
	const char *best = NULL;
	for (size_t i = from; i < to; i++) {
		const char *y = qtable_get(raw, i, PR_SINCE);
		if (y && (!best || atoi(y) < atoi(best)))
			best = y;
	}
	return best;
}

/* Column col of raw row i as a number, 0 when NULL. */
static int raw_int(const struct qtable *raw, size_t i, size_t col)
{
	const char *v = qtable_get(raw, i, col);
	return v ? atoi(v) : 0;
}

/* Orders the rows of the partners query so that each partner's rows are
 * together: by partner, its province-to-province link first, then by donor
 * and recipient (each link once: no two rows tie). */
struct partner_key {
	const char *partner, *donor, *recipient;
	int top;
	size_t row;
};

static int partner_key_cmp(const void *a, const void *b)
{
	const struct partner_key *x = a, *y = b;
	int c = str_cmp(x->partner, y->partner);
	if (c == 0 && x->top != y->top)
		c = x->top > y->top ? -1 : 1;
	if (c == 0)
		c = str_cmp(x->donor, y->donor);
	return c ? c : str_cmp(x->recipient, y->recipient);
}

static void sort_partner_rows(struct qtable *raw)
{
	struct partner_key *keys = xcalloc(raw->nrows + 1, sizeof(*keys));
	size_t *order = xcalloc(raw->nrows + 1, sizeof(*order));
	for (size_t i = 0; i < raw->nrows; i++)
		keys[i] = (struct partner_key){ .partner = qtable_get(raw, i, PR_PARTNER),
			.donor = qtable_get(raw, i, PR_DONOR), .recipient = qtable_get(raw, i, PR_RECIPIENT),
			.top = raw_int(raw, i, PR_TOP), .row = i };
	qsort(keys, raw->nrows, sizeof(*keys), partner_key_cmp);
	for (size_t k = 0; k < raw->nrows; k++)
		order[k] = keys[k].row;
	qtable_reorder(raw, order);
	free(keys);
	free(order);
}

/* Appends the partner row for raw rows [from, to) of one partner province:
 * its source and until are the first row's (the province-to-province link
 * when there is one), its since the earliest of all. */
static void add_partner_row(struct qtable *out, const struct qtable *raw, char *const *texts,
			    size_t from, size_t to, const char *me, const char *me_zh)
{
	size_t npairs = 0;
	for (size_t i = from; i < to; i++)
		npairs += !raw_int(raw, i, PR_TOP);
	const char *partner = qtable_get(raw, from, PR_PARTNER);
	bool me_donor = raw_int(raw, from, PR_ME_DONOR);
	char pairs[32];
	snprintf(pairs, sizeof(pairs), "%zu", npairs);
	const char *cells[] = {
		"partner", partner, me_donor ? me : partner, me_donor ? partner : me,
		"province", earliest_since(raw, from, to), qtable_get(raw, from, PR_UNTIL), pairs,
		qtable_get(raw, from, PR_REPORT), qtable_get(raw, from, PR_LINE),
		qtable_get(raw, from, PR_QUOTE), texts ? texts[from] : NULL, "stated",
		earliest_since(raw, from, to), qtable_get(raw, from, PR_PARTNER_ZH),
		me_donor ? me_zh : qtable_get(raw, from, PR_PARTNER_ZH),
		me_donor ? qtable_get(raw, from, PR_PARTNER_ZH) : me_zh,
	};
	qtable_add_row(out, cells);
}

/* "96-10" from the last two digits of two years, "(96-10)" when paren:
 * by hand, since printf was a tenth of the busiest pane's time. */
static char *years_span(const char *from2, const char *to2, bool paren)
{
	char buf[8], *p = buf;
	if (paren)
		*p++ = '(';
	*p++ = from2[0];
	*p++ = from2[1];
	*p++ = '-';
	*p++ = to2[0];
	*p++ = to2[1];
	if (paren)
		*p++ = ')';
	return xstrndup(buf, (size_t)(p - buf));
}

/* The years the link of raw row i shows, in a pane's narrow column: a
 * stated link's since ("2010"), or its span when it ended ("96-10"); a link
 * seen only through aid, the years of the reports that show it in
 * parentheses ("(2012)", "(12-14)"). Owned, NULL if none. */
static char *pair_years(const struct qtable *raw, size_t i, bool stated)
{
	const char *since = qtable_get(raw, i, PR_SINCE), *until = qtable_get(raw, i, PR_UNTIL);
	if (stated && since && until && strlen(since) == 4 && strlen(until) == 4)
		return years_span(since + 2, until + 2, false);
	if (stated && (since || until))
		return since ? xstrdup(since) : xasprintf("-%s", until);
	int first = raw_int(raw, i, PR_FIRST_YEAR), last = raw_int(raw, i, PR_LAST_YEAR);
	if (stated || !first)
		return NULL;
	if (first == last) {
		char buf[32];
		buf[0] = '(';
		format_i64(buf + 1, first);
		size_t n = strlen(buf);
		buf[n] = ')';
		return xstrndup(buf, n + 1);
	}
	if (first < 0 || last < 0)
		return xasprintf("(%02d-%02d)", first % 100, last % 100);
	char from2[] = { (char)('0' + first / 10 % 10), (char)('0' + first % 10) };
	char to2[] = { (char)('0' + last / 10 % 10), (char)('0' + last % 10) };
	return years_span(from2, to2, true);
}

/* Appends one "pair" row per link in raw rows [from, to) but the
 * province-to-province one: its basis "stated" or "evidence" (",internal"
 * within the West), its years and the sentence shown for it. */
static void add_pair_rows(struct qtable *out, const struct qtable *raw, char *const *texts,
			  size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (raw_int(raw, i, PR_TOP))
			continue;
		const char *basis = qtable_get(raw, i, PR_BASIS);
		bool stated = !basis || strcmp(basis, "stated") == 0;
		bool internal = raw_int(raw, i, PR_INTERNAL);
		char *years = pair_years(raw, i, stated);
		const char *cells[] = {
			"pair", qtable_get(raw, i, PR_PARTNER), qtable_get(raw, i, PR_DONOR),
			qtable_get(raw, i, PR_RECIPIENT), qtable_get(raw, i, PR_LEVEL),
			qtable_get(raw, i, PR_SINCE), qtable_get(raw, i, PR_UNTIL), NULL,
			qtable_get(raw, i, PR_REPORT), qtable_get(raw, i, PR_LINE),
			qtable_get(raw, i, PR_QUOTE), texts ? texts[i] : NULL,
			internal ? (stated ? "stated,internal" : "evidence,internal") : stated ? "stated" : "evidence",
			years, qtable_get(raw, i, PR_PARTNER_ZH), qtable_get(raw, i, PR_DONOR_ZH),
			qtable_get(raw, i, PR_RECIPIENT_ZH),
		};
		qtable_add_row(out, cells);
		free(years);
	}
}

/* Runs a partners query for the province of id into raw. The id is bound
 * as a number: as text, SQLite converted it again for each row's me_donor
 * and top. */
static enum status run_partners(struct store *s, const char *sql, int64_t id, struct qtable *raw)
{
	sqlite3_stmt *stmt = store_prepare_cached(s, sql);
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_int64(stmt, 1, id);
	return query_fill_table(s, stmt, raw, NULL, NULL);
}

enum status query_pane_partners(struct store *s, const char *province, bool with_names,
				 struct qtable *out)
{
	static const char *const headers[] = { "kind", "partner", "donor", "recipient", "level",
		"since", "until", "pairs", "report", "line", "quote", "aliases", "basis", "years",
		"partner_zh", "donor_zh", "recipient_zh" };
	static const char *const raw_headers[PR_NCOLS] = { "partner", "donor", "recipient", "level",
		"since", "until", "report", "line", "quote", "me_donor", "top", "basis",
		"internal", "first_year", "last_year", "partner_zh", "donor_zh", "recipient_zh",
		"partner_id", "donor_id", "recipient_id", "donor_parent_id", "recipient_parent_id" };
	qtable_init(out, 17, headers);
	char *me_zh;
	char *id = region_id_text(s, province, &me_zh);
	if (!id)
		return status_set(ST_NOT_FOUND, "no region named '%s'", province);
	struct qtable raw;
	qtable_init(&raw, PR_NCOLS, raw_headers);
	enum status st = run_partners(s, with_names ? partners_sql : partners_lean_sql,
				      strtoll(id, NULL, 10), &raw);
	if (st == ST_OK)
		sort_partner_rows(&raw);
	char **texts = st == ST_OK && with_names ? partners_filter_texts(s, &raw, &st) : NULL;
	for (size_t from = 0, to; st == ST_OK && from < raw.nrows; from = to) {
		for (to = from + 1; to < raw.nrows &&
		     str_cmp(qtable_get(&raw, to, PR_PARTNER), qtable_get(&raw, from, PR_PARTNER)) == 0; to++)
			;
		add_partner_row(out, &raw, texts, from, to, province, me_zh);
		add_pair_rows(out, &raw, texts, from, to);
	}
	for (size_t i = 0; texts && i < raw.nrows; i++)
		free(texts[i]);
	free(texts);
	qtable_free(&raw);
	free(id);
	free(me_zh);
	return st;
}
