#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/flows.h"
#include "pairoff/money.h"
#include "pairoff/report.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The money statements of one import, kept small (no text) while the reports
 * are stored, so that at the end restatements can be linked into flows
 * across reports and each pair's yearly figures derived by the one rule
 * (src/flows.c) into pair_total.
 *
 * An import holding a report too large to read whole (read in parts,
 * src/import.c) keeps no log: its end reads the statements back from the
 * fund table instead, sorted on what the rules group them by, one group at
 * a time (as src/store-indicators.c does), so that its memory does not grow
 * with the report: a statement is in one group only, and neither rule
 * looks across groups. Both ways give the same rows; the log spares the
 * other imports the cost of reading back (a tenth of an import of a
 * thousand reports). */

/* One statement as logged, half the size of its struct flow_fact (made
 * from it at the end): a report of half a million statements logs them
 * while its own facts are still in memory. */
struct money_rec {
	int64_t id, amount_yuan, whole_id;
	uint32_t donor, recipient, donor_unit, recipient_unit; /* UINT32_MAX: none */
	uint32_t report_id;
	int32_t section, line_no, year, from_year;
	uint8_t category, nco_donors;
	unsigned char approx : 1, stated_total : 1, in_table : 1;
};

struct money_log {
	const struct gazetteer *gaz;
	struct money_rec *recs;    /* owned; the statements as logged, until the end */
	size_t nrecs, cap_recs;
	bool read_back;            /* nothing logged: the end reads the statements
	                            * back from the store */
	struct flow_fact *facts;   /* owned; made from recs at the end, nfacts of them;
	                            * or one group read back */
	size_t nfacts, cap_facts;
	size_t *givers;            /* owned; the co-donors of every fact, end to end */
	size_t ngivers, cap_givers;
	size_t *giver_at;          /* owned; per fact, its first co-donor in givers */
	size_t cap_giver_at;
	int *section_lines;        /* owned; at the end, the first line of every
	                            * section, by report and seq (per section, not
	                            * per statement) */
	size_t *report_sections;   /* owned; per report id - 1, where its sections start
	                            * in section_lines, nreports + 1 of them */
	int *topic_lines;          /* owned; the line of every 【topic】 paragraph, by
	                            * report and line, negative for an overview's */
	size_t *report_topics;     /* owned; as report_sections, into topic_lines */
	char **reports;            /* owned; file names by report id - 1 */
	size_t nreports, cap_reports;
};

struct money_log *money_log_new(const struct gazetteer *g, bool read_back)
{
	struct money_log *m = xcalloc(1, sizeof(*m));
	m->gaz = g;
	m->read_back = read_back;
	return m;
}

void money_log_free(struct money_log *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nreports; i++)
		free(m->reports[i]);
	free(m->reports);
	free(m->section_lines);
	free(m->report_sections);
	free(m->topic_lines);
	free(m->report_topics);
	free(m->recs);
	free(m->facts);
	free(m->givers);
	free(m->giver_at);
	free(m);
}

void money_log_report(struct money_log *m, int64_t report_id, const char *file)
{
	while (m->nreports < (size_t)report_id)
		*ARRAY_PUSH(m->reports, m->nreports, m->cap_reports) = NULL;
	free(m->reports[report_id - 1]);
	m->reports[report_id - 1] = xstrdup(file ? file : "");
}

static size_t recipient_unit(const struct gazetteer *g, size_t recipient)
{
	size_t prov = gazetteer_province_of(g, recipient);
	return prov != GAZ_NONE ? prov : recipient;
}

/* Joint givers that all belong to one province (three districts of one
 * city, four cities of a province) give as that province: the statement is
 * not a pair of its own. */
static size_t distinct_co_provinces(const struct money_log *m, const struct money_entry *e)
{
	size_t prov = gazetteer_province_of(m->gaz, e->donor);
	for (size_t i = 0; i < e->nco_donors; i++)
		if (gazetteer_province_of(m->gaz, e->co_donors[i]) != prov)
			return e->nco_donors;
	return 0;
}

/* The level the programme pairs a statement's giver at: its province when
 * it gives with others of that province, else its unit. */
static size_t donor_unit(const struct money_log *m, const struct money_entry *e, size_t nco)
{
	size_t prov = gazetteer_province_of(m->gaz, e->donor);
	if (e->nco_donors && !nco && prov != GAZ_NONE)
		return prov;
	return gazetteer_unit_of(m->gaz, e->donor);
}

size_t money_donor_unit(const struct money_log *m, const struct money_entry *e, bool *joint)
{
	size_t nco = distinct_co_provinces(m, e);
	*joint = nco > 0;
	return donor_unit(m, e, nco);
}

static uint32_t idx32(size_t idx)
{
	return idx == GAZ_NONE ? UINT32_MAX : (uint32_t)idx;
}

static size_t idx_of(uint32_t v)
{
	return v == UINT32_MAX ? GAZ_NONE : v;
}

void money_log_add(struct money_log *m, const struct money_entry *e)
{
	if (m->read_back)
		return;
	size_t n = m->nrecs, nco = distinct_co_provinces(m, e);
	array_reserve(&m->giver_at, &m->cap_giver_at, n + 1, sizeof(*m->giver_at));
	m->giver_at[n] = m->ngivers;
	for (size_t i = 0; i < nco; i++)
		*ARRAY_PUSH(m->givers, m->ngivers, m->cap_givers) = e->co_donors[i];
	const struct fact_fund *f = e->fact;
	struct money_rec *rec = ARRAY_PUSH(m->recs, m->nrecs, m->cap_recs);
	*rec = (struct money_rec){
		.id = e->id, .amount_yuan = f->amount_yuan, .whole_id = e->whole_id,
		.donor = idx32(e->donor), .recipient = idx32(e->recipient),
		.donor_unit = idx32(donor_unit(m, e, nco)),
		.recipient_unit = idx32(recipient_unit(m->gaz, e->recipient)),
		.report_id = (uint32_t)e->report_id, .section = e->section, .line_no = f->line_no,
		.year = f->year, .from_year = f->from_year, .category = (uint8_t)f->category,
		.nco_donors = (uint8_t)nco, .approx = f->approx ? 1 : 0,
		.stated_total = f->stated_total ? 1 : 0, .in_table = f->table_index >= 0 ? 1 : 0,
	};
}

static int topic_of(const struct money_log *m, int64_t report_id, int line_no, bool in_table);

/* The logged statements as flows_link takes them, made in place of recs:
 * both at once would be half as much again as the log at the end of an
 * import. From the last, statement i lies at or after rec i and is
 * written once rec i is read, so no rec is overwritten before it is read;
 * memcpy keeps the compiler from reordering the two. */
static void make_facts(struct money_log *m)
{
	_Static_assert(sizeof(struct flow_fact) >= sizeof(struct money_rec),
		       "a statement takes the place of its rec and more");
	size_t n = m->nrecs;
	char *buf = xreallocarray(m->recs, n + 1, sizeof(struct flow_fact));
	for (size_t i = n; i-- > 0;) {
		struct money_rec r;
		memcpy(&r, buf + i * sizeof(r), sizeof(r));
		struct flow_fact f = {
			.id = r.id, .donor = idx_of(r.donor), .recipient = idx_of(r.recipient),
			.nco_donors = r.nco_donors, .donor_unit = idx_of(r.donor_unit),
			.recipient_unit = idx_of(r.recipient_unit), .year = r.year,
			.from_year = r.from_year, .category = (enum fund_category)r.category,
			.amount_yuan = r.amount_yuan, .approx = r.approx,
			.stated_total = r.stated_total, .whole_id = r.whole_id,
			.report_id = r.report_id, .section = r.section, .in_table = r.in_table,
			.line_no = r.line_no, .flow_id = r.id,
			.topic_line = topic_of(m, r.report_id, r.line_no, r.in_table),
		};
		memcpy(buf + i * sizeof(f), &f, sizeof(f));
	}
	m->facts = (struct flow_fact *)(void *)buf;
	m->nfacts = n;
	m->cap_facts = n + 1;
	m->recs = NULL;
	m->nrecs = m->cap_recs = 0;
}

/* givers moves as it grows, so facts point into it only once it is final. */
static void point_givers(struct money_log *m)
{
	for (size_t i = 0; i < m->nfacts; i++)
		m->facts[i].co_donors = m->facts[i].nco_donors ? m->givers + m->giver_at[i] : NULL;
}

/* --- the statements, read back ------------------------------------------------- */

/* Every stored statement as the rules take it (region ids are gazetteer
 * index + 1, src/import.c; a joint statement's other givers are its
 * fund_donor rows but its donor); its section is found by section_of. */
#define STATEMENTS_SQL \
	"SELECT f.id, f.donor_id - 1, f.recipient_id - 1, f.joint, f.unit_id - 1," \
	"  pairoff_recipient_unit(f.recipient_id) AS recipient_unit, coalesce(f.year, 0) AS y," \
	"  coalesce(f.from_year, 0) AS fy, f.category, f.amount_yuan, f.approx, f.stated_total," \
	"  coalesce(f.whole_id, 0), f.report_id, 0, f.table_id IS NOT NULL, f.line, f.flow_id" \
	" FROM fund f"

/* The statements a pair's year counts (counts_for_year below). */
#define COUNTED_WHERE " WHERE f.year IS NOT NULL AND f.year <> 0 AND f.from_year = f.year" \
	" AND f.kind IN ('aid', 'investment')"

/* pairoff_recipient_unit(region id): the gazetteer index of the region's
 * province (the recipient's unit), or of the region when it has none. */
static void sql_recipient_unit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct money_log *m = sqlite3_user_data(ctx);
	int64_t id = sqlite3_value_int64(argv[0]);
	size_t idx = (size_t)(id - 1);
	if (id < 1 || idx >= gazetteer_count(m->gaz)) {
		sqlite3_result_int64(ctx, id - 1);
		return;
	}
	size_t prov = gazetteer_province_of(m->gaz, idx);
	sqlite3_result_int64(ctx, (int64_t)(prov != GAZ_NONE ? prov : idx));
}

/* Reads sql's (report id, line[, topic]) rows, in report order, into
 * *lines (negated when the topic sums up the others) with *starts: per report
 * id - 1, where its lines start, nreports + 1 of them. */
static int load_lines(struct money_log *m, sqlite3 *db, const char *sql, int **lines, size_t **starts)
{
	sqlite3_stmt *sel = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &sel, NULL);
	size_t n = 0, cap = 0;
	/* first the count of each report's lines, then where they start */
	*starts = xcalloc(m->nreports + 1, sizeof(**starts));
	int step = SQLITE_DONE;
	while (rc == SQLITE_OK && (step = sqlite3_step(sel)) == SQLITE_ROW) {
		int64_t report = sqlite3_column_int64(sel, 0);
		if (report < 1 || (size_t)report > m->nreports)
			continue;
		int line = sqlite3_column_int(sel, 1);
		bool overview = sqlite3_column_count(sel) > 2 &&
				report_topic_sums_up((const char *)sqlite3_column_text(sel, 2));
		*ARRAY_PUSH(*lines, n, cap) = overview ? -line : line;
		(*starts)[report]++;
	}
	sqlite3_finalize(sel);
	for (size_t k = 1; k <= m->nreports; k++)
		(*starts)[k] += (*starts)[k - 1];
	return rc == SQLITE_OK && step != SQLITE_DONE ? step : rc;
}

/* Reads the first lines of the sections of every report, and the lines of
 * their topics. */
static int load_sections(struct money_log *m, sqlite3 *db)
{
	int rc = load_lines(m, db, "SELECT report_id, line FROM section ORDER BY report_id, seq",
			    &m->section_lines, &m->report_sections);
	if (rc == SQLITE_OK)
		rc = load_lines(m, db, "SELECT report_id, line, topic FROM paragraph"
				" WHERE topic IS NOT NULL ORDER BY report_id, line",
				&m->topic_lines, &m->report_topics);
	return rc;
}

/* The index of the section holding a line of a report, as the importer
 * stored them: the last that starts at or before it, found by halving
 * (sections are in line order), 0 when none does. */
static int section_of(const struct money_log *m, int64_t report_id, int line_no)
{
	if (report_id < 1 || (size_t)report_id > m->nreports || !m->report_sections)
		return 0;
	const int *lines = m->section_lines + m->report_sections[report_id - 1];
	size_t lo = 0, hi = m->report_sections[report_id] - m->report_sections[report_id - 1];
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (lines[mid] <= line_no)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo;
}

/* The topic a statement stands under (flows_topic_line), 0 for a table's
 * cell. */
static int topic_of(const struct money_log *m, int64_t report_id, int line_no, bool in_table)
{
	if (in_table || report_id < 1 || (size_t)report_id > m->nreports || !m->report_topics)
		return 0;
	size_t from = m->report_topics[report_id - 1], to = m->report_topics[report_id];
	size_t first = m->report_sections[report_id - 1];
	int section_line = first < m->report_sections[report_id] ?
		m->section_lines[first + (size_t)section_of(m, report_id, line_no)] : 0;
	return flows_topic_line(m->topic_lines + from, to - from, section_line, line_no);
}

static struct flow_fact fact_of(sqlite3_stmt *stmt)
{
	const char *category = (const char *)sqlite3_column_text(stmt, 8);
	enum fund_category c = fund_category_parse(category ? category : "");
	return (struct flow_fact){
		.id = sqlite3_column_int64(stmt, 0), .donor = (size_t)sqlite3_column_int64(stmt, 1),
		.recipient = (size_t)sqlite3_column_int64(stmt, 2),
		.donor_unit = (size_t)sqlite3_column_int64(stmt, 4),
		.recipient_unit = (size_t)sqlite3_column_int64(stmt, 5),
		.year = sqlite3_column_int(stmt, 6), .from_year = sqlite3_column_int(stmt, 7),
		.category = c == FUND_NCATEGORIES ? FUND_OTHER : c,
		.amount_yuan = sqlite3_column_int64(stmt, 9), .approx = sqlite3_column_int(stmt, 10),
		.stated_total = sqlite3_column_int(stmt, 11), .whole_id = sqlite3_column_int64(stmt, 12),
		.report_id = sqlite3_column_int64(stmt, 13), .section = sqlite3_column_int(stmt, 14),
		.in_table = sqlite3_column_int(stmt, 15), .line_no = sqlite3_column_int(stmt, 16),
		.flow_id = sqlite3_column_int64(stmt, 17),
	};
}

/* Appends the statement at stmt to the group, with its other givers when
 * joint (read with givers_stmt). */
static int group_add(struct money_log *m, sqlite3_stmt *stmt, sqlite3_stmt *givers_stmt)
{
	size_t n = m->nfacts;
	struct flow_fact *f = ARRAY_PUSH(m->facts, m->nfacts, m->cap_facts);
	*f = fact_of(stmt);
	f->section = section_of(m, f->report_id, f->line_no);
	f->topic_line = topic_of(m, f->report_id, f->line_no, f->in_table);
	array_reserve(&m->giver_at, &m->cap_giver_at, n + 1, sizeof(*m->giver_at));
	m->giver_at[n] = m->ngivers;
	if (!sqlite3_column_int(stmt, 3))
		return SQLITE_OK;
	sqlite3_bind_int64(givers_stmt, 1, f->id);
	sqlite3_bind_int64(givers_stmt, 2, (int64_t)f->donor + 1);
	int rc;
	while ((rc = sqlite3_step(givers_stmt)) == SQLITE_ROW) {
		*ARRAY_PUSH(m->givers, m->ngivers, m->cap_givers) =
			(size_t)sqlite3_column_int64(givers_stmt, 0);
		f->nco_donors++;
	}
	sqlite3_reset(givers_stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void group_clear(struct money_log *m)
{
	m->nfacts = m->ngivers = 0;
}

/* Whether two statements fall in one group: same_key for the flows
 * (their bucket, src/flows.c), else for the pair totals of single givers. */
typedef bool same_group_fn(const struct flow_fact *a, const struct flow_fact *b);
typedef int group_fn(struct money_log *m, sqlite3 *db, void *arg);

/* Reads the statements of sql (STATEMENTS_SQL and an ORDER BY that puts
 * each group together) and hands each group to flush. */
static int for_each_group(struct money_log *m, sqlite3 *db, const char *sql, same_group_fn *same,
			  group_fn *flush, void *arg)
{
	sqlite3_stmt *sel = NULL, *givers = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &sel, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT region_id - 1 FROM fund_donor WHERE fund_id = ?"
					" AND region_id <> ?", -1, &givers, NULL);
	int step = SQLITE_DONE;
	group_clear(m);
	while (rc == SQLITE_OK && (step = sqlite3_step(sel)) == SQLITE_ROW) {
		struct flow_fact next = fact_of(sel);
		if (m->nfacts && !same(&m->facts[0], &next)) {
			point_givers(m);
			rc = flush(m, db, arg);
			group_clear(m);
		}
		if (rc == SQLITE_OK)
			rc = group_add(m, sel, givers);
	}
	if (rc == SQLITE_OK && step != SQLITE_DONE)
		rc = step;
	if (rc == SQLITE_OK && m->nfacts) {
		point_givers(m);
		rc = flush(m, db, arg);
	}
	group_clear(m);
	sqlite3_finalize(sel);
	sqlite3_finalize(givers);
	return rc;
}

/* --- flows -------------------------------------------------------------------- */

static int step_done(sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int write_flow_ids(struct money_log *m, sqlite3_stmt *up)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; i < m->nfacts && rc == SQLITE_OK; i++) {
		if (m->facts[i].flow_id == m->facts[i].id)
			continue;
		sqlite3_bind_int64(up, 1, m->facts[i].flow_id);
		sqlite3_bind_int64(up, 2, m->facts[i].id);
		rc = step_done(up);
	}
	return rc;
}

static const char *report_name(const struct money_log *m, int64_t report_id)
{
	return report_id >= 1 && (size_t)report_id <= m->nreports && m->reports[report_id - 1] ?
		m->reports[report_id - 1] : "?";
}

/* "Shanghai -> Yunnan, 2012, aid: 257,000,000 yuan here, 255,000,000 at
 * east-west-pairing-2012.txt:9", filed at the later statement. */
static int write_disagreement(struct money_log *m, sqlite3_stmt *ins, const struct flow_disagreement *d)
{
	const struct flow_fact *a = &m->facts[d->first], *b = &m->facts[d->later];
	char x[32], y[32];
	money_format(b->amount_yuan, UNIT_YUAN, x, sizeof(x));
	money_format(a->amount_yuan, UNIT_YUAN, y, sizeof(y));
	char *msg = xasprintf("%s -> %s, %d, %s: %s yuan here, %s yuan at %s:%d (one flow, two figures; "
			      "its figure is the larger)",
			      gazetteer_region(m->gaz, b->donor)->name,
			      gazetteer_region(m->gaz, b->recipient)->name, b->year,
			      fund_kind_name(fund_kind_of(b->category)), x, y,
			      report_name(m, a->report_id), a->line_no);
	sqlite3_bind_text(ins, 1, "figures-disagree", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, msg, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(ins, 3, b->id);
	free(msg);
	return step_done(ins);
}

static int write_disagreements(struct money_log *m, sqlite3_stmt *ins,
			       const struct flow_disagreement *d, size_t n, size_t *anomalies)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		rc = write_disagreement(m, ins, &d[i]);
		*anomalies += rc == SQLITE_OK;
	}
	return rc;
}

/* --- pair totals ------------------------------------------------------------------ */

/* The pair a statement counts for: its donor unit(s), recipient province. */
struct pair_key {
	size_t units[8];           /* sorted by name, distinct */
	size_t nunits;
	size_t recipient;
	int year;
};

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorts units[0..n) by name (canonical names are unique): a joint
 * donation's givers are listed, and its first giver chosen, in an order
 * that does not depend on how the gazetteer's files are arranged. */
static void sort_units_by_name(const struct gazetteer *g, size_t *units, size_t n)
{
	for (size_t i = 1; i < n; i++) {   /* at most 8 */
		size_t u = units[i], j = i;
		for (; j > 0 && strcmp(gazetteer_region(g, units[j - 1])->name, gazetteer_region(g, u)->name) > 0; j--)
			units[j] = units[j - 1];
		units[j] = u;
	}
}

static struct pair_key key_of(const struct money_log *m, const struct flow_fact *f)
{
	struct pair_key k = { .recipient = f->recipient_unit, .year = f->year };
	k.units[k.nunits++] = f->donor_unit;
	for (size_t i = 0; i < f->nco_donors && k.nunits < 8; i++)
		k.units[k.nunits++] = gazetteer_unit_of(m->gaz, f->co_donors[i]);
	sort_units_by_name(m->gaz, k.units, k.nunits);
	size_t kept = 0;
	for (size_t i = 0; i < k.nunits; i++)
		if (kept == 0 || k.units[kept - 1] != k.units[i])
			k.units[kept++] = k.units[i];
	k.nunits = kept;
	return k;
}

static int cmp_keys(const struct pair_key *a, const struct pair_key *b)
{
	if (a->nunits != b->nunits)
		return a->nunits < b->nunits ? -1 : 1;
	for (size_t i = 0; i < a->nunits; i++)
		if (a->units[i] != b->units[i])
			return a->units[i] < b->units[i] ? -1 : 1;
	if (a->recipient != b->recipient)
		return a->recipient < b->recipient ? -1 : 1;
	return a->year < b->year ? -1 : a->year > b->year;
}

/* A statement's pair in a few bytes, for sorting them all: the full key
 * (several units of a joint donation) is made only when two compare equal
 * on the first unit, which few do. */
struct keyed {
	uint32_t fact;             /* index in the log */
	uint32_t unit0, recipient; /* the first (lowest) donor unit; recipient province */
	int32_t year;
	uint32_t nunits;
};

static const struct money_log *keyed_log; /* qsort has no context argument */

static int cmp_keyed_pair(const struct keyed *x, const struct keyed *y)
{
	if (x->nunits != y->nunits)
		return x->nunits < y->nunits ? -1 : 1;
	if (x->unit0 != y->unit0)
		return x->unit0 < y->unit0 ? -1 : 1;
	if (x->recipient != y->recipient)
		return x->recipient < y->recipient ? -1 : 1;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->nunits == 1)
		return 0;
	struct pair_key kx = key_of(keyed_log, &keyed_log->facts[x->fact]);
	struct pair_key ky = key_of(keyed_log, &keyed_log->facts[y->fact]);
	return cmp_keys(&kx, &ky);
}

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = cmp_keyed_pair(x, y);
	return c ? c : (x->fact < y->fact ? -1 : x->fact > y->fact);
}

static struct keyed keyed_of(const struct money_log *m, size_t i)
{
	struct pair_key k = key_of(m, &m->facts[i]);
	return (struct keyed){ (uint32_t)i, (uint32_t)k.units[0], (uint32_t)k.recipient, k.year,
			       (uint32_t)k.nunits };
}

static bool counts_for_year(const struct flow_fact *f)
{
	enum fund_kind k = fund_kind_of(f->category);
	return f->year && f->from_year == f->year && (k == KIND_AID || k == KIND_INVESTMENT);
}

/* Names and ids of a key's donor side: "Dalian City + Ningbo City",
 * "12,40", and their provinces "8,13". */
static void key_labels(const struct money_log *m, const struct pair_key *k, struct strbuf *names,
		       struct strbuf *ids, struct strbuf *provinces)
{
	size_t provs[8], np = 0;
	for (size_t i = 0; i < k->nunits; i++) {
		strbuf_printf(names, "%s%s", i ? " + " : "", gazetteer_region(m->gaz, k->units[i])->name);
		strbuf_printf(ids, "%s%zu", i ? "," : "", k->units[i] + 1);
		size_t p = gazetteer_province_of(m->gaz, k->units[i]);
		provs[np++] = p != GAZ_NONE ? p : k->units[i];
	}
	qsort(provs, np, sizeof(size_t), cmp_size);
	for (size_t i = 0; i < np; i++)
		if (i == 0 || provs[i] != provs[i - 1])
			strbuf_printf(provinces, "%s%zu", provinces->len ? "," : "", provs[i] + 1);
}

static int write_pair_total(struct money_log *m, sqlite3_stmt *ins, const struct pair_key *k,
			    struct flow_fact *group, size_t n, bool *counted)
{
	for (size_t i = 0; i < n; i++)
		group[i].pair_level = group[i].nco_donors + 1 == k->nunits &&
				      group[i].donor == k->units[0] && group[i].recipient == k->recipient;
	struct year_figure yf = k->nunits > 1 || group[0].nco_donors ?
		flows_year_figure(group, n, counted) : flows_pair_year(group, n, counted);
	if (yf.facts == 0)
		return SQLITE_OK;
	struct strbuf names = { 0 }, ids = { 0 }, provs = { 0 }, sources = { 0 };
	key_labels(m, k, &names, &ids, &provs);
	for (size_t i = 0; i < n; i++)
		if (counted[i])
			strbuf_printf(&sources, "%s%s:%d", sources.len ? " " : "",
				      report_name(m, group[i].report_id), group[i].line_no);
	sqlite3_bind_text(ins, 1, names.data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 2, ids.data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 3, provs.data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(ins, 4, (int64_t)k->recipient + 1);
	sqlite3_bind_int(ins, 5, k->year);
	sqlite3_bind_int64(ins, 6, yf.aid_yuan);
	sqlite3_bind_int64(ins, 7, yf.investment_yuan);
	sqlite3_bind_int64(ins, 8, (int64_t)yf.facts);
	sqlite3_bind_text(ins, 9, sources.data ? sources.data : "", -1, SQLITE_TRANSIENT);
	strbuf_free(&names);
	strbuf_free(&ids);
	strbuf_free(&provs);
	strbuf_free(&sources);
	return step_done(ins);
}

/* The pair totals of the statements in m->facts, sorted by pair. */
static int write_pair_totals(struct money_log *m, sqlite3_stmt *ins)
{
	struct keyed *keys = xcalloc(m->nfacts + 1, sizeof(*keys));
	size_t nk = 0;
	for (size_t i = 0; i < m->nfacts; i++)
		if (counts_for_year(&m->facts[i]))
			keys[nk++] = keyed_of(m, i);
	keyed_log = m;
	qsort(keys, nk, sizeof(*keys), cmp_keyed);
	struct flow_fact *group = NULL; /* one pair's statements; the largest pair's size */
	bool *counted = NULL;
	size_t cap = 0, cap_counted = 0;
	int rc = SQLITE_OK;
	for (size_t from = 0, to; from < nk && rc == SQLITE_OK; from = to) {
		for (to = from + 1; to < nk && cmp_keyed_pair(&keys[from], &keys[to]) == 0; to++)
			;
		array_reserve(&group, &cap, to - from, sizeof(*group));
		array_reserve(&counted, &cap_counted, to - from, sizeof(*counted));
		for (size_t k = from; k < to; k++)
			group[k - from] = m->facts[keys[k].fact];
		struct pair_key key = key_of(m, &m->facts[keys[from].fact]);
		rc = write_pair_total(m, ins, &key, group, to - from, counted);
	}
	keyed_log = NULL;
	free(counted);
	free(group);
	free(keys);
	return rc;
}

/* pair_total added up per province pair (province_pair_total). total():
 * a sum past the integer range saturates instead of failing the import. */
static int write_province_totals(sqlite3 *db)
{
	return sqlite3_exec(db, "INSERT INTO province_pair_total(donor_province, single,"
			    " recipient_id, aid_yuan, investment_yuan)"
			    " SELECT CAST(donor_provinces AS INTEGER), instr(donor_provinces, ',') = 0,"
			    "   recipient_id, CAST(total(aid_yuan) AS INTEGER),"
			    "   CAST(total(investment_yuan) AS INTEGER)"
			    " FROM pair_total GROUP BY 1, 2, 3", NULL, NULL, NULL);
}

/* --- the statements in groups -------------------------------------------------- */

/* The statements ordered by the key flows_link links within (src/flows.c:
 * flows_key_cmp), kinds in their enum's order, then as stored. */
static char *flows_order_sql(void)
{
	struct strbuf sb = { 0 };
	strbuf_puts(&sb, STATEMENTS_SQL " ORDER BY CASE f.kind");
	for (int k = 0; k < FUND_NKINDS; k++)
		strbuf_printf(&sb, " WHEN '%s' THEN %d", fund_kind_name((enum fund_kind)k), k);
	strbuf_puts(&sb, " END, y, fy, f.unit_id, recipient_unit, f.id");
	return strbuf_steal(&sb);
}

static bool same_bucket(const struct flow_fact *a, const struct flow_fact *b)
{
	return flows_key_cmp(a, b) == 0;
}

/* The statements, prepared once, that the groups write with. */
struct money_writers {
	sqlite3_stmt *flow_id;     /* UPDATE fund SET flow_id */
	sqlite3_stmt *anomaly;     /* a disagreement */
	sqlite3_stmt *pair_total;
	bool *counted;             /* owned; per statement of the group */
	size_t cap_counted;
	size_t *anomalies;         /* the import's count */
};

static int flush_flows(struct money_log *m, sqlite3 *db, void *arg)
{
	(void)db;
	struct money_writers *w = arg;
	struct flow_disagreement *dis;
	size_t ndis;
	flows_link(m->facts, m->nfacts, m->gaz, &dis, &ndis);
	int rc = write_flow_ids(m, w->flow_id);
	if (rc == SQLITE_OK)
		rc = write_disagreements(m, w->anomaly, dis, ndis, w->anomalies);
	free(dis);
	return rc;
}

/* A statement of one giver counts for the pair of its donor unit and
 * recipient province (key_of); in the order of write_pair_totals' sort,
 * those pairs come first, by unit, recipient and year. */
static bool same_single_pair(const struct flow_fact *a, const struct flow_fact *b)
{
	return a->donor_unit == b->donor_unit && a->recipient_unit == b->recipient_unit &&
	       a->year == b->year;
}

static int flush_single_pair(struct money_log *m, sqlite3 *db, void *arg)
{
	(void)db;
	struct money_writers *w = arg;
	array_reserve(&w->counted, &w->cap_counted, m->nfacts, sizeof(*w->counted));
	struct pair_key key = key_of(m, &m->facts[0]);
	return write_pair_total(m, w->pair_total, &key, m->facts, m->nfacts, w->counted);
}

/* Joint statements, few, are one group: their pairs (several givers)
 * sort after every single giver's, by write_pair_totals. */
static bool same_any(const struct flow_fact *a, const struct flow_fact *b)
{
	(void)a;
	(void)b;
	return true;
}

static int flush_joint(struct money_log *m, sqlite3 *db, void *arg)
{
	(void)db;
	struct money_writers *w = arg;
	return write_pair_totals(m, w->pair_total);
}

static int prepare_writers(sqlite3 *db, struct money_writers *w)
{
	int rc = sqlite3_prepare_v2(db, "UPDATE fund SET flow_id = ? WHERE id = ?", -1, &w->flow_id,
				    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO anomaly(kind, message, report_id, line, quote)"
					" SELECT ?, ?, report_id, line, quote FROM fund WHERE id = ?", -1,
					&w->anomaly, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO pair_total(donor, donor_ids, donor_provinces,"
					" recipient_id, year, aid_yuan, investment_yuan, facts, sources)"
					" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &w->pair_total, NULL);
	return rc;
}

/* The logged statements, all at once. */
static int store_logged(struct money_log *m, struct money_writers *w)
{
	make_facts(m);
	point_givers(m);
	int rc = flush_flows(m, NULL, w);
	if (rc == SQLITE_OK)
		rc = write_pair_totals(m, w->pair_total);
	return rc;
}

/* The statements read back: the flows a key at a time, then the pair
 * totals of single givers a pair at a time, then those of joint givers. */
static int store_read_back(struct money_log *m, sqlite3 *db, struct money_writers *w)
{
	int rc = sqlite3_create_function(db, "pairoff_recipient_unit", 1,
					 SQLITE_UTF8 | SQLITE_DETERMINISTIC, m, sql_recipient_unit,
					 NULL, NULL);
	if (rc == SQLITE_OK)
		rc = load_sections(m, db);
	char *flows_sql = flows_order_sql();
	if (rc == SQLITE_OK)
		rc = for_each_group(m, db, flows_sql, same_bucket, flush_flows, w);
	free(flows_sql);
	if (rc == SQLITE_OK)
		rc = for_each_group(m, db, STATEMENTS_SQL COUNTED_WHERE " AND f.joint = 0"
				    " ORDER BY f.unit_id, recipient_unit, y, f.id",
				    same_single_pair, flush_single_pair, w);
	if (rc == SQLITE_OK)
		rc = for_each_group(m, db, STATEMENTS_SQL COUNTED_WHERE " AND f.joint = 1 ORDER BY f.id",
				    same_any, flush_joint, w);
	return rc;
}

int money_log_store(struct money_log *m, sqlite3 *db, size_t *anomalies)
{
	struct money_writers w = { .anomalies = anomalies };
	int rc = prepare_writers(db, &w);
	if (rc == SQLITE_OK && !m->read_back)
		rc = load_sections(m, db);   /* for the topics (read back: below) */
	if (rc == SQLITE_OK && !m->read_back)
		rc = store_logged(m, &w);
	else if (rc == SQLITE_OK)
		rc = store_read_back(m, db, &w);
	if (rc == SQLITE_OK)
		rc = write_province_totals(db);
	sqlite3_finalize(w.flow_id);
	sqlite3_finalize(w.anomaly);
	sqlite3_finalize(w.pair_total);
	free(w.counted);
	return rc;
}
