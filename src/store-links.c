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
 * Each sentence is folded into its link as it is stored, so that memory
 * grows with the links (a few thousand), not with the sentences (a hundred
 * thousand at 1,000 reports); the links are written at the end. The same
 * fold as a GROUP BY at the end of the import cost 9 million instructions
 * for the 313 sentences of the bundled reports, a sixth of their import. */

struct link_report {
	char *file;            /* owned; the report's file name */
	int year;              /* 0 when unknown */
};

/* What choosing a link's source sentences compares. */
struct link_sentence {
	int64_t id;            /* pairing.id */
	int since;             /* 0 when none */
	int line_no;
	size_t report;         /* index into link_log.reports */
	bool stated;
};

/* One link, folded from the sentences seen so far. */
struct link_acc {
	int64_t donor, recipient; /* region ids; donor 0 marks a free slot */
	int since, until;      /* the earliest since, the latest until; 0 when none */
	int first_year, last_year; /* of the reports with a year; 0 when none */
	size_t nsources;
	bool stated, internal; /* any sentence stated; any within the West */
	struct link_sentence dating; /* the sentence the panes open */
	struct link_sentence first;  /* the sentence `pairoff pairs` cites */
};

struct link_log {
	struct link_report *reports; /* owned, each file owned */
	size_t nreports, cap_reports;
	struct link_acc *slots;      /* owned; open addressing, a power of two */
	size_t nslots, nlinks;
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
	free(l->slots);
	free(l);
}

void link_log_report(struct link_log *l, const char *file, int year)
{
	*ARRAY_PUSH(l->reports, l->nreports, l->cap_reports) =
		(struct link_report){ .file = xstrdup(file ? file : ""), .year = year };
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

static size_t slot_of(const struct link_acc *slots, size_t nslots, int64_t donor, int64_t recipient)
{
	uint64_t h = (uint64_t)donor * 0x9E3779B97F4A7C15u ^ (uint64_t)recipient * 0xC2B2AE3D27D4EB4Fu;
	size_t i = (size_t)(h ^ (h >> 29)) & (nslots - 1);
	while (slots[i].donor && (slots[i].donor != donor || slots[i].recipient != recipient))
		i = (i + 1) & (nslots - 1);
	return i;
}

/* Doubles the table (64 slots at first) when it is half full. */
static void grow(struct link_log *l)
{
	if (2 * (l->nlinks + 1) <= l->nslots)
		return;
	size_t n = l->nslots ? 2 * l->nslots : 64;
	struct link_acc *slots = xcalloc(n, sizeof(*slots));
	for (size_t i = 0; i < l->nslots; i++)
		if (l->slots[i].donor)
			slots[slot_of(slots, n, l->slots[i].donor, l->slots[i].recipient)] = l->slots[i];
	free(l->slots);
	l->slots = slots;
	l->nslots = n;
}

void link_log_add(struct link_log *l, const struct link_entry *e)
{
	if (l->nreports == 0)
		link_log_report(l, "", 0);
	grow(l);
	struct link_acc *a = &l->slots[slot_of(l->slots, l->nslots, e->donor, e->recipient)];
	struct link_sentence s = { .id = e->id, .since = e->since, .line_no = e->line_no,
				   .report = l->nreports - 1, .stated = e->stated };
	if (!a->donor) {
		*a = (struct link_acc){ .donor = e->donor, .recipient = e->recipient,
					.dating = s, .first = s };
		l->nlinks++;
	}
	int year = l->reports[s.report].year;
	if (e->since && (!a->since || e->since < a->since))
		a->since = e->since;
	if (e->until > a->until)
		a->until = e->until;
	if (year > 0 && (!a->first_year || year < a->first_year))
		a->first_year = year;
	if (year > a->last_year)
		a->last_year = year;
	a->nsources++;
	a->stated |= e->stated;
	a->internal |= e->internal;
	if (cmp_dating(l, &s, &a->dating) < 0)
		a->dating = s;
	if (cmp_first(l, &s, &a->first) < 0)
		a->first = s;
}

static int cmp_link(const void *x, const void *y)
{
	const struct link_acc *a = x, *b = y;
	int d = cmp_int64(a->donor, b->donor);
	return d ? d : cmp_int64(a->recipient, b->recipient);
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

static int write_link(sqlite3_stmt *ins, const struct link_acc *a)
{
	sqlite3_bind_int64(ins, 1, a->donor);
	sqlite3_bind_int64(ins, 2, a->recipient);
	bind_year(ins, 3, a->since);
	bind_year(ins, 4, a->until);
	sqlite3_bind_text(ins, 5, a->stated ? "stated" : "evidence", -1, SQLITE_STATIC);
	sqlite3_bind_int(ins, 6, a->internal);
	bind_year(ins, 7, a->first_year);
	bind_year(ins, 8, a->last_year);
	sqlite3_bind_int64(ins, 9, (int64_t)a->nsources);
	sqlite3_bind_int64(ins, 10, a->first.id);
	sqlite3_bind_int64(ins, 11, a->dating.id);
	int rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int link_log_store(struct link_log *l, sqlite3 *db)
{
	/* the links in key order: the table's primary key is filled in order */
	size_t n = 0;
	for (size_t i = 0; i < l->nslots; i++)
		if (l->slots[i].donor)
			l->slots[n++] = l->slots[i];
	l->nslots = 0; /* no longer a hash table */
	if (n)  /* slots is NULL when no sentence was added */
		qsort(l->slots, n, sizeof(*l->slots), cmp_link);
	sqlite3_stmt *ins = NULL;
	int rc = sqlite3_prepare_v2(db, insert_sql, -1, &ins, NULL);
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
		rc = write_link(ins, &l->slots[i]);
	sqlite3_finalize(ins);
	return rc;
}
