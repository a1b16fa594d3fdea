#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "store-internal.h"

/* The link table, derived at the end of an import as pair_total is: the
 * pairing table keeps one row per sentence that states or shows a link (the
 * source drill-down opens each), and a link stated in every report of a
 * thousand is a thousand rows there. The panes and `pairoff pairs` list
 * links, so they read one row per link from here instead of grouping the
 * sentences at every query.
 *
 * The sentences are noted here as they are stored and folded in memory at
 * the end: the same fold in SQL (a GROUP BY with ten aggregates and an
 * arg-min per source) cost 9 million instructions for the 313 sentences of
 * the bundled reports, a sixth of their import. */

struct link_report {
	char *file;            /* owned; the report's file name */
	int year;              /* 0 when unknown */
};

struct link_sentence {
	int64_t id;            /* pairing.id */
	int64_t donor, recipient; /* region ids */
	int since, until;      /* 0 when none */
	int line_no;
	size_t report;         /* index into link_log.reports */
	bool stated, internal;
};

struct link_log {
	struct link_report *reports; /* owned, each file owned */
	size_t nreports, cap_reports;
	struct link_sentence *sentences; /* owned */
	size_t nsentences, cap_sentences;
};

struct link_log *link_log_new(void)
{
	return xcalloc(1, sizeof(struct link_log));
}

void link_log_free(struct link_log *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nreports; i++)
		free(l->reports[i].file);
	free(l->reports);
	free(l->sentences);
	free(l);
}

void link_log_report(struct link_log *l, const char *file, int year)
{
	*ARRAY_PUSH(l->reports, l->nreports, l->cap_reports) =
		(struct link_report){ .file = xstrdup(file ? file : ""), .year = year };
}

void link_log_add(struct link_log *l, const struct link_entry *e)
{
	if (l->nreports == 0)
		link_log_report(l, "", 0);
	*ARRAY_PUSH(l->sentences, l->nsentences, l->cap_sentences) = (struct link_sentence){
		.id = e->id, .donor = e->donor, .recipient = e->recipient,
		.since = e->since, .until = e->until, .line_no = e->line_no,
		.report = l->nreports - 1, .stated = e->stated, .internal = e->internal,
	};
}

static int cmp_int(int a, int b)
{
	return a < b ? -1 : a > b;
}

static int cmp_int64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* Reports in the order of their year (unknown last), then file name. */
static int cmp_report(const struct link_log *l, size_t a, size_t b)
{
	int ya = l->reports[a].year > 0 ? l->reports[a].year : 9999;
	int yb = l->reports[b].year > 0 ? l->reports[b].year : 9999;
	int d = cmp_int(ya, yb);
	return d ? d : strcmp(l->reports[a].file, l->reports[b].file);
}

/* A stated sentence first, then the earlier report, line, id: the first
 * statement of a link, which `pairoff pairs` cites. */
static int cmp_first(const struct link_log *l, const struct link_sentence *a,
		     const struct link_sentence *b)
{
	int d = cmp_int(b->stated, a->stated);
	if (!d)
		d = cmp_report(l, a->report, b->report);
	if (!d)
		d = cmp_int(a->line_no, b->line_no);
	return d ? d : cmp_int64(a->id, b->id);
}

/* A stated sentence first, then a dated one, the earliest since, then as
 * cmp_first: the sentence that dates a link, which the panes open. */
static int cmp_dating(const struct link_log *l, const struct link_sentence *a,
		      const struct link_sentence *b)
{
	int d = cmp_int(b->stated, a->stated);
	if (!d)
		d = cmp_int(a->since == 0, b->since == 0);
	if (!d)
		d = cmp_int(a->since, b->since);
	return d ? d : cmp_first(l, a, b);
}

static int cmp_pair(const void *x, const void *y)
{
	const struct link_sentence *a = x, *b = y;
	int d = cmp_int64(a->donor, b->donor);
	if (!d)
		d = cmp_int64(a->recipient, b->recipient);
	return d ? d : cmp_int64(a->id, b->id);
}

/* One link folded from its sentences. */
struct link_row {
	int since, until, first_year, last_year;
	bool stated, internal;
	const struct link_sentence *dating, *first;
};

static void fold(const struct link_log *l, const struct link_sentence *s, size_t n,
		 struct link_row *row)
{
	*row = (struct link_row){ .dating = s, .first = s };
	for (size_t i = 0; i < n; i++) {
		const struct link_sentence *x = &s[i];
		int year = l->reports[x->report].year;
		if (x->since && (!row->since || x->since < row->since))
			row->since = x->since;
		if (x->until > row->until)
			row->until = x->until;
		if (year > 0 && (!row->first_year || year < row->first_year))
			row->first_year = year;
		if (year > row->last_year)
			row->last_year = year;
		row->stated |= x->stated;
		row->internal |= x->internal;
		if (cmp_dating(l, x, row->dating) < 0)
			row->dating = x;
		if (cmp_first(l, x, row->first) < 0)
			row->first = x;
	}
}

static void bind_year(sqlite3_stmt *stmt, int param, int year)
{
	if (year)
		sqlite3_bind_int(stmt, param, year);
	else
		sqlite3_bind_null(stmt, param);
}

/* The level is the dating sentence's, read back from pairing. */
static const char insert_sql[] =
	"INSERT INTO link(donor_id, recipient_id, level, since, until, basis, internal,"
	"  first_year, last_year, sources, source_id, first_id)"
	" SELECT ?1, ?2, level, ?3, ?4, ?5, ?6, ?7, ?8, ?9, id, ?10 FROM pairing WHERE id = ?11";

static int write_link(sqlite3_stmt *ins, const struct link_row *row, size_t nsources)
{
	sqlite3_bind_int64(ins, 1, row->dating->donor);
	sqlite3_bind_int64(ins, 2, row->dating->recipient);
	bind_year(ins, 3, row->since);
	bind_year(ins, 4, row->until);
	sqlite3_bind_text(ins, 5, row->stated ? "stated" : "evidence", -1, SQLITE_STATIC);
	sqlite3_bind_int(ins, 6, row->internal);
	bind_year(ins, 7, row->first_year);
	bind_year(ins, 8, row->last_year);
	sqlite3_bind_int64(ins, 9, (int64_t)nsources);
	sqlite3_bind_int64(ins, 10, row->first->id);
	sqlite3_bind_int64(ins, 11, row->dating->id);
	int rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int link_log_store(struct link_log *l, sqlite3 *db)
{
	qsort(l->sentences, l->nsentences, sizeof(*l->sentences), cmp_pair);
	sqlite3_stmt *ins = NULL;
	int rc = sqlite3_prepare_v2(db, insert_sql, -1, &ins, NULL);
	for (size_t from = 0, to; from < l->nsentences && rc == SQLITE_OK; from = to) {
		const struct link_sentence *s = &l->sentences[from];
		for (to = from + 1; to < l->nsentences && s->donor == l->sentences[to].donor &&
		     s->recipient == l->sentences[to].recipient; to++)
			;
		struct link_row row;
		fold(l, s, to - from, &row);
		rc = write_link(ins, &row, to - from);
	}
	sqlite3_finalize(ins);
	return rc;
}
