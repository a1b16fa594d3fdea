#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "pairoff/indicators.h"
#include "pairoff/util.h"

/* Restated counts, found by sorting on what must be equal and comparing
 * within each group only, so that linking stays near linear however large
 * the corpus. */

struct order {
	const struct indicator_fact *f;
	size_t index;
};

static int cmp_int64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_key(const struct indicator_fact *a, const struct indicator_fact *b)
{
	int c = cmp_int64(a->kind, b->kind);
	if (!c)
		c = a->value < b->value ? -1 : a->value > b->value;
	if (!c)
		c = cmp_int64(a->year, b->year);
	if (!c)
		c = cmp_int64(a->from_year, b->from_year);
	if (!c)
		c = cmp_int64((int64_t)a->donor_unit, (int64_t)b->donor_unit);
	if (!c)
		c = cmp_int64((int64_t)a->recipient_unit, (int64_t)b->recipient_unit);
	return c;
}

static int cmp_order(const void *x, const void *y)
{
	const struct order *a = x, *b = y;
	int c = cmp_key(a->f, b->f);
	return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

static bool nested_or_equal(const struct gazetteer *g, size_t a, size_t b)
{
	return a == b || gazetteer_within(g, a, b) || gazetteer_within(g, b, a);
}

static bool restates(const struct indicator_fact *a, const struct indicator_fact *b, const struct gazetteer *g)
{
	if (a->report_id == b->report_id && a->line_no == b->line_no)
		return false;
	if (!nested_or_equal(g, a->donor, b->donor) || !nested_or_equal(g, a->recipient, b->recipient))
		return false;
	bool same_places = a->donor == b->donor && a->recipient == b->recipient;
	return same_places || a->report_id != b->report_id || a->section != b->section;
}

/* One group of equal keys, in import order: each joins the first flow
 * whose first statement it restates, else starts one. Only the flows'
 * first statements are compared, so a count restated in a thousand
 * reports costs a thousand comparisons, not a million. heads has room
 * for n. */
static void link_group(struct indicator_fact *facts, const struct order *o, size_t n, const struct gazetteer *g,
		       size_t *heads)
{
	size_t nheads = 0;
	for (size_t i = 0; i < n; i++) {
		struct indicator_fact *f = &facts[o[i].index];
		size_t h = 0;
		while (h < nheads && !restates(&facts[heads[h]], f, g))
			h++;
		if (h < nheads)
			f->flow_id = facts[heads[h]].flow_id;
		else
			heads[nheads++] = o[i].index;
	}
}

void indicators_link(struct indicator_fact *facts, size_t n, const struct gazetteer *g)
{
	struct order *o = xcalloc(n + 1, sizeof(*o));
	size_t *heads = xcalloc(n + 1, sizeof(*heads));
	for (size_t i = 0; i < n; i++) {
		facts[i].flow_id = facts[i].id;
		o[i] = (struct order){ &facts[i], i };
	}
	qsort(o, n, sizeof(*o), cmp_order);
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && cmp_key(o[from].f, o[to].f) == 0; to++)
			;
		link_group(facts, o + from, to - from, g, heads);
	}
	free(heads);
	free(o);
}
