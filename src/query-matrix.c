#include "config.h"

/* The comparison matrix: one side's figures (aid, investment or a count)
 * per year, one row per donor or recipient, made from the pairs' yearly
 * figures that `pairoff totals` and the funds pane show. Every cell is a
 * sum over the other side of those figures, never a figure of its own:
 *  - aid and investment: pair_total's aid_yuan or investment_yuan (the one
 *    rule of src/flows.c, computed at import), added;
 *  - a count kind: per pair (the donor at the level the programme pairs it,
 *    the recipient's province) and year the largest count of the kind, by
 *    indicator_summary_add (the rule of the funds pane's year line and the
 *    provinces pane's count column), added; one-year counts only, each
 *    stated count once. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/money.h"
#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The pairs behind the matrix: one row per pair and year with the
 * measure's figure. pane_donor is the region whose funds pane shows the
 * figure (the first giver of a joint donation). */
static const char *const pair_headers[] = { "donor", "recipient", "year", "value", "pane_donor" };
enum { MP_DONOR, MP_RECIPIENT, MP_YEAR, MP_VALUE, MP_PANE_DONOR, MP_NCOLS };

/* ?1 the measure (aid or investment), ?2 and ?3 the first and last year. */
static const char money_pairs_sql[] =
	"SELECT t.donor, r.name, t.year,"
	"       CASE ?1 WHEN 'investment' THEN t.investment_yuan ELSE t.aid_yuan END AS v,"
	"       (SELECT g.name FROM region g WHERE g.id = CAST(t.donor_ids AS INTEGER))"
	" FROM pair_total t JOIN region r ON r.id = t.recipient_id"
	" WHERE (?2 IS NULL OR t.year >= ?2) AND (?3 IS NULL OR t.year <= ?3) AND v <> 0"
	" ORDER BY t.donor, r.name, t.year";

/* Each stated count of kind ?1 once (its first statement), one-year
 * counts only, with the pair as the funds pane's year line groups it;
 * in order of pair and year, so that a pass groups them. */
static const char count_statements_sql[] =
	"SELECT u.name, p.name, i.year, i.kind, i.value"
	" FROM indicator i JOIN region d ON d.id = i.donor_id JOIN region r ON r.id = i.recipient_id"
	" JOIN region u ON u.id = coalesce(d.unit_id, d.id)"
	" JOIN region p ON p.id = coalesce(r.province_id, r.id)"
	" WHERE i.kind = ?1 AND i.flow_id = i.id AND i.year = i.from_year"
	" AND (?2 IS NULL OR i.year >= ?2) AND (?3 IS NULL OR i.year <= ?3)"
	" ORDER BY u.name, p.name, i.year";
enum { CS_DONOR, CS_RECIPIENT, CS_YEAR, CS_KIND, CS_VALUE, CS_NCOLS };

const char *query_matrix_measure(size_t i)
{
	if (i == 0)
		return "aid";
	if (i == 1)
		return "investment";
	return i - 2 < IND_NKINDS ? indicator_kind_name((enum indicator_kind)(i - 2)) : NULL;
}

static bool is_money(const char *measure)
{
	return strcmp(measure, "aid") == 0 || strcmp(measure, "investment") == 0;
}

/* ST_USAGE naming the measures when measure is none of them. */
static enum status check_measure(const char *measure)
{
	if (is_money(measure) || indicator_kind_parse(measure) != IND_NKINDS)
		return ST_OK;
	struct strbuf sb = { 0 };
	for (size_t i = 0; query_matrix_measure(i); i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", query_matrix_measure(i));
	enum status st = status_set(ST_USAGE, "unknown measure '%s' (expected one of %s)", measure, sb.data);
	strbuf_free(&sb);
	return st;
}

static sqlite3_stmt *prepare_pairs(struct store *s, const char *sql, const struct matrix_request *rq,
				   const char *measure)
{
	sqlite3_stmt *stmt = store_prepare(s, sql);
	if (!stmt)
		return NULL;
	sqlite3_bind_text(stmt, 1, measure, -1, SQLITE_STATIC);
	query_bind_id(stmt, 2, rq->from_year);
	query_bind_id(stmt, 3, rq->to_year);
	return stmt;
}

static bool same_pair_year(const struct qtable *t, size_t a, size_t b)
{
	for (size_t c = CS_DONOR; c <= CS_YEAR; c++)
		if (strcmp(qtable_get(t, a, c), qtable_get(t, b, c)) != 0)
			return false;
	return true;
}

/* The counts of one kind as pairs: per pair and year, the rule's figure. */
static enum status count_pairs(struct store *s, const struct matrix_request *rq, const char *kind,
			       struct qtable *out)
{
	static const char *const h[CS_NCOLS] = { "donor", "recipient", "year", "kind", "value" };
	sqlite3_stmt *stmt = prepare_pairs(s, count_statements_sql, rq, kind);
	if (!stmt)
		return ST_STORE;
	struct qtable raw;
	enum status st = query_run_into(s, stmt, CS_NCOLS, h, &raw);
	if (st != ST_OK)
		return st;
	qtable_init(out, MP_NCOLS, pair_headers);
	enum indicator_kind k = indicator_kind_parse(kind);
	for (size_t from = 0, to; from < raw.nrows; from = to) {
		struct indicator_summary sum;
		indicator_summary_init(&sum);
		for (to = from; to < raw.nrows && same_pair_year(&raw, from, to); to++)
			indicator_summary_add(&sum, qtable_get(&raw, to, CS_KIND), qtable_get(&raw, to, CS_VALUE));
		if (sum.largest[k] == 0)
			continue;
		char value[24];
		/* the matrix adds whole numbers, as for money: "6.8" km is 7 here */
		format_i64(value, (int64_t)(sum.largest[k] + 0.5));
		const char *cells[MP_NCOLS] = {
			qtable_get(&raw, from, CS_DONOR), qtable_get(&raw, from, CS_RECIPIENT),
			qtable_get(&raw, from, CS_YEAR), value,
			qtable_get(&raw, from, CS_DONOR),
		};
		qtable_add_row(out, cells);
	}
	qtable_free(&raw);
	return ST_OK;
}

/* The pairs of the request's measure and years (MP_* columns). */
static enum status load_pairs(struct store *s, const struct matrix_request *rq, struct qtable *out)
{
	const char *measure = rq->measure && *rq->measure ? rq->measure : "aid";
	enum status st = check_measure(measure);
	if (st != ST_OK)
		return st;
	if (!is_money(measure))
		return count_pairs(s, rq, measure, out);
	sqlite3_stmt *stmt = prepare_pairs(s, money_pairs_sql, rq, measure);
	if (!stmt)
		return ST_STORE;
	return query_run_into(s, stmt, MP_NCOLS, pair_headers, out);
}

/* The side a pair row belongs to in the matrix. */
static const char *side_of(const struct matrix_request *rq, const struct qtable *pairs, size_t row)
{
	return qtable_get(pairs, row, rq->by == MATRIX_BY_RECIPIENT ? MP_RECIPIENT : MP_DONOR);
}

/* --- the matrix ------------------------------------------------------------------ */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The distinct years of the pairs, ascending; returns how many. */
static size_t pair_years(const struct qtable *pairs, int *years)
{
	for (size_t i = 0; i < pairs->nrows; i++)
		years[i] = (int)qtable_int(pairs, i, MP_YEAR);
	qsort(years, pairs->nrows, sizeof(*years), cmp_int);
	size_t n = 0;
	for (size_t i = 0; i < pairs->nrows; i++)
		if (n == 0 || years[n - 1] != years[i])
			years[n++] = years[i];
	return n;
}

/* Sorting the pairs by side (qsort has no context argument). */
struct side_key {
	const char *name;
	size_t row;
};

static int cmp_side_key(const void *a, const void *b)
{
	const struct side_key *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

static size_t year_index(const int *years, size_t nyears, int year)
{
	const int *p = bsearch(&year, years, nyears, sizeof(*years), cmp_int);
	return p ? (size_t)(p - years) : nyears;
}

/* One matrix row: keys[from, to) are the pairs of one side. */
static void add_matrix_row(struct qtable *out, const struct qtable *pairs, const struct side_key *keys,
			   size_t from, size_t to, const int *years, size_t nyears)
{
	int64_t *sum = xcalloc(nyears + 1, sizeof(*sum));
	bool *has = xcalloc(nyears + 1, sizeof(*has));
	int64_t total = 0;
	for (size_t k = from; k < to; k++) {
		int64_t v = qtable_int(pairs, keys[k].row, MP_VALUE);
		size_t y = year_index(years, nyears, (int)qtable_int(pairs, keys[k].row, MP_YEAR));
		sum[y] = money_add(sum[y], v);
		has[y] = true;
		total = money_add(total, v);
	}
	char (*text)[24] = xcalloc(nyears + 1, sizeof(*text));
	const char **cells = xcalloc(nyears + 2, sizeof(*cells));
	cells[0] = keys[from].name;
	for (size_t y = 0; y < nyears; y++)
		cells[1 + y] = has[y] ? format_i64(text[y], sum[y]) : NULL;
	cells[1 + nyears] = format_i64(text[nyears], total);
	qtable_add_row(out, cells);
	free(cells);
	free(text);
	free(has);
	free(sum);
}

static void matrix_headers(struct qtable *out, const struct matrix_request *rq, const int *years,
			   size_t nyears)
{
	char (*names)[16] = xcalloc(nyears + 1, sizeof(*names));
	const char **headers = xcalloc(nyears + 2, sizeof(*headers));
	headers[0] = rq->by == MATRIX_BY_RECIPIENT ? "recipient" : "donor";
	for (size_t y = 0; y < nyears; y++) {
		snprintf(names[y], sizeof(names[y]), "%d", years[y]);
		headers[1 + y] = names[y];
	}
	headers[1 + nyears] = "total";
	qtable_init(out, nyears + 2, headers);
	free(headers);
	free(names);
}

enum status query_matrix(struct store *s, const struct matrix_request *rq, struct qtable *out)
{
	struct qtable pairs;
	enum status st = load_pairs(s, rq, &pairs);
	if (st != ST_OK)
		return st;
	size_t n = pairs.nrows;
	int *years = xcalloc(n + 1, sizeof(*years));
	size_t nyears = pair_years(&pairs, years);
	struct side_key *keys = xcalloc(n + 1, sizeof(*keys));
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct side_key){ side_of(rq, &pairs, i), i };
	qsort(keys, n, sizeof(*keys), cmp_side_key);
	matrix_headers(out, rq, years, nyears);
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && strcmp(keys[to].name, keys[from].name) == 0; to++)
			;
		add_matrix_row(out, &pairs, keys, from, to, years, nyears);
	}
	free(keys);
	free(years);
	qtable_free(&pairs);
	return ST_OK;
}

enum status query_matrix_cell(struct store *s, const struct matrix_request *rq, const char *name, int year,
			      struct qtable *out)
{
	struct qtable pairs;
	enum status st = load_pairs(s, rq, &pairs);
	if (st != ST_OK)
		return st;
	qtable_init(out, MP_NCOLS, pair_headers);
	for (size_t i = 0; i < pairs.nrows; i++) {
		if (strcmp(side_of(rq, &pairs, i), name) != 0 || (year && qtable_int(&pairs, i, MP_YEAR) != year))
			continue;
		const char *cells[MP_NCOLS];
		for (size_t c = 0; c < MP_NCOLS; c++)
			cells[c] = qtable_get(&pairs, i, c);
		qtable_add_row(out, cells);
	}
	qtable_free(&pairs);
	return ST_OK;
}
