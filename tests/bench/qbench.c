/* Query benchmark for make bench: times the browser's three pane queries and
 * full-text search on a store, and prints EXPLAIN QUERY PLAN for every SQL
 * statement a pane query runs, flagging a full SCAN of a table holding more
 * than 1,000 rows.
 *
 * usage: qbench STORE [REPEAT]
 * Output, one line per measured query: "query NAME median_us min_us max_us
 * calls" (each figure the median/min/max over REPEAT runs of the per-call CPU time,
 * taken over every argument the pane is called with in the store), then
 * "plan ..." and "scan ..." lines. It links against libpairoff.a and peeks at
 * the SQLite handle (store-internal.h) only to trace statements and plan them. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pairoff/query.h"
#include "pairoff/store.h"
#include "pairoff/util.h"
#include "../../src/store-internal.h"

struct bench_args {
	struct store *store;
	const char *a, *b;     /* arguments of the call: province, or donor/recipient, or query */
};

typedef enum status (*bench_fn)(const struct bench_args *args, struct qtable *out);

/* The provinces pane comes in two steps: the list (first screen), then the
 * same list with each province's funds (a pass over every fund record). */
static enum status run_provinces(const struct bench_args *x, struct qtable *out)
{
	return query_pane_provinces(x->store, false, NULL, out);
}

static enum status run_provinces_funds(const struct bench_args *x, struct qtable *out)
{
	return query_pane_provinces(x->store, true, NULL, out);
}

static enum status run_partners(const struct bench_args *x, struct qtable *out)
{
	return query_pane_partners(x->store, x->a, true, out);
}

static enum status run_funds(const struct bench_args *x, struct qtable *out)
{
	return query_pane_funds(x->store, x->a, x->b, out);
}

static enum status run_search(const struct bench_args *x, struct qtable *out)
{
	return query_search(x->store, x->a, 100, out);
}

/* CPU time of this process: on a shared machine, wall time measures the
 * other processes as much as the query. */
static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Time of one pass over all argument sets, divided by their number; *worst
 * is the slowest single call. */
static double one_pass(bench_fn fn, const struct bench_args *args, size_t nargs, double *worst)
{
	double t0 = now_us();
	*worst = 0;
	for (size_t i = 0; i < nargs; i++) {
		struct qtable t = { 0 };
		double t1 = now_us();
		enum status rc = fn(&args[i], &t);
		if (now_us() - t1 > *worst)
			*worst = now_us() - t1;
		if (rc != ST_OK && rc != ST_NOT_FOUND) {
			fprintf(stderr, "qbench: query failed: %s\n", status_detail(rc));
			exit(3);
		}
		qtable_free(&t);
	}
	return (now_us() - t0) / (double)nargs;
}

static void bench(const char *name, bench_fn fn, const struct bench_args *args, size_t nargs,
		  int repeat)
{
	double *t = xreallocarray(NULL, (size_t)repeat, sizeof *t);
	double *w = xreallocarray(NULL, (size_t)repeat, sizeof *w);
	one_pass(fn, args, nargs, &w[0]);   /* warm the page cache and statement cache */
	for (int r = 0; r < repeat; r++)
		t[r] = one_pass(fn, args, nargs, &w[r]);
	qsort(t, (size_t)repeat, sizeof *t, cmp_double);
	qsort(w, (size_t)repeat, sizeof *w, cmp_double);
	printf("query %s %.0f %.0f %.0f %zu\n", name, t[repeat / 2], t[0], t[repeat - 1], nargs);
	if (nargs > 1)
		printf("query %s-slowest-call %.0f %.0f %.0f 1\n", name, w[repeat / 2], w[0],
		       w[repeat - 1]);
	free(t);
	free(w);
}

/* --- EXPLAIN QUERY PLAN of the statements a pane query runs ---------------- */

struct trace {
	char **sql;            /* owned; expanded SQL of each statement run */
	size_t n, cap;
};

static int trace_cb(unsigned type, void *ctx, void *p, void *x)
{
	(void)x;
	struct trace *tr = ctx;
	if (type != SQLITE_TRACE_STMT)
		return 0;
	char *sql = sqlite3_expanded_sql(p);
	if (!sql)
		return 0;
	if (strncmp(sql, "--", 2) != 0) {
		if (tr->n == tr->cap) {
			tr->cap = tr->cap ? 2 * tr->cap : 8;
			tr->sql = xreallocarray(tr->sql, tr->cap, sizeof *tr->sql);
		}
		tr->sql[tr->n++] = xstrdup(sql);
	}
	sqlite3_free(sql);
	return 0;
}

static long long table_rows(sqlite3 *db, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table);
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return n;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* True when sql names table under alias: "table alias" or "table AS alias". */
static bool sql_aliases(const char *sql, const char *table, const char *alias)
{
	char *pats[2] = { xasprintf("%s %s", table, alias), xasprintf("%s AS %s", table, alias) };
	bool found = false;
	for (int i = 0; i < 2 && !found; i++) {
		size_t n = strlen(pats[i]);
		for (const char *p = strstr(sql, pats[i]); p && !found; p = strstr(p + 1, pats[i]))
			found = (p == sql || !ident_char(p[-1])) && !ident_char(p[n]);
	}
	free(pats[0]);
	free(pats[1]);
	return found;
}

/* The table that name stands for in sql: itself when it is a table, else
 * the table it aliases; NULL for a CTE or subquery. Caller frees. */
static char *scan_table(sqlite3 *db, const char *sql, const char *name)
{
	sqlite3_stmt *st;
	char *found = NULL;
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(t, name) == 0 || sql_aliases(sql, t, name))
			found = xstrdup(t);
	}
	sqlite3_finalize(st);
	return found;
}

/* Prints the plan of sql; returns the number of big-table scans. */
static int plan_one(sqlite3 *db, const char *name, const char *sql)
{
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	int scans = 0;
	if (sqlite3_prepare_v2(db, eqp, -1, &st, NULL) != SQLITE_OK) {
		printf("plan %s (cannot plan: %s)\n", name, sqlite3_errmsg(db));
		free(eqp);
		return 0;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		printf("plan %s %s\n", name, detail ? detail : "");
		char alias[128];
		char *table = NULL;
		/* an FTS5 MATCH shows as "SCAN t VIRTUAL TABLE INDEX": not a full scan */
		if (detail && !strstr(detail, "VIRTUAL TABLE") && sscanf(detail, "SCAN %127s", alias) == 1)
			table = scan_table(db, sql, alias);
		long long rows = table ? table_rows(db, table) : 0;
		if (rows > 1000) {
			printf("scan %s %s (as %s) %lld rows\n", name, table, alias, rows);
			scans++;
		}
		free(table);
	}
	sqlite3_finalize(st);
	free(eqp);
	return scans;
}

static void plan(struct store *s, const char *name, bench_fn fn, const struct bench_args *args)
{
	sqlite3 *db = store_db(s);
	struct trace tr = { 0 };
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, trace_cb, &tr);
	struct qtable t = { 0 };
	fn(args, &t);
	qtable_free(&t);
	sqlite3_trace_v2(db, 0, NULL, NULL);
	for (size_t i = 0; i < tr.n; i++) {
		printf("plan %s -- statement %zu\n", name, i + 1);
		plan_one(db, name, tr.sql[i]);
		free(tr.sql[i]);
	}
	free(tr.sql);
}

/* --- main ------------------------------------------------------------------- */

static void add_arg(struct bench_args **v, size_t *n, struct store *s, const char *a, const char *b)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = (struct bench_args){ .store = s, .a = a, .b = b };
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: qbench STORE [REPEAT]\n");
		return 2;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 21;
	if (repeat < 1)
		repeat = 1;
	struct store *s;
	enum status st = store_open(argv[1], &s);
	if (st != ST_OK) {
		fprintf(stderr, "qbench: %s\n", status_detail(st));
		return 3;
	}
	struct qtable prov = { 0 };
	struct bench_args one = { .store = s }, *pv = NULL, *fv = NULL, *sv = NULL;
	size_t npv = 0, nfv = 0, nsv = 0;
	if (query_pane_provinces(s, false, NULL, &prov) != ST_OK || prov.nrows == 0) {
		fprintf(stderr, "qbench: no provinces in %s\n", argv[1]);
		return 3;
	}
	int name_col = qtable_col(&prov, "name");
	for (size_t r = 0; r < prov.nrows; r++)
		add_arg(&pv, &npv, s, qtable_get(&prov, r, (size_t)name_col), NULL);
	/* The funds pane is called for each partner row of each province. */
	struct qtable *parts = xcalloc(npv, sizeof *parts);
	for (size_t i = 0; i < npv; i++) {
		if (query_pane_partners(s, pv[i].a, true, &parts[i]) != ST_OK)
			continue;
		int kind = qtable_col(&parts[i], "kind"), d = qtable_col(&parts[i], "donor");
		int rc = qtable_col(&parts[i], "recipient");
		for (size_t r = 0; r < parts[i].nrows; r++)
			if (strcmp(qtable_get(&parts[i], r, (size_t)kind), "partner") == 0)
				add_arg(&fv, &nfv, s, qtable_get(&parts[i], r, (size_t)d),
					qtable_get(&parts[i], r, (size_t)rc));
	}
	static const char *const searches[] = {
		"poverty", "village AND school", "\"labor transfer\"", "educ*", "Yunnan NOT Shanghai",
	};
	for (size_t i = 0; i < sizeof searches / sizeof searches[0]; i++)
		add_arg(&sv, &nsv, s, searches[i], NULL);

	bench("pane-provinces", run_provinces, &one, 1, repeat);
	bench("pane-provinces-funds", run_provinces_funds, &one, 1, repeat);
	bench("pane-partners", run_partners, pv, npv, repeat);
	if (nfv)
		bench("pane-funds", run_funds, fv, nfv, repeat);
	for (size_t i = 0; i < nsv; i++) {
		char *name = xasprintf("search:%s", sv[i].a);
		for (char *p = name; *p; p++)
			if (*p == ' ')
				*p = '_';
		bench(name, run_search, &sv[i], 1, repeat);
		free(name);
	}
	plan(s, "pane-provinces", run_provinces, &one);
	plan(s, "pane-provinces-funds", run_provinces_funds, &one);
	plan(s, "pane-partners", run_partners, &pv[0]);
	if (nfv)
		plan(s, "pane-funds", run_funds, &fv[0]);
	plan(s, "search", run_search, &sv[0]);

	for (size_t i = 0; i < npv; i++)
		qtable_free(&parts[i]);
	free(parts);
	free(pv);
	free(fv);
	free(sv);
	qtable_free(&prov);
	store_close(s);
	return 0;
}
