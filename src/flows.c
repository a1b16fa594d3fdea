#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pairoff/flows.h"
#include "pairoff/idmap.h"
#include "pairoff/util.h"

/* Money flows: restatements linked into one flow, and the one rule for a
 * pair's figure in a year. See include/pairoff/flows.h for the contracts. */

/* --- restatements ---------------------------------------------------------- */

/* The fields two statements of one flow must share exactly; sorting by them
 * puts every candidate restatement of a statement next to it. */
int flows_key_cmp(const struct flow_fact *a, const struct flow_fact *b)
{
	int ka = (int)fund_kind_of(a->category), kb = (int)fund_kind_of(b->category);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->from_year != b->from_year)
		return a->from_year < b->from_year ? -1 : 1;
	if (a->donor_unit != b->donor_unit)
		return a->donor_unit < b->donor_unit ? -1 : 1;
	if (a->recipient_unit != b->recipient_unit)
		return a->recipient_unit < b->recipient_unit ? -1 : 1;
	return 0;
}

static const struct flow_fact *sort_base;

static int cmp_index(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = flows_key_cmp(&sort_base[a], &sort_base[b]);
	return c ? c : (a < b ? -1 : a > b);
}

static bool nested(const struct gazetteer *g, size_t a, size_t b)
{
	return a == b || gazetteer_within(g, a, b) || gazetteer_within(g, b, a);
}

static bool same_givers(const struct flow_fact *a, const struct flow_fact *b)
{
	if (a->nco_donors != b->nco_donors)
		return false;
	for (size_t i = 0; i < a->nco_donors; i++) {
		bool found = false;
		for (size_t k = 0; k < b->nco_donors && !found; k++)
			found = a->co_donors[i] == b->co_donors[k];
		if (!found)
			return false;
	}
	return true;
}

/* Figures within 2% of each other: "255 million", "255.28 million" and "257
 * million" state one year's aid three ways. */
static bool near_amounts(int64_t a, int64_t b)
{
	int64_t hi = a > b ? a : b, lo = a > b ? b : a;
	return hi - lo <= hi / 50;
}

/* Categories within one kind that can name the same money: the reports call
 * one year's aid "relief funds" in one place and "donated" in another. Planned
 * and other money keep their own category. */
static bool compatible_categories(enum fund_category a, enum fund_category b)
{
	enum fund_kind k = fund_kind_of(a);
	return a == b || k == KIND_AID || k == KIND_INVESTMENT;
}

static bool pair_itself(const struct flow_fact *f)
{
	return f->donor == f->donor_unit && f->recipient == f->recipient_unit;
}

/* Two sums of one section under two topics, neither the pair's stated
 * total nor a part (a funds topic's breakdown is told again under the
 * topics of the work it paid for). */
static bool in_two_topics(const struct flow_fact *a, const struct flow_fact *b)
{
	return a->topic_line && b->topic_line && a->topic_line != b->topic_line && !a->stated_total &&
	       !b->stated_total && !a->whole_id && !b->whole_id;
}

static bool restates(const struct gazetteer *g, const struct flow_fact *a, const struct flow_fact *b)
{
	if (a->report_id == b->report_id && a->line_no == b->line_no)
		return false; /* one paragraph lists different money, not the same twice */
	if (a->whole_id == b->id || b->whole_id == a->id || (a->whole_id && a->whole_id == b->whole_id))
		return false;
	if (!compatible_categories(a->category, b->category) || !same_givers(a, b) ||
	    !nested(g, a->donor, b->donor) || !nested(g, a->recipient, b->recipient))
		return false;
	bool apart = a->report_id != b->report_id || a->section != b->section ||
		     a->in_table != b->in_table;
	if (!apart && a->whole_id && b->whole_id)
		return false; /* a section splits each of its wholes into its own money */
	if (!apart && in_two_topics(a, b))
		return false; /* "school building" and "social aid" each list their own money */
	if (a->amount_yuan == b->amount_yuan)
		return apart || (a->donor == b->donor && a->recipient == b->recipient);
	if (!pair_itself(a) || !pair_itself(b) || !near_amounts(a->amount_yuan, b->amount_yuan))
		return false;
	/* in one section, a near figure restates the pair's stated total (its
	 * overview's "41 million" told again as "40.6 million" in a
	 * paragraph); two near figures of its paragraphs are two sums */
	return apart || a->stated_total || b->stated_total;
}

int flows_topic_line(const int *topics, size_t n, int section_line, int line_no)
{
	size_t lo = 0, hi = n; /* the last at or before line_no is topics[lo - 1] */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (abs(topics[mid]) <= line_no)
			lo = mid + 1;
		else
			hi = mid;
	}
	int topic = lo ? topics[lo - 1] : 0;
	return topic > 0 && topic > section_line ? topic : 0;
}

/* Union-find over the statements of one bucket, by position in idx. */
static size_t find_root(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

/* The topics a set of statements stands under: at most one per section of
 * a report, sorted by report and section. A third statement restating two
 * sums of two topics (the same figure in another report) must not join
 * them through itself. */
struct topic_entry {
	int64_t report_id;
	int section, topic_line;
};
struct topic_set {
	struct topic_entry *v;
	size_t n;
};

static int topic_entry_cmp(const struct topic_entry *a, const struct topic_entry *b)
{
	if (a->report_id != b->report_id)
		return a->report_id < b->report_id ? -1 : 1;
	return a->section < b->section ? -1 : a->section > b->section;
}

/* Whether the two sets hold two topics of one section. */
static bool topics_clash(const struct topic_set *a, const struct topic_set *b)
{
	for (size_t i = 0, k = 0; i < a->n && k < b->n;) {
		int c = topic_entry_cmp(&a->v[i], &b->v[k]);
		if (c == 0 && a->v[i].topic_line != b->v[k].topic_line)
			return true;
		i += c <= 0;
		k += c >= 0;
	}
	return false;
}

/* Merges from into into (both sorted, neither clashing with the other). */
static void topics_merge(struct topic_set *into, struct topic_set *from)
{
	struct topic_entry *v = xcalloc(into->n + from->n + 1, sizeof(*v));
	size_t n = 0, i = 0, k = 0;
	while (i < into->n || k < from->n) {
		int c = i == into->n ? 1 : k == from->n ? -1 : topic_entry_cmp(&into->v[i], &from->v[k]);
		v[n++] = c <= 0 ? into->v[i] : from->v[k];
		i += c <= 0;
		k += c >= 0;
	}
	free(into->v);
	free(from->v);
	*into = (struct topic_set){ v, n };
	*from = (struct topic_set){ NULL, 0 };
}

/* Joins the sets of positions i and k unless that would put two topics of
 * one section in one flow; the smaller position stays the root. */
static void join(size_t *parent, struct topic_set *topics, size_t i, size_t k)
{
	size_t ri = find_root(parent, i), rk = find_root(parent, k);
	if (ri == rk || topics_clash(&topics[ri], &topics[rk]))
		return;
	size_t root = ri < rk ? ri : rk, other = ri < rk ? rk : ri;
	parent[other] = root;
	topics_merge(&topics[root], &topics[other]);
}

/* Links the statements of one bucket (same key); idx is in input order, so
 * the smallest position of a set is its first statement. */
static void link_bucket(struct flow_fact *facts, const size_t *idx, size_t n, const struct gazetteer *g,
			struct flow_disagreement **dis, size_t *ndis, size_t *cap)
{
	size_t *parent = xcalloc(n, sizeof(*parent));
	struct topic_set *topics = xcalloc(n, sizeof(*topics));
	for (size_t i = 0; i < n; i++) {
		const struct flow_fact *f = &facts[idx[i]];
		parent[i] = i;
		/* only the sums the topic rule keeps apart (in_two_topics) */
		if (f->topic_line && !f->stated_total && !f->whole_id) {
			topics[i].v = xcalloc(1, sizeof(*topics[i].v));
			topics[i].v[0] = (struct topic_entry){ f->report_id, f->section, f->topic_line };
			topics[i].n = 1;
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (restates(g, &facts[idx[k]], &facts[idx[i]]))
				join(parent, topics, i, k);
	for (size_t i = 0; i < n; i++)
		free(topics[i].v);
	free(topics);
	for (size_t i = 0; i < n; i++) {
		size_t root = find_root(parent, i);
		struct flow_fact *f = &facts[idx[i]];
		f->flow_id = facts[idx[root]].id;
		if (root != i && facts[idx[root]].amount_yuan != f->amount_yuan)
			*ARRAY_PUSH(*dis, *ndis, *cap) = (struct flow_disagreement){ idx[root], idx[i] };
	}
	free(parent);
}

void flows_link(struct flow_fact *facts, size_t n, const struct gazetteer *g,
		struct flow_disagreement **dis, size_t *ndis)
{
	size_t cap = 0;
	*dis = NULL;
	*ndis = 0;
	if (n == 0)
		return;
	size_t *idx = xcalloc(n, sizeof(*idx));
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	sort_base = facts; /* qsort has no context argument; one thread links */
	qsort(idx, n, sizeof(*idx), cmp_index);
	sort_base = NULL;
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && flows_key_cmp(&facts[idx[from]], &facts[idx[to]]) == 0; to++)
			;
		link_bucket(facts, idx + from, to - from, g, dis, ndis, &cap);
	}
	free(idx);
}

/* --- the one rule for a year's figure ----------------------------------------- */

static int64_t add_capped(int64_t a, int64_t b)
{
	int64_t sum;
	return __builtin_add_overflow(a, b, &sum) ? INT64_MAX : sum;
}

int64_t flows_flow_amount(const struct flow_fact *facts, size_t n, int64_t flow_id)
{
	int64_t best = 0;
	for (size_t i = 0; i < n; i++)
		if (facts[i].flow_id == flow_id && facts[i].amount_yuan > best)
			best = facts[i].amount_yuan;
	return best;
}

static bool in_year(const struct flow_fact *f)
{
	enum fund_kind k = fund_kind_of(f->category);
	return f->from_year == f->year && f->year != 0 && (k == KIND_AID || k == KIND_INVESTMENT);
}

/* What one flow contributes: its category (of its first statement), figure
 * and whether the pair states it as its total. */
struct flow_sum {
	int64_t flow_id;
	enum fund_category category;
	int64_t amount_yuan;
	bool stated_total;
	bool part;                 /* part of a whole counted here */
};

/* A flow is a part when one of its statements is a part of a whole that is
 * itself counted here (the same pair and year): the whole has it already.
 * by_flow maps flow ids to out[]; iny[i] is in_year(&facts[i]). */
static void mark_parts(const struct flow_fact *facts, const bool *iny, size_t n,
		       const struct idmap *by_flow, struct flow_sum *out, size_t m)
{
	struct idmap flow_of_id;   /* statement id -> its flow, statements in the year */
	idmap_init(&flow_of_id, n);
	for (size_t i = 0; i < n; i++)
		if (iny[i])
			idmap_put(&flow_of_id, facts[i].id, i);
	for (size_t i = 0; i < n; i++) {
		if (!facts[i].whole_id)
			continue;
		size_t w = idmap_get(&flow_of_id, facts[i].whole_id, n);
		size_t k = idmap_get(by_flow, facts[i].flow_id, m);
		if (w < n && facts[w].flow_id != facts[i].flow_id && k < m)
			out[k].part = true;
	}
	idmap_free(&flow_of_id);
}

/* The flows of the year into out (the parts left out); by_flow maps each
 * kept flow's id to its place in out. */
static size_t collect_flows(const struct flow_fact *facts, const bool *iny, size_t n,
			    struct flow_sum *out, struct idmap *by_flow)
{
	size_t m = 0;
	struct idmap all;
	idmap_init(&all, n);
	for (size_t i = 0; i < n; i++) {
		if (!iny[i])
			continue;
		size_t k = idmap_get(&all, facts[i].flow_id, m);
		if (k == m) {
			idmap_put(&all, facts[i].flow_id, m);
			out[m++] = (struct flow_sum){ facts[i].flow_id, facts[i].category, 0, false, false };
		}
		if (facts[i].amount_yuan > out[k].amount_yuan)
			out[k].amount_yuan = facts[i].amount_yuan;
		if (facts[i].stated_total && facts[i].pair_level)
			out[k].stated_total = true;
	}
	mark_parts(facts, iny, n, &all, out, m);
	idmap_free(&all);
	size_t kept = 0;
	for (size_t k = 0; k < m; k++)
		if (!out[k].part) {
			idmap_put(by_flow, out[k].flow_id, kept);
			out[kept++] = out[k];
		}
	return kept;
}

/* One kind of money (aid, or investment): when the pair states totals of
 * that kind for the year, the figure is those totals (the largest of each
 * category, added), and nothing else is added on top, since a report's own
 * total holds what the report lists under it; else every flow is added.
 * Marks in use[] the flows that went in. */
static int64_t kind_figure(const struct flow_sum *flows, size_t m, enum fund_kind kind, bool *use)
{
	size_t best[FUND_NCATEGORIES];
	bool stated = false;
	for (int c = 0; c < FUND_NCATEGORIES; c++)
		best[c] = m;
	for (size_t k = 0; k < m; k++) {
		enum fund_category c = flows[k].category;
		if (fund_kind_of(c) != kind || !flows[k].stated_total)
			continue;
		stated = true;
		if (best[c] == m || flows[k].amount_yuan > flows[best[c]].amount_yuan)
			best[c] = k;
	}
	int64_t sum = 0;
	for (size_t k = 0; k < m; k++) {
		if (fund_kind_of(flows[k].category) != kind)
			continue;
		use[k] = !stated || best[flows[k].category] == k;
		if (use[k])
			sum = add_capped(sum, flows[k].amount_yuan);
	}
	return sum;
}

struct year_figure flows_year_figure(const struct flow_fact *facts, size_t n, bool *counted)
{
	struct year_figure yf = { 0 };
	struct flow_sum *flows = xcalloc(n ? n : 1, sizeof(*flows));
	bool *use = xcalloc(n ? n : 1, sizeof(*use)), *iny = xcalloc(n ? n : 1, sizeof(*iny));
	for (size_t i = 0; i < n; i++)
		iny[i] = in_year(&facts[i]);
	struct idmap by_flow;
	idmap_init(&by_flow, n);
	size_t m = collect_flows(facts, iny, n, flows, &by_flow);
	yf.aid_yuan = kind_figure(flows, m, KIND_AID, use);
	yf.investment_yuan = kind_figure(flows, m, KIND_INVESTMENT, use);
	for (size_t i = 0; i < n; i++) {
		size_t k = iny[i] ? idmap_get(&by_flow, facts[i].flow_id, m) : m;
		bool in = k < m && use[k];
		yf.facts += in;
		if (counted)
			counted[i] = in;
	}
	idmap_free(&by_flow);
	free(flows);
	free(use);
	free(iny);
	return yf;
}

/* facts sorted by donor unit would be simpler, but the callers' order is
 * their display order: units are found by a scan instead (few per pair). */
struct year_figure flows_pair_year(const struct flow_fact *facts, size_t n, bool *counted)
{
	struct year_figure sum = { 0 };
	struct flow_fact *group = xcalloc(n ? n : 1, sizeof(*group));
	size_t *where = xcalloc(n ? n : 1, sizeof(*where));
	bool *done = xcalloc(n ? n : 1, sizeof(*done)), *in = xcalloc(n ? n : 1, sizeof(*in));
	for (size_t i = 0; counted && i < n; i++)
		counted[i] = false;
	for (size_t i = 0; i < n; i++) {
		if (done[i] || facts[i].nco_donors)
			continue;
		size_t m = 0;
		for (size_t k = i; k < n; k++)
			if (!done[k] && !facts[k].nco_donors && facts[k].donor_unit == facts[i].donor_unit) {
				done[k] = true;
				where[m] = k;
				group[m++] = facts[k];
			}
		struct year_figure yf = flows_year_figure(group, m, in);
		sum.aid_yuan = add_capped(sum.aid_yuan, yf.aid_yuan);
		sum.investment_yuan = add_capped(sum.investment_yuan, yf.investment_yuan);
		sum.facts += yf.facts;
		for (size_t k = 0; counted && k < m; k++)
			counted[where[k]] = in[k];
	}
	free(group);
	free(where);
	free(done);
	free(in);
	return sum;
}
