#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/flows.h"
#include "pairoff/idmap.h"
#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* Money as a reader quotes it: the pairs' yearly figures (pair_total, made at
 * import by the one rule of src/flows.c), the flows (each stated money once,
 * with all its sources) and the funds pane's rows, whose year figures come
 * from the same rule. */

/* --- totals ------------------------------------------------------------------ */

/* A donor filter matches a pair whose donor units include the region, a
 * place under it, or the unit it belongs to ("Haidian District" finds
 * Beijing's pairs); a recipient filter matches the recipient's province. */
#define TOTALS_FILTER \
	"WITH RECURSIVE " SUBTREE("dsub", "?1") "," \
	" units(id) AS (SELECT id FROM dsub UNION SELECT unit_id FROM region WHERE id = ?1)," \
	" rprov(id) AS (SELECT coalesce(province_id, id) FROM region WHERE id = ?2)," \
	" t AS (SELECT * FROM pair_total p" \
	"  WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM units u" \
	"         WHERE instr(',' || p.donor_ids || ',', ',' || u.id || ',') > 0))" \
	"  AND (?2 IS NULL OR p.recipient_id IN (SELECT id FROM rprov))" \
	"  AND (?3 IS NULL OR p.year = ?3))"

static const char totals_sql[] =
	TOTALS_FILTER
	" SELECT t.donor, r.name, t.year, t.aid_yuan, t.investment_yuan, t.facts, t.sources"
	" FROM t JOIN region r ON r.id = t.recipient_id"
	" ORDER BY t.year, t.donor, r.name";

/* Cities that pair alone rolled up into their provinces: the rule's figures
 * per unit, added. */
static const char totals_by_province_sql[] =
	TOTALS_FILTER
	" SELECT (SELECT group_concat(g.name, ' + ') FROM region g"
	"         WHERE instr(',' || t.donor_provinces || ',', ',' || g.id || ',') > 0) AS donor,"
	"        r.name, t.year, sum(t.aid_yuan), sum(t.investment_yuan), sum(t.facts),"
	"        group_concat(t.sources, ' ')"
	" FROM t JOIN region r ON r.id = t.recipient_id"
	" GROUP BY t.donor_provinces, t.recipient_id, t.year"
	" ORDER BY t.year, donor, r.name";

enum status query_totals(struct store *s, const char *donor, const char *recipient, int year,
			 bool by_province, struct qtable *out)
{
	static const char *const headers[] = {
		"donor", "recipient", "year", "aid_yuan", "investment_yuan", "facts", "sources",
	};
	sqlite3_stmt *stmt;
	enum status st = query_prepare_by_pair(s, by_province ? totals_by_province_sql : totals_sql, donor, recipient, year, &stmt);
	if (st != ST_OK)
		return st;
	return query_run_into(s, stmt, ARRAY_LEN(headers), headers, out);
}

/* --- flows ----------------------------------------------------------------------- */

/* Per flow (its first statement stands for it): every giver of a joint
 * donation, the flow's figure (the largest of its statements), the figures
 * when they disagree, the whole's flow for a part, and every source. */
#define FLOW_COLUMNS(f) \
	" coalesce(" f ".donors, d.name)," \
	" r.name, " f ".year, " f ".from_year, " f ".period, " f ".kind, " f ".category," \
	" (SELECT max(m.amount_yuan) FROM fund m WHERE m.flow_id = " f ".id), " f ".approx," \
	" (SELECT w.flow_id FROM fund w WHERE w.id = " f ".whole_id), " f ".id," \
	" (SELECT count(*) FROM fund m WHERE m.flow_id = " f ".id)," \
	" (SELECT CASE WHEN count(DISTINCT m.amount_yuan) > 1 THEN" \
	"   (SELECT group_concat(a, ' ') FROM (SELECT DISTINCT n.amount_yuan AS a FROM fund n" \
	"    WHERE n.flow_id = " f ".id ORDER BY a)) END FROM fund m WHERE m.flow_id = " f ".id)," \
	" rep.file, " f ".line, " f ".quote," \
	" (SELECT group_concat(x, ' ') FROM (SELECT mr.file || ':' || m.line AS x FROM fund m" \
	"   JOIN report mr ON mr.id = m.report_id WHERE m.flow_id = " f ".id ORDER BY m.id))"

static const char *const flow_headers[] = {
	"donor", "recipient", "year", "from_year", "period", "kind", "category", "amount_yuan",
	"approx", "part_of", "flow", "sources", "figures", "report", "line", "quote",
	"all_sources",
};

static const char funds_sql[] =
	"WITH RECURSIVE " SUBTREE("dsub", "?1") "," SUBTREE("rsub", "?2")
	" SELECT" FLOW_COLUMNS("f")
	" FROM fund f JOIN region d ON d.id = f.donor_id JOIN region r ON r.id = f.recipient_id"
	" JOIN report rep ON rep.id = f.report_id"
	" WHERE f.flow_id = f.id"
	" AND (?1 IS NULL OR f.donor_id IN (SELECT id FROM dsub) OR EXISTS (SELECT 1 FROM fund_donor fd"
	"      WHERE fd.fund_id = f.id AND fd.region_id IN (SELECT id FROM dsub)))"
	" AND (?2 IS NULL OR f.recipient_id IN (SELECT id FROM rsub))"
	" AND (?3 IS NULL OR f.year = ?3)"
	" ORDER BY f.year, rep.file, f.line, f.id";

enum status query_funds(struct store *s, const char *donor, const char *recipient,
			int year, struct qtable *out)
{
	sqlite3_stmt *stmt;
	enum status st = query_prepare_by_pair(s, funds_sql, donor, recipient, year, &stmt);
	if (st != ST_OK)
		return st;
	return query_run_into(s, stmt, ARRAY_LEN(flow_headers), flow_headers, out);
}

/* --- the funds pane ----------------------------------------------------------------- */

/* The statements naming the pane's pair: every place under donor (?1) and
 * under recipient (?2), through the fund_pair index (see query-panes.c for
 * why CROSS JOIN). Each side is first cut to the places that give or get
 * any money at all (one index seek each): the index is then probed for
 * every pair of those, not of all the places under a province and a
 * province (a thousand places in the gazetteer: 17 x 57 seeks). */
static const char pane_statements_sql[] =
	"WITH RECURSIVE"
	" dall(id) AS (SELECT id FROM region WHERE name = ?1"
	"   UNION SELECT r.id FROM region r JOIN dall ON r.parent_id = dall.id),"
	" rall(id) AS (SELECT id FROM region WHERE name = ?2"
	"   UNION SELECT r.id FROM region r JOIN rall ON r.parent_id = rall.id),"
	" dsub(id) AS MATERIALIZED (SELECT id FROM dall"
	"   WHERE EXISTS (SELECT 1 FROM fund WHERE donor_id = dall.id)),"
	" rsub(id) AS MATERIALIZED (SELECT id FROM rall"
	"   WHERE EXISTS (SELECT 1 FROM fund WHERE recipient_id = rall.id))"
	" SELECT f.id, f.flow_id, coalesce(f.whole_id, 0), f.donor_id, f.recipient_id, f.unit_id,"
	"        coalesce(r.province_id, r.id), coalesce(f.year, 0), coalesce(f.from_year, 0),"
	"        f.category, f.amount_yuan, f.approx, f.stated_total, f.joint,"
	"        coalesce(f.donors, d.name),"
	"        r.name, rep.file, f.line, f.quote"
	" FROM dsub CROSS JOIN rsub"
	" CROSS JOIN fund f ON f.donor_id = dsub.id AND f.recipient_id = rsub.id"
	" JOIN region d ON d.id = f.donor_id JOIN region r ON r.id = f.recipient_id"
	" JOIN report rep ON rep.id = f.report_id";

enum { S_ID, S_FLOW, S_WHOLE, S_DONOR, S_RECIPIENT, S_DUNIT, S_RUNIT, S_YEAR, S_FROM, S_CATEGORY,
       S_AMOUNT, S_APPROX, S_TOTAL, S_JOINT, S_DONORS, S_RNAME, S_REPORT, S_LINE, S_QUOTE, S_NCOLS };

static const char pane_sides_sql[] =
	"SELECT d.id, d.unit_id, r.id FROM region d, region r WHERE d.name = ?1 AND r.name = ?2";

static const char *const pane_headers[] = {
	"row", "section", "depth", "year", "from_year", "label", "category", "amount_yuan",
	"investment_yuan", "approx", "counted", "donor", "recipient", "sources", "figures",
	"report", "line", "quote", "all_sources", "value", "kind", "unit", "counts",
};
enum { P_ROW, P_SECTION, P_DEPTH, P_YEAR, P_FROM, P_LABEL, P_CATEGORY, P_AMOUNT, P_INVESTMENT,
       P_APPROX, P_COUNTED, P_DONOR, P_RECIPIENT, P_SOURCES, P_FIGURES, P_REPORT, P_LINE,
       P_QUOTE, P_ALL_SOURCES, P_VALUE, P_KIND, P_UNIT, P_COUNTS, P_NCOLS };

/* The text columns of a statement, kept for the rows (T_* of raw). */
enum { T_DONORS, T_RNAME, T_REPORT, T_LINE, T_QUOTE, T_NCOLS };

/* The pane's statements, as the rules see them and as loaded. */
struct pane {
	struct qtable raw;         /* owned; the statements' text columns (T_*) */
	struct flow_fact *facts;   /* owned; one per raw row */
	size_t nfacts, cap_facts;
	bool *counted;             /* owned; went into its year's figure */
	struct qtable ind;         /* owned; the pair's indicator statements (PI_*) */
	int64_t *ind_flow;         /* owned; per statement its fact (PI_FLOW), parsed once */
	int *ind_years;            /* owned; per statement its year and from year (PI_YEAR, PI_FROM) */
	size_t *ind_head;          /* owned; per statement the first of its fact in its year */
	size_t *ind_next;          /* owned; per statement the next of its fact in its year, or NONE */
	struct qtable *out;
};

/* The pair's own two sides for a statement: the pane's donor when it lies
 * within the statement's unit (a province, or a district below its unit),
 * else the unit itself (a city that pairs alone, inside the pane's
 * province); the pane's recipient. As the import does for pair_total. */
static void add_statement(struct pane *p, sqlite3_stmt *st, int64_t donor_id, int64_t donor_unit,
			  int64_t recipient_id)
{
	int64_t unit = sqlite3_column_int64(st, S_DUNIT), side = unit == donor_unit ? donor_id : unit;
	enum fund_category c = fund_category_parse((const char *)sqlite3_column_text(st, S_CATEGORY));
	struct flow_fact *f = ARRAY_PUSH(p->facts, p->nfacts, p->cap_facts);
	*f = (struct flow_fact){
		.id = sqlite3_column_int64(st, S_ID), .flow_id = sqlite3_column_int64(st, S_FLOW),
		.whole_id = sqlite3_column_int64(st, S_WHOLE),
		.donor = (size_t)sqlite3_column_int64(st, S_DONOR),
		.recipient = (size_t)sqlite3_column_int64(st, S_RECIPIENT),
		.donor_unit = (size_t)unit, .recipient_unit = (size_t)sqlite3_column_int64(st, S_RUNIT),
		.year = sqlite3_column_int(st, S_YEAR), .from_year = sqlite3_column_int(st, S_FROM),
		.category = c == FUND_NCATEGORIES ? FUND_OTHER : c,
		.amount_yuan = sqlite3_column_int64(st, S_AMOUNT),
		.approx = sqlite3_column_int(st, S_APPROX) != 0,
		.stated_total = sqlite3_column_int(st, S_TOTAL) != 0,
		.nco_donors = sqlite3_column_int(st, S_JOINT) ? 1 : 0,
	};
	f->pair_level = !f->nco_donors && (int64_t)f->donor == side &&
			(int64_t)f->recipient == recipient_id;
	const char *text[T_NCOLS];
	for (int t = 0; t < T_NCOLS; t++)
		text[t] = (const char *)sqlite3_column_text(st, S_DONORS + t);
	qtable_add_row(&p->raw, text);
}

/* Steps the statements' query (bound) into p; the numbers are read as
 * numbers, only the text the rows show is copied. */
static enum status load_statements(struct store *s, sqlite3_stmt *st, struct pane *p,
				   int64_t donor_id, int64_t donor_unit, int64_t recipient_id)
{
	static const char *const text_headers[T_NCOLS] = { "donors", "recipient", "report", "line",
							   "quote" };
	qtable_init(&p->raw, T_NCOLS, text_headers);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_statement(p, st, donor_id, donor_unit, recipient_id);
	enum status status = ST_OK;
	if (rc != SQLITE_DONE)
		status = store_step_error(s);
	store_finish(s, st);
	p->counted = xcalloc(p->nfacts + 1, sizeof(*p->counted));
	return status;
}

/* Sections of the pane, in the order a year shows them. */
enum section { SEC_AID, SEC_INVESTMENT, SEC_PLANNED, SEC_OTHER, SEC_JOINT, SEC_SPAN, SEC_CUMULATIVE };
static const char *const section_names[] = {
	"aid", "investment", "planned", "other", "joint", "span", "cumulative",
};

static enum section section_of(const struct flow_fact *f)
{
	if (f->from_year == 0)
		return SEC_CUMULATIVE;
	if (f->from_year != f->year)
		return SEC_SPAN;
	if (f->nco_donors)
		return SEC_JOINT;
	switch (fund_kind_of(f->category)) {
	case KIND_AID: return SEC_AID;
	case KIND_INVESTMENT: return SEC_INVESTMENT;
	case KIND_PLANNED: return SEC_PLANNED;
	default: return SEC_OTHER;
	}
}

static void add_pane_row(struct qtable *out, const char **cells)
{
	qtable_add_row(out, cells);
	memset(cells, 0, P_NCOLS * sizeof(*cells));
}

static void add_heading(struct pane *p, enum section sec, int year)
{
	const char *cells[P_NCOLS] = { 0 };
	char y[16];
	snprintf(y, sizeof(y), "%d", year);
	cells[P_ROW] = "heading";
	cells[P_SECTION] = section_names[sec];
	cells[P_DEPTH] = "0";
	cells[P_YEAR] = year ? y : NULL;
	cells[P_LABEL] = section_names[sec];
	add_pane_row(p->out, cells);
}

/* One flow among a section's statements. */
struct pane_flow {
	int64_t flow_id;
	size_t first;              /* raw row standing for it (its first statement if here) */
	int64_t amount_yuan;       /* the largest of its statements here */
	size_t nsources;
	bool counted;
	int64_t parent;            /* flow of its whole, when the whole is here; else 0 */
	size_t head, tail;         /* its statements, as positions in sel, chained by next */
	size_t child, last_child;  /* its parts, as flows, chained by sibling (NONE: none) */
	size_t sibling;
};

/* A section's flows: fl[k] for k < n, in the order of their first
 * statement; the chains keep every walk linear in the statements. */
struct flow_set {
	struct pane_flow *fl;      /* owned */
	size_t n;
	size_t *next;              /* owned; per position in sel, the next of its flow */
};

#define NONE ((size_t)-1)

static void link_part(struct flow_set *set, size_t whole, size_t part)
{
	struct pane_flow *w = &set->fl[whole];
	if (w->child == NONE)
		w->child = part;
	else
		set->fl[w->last_child].sibling = part;
	w->last_child = part;
}

/* Parts under their wholes (a whole among this section's statements, of
 * another flow); a flow that is a part of several wholes goes under the
 * last, as it always did. */
static void link_parts(const struct pane *p, const size_t *sel, size_t n, struct flow_set *set,
		       const struct idmap *by_flow)
{
	struct idmap by_id;
	idmap_init(&by_id, n);
	for (size_t s = 0; s < n; s++)
		idmap_put(&by_id, p->facts[sel[s]].id, s);
	for (size_t s = 0; s < n; s++) {
		const struct flow_fact *f = &p->facts[sel[s]];
		size_t t = f->whole_id ? idmap_get(&by_id, f->whole_id, n) : n;
		if (t < n && p->facts[sel[t]].flow_id != f->flow_id)
			set->fl[idmap_get(by_flow, f->flow_id, set->n)].parent = p->facts[sel[t]].flow_id;
	}
	idmap_free(&by_id);
	for (size_t k = 0; k < set->n; k++) {
		size_t w = set->fl[k].parent ? idmap_get(by_flow, set->fl[k].parent, set->n) : set->n;
		if (w < set->n)
			link_part(set, w, k);
	}
}

static void gather_flows(const struct pane *p, const size_t *sel, size_t n, struct flow_set *set)
{
	set->fl = xcalloc(n + 1, sizeof(*set->fl));
	set->next = xcalloc(n + 1, sizeof(*set->next));
	set->n = 0;
	struct idmap by_flow;
	idmap_init(&by_flow, n);
	for (size_t s = 0; s < n; s++) {
		const struct flow_fact *f = &p->facts[sel[s]];
		size_t k = idmap_get(&by_flow, f->flow_id, set->n);
		if (k == set->n) {
			idmap_put(&by_flow, f->flow_id, k);
			set->fl[set->n++] = (struct pane_flow){ .flow_id = f->flow_id, .first = sel[s],
								.head = s, .tail = s, .child = NONE,
								.last_child = NONE, .sibling = NONE };
		} else {
			set->next[set->fl[k].tail] = s;
			set->fl[k].tail = s;
		}
		set->next[s] = NONE;
		struct pane_flow *fl = &set->fl[k];
		if (f->id == f->flow_id)
			fl->first = sel[s];
		if (f->amount_yuan > fl->amount_yuan)
			fl->amount_yuan = f->amount_yuan;
		fl->nsources++;
		fl->counted |= p->counted[sel[s]];
	}
	link_parts(p, sel, n, set, &by_flow);
	idmap_free(&by_flow);
}

/* "255000000 257000000" when the statements of a flow disagree, and every
 * source as report:line. */
static void flow_sources(const struct pane *p, const size_t *sel, const struct flow_set *set,
			 const struct pane_flow *fl, struct strbuf *figures, struct strbuf *sources)
{
	int64_t seen[16];
	size_t nseen = 0;
	for (size_t s = fl->head; s != NONE; s = set->next[s]) {
		size_t i = sel[s];
		if (sources->len)
			strbuf_puts(sources, " ");
		strbuf_puts(sources, qtable_get(&p->raw, i, T_REPORT));
		strbuf_puts(sources, ":");
		strbuf_puts(sources, qtable_get(&p->raw, i, T_LINE));
		size_t k = 0;
		while (k < nseen && seen[k] != p->facts[i].amount_yuan)
			k++;
		if (k == nseen && nseen < 16)
			seen[nseen++] = p->facts[i].amount_yuan;
	}
	char num[24];
	for (size_t k = 0; nseen > 1 && k < nseen; k++) {
		if (k)
			strbuf_puts(figures, " ");
		strbuf_puts(figures, format_i64(num, seen[k]));
	}
}

static void add_flow_row(struct pane *p, const size_t *sel, const struct flow_set *set,
			 const struct pane_flow *fl, enum section sec, int depth)
{
	const struct flow_fact *f = &p->facts[fl->first];
	const struct qtable *raw = &p->raw;
	char amount[24], from[24], year[24], dep[24], nsrc[24];
	format_i64(amount, fl->amount_yuan);
	format_i64(year, f->year);
	format_i64(from, f->from_year);
	format_i64(dep, depth);
	format_i64(nsrc, (int64_t)fl->nsources);
	struct strbuf figures = { 0 }, sources = { 0 };
	flow_sources(p, sel, set, fl, &figures, &sources);
	const char *cells[P_NCOLS] = { 0 };
	cells[P_ROW] = depth ? "part" : "fact";
	cells[P_SECTION] = section_names[sec];
	cells[P_DEPTH] = dep;
	cells[P_YEAR] = f->year ? year : NULL;
	cells[P_FROM] = f->from_year ? from : NULL;
	cells[P_LABEL] = fund_category_name(f->category);
	cells[P_CATEGORY] = fund_category_name(f->category);
	cells[P_AMOUNT] = amount;
	cells[P_APPROX] = f->approx ? "1" : "0";
	cells[P_COUNTED] = fl->counted ? "1" : "0";
	cells[P_DONOR] = qtable_get(raw, fl->first, T_DONORS);
	cells[P_RECIPIENT] = qtable_get(raw, fl->first, T_RNAME);
	cells[P_SOURCES] = nsrc;
	cells[P_FIGURES] = figures.len ? figures.data : NULL;
	cells[P_REPORT] = qtable_get(raw, fl->first, T_REPORT);
	cells[P_LINE] = qtable_get(raw, fl->first, T_LINE);
	cells[P_QUOTE] = qtable_get(raw, fl->first, T_QUOTE);
	cells[P_ALL_SOURCES] = sources.data;
	add_pane_row(p->out, cells);
	strbuf_free(&figures);
	strbuf_free(&sources);
}

/* A flow, then its parts under it (a part of a part deeper still). */
static void add_flow_tree(struct pane *p, const size_t *sel, const struct flow_set *set, size_t k,
			  enum section sec, int depth)
{
	add_flow_row(p, sel, set, &set->fl[k], sec, depth);
	for (size_t c = set->fl[k].child; depth < 3 && c != NONE; c = set->fl[c].sibling)
		add_flow_tree(p, sel, set, c, sec, depth + 1);
}

static void add_flows(struct pane *p, const size_t *sel, size_t n, enum section sec)
{
	struct flow_set set;
	gather_flows(p, sel, n, &set);
	struct idmap by_flow;
	idmap_init(&by_flow, set.n);
	for (size_t k = 0; k < set.n; k++)
		idmap_put(&by_flow, set.fl[k].flow_id, k);
	for (size_t k = 0; k < set.n; k++)
		if (!set.fl[k].parent || idmap_get(&by_flow, set.fl[k].parent, set.n) == set.n)
			add_flow_tree(p, sel, &set, k, sec, 0);
	idmap_free(&by_flow);
	free(set.fl);
	free(set.next);
}

/* The statements of rows[from, to) in section sec. */
static size_t select_section(const struct pane *p, size_t from, size_t to, enum section sec, size_t *sel)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		if (section_of(&p->facts[i]) == sec)
			sel[n++] = i;
	return n;
}

static void add_year_row(struct pane *p, int year, const struct year_figure *yf)
{
	char y[16], aid[32], inv[32], facts[16];
	snprintf(y, sizeof(y), "%d", year);
	snprintf(aid, sizeof(aid), "%" PRId64, yf->aid_yuan);
	snprintf(inv, sizeof(inv), "%" PRId64, yf->investment_yuan);
	snprintf(facts, sizeof(facts), "%zu", yf->facts);
	const char *cells[P_NCOLS] = { 0 };
	cells[P_ROW] = "year";
	cells[P_SECTION] = "aid";
	cells[P_DEPTH] = "0";
	cells[P_YEAR] = y;
	cells[P_FROM] = y;
	cells[P_LABEL] = y;
	cells[P_AMOUNT] = aid;
	cells[P_INVESTMENT] = inv;
	cells[P_COUNTED] = facts;
	add_pane_row(p->out, cells);
}

/* One year: its figure by the rule, then its flows by section. Statements
 * rows[from, to) all have this year as their last. */
static void add_year(struct pane *p, size_t from, size_t to, size_t *sel)
{
	size_t n = 0;
	for (size_t i = from; i < to && p->facts[from].year; i++)
		if (p->facts[i].from_year == p->facts[i].year)
			sel[n++] = i;
	if (n == 0)
		return;
	struct flow_fact *year_facts = xcalloc(n, sizeof(*year_facts));
	bool *counted = xcalloc(n, sizeof(*counted));
	for (size_t s = 0; s < n; s++)
		year_facts[s] = p->facts[sel[s]];
	struct year_figure yf = flows_pair_year(year_facts, n, counted);
	for (size_t s = 0; s < n; s++)
		p->counted[sel[s]] = counted[s];
	free(year_facts);
	free(counted);
	int year = p->facts[from].year;
	add_year_row(p, year, &yf);
	for (enum section sec = SEC_AID; sec <= SEC_JOINT; sec++) {
		n = select_section(p, from, to, sec, sel);
		if (n && sec != SEC_AID)
			add_heading(p, sec, year);
		add_flows(p, sel, n, sec);
	}
}

/* --- the pane's counts: beside each year's money, what was done -------------- */

static int ind_year(const struct pane *p, size_t i)
{
	return p->ind_years[2 * i];
}

static bool ind_in_period(const struct pane *p, size_t i, enum section sec)
{
	int year = ind_year(p, i), from = p->ind_years[2 * i + 1];
	switch (sec) {
	case SEC_SPAN: return year && from && from != year;
	case SEC_CUMULATIVE: return year && !from;
	default: return year && from == year;
	}
}

/* The statements of rows[from, to), one year's, that are the first here
 * of their fact (restatements are its sources, and share its year). */
static size_t ind_firsts(const struct pane *p, size_t from, size_t to, enum section sec, size_t *sel)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++) {
		if (!ind_in_period(p, i, sec))
			continue;
		size_t j = p->ind_head[i];
		while (j != i && !ind_in_period(p, j, sec))
			j = p->ind_next[j];
		if (j == i)
			sel[n++] = i;
	}
	return n;
}

/* The end of the run of statements from `from` on that share its year. */
static size_t year_run_end(const struct pane *p, size_t from)
{
	size_t to = from + 1;
	while (to < p->ind.nrows && ind_year(p, to) == ind_year(p, from))
		to++;
	return to;
}

/* The count of statement first, with its sources (the statements of its
 * fact in its year). */
static void add_ind_row(struct pane *p, size_t first, enum section sec)
{
	const struct qtable *t = &p->ind;
	struct strbuf sources = { 0 };
	size_t nsources = 0;
	for (size_t i = p->ind_head[first]; i != NONE; i = p->ind_next[i]) {
		if (sources.len)
			strbuf_puts(&sources, " ");
		strbuf_puts(&sources, qtable_get(t, i, PI_REPORT));
		strbuf_puts(&sources, ":");
		strbuf_puts(&sources, qtable_get(t, i, PI_LINE));
		nsources++;
	}
	char nsrc[24], *label = indicator_label(qtable_get(t, first, PI_VALUE), qtable_get(t, first, PI_UNIT));
	format_i64(nsrc, (int64_t)nsources);
	const char *year = qtable_get(t, first, PI_YEAR), *from_year = qtable_get(t, first, PI_FROM);
	const char *cells[P_NCOLS] = { 0 };
	cells[P_ROW] = "indicator";
	cells[P_SECTION] = sec == SEC_AID ? "indicators" : section_names[sec];
	cells[P_DEPTH] = "1";
	cells[P_YEAR] = year && strcmp(year, "0") ? year : NULL;
	cells[P_FROM] = from_year && strcmp(from_year, "0") ? from_year : NULL;
	cells[P_LABEL] = qtable_get(t, first, PI_KIND);
	cells[P_COUNTS] = label;
	cells[P_CATEGORY] = qtable_get(t, first, PI_KIND);
	cells[P_APPROX] = qtable_get(t, first, PI_APPROX);
	cells[P_DONOR] = qtable_get(t, first, PI_DONOR);
	cells[P_RECIPIENT] = qtable_get(t, first, PI_RECIPIENT);
	cells[P_SOURCES] = nsrc;
	cells[P_REPORT] = qtable_get(t, first, PI_REPORT);
	cells[P_LINE] = qtable_get(t, first, PI_LINE);
	cells[P_QUOTE] = qtable_get(t, first, PI_QUOTE);
	cells[P_ALL_SOURCES] = sources.data;
	cells[P_VALUE] = qtable_get(t, first, PI_VALUE);
	cells[P_KIND] = qtable_get(t, first, PI_KIND);
	cells[P_UNIT] = qtable_get(t, first, PI_UNIT);
	add_pane_row(p->out, cells);
	free(label);
	strbuf_free(&sources);
}

/* A year's counts: one "indicators" row saying the year in one line ("44
 * cadres · 1,602 trained"; "1997: 13 cadres" when the year has no money
 * row to stand under), then each count under it. Rows [from, to) of the
 * pair's indicators are this year's; sel has room for them. */
static void add_year_indicators(struct pane *p, size_t from, size_t to, size_t *sel, bool under_year)
{
	size_t n = ind_firsts(p, from, to, SEC_AID, sel);
	if (n == 0)
		return;
	struct indicator_summary sum;
	indicator_summary_init(&sum);
	for (size_t k = 0; k < n; k++)
		indicator_summary_add(&sum, qtable_get(&p->ind, sel[k], PI_KIND), qtable_get(&p->ind, sel[k], PI_VALUE));
	char *summary = indicator_summary_text(&sum), nfacts[24];
	char *text = under_year ? xstrdup(summary) : xasprintf("%s: %s", qtable_get(&p->ind, from, PI_YEAR), summary);
	free(summary);
	snprintf(nfacts, sizeof(nfacts), "%zu", n);
	const char *cells[P_NCOLS] = { 0 };
	cells[P_ROW] = "indicators";
	cells[P_SECTION] = "indicators";
	cells[P_DEPTH] = under_year ? "1" : "0";
	cells[P_YEAR] = qtable_get(&p->ind, from, PI_YEAR);
	cells[P_FROM] = cells[P_YEAR];
	cells[P_LABEL] = "counts";
	cells[P_COUNTS] = text;
	cells[P_COUNTED] = nfacts;
	add_pane_row(p->out, cells);
	free(text);
	for (size_t k = 0; k < n; k++)
		add_ind_row(p, sel[k], SEC_AID);
}

/* The span or cumulative counts, year by year. */
static void add_period_indicators(struct pane *p, enum section sec, size_t *sel)
{
	for (size_t from = 0, to; from < p->ind.nrows; from = to) {
		to = year_run_end(p, from);
		size_t n = ind_firsts(p, from, to, sec, sel);
		for (size_t k = 0; k < n; k++)
			add_ind_row(p, sel[k], sec);
	}
}

static bool has_period_indicators(const struct pane *p, enum section sec)
{
	for (size_t i = 0; i < p->ind.nrows; i++)
		if (ind_in_period(p, i, sec))
			return true;
	return false;
}

/* The end of the run of rows [from, ...) with one year; year 0 (none)
 * counts as after every year. */
static int money_year(const struct pane *p, size_t i)
{
	return i < p->raw.nrows && p->facts[i].year ? p->facts[i].year : INT_MAX;
}

static int count_year(const struct pane *p, size_t i)
{
	return i < p->ind.nrows && ind_year(p, i) ? ind_year(p, i) : INT_MAX;
}

/* Years ascending, each with its money and then its counts; at the end the
 * span and cumulative figures and counts under their headings. */
static void pane_rows(struct pane *p)
{
	size_t n = p->raw.nrows, ni = p->ind.nrows;
	size_t *sel = xcalloc(n + ni + 1, sizeof(*sel));
	for (size_t m = 0, c = 0;;) {
		int year = money_year(p, m) < count_year(p, c) ? money_year(p, m) : count_year(p, c);
		if (year == INT_MAX)
			break;
		size_t to = m, rows = p->out->nrows;
		while (money_year(p, to) == year)
			to++;
		if (to > m)
			add_year(p, m, to, sel);
		m = to;
		bool under_year = p->out->nrows > rows;
		for (to = c; count_year(p, to) == year; to++)
			;
		if (to > c)
			add_year_indicators(p, c, to, sel, under_year);
		c = to;
	}
	for (enum section sec = SEC_SPAN; sec <= SEC_CUMULATIVE; sec++) {
		size_t m = select_section(p, 0, n, sec, sel);
		if (m || has_period_indicators(p, sec))
			add_heading(p, sec, 0);
		add_flows(p, sel, m, sec);
		add_period_indicators(p, sec, sel);
	}
	free(sel);
}

/* Rows in the order the pane reads them: by year, the rows without one
 * last, then by id (sort_by_year). */
struct year_key {
	int year;                  /* 0 for none */
	int64_t id;
	size_t row;
};

static int year_key_cmp(const void *a, const void *b)
{
	const struct year_key *x = a, *y = b;
	if ((x->year == 0) != (y->year == 0))
		return x->year == 0 ? 1 : -1;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Fills order with the rows of keys[0, n) sorted (keys are reordered). */
static void sort_by_year(struct year_key *keys, size_t n, size_t *order)
{
	qsort(keys, n, sizeof(*keys), year_key_cmp);
	for (size_t k = 0; k < n; k++)
		order[k] = keys[k].row;
}

/* The statements by year, as the pane walks them. */
static void sort_statements(struct pane *p)
{
	size_t n = p->nfacts;
	struct year_key *keys = xcalloc(n + 1, sizeof(*keys));
	size_t *order = xcalloc(n + 1, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct year_key){ .year = p->facts[i].year, .id = p->facts[i].id, .row = i };
	sort_by_year(keys, n, order);
	struct flow_fact *facts = xcalloc(n + 1, sizeof(*facts));
	for (size_t k = 0; k < n; k++)
		facts[k] = p->facts[order[k]];
	free(p->facts);
	p->facts = facts;
	p->cap_facts = n + 1;
	qtable_reorder(&p->raw, order);
	free(keys);
	free(order);
}

/* Chains each year's statements of one fact (ind_head, ind_next), so that
 * a fact's sources are found without a search through its year. */
static void chain_indicators(struct pane *p)
{
	size_t n = p->ind.nrows;
	p->ind_head = xcalloc(n + 1, sizeof(*p->ind_head));
	p->ind_next = xcalloc(n + 1, sizeof(*p->ind_next));
	size_t *tail = xcalloc(n + 1, sizeof(*tail));   /* per first statement, the last */
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && p->ind_years[2 * to] == p->ind_years[2 * from]; to++)
			;
		struct idmap head;         /* fact -> its first statement in the year */
		idmap_init(&head, to - from);
		for (size_t i = from; i < to; i++) {
			size_t h = idmap_get(&head, p->ind_flow[i], NONE);
			p->ind_next[i] = NONE;
			if (h == NONE) {
				idmap_put(&head, p->ind_flow[i], i);
				p->ind_head[i] = i;
			} else {
				p->ind_next[tail[h]] = i;
				p->ind_head[i] = h;
			}
			tail[p->ind_head[i]] = i;
		}
		idmap_free(&head);
	}
	free(tail);
}

/* The pair's counts by year, parsed once (ind_flow, ind_years). */
static void sort_indicators(struct pane *p)
{
	size_t n = p->ind.nrows;
	struct year_key *keys = xcalloc(n + 1, sizeof(*keys));
	size_t *order = xcalloc(n + 1, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct year_key){ .year = (int)qtable_int(&p->ind, i, PI_YEAR),
					     .id = qtable_int(&p->ind, i, PI_ID), .row = i };
	sort_by_year(keys, n, order);
	qtable_reorder(&p->ind, order);
	p->ind_flow = xcalloc(n + 1, sizeof(*p->ind_flow));
	p->ind_years = xcalloc(2 * n + 1, sizeof(*p->ind_years));
	for (size_t i = 0; i < n; i++) {
		p->ind_flow[i] = qtable_int(&p->ind, i, PI_FLOW);
		p->ind_years[2 * i] = keys[i].year;
		p->ind_years[2 * i + 1] = (int)qtable_int(&p->ind, i, PI_FROM);
	}
	free(keys);
	free(order);
	chain_indicators(p);
}

static enum status pane_sides(struct store *s, const char *donor, const char *recipient,
			      int64_t *donor_id, int64_t *donor_unit, int64_t *recipient_id)
{
	static const char *const h[] = { "d", "u", "r" };
	struct qtable t;
	sqlite3_stmt *stmt = store_prepare_cached(s, pane_sides_sql);
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_text(stmt, 1, donor, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, recipient, -1, SQLITE_STATIC);
	enum status st = query_run_into(s, stmt, 3, h, &t);
	if (st != ST_OK)
		return st;
	*donor_id = t.nrows ? qtable_int(&t, 0, 0) : 0;
	*donor_unit = t.nrows ? qtable_int(&t, 0, 1) : 0;
	*recipient_id = t.nrows ? qtable_int(&t, 0, 2) : 0;
	qtable_free(&t);
	return ST_OK;
}

enum status query_pane_funds(struct store *s, const char *donor, const char *recipient,
			     struct qtable *out)
{
	int64_t donor_id, donor_unit, recipient_id;
	enum status st = pane_sides(s, donor, recipient, &donor_id, &donor_unit, &recipient_id);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *stmt = store_prepare_cached(s, pane_statements_sql);
	if (!stmt)
		return ST_STORE;
	qtable_init(out, P_NCOLS, pane_headers);
	sqlite3_bind_text(stmt, 1, donor, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, recipient, -1, SQLITE_STATIC);
	struct pane p = { .out = out };
	st = load_statements(s, stmt, &p, donor_id, donor_unit, recipient_id);
	if (st == ST_OK) {
		sort_statements(&p);
		st = query_pair_indicators(s, donor, recipient, &p.ind);
	}
	if (st == ST_OK) {
		sort_indicators(&p);
		pane_rows(&p);
	}
	qtable_free(&p.raw);
	qtable_free(&p.ind);
	free(p.ind_flow);
	free(p.ind_years);
	free(p.ind_head);
	free(p.ind_next);
	free(p.facts);
	free(p.counted);
	if (st != ST_OK)
		qtable_free(out); /* a failed query leaves nothing to free */
	return st;
}
