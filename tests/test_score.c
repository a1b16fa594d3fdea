/* Scores the fact extractor against the gold standard in tests/gold/, which
 * people wrote by reading the bundled reports (issue 3, "measured quality").
 *
 * Pairs are compared as a set of (donor, recipient) over the whole corpus;
 * money facts as a multiset of (report, amount_yuan, year, donor), with the
 * recipient and category reported as secondary accuracy. Names on both sides
 * go through the gazetteer so spelling variants meet. Gold rows marked
 * optional are "don't care": neither missed when absent nor false when found.
 *
 * Prints precision and recall, every false positive and false negative (so the
 * extractor can be improved against it), and fails below the thresholds of
 * the issue: pairs 0.95/0.95, funds 0.90/0.90.
 *
 * Links (issue 9): the gold pairs file may carry two more columns after
 * `optional`: `basis` (stated: a pairing sentence; evidence: seen through
 * what one did for the other) and `internal` (1: a pairing within the West).
 * "pairs" compares the stated pairings only (an extracted evidence link is
 * no claim of a pairing; a stated one that the gold has as evidence is a
 * "don't care"); "links" compares every county-level link whatever its
 * basis; "since" is the share of gold rows with a since whose extracted
 * rows start the same year. */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pairoff/extract.h"
#include "pairoff/flows.h"
#include "pairoff/gazetteer.h"
#include "pairoff/report.h"
#include "pairoff/util.h"

#define PAIRS_MIN_PRECISION 0.95
#define PAIRS_MIN_RECALL 0.95
#define FUNDS_MIN_PRECISION 0.90
#define FUNDS_MIN_RECALL 0.90
/* The money model (issue 8): where the extractor stood when these were set,
 * so that it can only get better; raise them as it does. */
#define KIND_MIN_ACCURACY 0.95
#define PARTS_MIN_PRECISION 0.98
/* lowered from 0.93: a list tied to a figure only by "It", "First, ..." or
 * its places' givers links no more unless it nearly fills the figure, which
 * gives up some true parts for never losing money given besides it */
#define PARTS_MIN_RECALL 0.82
#define FLOWS_MIN_PRECISION 0.85
#define FLOWS_MIN_RECALL 0.72
/* Indicators (issue 10): where the extractor stands against the gold
 * (tests/gold/indicators.tsv), so that it can only get better; the issue
 * asks 0.90 / 0.85. */
#define INDICATORS_MIN_PRECISION 0.95
#define INDICATORS_MIN_RECALL 0.96
/* Links and dates (issue 9): where the extractor stands against the gold
 * (county links, basis, internal), so that it can only get better; the
 * issue asks 0.95 / 0.95 and since right on 0.90. */
#define LINKS_MIN_PRECISION 0.99
#define LINKS_MIN_RECALL 0.95
#define SINCE_MIN_ACCURACY 0.96

/* One pairing, from the gold file or the extractor. */
struct spair {
	char *donor;        /* owned; canonical name */
	char *recipient;    /* owned; canonical name */
	char *where;        /* owned; "report:line" for messages */
	char *level;        /* owned; the recipient's level, "county", ... */
	int since, until;
	bool evidence;      /* basis: seen through aid or exchanges, not stated */
	bool internal;      /* a pairing within the West */
	bool optional;
	bool matched;
};

/* One money fact, from the gold file or the extractor. */
struct sfund {
	char *report;       /* owned; file name */
	int line_no;
	int64_t amount_yuan;
	int year, from_year;
	char *donor;        /* owned; canonical name, enterprises as their place */
	char *recipient;    /* owned; canonical name */
	char *category;     /* owned */
	char *quote;        /* owned */
	char *kind;         /* owned; aid, investment, planned, other */
	char *period;       /* owned; year, span, cumulative */
	char *whole;        /* owned; "line:amount" of the whole ("file:line:amount"
	                     * in another report), "" when not a part */
	char *flow;         /* owned; gold: the tag shared by restatements, "" if
	                     * stated once; extracted: the flow id from flows_link */
	bool total;         /* stated as the pair's total for its period */
	bool optional;
	bool matched;
	struct sfund *match; /* extracted: its gold row; gold: its extracted row */
};

/* One indicator (a non-money count), from the gold file or the extractor. */
struct sind {
	char *report;       /* owned; file name */
	int line_no;
	double value;       /* "3.5" km as written */
	char *kind;         /* owned; cadres, trained, ... */
	char *donor;        /* owned; canonical name */
	int year;
	char *quote;        /* owned */
	bool optional;
	bool matched;
};

/* The facts of one side of the comparison: the gold files or the extractor. */
struct corpus {
	struct spair *pairs;    /* owned */
	size_t npairs, cap_pairs;
	struct sfund *funds;    /* owned */
	size_t nfunds, cap_funds;
	struct sind *inds;      /* owned */
	size_t ninds, cap_inds;
};

static const struct gazetteer *gaz;
static size_t unresolved_names;

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

static size_t lookup_canonical_first(const char *name)
{
	size_t n = gazetteer_count(gaz);
	for (size_t i = 0; i < n; i++)
		if (str_casecmp_ascii(gazetteer_region(gaz, i)->name, name) == 0)
			return i;
	return gazetteer_lookup(gaz, name);
}

/* Region index for a name written by a person: canonical name, then aliases,
 * then with a common suffix added or removed. */
static size_t resolve_index(const char *name)
{
	static const char *const suffixes[] = { " County", " City", " District", " Prefecture" };
	size_t idx = lookup_canonical_first(name);
	for (size_t i = 0; idx == GAZ_NONE && i < ARRAY_LEN(suffixes); i++) {
		char *with = xasprintf("%s%s", name, suffixes[i]);
		idx = lookup_canonical_first(with);
		free(with);
		if (idx == GAZ_NONE && str_ends_with(name, suffixes[i])) {
			char *without = xstrndup(name, strlen(name) - strlen(suffixes[i]));
			idx = lookup_canonical_first(without);
			free(without);
		}
	}
	return idx;
}

/* Canonical name (owned). as_place: an enterprise counts as its home place,
 * as the gold rules say for money facts. Unknown names are kept as written. */
static char *canonical(const char *name, bool as_place)
{
	if (!name || !*name)
		return xstrdup("?");
	size_t idx = resolve_index(name);
	if (idx == GAZ_NONE) {
		unresolved_names++;
		fprintf(stderr, "note: '%s' is not in the gazetteer\n", name);
		return xstrdup(name);
	}
	const struct region *r = gazetteer_region(gaz, idx);
	if (as_place && strcmp(r->type, "enterprise") == 0 && r->parent != GAZ_NONE)
		r = gazetteer_region(gaz, r->parent);
	return xstrdup(r->name);
}

/* --- reading the gold files ------------------------------------------- */

/* Splits line in place at tabs into at most max fields; returns the count. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		fields[n++] = line;
		char *tab = strchr(line, '\t');
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* Calls row() for each data line of a gold TSV (comments and the header
 * skipped), its fields from nreq on optional (given as ""); fails the test
 * on a malformed row. */
static void read_gold(const char *path, size_t nreq, size_t ncols,
		      void (*row)(struct corpus *, char **), struct corpus *c)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "test_score: %s: %s\n", path, strerror(errno));
		exit(99);
	}
	char buf[4096];
	bool header = true;
	int line_no = 0;
	while (fgets(buf, sizeof buf, fp)) {
		line_no++;
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		if (header) {
			header = false;
			continue;
		}
		char *fields[20];
		size_t n = split_tabs(buf, fields, ARRAY_LEN(fields));
		if (n < nreq) {
			fprintf(stderr, "test_score: %s:%d: %zu fields, expected %zu\n",
				path, line_no, n, nreq);
			exit(99);
		}
		for (size_t i = n; i < ncols; i++)
			fields[i] = "";
		row(c, fields);
	}
	fclose(fp);
}

static int parse_year(const char *s)
{
	return *s ? atoi(s) : 0;
}

/* donor recipient level since until report line optional [basis internal] */
static void gold_pair_row(struct corpus *c, char **f)
{
	struct spair *p = ARRAY_PUSH(c->pairs, c->npairs, c->cap_pairs);
	memset(p, 0, sizeof *p);
	p->donor = canonical(f[0], false);
	p->recipient = canonical(f[1], false);
	p->where = xasprintf("%s:%s", f[5], f[6]);
	p->level = xstrdup(f[2]);
	p->since = parse_year(f[3]);
	p->until = parse_year(f[4]);
	p->optional = strcmp(f[7], "opt") == 0;
	p->evidence = strcmp(f[8], "evidence") == 0;
	p->internal = strcmp(f[9], "1") == 0;
}

/* report line amount_yuan year from_year donor recipient category approx quote optional */
static void gold_fund_row(struct corpus *c, char **f)
{
	struct sfund *x = ARRAY_PUSH(c->funds, c->nfunds, c->cap_funds);
	memset(x, 0, sizeof *x);
	x->report = xstrdup(f[0]);
	x->line_no = atoi(f[1]);
	x->amount_yuan = strtoll(f[2], NULL, 10);
	x->year = parse_year(f[3]);
	x->from_year = parse_year(f[4]);
	x->donor = canonical(f[5], true);
	x->recipient = canonical(f[6], true);
	x->category = xstrdup(f[7]);
	x->quote = xstrdup(f[9]);
	x->optional = strcmp(f[10], "opt") == 0;
	x->kind = xstrdup(f[11]);
	x->period = xstrdup(f[12]);
	x->whole = xstrdup(f[13]);
	x->flow = xstrdup(f[14]);
	x->total = strcmp(f[15], "1") == 0;
}

/* report line value kind unit donor recipient year from_year approx quote
 * optional flow */
static void gold_indicator_row(struct corpus *c, char **f)
{
	struct sind *x = ARRAY_PUSH(c->inds, c->ninds, c->cap_inds);
	memset(x, 0, sizeof *x);
	x->report = xstrdup(f[0]);
	x->line_no = atoi(f[1]);
	x->value = strtod(f[2], NULL);
	x->kind = xstrdup(f[3]);
	x->donor = canonical(f[5], true);
	x->year = parse_year(f[7]);
	x->quote = xstrdup(f[10]);
	x->optional = strcmp(f[11], "opt") == 0;
}

/* --- running the extractor -------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The bundled reports, sorted by name (owned array of owned paths). */
static char **list_reports(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "test_score: %s: %s\n", dir, strerror(errno));
		exit(99);
	}
	char **paths = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (str_ends_with(e->d_name, ".txt"))
			*ARRAY_PUSH(paths, n, cap) = xasprintf("%s/%s", dir, e->d_name);
	closedir(d);
	if (n > 1)   /* qsort needs a valid array even for no element */
		qsort(paths, n, sizeof *paths, cmp_str);
	*count = n;
	return paths;
}

/* The extracted facts as the flow rules see them, in extraction order (the
 * same order as corpus.funds), for flows_link across the reports. */
static struct flow_fact *flow_facts;
static size_t nflow_facts, cap_flow_facts, report_seq;
static size_t **co_lists;      /* owned; each flow fact's co-donor indexes */
static size_t nco_lists, cap_co_lists;

static size_t region_index(const char *name)
{
	size_t idx = name && *name ? resolve_index(name) : GAZ_NONE;
	return idx;
}

static int section_at(const struct report *r, int line_no)
{
	int at = 0;
	for (size_t i = 0; i < r->nsections; i++)
		if (r->sections[i].line_no <= line_no)
			at = (int)i;
	return at;
}

/* The topic of a fact (flows_topic_line, as the importer finds it from
 * the stored paragraphs: src/store-money.c). */
static int topic_at(const struct report *r, int section, int line_no, bool in_table)
{
	if (in_table)
		return 0;
	int *topics = xcalloc(r->nparagraphs + 1, sizeof(*topics));
	size_t n = 0;
	for (size_t i = 0; i < r->nparagraphs; i++)
		if (r->paragraphs[i].topic)
			topics[n++] = report_topic_sums_up(r->paragraphs[i].topic) ?
				-r->paragraphs[i].line_no : r->paragraphs[i].line_no;
	int section_line = r->nsections ? r->sections[section].line_no : 0;
	int topic = flows_topic_line(topics, n, section_line, line_no);
	free(topics);
	return topic;
}

static void add_flow_fact(const struct report *r, const struct fact_fund *ff,
			  const struct extraction *x, size_t i)
{
	size_t base = nflow_facts - i; /* index of this report's first fact */
	struct flow_fact *f = ARRAY_PUSH(flow_facts, nflow_facts, cap_flow_facts);
	size_t *co = xcalloc(ff->nco_donors + 1, sizeof(*co));
	size_t nco = 0;
	for (size_t k = 0; k < ff->nco_donors; k++)
		if ((co[nco] = region_index(ff->co_donors[k])) != GAZ_NONE)
			nco++;
	*ARRAY_PUSH(co_lists, nco_lists, cap_co_lists) = co;
	size_t donor = region_index(ff->donor), recipient = region_index(ff->recipient);
	size_t unit = donor == GAZ_NONE ? GAZ_NONE : gazetteer_unit_of(gaz, donor);
	size_t prov = recipient == GAZ_NONE ? GAZ_NONE : gazetteer_province_of(gaz, recipient);
	*f = (struct flow_fact){
		.id = (int64_t)nflow_facts, .donor = donor, .recipient = recipient,
		.co_donors = co, .nco_donors = nco, .donor_unit = unit,
		.recipient_unit = prov != GAZ_NONE ? prov : recipient,
		.year = ff->year, .from_year = ff->from_year, .category = ff->category,
		.amount_yuan = ff->amount_yuan, .approx = ff->approx, .stated_total = ff->stated_total,
		.whole_id = ff->whole_index >= 0 && (size_t)ff->whole_index < x->nfunds ?
			(int64_t)(base + (size_t)ff->whole_index + 1) : 0,
		.report_id = (int64_t)report_seq, .line_no = ff->line_no,
		.section = section_at(r, ff->line_no), .in_table = ff->table_index >= 0,
	};
	f->topic_line = topic_at(r, f->section, ff->line_no, f->in_table);
}

/* "line:amount" of fact i's whole, "" when it is not a part. */
static char *whole_of(const struct extraction *x, size_t i)
{
	long w = x->funds[i].whole_index;
	if (w < 0 || (size_t)w >= x->nfunds)
		return xstrdup("");
	return xasprintf("%d:%" PRId64, x->funds[w].line_no, x->funds[w].amount_yuan);
}

static void add_extracted(struct corpus *c, const struct report *r, const struct extraction *x)
{
	for (size_t i = 0; i < x->npairs; i++) {
		struct spair *p = ARRAY_PUSH(c->pairs, c->npairs, c->cap_pairs);
		memset(p, 0, sizeof *p);
		p->donor = canonical(x->pairs[i].donor, false);
		p->recipient = canonical(x->pairs[i].recipient, false);
		p->where = xasprintf("%s:%d", r->file_name, x->pairs[i].line_no);
		p->level = xstrdup(x->pairs[i].level);
		p->since = x->pairs[i].since;
		p->until = x->pairs[i].until;
		p->evidence = x->pairs[i].basis == BASIS_EVIDENCE;
		p->internal = x->pairs[i].internal;
	}
	for (size_t i = 0; i < x->nfunds; i++) {
		const struct fact_fund *ff = &x->funds[i];
		struct sfund *f = ARRAY_PUSH(c->funds, c->nfunds, c->cap_funds);
		memset(f, 0, sizeof *f);
		f->report = xstrdup(r->file_name);
		f->line_no = ff->line_no;
		f->amount_yuan = ff->amount_yuan;
		f->year = ff->year;
		f->from_year = ff->from_year;
		f->donor = canonical(ff->donor, true);
		f->recipient = canonical(ff->recipient, true);
		f->category = xstrdup(fund_category_name(ff->category));
		f->quote = xstrdup(ff->quote ? ff->quote : "");
		f->kind = xstrdup(fund_kind_name(fund_kind_of(ff->category)));
		f->period = xstrdup(fund_period_name(fact_fund_period(ff)));
		f->whole = whole_of(x, i);
		f->total = ff->stated_total;
		add_flow_fact(r, ff, x, i);
	}
	for (size_t i = 0; i < x->nindicators; i++) {
		const struct fact_indicator *fi = &x->indicators[i];
		struct sind *d = ARRAY_PUSH(c->inds, c->ninds, c->cap_inds);
		memset(d, 0, sizeof *d);
		d->report = xstrdup(r->file_name);
		d->line_no = fi->line_no;
		d->value = fi->value;
		d->kind = xstrdup(indicator_kind_name(fi->kind));
		d->donor = canonical(fi->donor, true);
		d->year = fi->year;
		d->quote = xstrdup(fi->quote);
	}
}

static void extract_all(const char *dir, struct corpus *c)
{
	size_t n;
	char **paths = list_reports(dir, &n);
	for (size_t i = 0; i < n; i++) {
		struct report *r;
		struct extraction x = { 0 };
		if (report_read(paths[i], &r) != ST_OK || extract_report(r, gaz, &x) != ST_OK) {
			fprintf(stderr, "test_score: %s: cannot read or extract\n", paths[i]);
			exit(99);
		}
		report_seq++;
		add_extracted(c, r, &x);
		extraction_free(&x);
		report_free(r);
		free(paths[i]);
	}
	free(paths);
}

/* --- scoring ---------------------------------------------------------- */

struct score {
	size_t tp, fp, fn, optional_hits;
};

static double ratio(size_t num, size_t den)
{
	return den ? (double)num / (double)den : 1.0;
}

static bool same_pair(const struct spair *a, const struct spair *b)
{
	return strcmp(a->donor, b->donor) == 0 && strcmp(a->recipient, b->recipient) == 0;
}

/* The gold pair equal to p, preferring required rows; NULL if none. */
static struct spair *find_gold_pair(struct corpus *gold, const struct spair *p)
{
	struct spair *opt = NULL;
	for (size_t i = 0; i < gold->npairs; i++) {
		struct spair *g = &gold->pairs[i];
		if (!same_pair(g, p))
			continue;
		if (!g->optional)
			return g;
		opt = g;
	}
	return opt;
}

/* Whether extracted row i is the first of its (donor, recipient) among the
 * rows that keep(). */
static bool first_of_pair(const struct corpus *got, size_t i, bool (*keep)(const struct spair *))
{
	for (size_t j = 0; j < i; j++)
		if (keep(&got->pairs[j]) && same_pair(&got->pairs[j], &got->pairs[i]))
			return false;
	return true;
}

static bool is_stated(const struct spair *p)
{
	return !p->evidence;
}

/* Set semantics: each distinct extracted pair counts once. Only stated
 * pairings are compared; a gold evidence row is no pairing to miss. */
static struct score score_pairs(struct corpus *gold, struct corpus *got)
{
	struct score s = { 0 };
	for (size_t i = 0; i < got->npairs; i++) {
		struct spair *p = &got->pairs[i];
		if (!is_stated(p) || !first_of_pair(got, i, is_stated))
			continue;
		struct spair *g = find_gold_pair(gold, p);
		if (g && g->evidence) {
			s.optional_hits++;
			continue;
		}
		if (!g) {
			s.fp++;
			printf("FP pair  %s -> %s  (%s)\n", p->donor, p->recipient, p->where);
		} else if (g->optional) {
			s.optional_hits++;
		} else {
			s.tp++;
		}
		if (g)
			g->matched = true;
	}
	for (size_t i = 0; i < gold->npairs; i++) {
		struct spair *g = &gold->pairs[i];
		if (!g->matched && !g->optional && !g->evidence) {
			s.fn++;
			printf("FN pair  %s -> %s  (%s)\n", g->donor, g->recipient, g->where);
		}
	}
	return s;
}

/* --- links at county level and their dates (issue 9) ------------------- */

static bool is_any(const struct spair *p)
{
	(void)p;
	return true;
}

/* The gold row of (donor, recipient) whatever its basis, required first. */
static const struct spair *gold_link(const struct corpus *gold, const struct spair *p)
{
	const struct spair *opt = NULL;
	for (size_t i = 0; i < gold->npairs; i++) {
		const struct spair *g = &gold->pairs[i];
		if (same_pair(g, p) && !g->optional)
			return g;
		if (same_pair(g, p))
			opt = g;
	}
	return opt;
}

static bool got_link(const struct corpus *got, const struct spair *g)
{
	for (size_t i = 0; i < got->npairs; i++)
		if (same_pair(&got->pairs[i], g))
			return true;
	return false;
}

/* Links whose recipient is a county (the gold's level when it has the
 * row, else the extractor's), every basis; misses listed. */
static struct score score_links(const struct corpus *gold, const struct corpus *got)
{
	struct score s = { 0 };
	for (size_t i = 0; i < got->npairs; i++) {
		const struct spair *p = &got->pairs[i];
		if (!first_of_pair(got, i, is_any))
			continue;
		const struct spair *g = gold_link(gold, p);
		if (strcmp(g ? g->level : p->level, "county") != 0)
			continue;
		if (!g) {
			s.fp++;
			printf("FP link  %s -> %s  %s%s  (%s)\n", p->donor, p->recipient, p->evidence ? "evidence" : "stated",
			       p->internal ? " internal" : "", p->where);
		} else if (g->optional) {
			s.optional_hits++;
		} else {
			s.tp++;
			if (g->evidence != p->evidence || g->internal != p->internal)
				printf("~  link  %s -> %s  %s%s (gold %s%s)  (%s)\n", p->donor, p->recipient,
				       p->evidence ? "evidence" : "stated", p->internal ? " internal" : "",
				       g->evidence ? "evidence" : "stated", g->internal ? " internal" : "", p->where);
		}
	}
	for (size_t i = 0; i < gold->npairs; i++) {
		const struct spair *g = &gold->pairs[i];
		if (strcmp(g->level, "county") == 0 && !g->optional && !got_link(got, g)) {
			s.fn++;
			printf("FN link  %s -> %s  (%s)\n", g->donor, g->recipient, g->where);
		}
	}
	return s;
}

/* The earliest since the extractor gives (donor, recipient), 0 if none. */
static int got_since(const struct corpus *got, const struct spair *g)
{
	int since = 0;
	for (size_t i = 0; i < got->npairs; i++) {
		const struct spair *p = &got->pairs[i];
		if (same_pair(p, g) && p->since && (!since || p->since < since))
			since = p->since;
	}
	return since;
}

struct since_score {
	size_t compared, ok;
};

/* Of the gold rows with a since, those whose extracted since is the same. */
static struct since_score score_since(const struct corpus *gold, const struct corpus *got)
{
	struct since_score s = { 0 };
	for (size_t i = 0; i < gold->npairs; i++) {
		const struct spair *g = &gold->pairs[i];
		if (!g->since || g->optional)
			continue;
		int since = got_since(got, g);
		s.compared++;
		if (since == g->since)
			s.ok++;
		else
			printf("~  since %s -> %s  %d (gold %d)  (%s)\n", g->donor, g->recipient, since, g->since,
			       g->where);
	}
	return s;
}

static bool same_fund_key(const struct sfund *a, const struct sfund *b)
{
	return a->amount_yuan == b->amount_yuan && a->year == b->year &&
	       strcmp(a->report, b->report) == 0 && strcmp(a->donor, b->donor) == 0;
}

/* How well gold row g fits extracted row f beyond the key: same recipient
 * and category first, then the nearest line. Higher is better. */
static long fund_fit(const struct sfund *g, const struct sfund *f)
{
	long fit = 0;
	if (!g->optional)
		fit += 1000000;
	if (strcmp(g->recipient, f->recipient) == 0)
		fit += 100000;
	if (strcmp(g->category, f->category) == 0)
		fit += 10000;
	long d = labs((long)g->line_no - (long)f->line_no);
	return fit + (d < 9999 ? 9999 - d : 0);
}

static struct sfund *find_gold_fund(struct corpus *gold, const struct sfund *f)
{
	struct sfund *best = NULL;
	long best_fit = -1;
	for (size_t i = 0; i < gold->nfunds; i++) {
		struct sfund *g = &gold->funds[i];
		if (g->matched || !same_fund_key(g, f))
			continue;
		long fit = fund_fit(g, f);
		if (fit > best_fit) {
			best = g;
			best_fit = fit;
		}
	}
	return best;
}

static void print_fund(const char *tag, const struct sfund *f)
{
	printf("%s fund  %s:%d  %" PRId64 "  %d", tag, f->report, f->line_no, f->amount_yuan, f->year);
	if (f->from_year && f->from_year != f->year)
		printf(" (from %d)", f->from_year);
	printf("  %s -> %s  %s  \"%s\"\n", f->donor, f->recipient, f->category, f->quote);
}

struct secondary {
	size_t compared, recipient_ok, category_ok;
};

static struct score score_funds(struct corpus *gold, struct corpus *got, struct secondary *sec)
{
	struct score s = { 0 };
	for (size_t i = 0; i < got->nfunds; i++) {
		struct sfund *f = &got->funds[i];
		struct sfund *g = find_gold_fund(gold, f);
		if (!g) {
			s.fp++;
			print_fund("FP", f);
			continue;
		}
		g->matched = true;
		g->match = f;
		f->match = g;
		if (g->optional) {
			s.optional_hits++;
			continue;
		}
		s.tp++;
		sec->compared++;
		sec->recipient_ok += strcmp(g->recipient, f->recipient) == 0;
		sec->category_ok += strcmp(g->category, f->category) == 0;
		if (strcmp(g->recipient, f->recipient) != 0 || strcmp(g->category, f->category) != 0)
			printf("~  fund  %s:%d  %" PRId64 "  recipient %s (gold %s), category %s (gold %s)\n",
			       f->report, f->line_no, f->amount_yuan, f->recipient, g->recipient,
			       f->category, g->category);
	}
	for (size_t i = 0; i < gold->nfunds; i++) {
		struct sfund *g = &gold->funds[i];
		if (!g->matched && !g->optional) {
			s.fn++;
			print_fund("FN", g);
		}
	}
	return s;
}

/* The money model's fields of matched facts: kind, period, the stated-total
 * flag (accuracy, with every miss listed) and the part-of links (a link is
 * right when it names the same whole as the gold's). */
struct model_score {
	size_t compared, kind_ok, period_ok, total_ok;
	struct score parts;
};

static void score_model_row(struct model_score *m, const struct sfund *g, const struct sfund *f)
{
	m->compared++;
	bool kind = strcmp(g->kind, f->kind) == 0, period = strcmp(g->period, f->period) == 0;
	m->kind_ok += kind;
	m->period_ok += period;
	m->total_ok += g->total == f->total;
	if (!kind || !period)
		printf("~  model %s:%d  %" PRId64 "  kind %s (gold %s), period %s (gold %s)\n", f->report,
		       f->line_no, f->amount_yuan, f->kind, g->kind, f->period, g->period);
	bool gw = *g->whole != '\0', fw = *f->whole != '\0';
	if (gw && fw && strcmp(g->whole, f->whole) == 0) {
		m->parts.tp++;
		return;
	}
	if (fw) {
		m->parts.fp++;
		printf("FP part  %s:%d  %" PRId64 "  of %s (gold: %s)\n", f->report, f->line_no,
		       f->amount_yuan, f->whole, gw ? g->whole : "not a part");
	}
	if (gw) {
		m->parts.fn++;
		printf("FN part  %s:%d  %" PRId64 "  of %s\n", g->report, g->line_no, g->amount_yuan, g->whole);
	}
}

static struct model_score score_model(struct corpus *gold)
{
	struct model_score m = { 0 };
	for (size_t i = 0; i < gold->nfunds; i++)
		if (gold->funds[i].match && !gold->funds[i].optional)
			score_model_row(&m, &gold->funds[i], gold->funds[i].match);
	return m;
}

/* Restatements: every two matched facts that the gold puts in one flow
 * should share a flow after flows_link, and no two others should. */
static struct score score_flows(struct corpus *got)
{
	struct flow_disagreement *dis;
	size_t ndis;
	flows_link(flow_facts, nflow_facts, gaz, &dis, &ndis);
	free(dis);
	struct score s = { 0 };
	for (size_t i = 0; i < got->nfunds; i++) {
		const struct sfund *a = &got->funds[i];
		for (size_t j = i + 1; a->match && j < got->nfunds; j++) {
			const struct sfund *b = &got->funds[j];
			if (!b->match)
				continue;
			bool gold_same = *a->match->flow && strcmp(a->match->flow, b->match->flow) == 0;
			bool got_same = flow_facts[i].flow_id == flow_facts[j].flow_id;
			if (gold_same && got_same)
				s.tp++;
			else if (gold_same || got_same)
				printf("%s flow  %s:%d and %s:%d  %" PRId64 " / %" PRId64 "  (gold flow '%s')\n",
				       got_same ? "FP" : "FN", a->report, a->line_no, b->report, b->line_no,
				       a->amount_yuan, b->amount_yuan, gold_same ? a->match->flow : "");
			s.fp += got_same && !gold_same;
			s.fn += gold_same && !got_same;
		}
	}
	return s;
}

/* Indicators as a multiset on (report, line, value, kind); among the gold
 * rows with that key, a required one and the same donor and year first. */
static struct sind *find_gold_indicator(struct corpus *gold, const struct sind *f)
{
	struct sind *best = NULL;
	int best_fit = -1;
	for (size_t i = 0; i < gold->ninds; i++) {
		struct sind *g = &gold->inds[i];
		if (g->matched || g->line_no != f->line_no || g->value != f->value ||
		    strcmp(g->kind, f->kind) != 0 || strcmp(g->report, f->report) != 0)
			continue;
		int fit = (!g->optional) * 4 + (strcmp(g->donor, f->donor) == 0) * 2 + (g->year == f->year);
		if (fit > best_fit) {
			best = g;
			best_fit = fit;
		}
	}
	return best;
}

static void print_indicator(const char *tag, const struct sind *f)
{
	printf("%s ind   %s:%d  %.15g %s  %d  %s  \"%s\"\n", tag, f->report, f->line_no, f->value,
	       f->kind, f->year, f->donor, f->quote);
}

static struct score score_indicators(struct corpus *gold, struct corpus *got, struct secondary *sec)
{
	struct score s = { 0 };
	for (size_t i = 0; i < got->ninds; i++) {
		struct sind *f = &got->inds[i];
		struct sind *g = find_gold_indicator(gold, f);
		if (!g) {
			s.fp++;
			print_indicator("FP", f);
			continue;
		}
		g->matched = true;
		if (g->optional) {
			s.optional_hits++;
			continue;
		}
		s.tp++;
		sec->compared++;
		sec->recipient_ok += strcmp(g->donor, f->donor) == 0; /* the donor, here */
		sec->category_ok += g->year == f->year;               /* the year, here */
		if (strcmp(g->donor, f->donor) != 0 || g->year != f->year)
			printf("~  ind   %s:%d  %.15g %s  donor %s (gold %s), year %d (gold %d)\n", f->report,
			       f->line_no, f->value, f->kind, f->donor, g->donor, f->year, g->year);
	}
	for (size_t i = 0; i < gold->ninds; i++)
		if (!gold->inds[i].matched && !gold->inds[i].optional) {
			s.fn++;
			print_indicator("FN", &gold->inds[i]);
		}
	return s;
}

static bool report_score(const char *what, struct score s, double min_p, double min_r)
{
	double p = ratio(s.tp, s.tp + s.fp), r = ratio(s.tp, s.tp + s.fn);
	bool ok = p >= min_p && r >= min_r;
	printf("%-6s precision %.3f (%zu/%zu, min %.2f)  recall %.3f (%zu/%zu, min %.2f)  "
	       "optional found %zu  %s\n", what, p, s.tp, s.tp + s.fp, min_p, r, s.tp,
	       s.tp + s.fn, min_r, s.optional_hits, ok ? "ok" : "BELOW THRESHOLD");
	return ok;
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->npairs; i++) {
		free(c->pairs[i].donor);
		free(c->pairs[i].recipient);
		free(c->pairs[i].where);
		free(c->pairs[i].level);
	}
	for (size_t i = 0; i < c->nfunds; i++) {
		struct sfund *f = &c->funds[i];
		free(f->report);
		free(f->donor);
		free(f->recipient);
		free(f->category);
		free(f->quote);
		free(f->kind);
		free(f->period);
		free(f->whole);
		free(f->flow);
	}
	for (size_t i = 0; i < c->ninds; i++) {
		free(c->inds[i].report);
		free(c->inds[i].kind);
		free(c->inds[i].donor);
		free(c->inds[i].quote);
	}
	free(c->pairs);
	free(c->funds);
	free(c->inds);
}

int main(void)
{
	const char *top = env_or("top_srcdir", PAIROFF_SRC_DATADIR "/..");
	char *ini = xasprintf("%s/data/regions", top);
	char *reports = xasprintf("%s/data/reports", top);
	char *gold_pairs = xasprintf("%s/tests/gold/pairs.tsv", top);
	char *gold_funds = xasprintf("%s/tests/gold/funds.tsv", top);
	/* PAIROFF_GOLD_INDICATORS: try the rules on a gold file of one's own */
	char *gold_inds = xasprintf("%s", env_or("PAIROFF_GOLD_INDICATORS", ""));
	if (!*gold_inds) {
		free(gold_inds);
		gold_inds = xasprintf("%s/tests/gold/indicators.tsv", top);
	}
	bool have_inds = access(gold_inds, R_OK) == 0;
	struct gazetteer *g;
	if (gazetteer_load(ini, &g) != ST_OK) {
		fprintf(stderr, "test_score: %s\n", status_detail(ST_CONFIG));
		return 99;
	}
	gaz = g;

	struct corpus gold = { 0 }, got = { 0 };
	read_gold(gold_pairs, 7, 10, gold_pair_row, &gold);
	read_gold(gold_funds, 15, 16, gold_fund_row, &gold);
	if (have_inds)
		read_gold(gold_inds, 12, 13, gold_indicator_row, &gold);
	size_t gold_unresolved = unresolved_names;
	extract_all(reports, &got);

	struct secondary sec = { 0 };
	struct score sp = score_pairs(&gold, &got);
	struct score sf = score_funds(&gold, &got, &sec);
	struct model_score model = score_model(&gold);
	struct score flows = score_flows(&got);
	struct secondary isec = { 0 };
	struct score si = { 0 };
	if (have_inds)
		si = score_indicators(&gold, &got, &isec);
	struct score links = score_links(&gold, &got);
	struct since_score since = score_since(&gold, &got);
	printf("\n");
	bool ok = report_score("pairs", sp, PAIRS_MIN_PRECISION, PAIRS_MIN_RECALL);
	ok = report_score("funds", sf, FUNDS_MIN_PRECISION, FUNDS_MIN_RECALL) && ok;
	printf("funds secondary: recipient %.3f, category %.3f (of %zu matched)\n",
	       ratio(sec.recipient_ok, sec.compared), ratio(sec.category_ok, sec.compared),
	       sec.compared);
	printf("money model: kind %.3f, period %.3f, stated total %.3f (of %zu matched)\n",
	       ratio(model.kind_ok, model.compared), ratio(model.period_ok, model.compared),
	       ratio(model.total_ok, model.compared), model.compared);
	ok = report_score("parts", model.parts, PARTS_MIN_PRECISION, PARTS_MIN_RECALL) && ok;
	ok = report_score("flows", flows, FLOWS_MIN_PRECISION, FLOWS_MIN_RECALL) && ok;
	bool kinds_ok = ratio(model.kind_ok, model.compared) >= KIND_MIN_ACCURACY;
	printf("kind   accuracy %.3f (min %.2f)  %s\n", ratio(model.kind_ok, model.compared),
	       KIND_MIN_ACCURACY, kinds_ok ? "ok" : "BELOW THRESHOLD");
	ok = kinds_ok && ok;
	if (have_inds) {
		ok = report_score("indic", si, INDICATORS_MIN_PRECISION, INDICATORS_MIN_RECALL) && ok;
		printf("indicators secondary: donor %.3f, year %.3f (of %zu matched)\n",
		       ratio(isec.recipient_ok, isec.compared), ratio(isec.category_ok, isec.compared),
		       isec.compared);
	} else {
		printf("note: %s not found: %zu indicators extracted, not scored\n", gold_inds, got.ninds);
	}
	if (getenv("PAIROFF_LIST_INDICATORS"))
		for (size_t i = 0; i < got.ninds; i++)
			print_indicator("GOT", &got.inds[i]);
	ok = report_score("links", links, LINKS_MIN_PRECISION, LINKS_MIN_RECALL) && ok;
	bool since_ok = ratio(since.ok, since.compared) >= SINCE_MIN_ACCURACY;
	printf("since  accuracy %.3f (%zu/%zu, min %.2f)  %s\n", ratio(since.ok, since.compared), since.ok,
	       since.compared, SINCE_MIN_ACCURACY, since_ok ? "ok" : "BELOW THRESHOLD");
	ok = since_ok && ok;
	if (gold_unresolved)
		printf("note: %zu gold names are not in the gazetteer (see stderr)\n", gold_unresolved);

	corpus_free(&gold);
	corpus_free(&got);
	for (size_t i = 0; i < nco_lists; i++)
		free(co_lists[i]);
	free(co_lists);
	free(flow_facts);
	gazetteer_free(g);
	free(ini);
	free(reports);
	free(gold_pairs);
	free(gold_funds);
	free(gold_inds);
	return ok ? 0 : 1;
}
