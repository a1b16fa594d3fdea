#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* Fund tables: every non-zero cell is a fund fact (row = recipient, column =
 * category, the unit applied), totals included; each "Total" row and column
 * is checked against the cells it sums. */

static bool is_total(const char *label)
{
	return label && strncasecmp(label, "total", 5) == 0;
}

static size_t total_index(char **labels, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_total(labels[i]))
			return i;
	return (size_t)-1;
}

static size_t label_region(struct xctx *c, const char *label)
{
	struct xsentence s = { 0 };
	s.text = xstrdup(label ? label : "");
	s.len = strlen(s.text);
	xscan_places(c, &s);
	size_t reg = s.nplaces ? s.places[0].region : GAZ_NONE;
	free(s.text);
	free(s.places);
	return reg;
}

static enum fund_category column_category(const char *label)
{
	if (!label)
		return FUND_GOVERNMENT;
	if (strcasestr(label, "donation"))
		return FUND_SOCIAL;
	if (strcasestr(label, "loan"))
		return FUND_LOAN_SUBSIDY;
	if (strcasestr(label, "plan"))
		return FUND_PLANNED;
	if (strcasestr(label, "investment") || strcasestr(label, "contract") || strcasestr(label, "agreement"))
		return FUND_INVESTMENT;
	if (strcasestr(label, "trade") || strcasestr(label, "purchas"))
		return FUND_TRADE;
	/* "Social undertakings" are the sectors the money went to, not its giver */
	if (strcasestr(label, "enterprise"))
		return FUND_ENTERPRISE;
	return FUND_GOVERNMENT;
}

static int table_year(struct xctx *c, const struct report_table *t)
{
	struct xsentence s = { 0 };
	s.text = xstrdup(t->title ? t->title : "");
	s.len = strlen(s.text);
	xscan_years(&s);
	int year = s.nyears ? s.years[s.nyears - 1].year : (c->r->year ? c->r->year : c->last_year);
	free(s.text);
	free(s.years);
	return year;
}

/* Adds the fact of one cell; returns its index in out->funds, -1 when the
 * cell gives none (zero, negative, too large). */
static long cell_fact(struct xctx *c, const struct report_table *t, size_t ti, size_t row, size_t col, int year)
{
	double v = t->values[row * t->ncols + col];
	double yuan = v * (double)t->unit_yuan;
	if (!(v > 0) || yuan >= 9.2e18) {
		if (v < 0 || yuan >= 9.2e18)
			xanomaly(c, "amount", t->cells[row * t->ncols + col], "table cell out of range, skipped");
		return -1;
	}
	size_t reg = label_region(c, t->row_labels[row]);
	if (reg == GAZ_NONE || !xis_recipient_side(c, reg))
		reg = c->recipient;
	struct fact_fund f = { 0 };
	f.whole_index = -1;
	f.donor = (char *)xname(c, c->donor);
	f.recipient = (char *)(reg == GAZ_NONE ? "" : xname(c, reg));
	f.year = f.from_year = year;
	f.amount_yuan = (int64_t)(yuan + 0.5);
	f.category = column_category(t->col_labels[col]);
	f.line_no = t->cell_lines[row * t->ncols + col];
	f.quote = xasprintf("%s %s", t->cells[row * t->ncols + col], t->unit ? t->unit : "");
	f.sentence = xasprintf("%s / %s: %s", t->row_labels[row], t->col_labels[col], t->cells[row * t->ncols + col]);
	f.table_index = (long)ti;
	long index = (long)c->out->nfunds;
	xadd_fund(c, &f);
	free(f.quote);
	free(f.sentence);
	return index;
}

/* The whole of cell (r, col): its row's total, else its column's; a row
 * or column total is a part of the grand total. -1 when none. */
static long cell_whole(const struct report_table *t, const long *idx, size_t r, size_t col)
{
	size_t tc = total_index(t->col_labels, t->ncols), tr = total_index(t->row_labels, t->nrows);
	bool total_row = r == tr, total_col = col == tc;
	if (total_row && total_col)
		return -1;
	if (total_row || total_col)
		return tr != (size_t)-1 && tc != (size_t)-1 ? idx[tr * t->ncols + tc] : -1;
	if (tc != (size_t)-1 && idx[r * t->ncols + tc] >= 0)
		return idx[r * t->ncols + tc];
	return tr != (size_t)-1 ? idx[tr * t->ncols + col] : -1;
}

static void table_facts(struct xctx *c, const struct report_table *t, size_t ti)
{
	int year = table_year(c, t);
	long *idx = xcalloc(t->nrows * t->ncols, sizeof(*idx));
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t col = 0; col < t->ncols; col++)
			idx[r * t->ncols + col] = cell_fact(c, t, ti, r, col, year);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		if (idx[i] >= 0)
			c->out->funds[idx[i]].whole_index = cell_whole(t, idx, i / t->ncols, i % t->ncols);
	/* the grand total of the pair's table is the pair's stated total */
	size_t tc = total_index(t->col_labels, t->ncols), tr = total_index(t->row_labels, t->nrows);
	if (tc != (size_t)-1 && tr != (size_t)-1 && idx[tr * t->ncols + tc] >= 0) {
		struct fact_fund *g = &c->out->funds[idx[tr * t->ncols + tc]];
		g->stated_total = c->recipient != GAZ_NONE && strcmp(g->recipient, xname(c, c->recipient)) == 0;
	}
	free(idx);
}

static void check_sum(struct xctx *c, const struct report_table *t, bool by_row, size_t k, size_t total)
{
	size_t n = by_row ? t->ncols : t->nrows;
	double sum = 0, stated = by_row ? t->values[k * t->ncols + total] : t->values[total * t->ncols + k];
	for (size_t i = 0; i < n; i++)
		if (i != total)
			sum += by_row ? t->values[k * t->ncols + i] : t->values[i * t->ncols + k];
	if (sum - stated > 0.5 || stated - sum > 0.5) {
		c->line_no = by_row ? t->cell_lines[k * t->ncols + total] : t->cell_lines[total * t->ncols + k];
		xanomaly(c, "table-total", by_row ? t->row_labels[k] : t->col_labels[k],
			 "%s \"%s\": total %g but the cells add up to %g", by_row ? "row" : "column",
			 by_row ? t->row_labels[k] : t->col_labels[k], stated, sum);
	}
}

static void check_totals(struct xctx *c, const struct report_table *t)
{
	size_t tc = total_index(t->col_labels, t->ncols), tr = total_index(t->row_labels, t->nrows);
	for (size_t r = 0; tc != (size_t)-1 && r < t->nrows; r++)
		check_sum(c, t, true, r, tc);
	for (size_t col = 0; tr != (size_t)-1 && col < t->ncols; col++)
		check_sum(c, t, false, col, tr);
}

void xfunds_tables(struct xctx *c)
{
	for (size_t ti = 0; ti < c->r->ntables; ti++) {
		const struct report_table *t = &c->r->tables[ti];
		if (!t->values || t->nrows == 0 || t->ncols == 0)
			continue;
		xpairs_section(c, t->section);
		c->line_no = t->line_no;
		check_totals(c, t);
		if (t->unit_yuan <= 0 || c->donor == GAZ_NONE)
			continue;
		table_facts(c, t, ti);
	}
}
