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
 * and sorting the rows with their quotes in an ORDER BY, were near a third
 * of the query's work (sort_partner_rows orders them).
 * ids is the region ids the filter text is made of (place_texts_collect),
 * or NULLs. */
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
 * separated by spaces. Each place's pieces are read once per call: a busy
 * province's 900 rows name only some 100 places, and two correlated
 * subqueries a row doubled the pane's time at 1,000 reports. */
struct place_text {
	int64_t id;
	struct strbuf name;     /* owned; empty when no region has the id */
	struct strbuf aliases;  /* owned; its aliases joined by spaces */
	struct strbuf names;    /* owned; its Chinese and pinyin names joined by spaces */
	bool has_aliases, has_names; /* whether it has any (an alias may be "") */
};

/* The places of one call's rows. */
struct place_texts {
	struct place_text *v;   /* owned, with each element's strings; by ascending id */
	size_t n;
	struct strbuf row;      /* owned; the row text being written */
};

/* A place's pieces, read for a range of ids (?1 to ?2) at once, ordered by
 * id and, within a place, as the text lists them (the region_alias_region
 * and region_name_region indexes give that order without a sort). The
 * places a province's rows name come in a few runs of near ids (the
 * gazetteer's ids follow its files, one a province): three statements a
 * run rather than three a place, whose start and end cost more than their
 * rows (a province that gives to 500 places). */
enum place_piece { PIECE_NAME, PIECE_ALIAS, PIECE_ZH };
static const char *const place_sql[] = {
	[PIECE_NAME] = "SELECT id, name FROM region WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
	[PIECE_ALIAS] = "SELECT region_id, alias FROM region_alias WHERE region_id BETWEEN ?1 AND ?2"
			" ORDER BY region_id, alias",
	[PIECE_ZH] = "SELECT region_id, name FROM region_name WHERE region_id BETWEEN ?1 AND ?2"
		     " ORDER BY region_id, name",
};
/* Ids this close share a run: reading a place no row names costs less
 * than starting three statements. */
#define PLACE_RUN_GAP 8

/* Adds text, a piece of the place p, to it. */
static void place_add(struct place_text *p, enum place_piece piece, const char *text)
{
	if (piece == PIECE_NAME) {
		strbuf_puts(&p->name, text);
		return;
	}
	bool *has = piece == PIECE_ALIAS ? &p->has_aliases : &p->has_names;
	struct strbuf *sb = piece == PIECE_ALIAS ? &p->aliases : &p->names;
	if (*has)
		strbuf_append(sb, " ", 1);
	*has = true;
	strbuf_puts(sb, text);
}

/* Reads one piece of the places pt->v[from..to) (a run of near ids). Rows
 * and places are both by id: one walk matches them. */
static enum status place_run_load(struct store *s, struct place_texts *pt, size_t from, size_t to,
				  enum place_piece piece)
{
	sqlite3_stmt *stmt = store_prepare_cached(s, place_sql[piece]);
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_int64(stmt, 1, pt->v[from].id);
	sqlite3_bind_int64(stmt, 2, pt->v[to - 1].id);
	size_t k = from;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		while (k < to && pt->v[k].id < id)
			k++;
		if (k < to && pt->v[k].id == id)
			place_add(&pt->v[k], piece, store_column_text(stmt, 1));
	}
	enum status st = rc == SQLITE_DONE ? ST_OK : store_step_error(s);
	store_finish(s, stmt);
	return st;
}

/* Reads the pieces of every place of pt, a run of near ids at a time, in
 * one read transaction (the statements' locks are then taken once). */
static enum status place_texts_load(struct store *s, struct place_texts *pt)
{
	enum status st = ST_OK;
	bool began = store_read_begin(s);
	for (size_t from = 0, to; from < pt->n && st == ST_OK; from = to) {
		for (to = from + 1; to < pt->n &&
		     (uint64_t)pt->v[to].id - (uint64_t)pt->v[to - 1].id <= PLACE_RUN_GAP; to++)
			;
		for (int piece = PIECE_NAME; piece <= PIECE_ZH && st == ST_OK; piece++)
			st = place_run_load(s, pt, from, to, (enum place_piece)piece);
	}
	store_read_end(s, began);
	return st;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The ids of columns PR_PARTNER_ID .. PR_RECIPIENT_PARENT_ID of raw row i
 * into ids, has[c] false for a NULL one. */
enum { ROW_IDS = PR_RECIPIENT_PARENT_ID - PR_PARTNER_ID + 1 };
static void row_ids(const struct qtable *raw, size_t i, int64_t ids[ROW_IDS], bool has[ROW_IDS])
{
	for (size_t c = 0; c < ROW_IDS; c++) {
		has[c] = qtable_get(raw, i, PR_PARTNER_ID + c) != NULL;
		ids[c] = has[c] ? qtable_int(raw, i, PR_PARTNER_ID + c) : 0;
	}
}

/* The places of raw's rows into pt, each once, by ascending id (not read
 * yet). The idmap drops the repeats before the sort (a row's partner and
 * donor are mostly the previous row's); an id that is not positive (only a
 * crafted store has one) goes through, and the sort drops its repeats. */
static void place_texts_collect(const struct qtable *raw, struct place_texts *pt)
{
	struct idmap seen;
	idmap_init(&seen, ROW_IDS * raw->nrows);
	int64_t *all = xreallocarray(NULL, ROW_IDS * raw->nrows + 1, sizeof(*all));
	size_t n = 0;
	for (size_t i = 0; i < raw->nrows; i++) {
		int64_t ids[ROW_IDS];
		bool has[ROW_IDS];
		row_ids(raw, i, ids, has);
		for (size_t c = 0; c < ROW_IDS; c++)
			if (has[c] && (ids[c] <= 0 || idmap_put(&seen, ids[c], 0)))
				all[n++] = ids[c];
	}
	qsort(all, n, sizeof(*all), cmp_i64);
	pt->v = xcalloc(n + 1, sizeof(*pt->v));
	for (size_t i = 0; i < n; i++)
		if (pt->n == 0 || all[i] != pt->v[pt->n - 1].id)
			pt->v[pt->n++].id = all[i];
	free(all);
	idmap_free(&seen);
}

static void place_texts_free(struct place_texts *pt)
{
	for (size_t k = 0; k < pt->n; k++) {
		strbuf_free(&pt->v[k].name);
		strbuf_free(&pt->v[k].aliases);
		strbuf_free(&pt->v[k].names);
	}
	free(pt->v);
	strbuf_free(&pt->row);
}

static int cmp_place(const void *a, const void *b)
{
	return cmp_i64(&((const struct place_text *)a)->id, &((const struct place_text *)b)->id);
}

/* The place of id, collected by place_texts_collect. */
static const struct place_text *place_find(const struct place_texts *pt, int64_t id)
{
	struct place_text key = { .id = id };
	return bsearch(&key, pt->v, pt->n, sizeof(*pt->v), cmp_place);
}

/* Appends a space and the aliases (names: the Chinese and pinyin names) of
 * the places of ids[0..n) to pt->row. */
static void put_place_words(struct place_texts *pt, const int64_t *ids, size_t n, bool names)
{
	strbuf_append(&pt->row, " ", 1);
	size_t joined = 0;
	for (size_t k = 0; k < n; k++) {
		const struct place_text *p = place_find(pt, ids[k]);
		if (!p || !(names ? p->has_names : p->has_aliases))
			continue;
		if (joined++)
			strbuf_append(&pt->row, " ", 1);
		const struct strbuf *sb = names ? &p->names : &p->aliases;
		strbuf_append(&pt->row, sb->data, sb->len);
	}
}

/* Appends the English name of the place of id to pt->row (nothing for a
 * NULL id: has false). */
static void put_place_name(struct place_texts *pt, int64_t id, bool has)
{
	const struct place_text *p = has ? place_find(pt, id) : NULL;
	if (p)
		strbuf_append(&pt->row, p->name.data, p->name.len);
}

/* The filter text of raw row i (owned). */
static char *row_filter_text(struct place_texts *pt, const struct qtable *raw, size_t i)
{
	int64_t col_ids[ROW_IDS], ids[ROW_IDS];
	bool has[ROW_IDS];
	row_ids(raw, i, col_ids, has);
	/* the row's places, ascending and each once, by insertion: five at
	 * most, where qsort cost more than the rest of the row's text */
	size_t n = 0;
	for (size_t c = 0; c < ROW_IDS; c++) {
		size_t j = n;
		while (has[c] && j > 0 && ids[j - 1] > col_ids[c])
			j--;
		if (!has[c] || (j > 0 && ids[j - 1] == col_ids[c]))
			continue;
		memmove(ids + j + 1, ids + j, (n - j) * sizeof(*ids));
		ids[j] = col_ids[c];
		n++;
	}
	pt->row.len = 0;
	enum { DP = PR_DONOR_PARENT_ID - PR_PARTNER_ID, RP = PR_RECIPIENT_PARENT_ID - PR_PARTNER_ID };
	put_place_name(pt, col_ids[DP], has[DP]);
	strbuf_append(&pt->row, " ", 1);
	put_place_name(pt, col_ids[RP], has[RP]);
	put_place_words(pt, ids, n, false);
	put_place_words(pt, ids, n, true);
	return xstrndup(pt->row.data, pt->row.len);
}

/* The filter text of every row of raw (owned, nrows strings), or NULL and
 * *st the error. */
static char **partners_filter_texts(struct store *s, const struct qtable *raw, enum status *st)
{
	struct place_texts pt = { 0 };
	place_texts_collect(raw, &pt);
	*st = place_texts_load(s, &pt);
	char **texts = NULL;
	if (*st == ST_OK) {
		texts = xcalloc(raw->nrows + 1, sizeof(*texts));
		for (size_t i = 0; i < raw->nrows; i++)
			texts[i] = row_filter_text(&pt, raw, i);
	}
	place_texts_free(&pt);
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
 * by hand, since printf cost the busiest pane (900 rows) 2 million
 * instructions, a fifteenth of its query. */
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
