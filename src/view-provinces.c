#include "config.h"

/* The first column: every provincial-level region that takes part, grouped
 * by side (East donors first) unless `r` turns grouping off. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/view.h"

struct provinces {
	bool grouped;       /* East/West headings (r toggles) */
	int funds_cols;     /* widest figure in the current unit, set per draw */
};

/* The funds column comes from the totals the import stored per province
 * pair (province_funds), a few milliseconds even at 1,000 reports, so the
 * list is loaded whole for the first screen. */
static enum status provinces_load(struct tui *t, struct view *v, const char *key,
				  struct qtable *out)
{
	(void)v;
	(void)key;
	return query_pane_provinces(t->store, true, out);
}

static char *provinces_child_key(struct tui *t, struct view *v)
{
	(void)t;
	size_t row = list_selected(&v->list);
	const char *name = row == LIST_NONE ? NULL : view_cell(v, row, "name");
	return name ? xstrdup(name) : NULL;
}

/* East first: the donors, then the recipients, then anything unsided. */
static int side_rank(const char *side)
{
	if (!side)
		return 3;
	return strcmp(side, "east") == 0 ? 0 : strcmp(side, "west") == 0 ? 1 : 2;
}

static const char *const side_headings[] = {
	"East (donors)", "West (recipients)", "Central", "Other"
};


static bool grouped(const struct view *v)
{
	const struct provinces *p = v->priv;
	return p && p->grouped;
}

static const char *provinces_group(void *ctx, size_t row)
{
	struct view *v = ctx;
	if (!grouped(v))
		return NULL;
	return side_headings[side_rank(view_cell(v, row, "side"))];
}

static const char *const provinces_sorts[] = { "name", "funds", "partners", NULL };

static int cmp_long_desc(long a, long b)
{
	return a > b ? -1 : a < b;
}

static int provinces_compare(void *ctx, size_t a, size_t b)
{
	struct view *v = ctx;
	if (grouped(v)) {
		int d = side_rank(view_cell(v, a, "side")) - side_rank(view_cell(v, b, "side"));
		if (d)
			return d;
	}
	switch (v->list.sort_key) {
	case 1:
		return cmp_long_desc(view_cell_long(v, a, "funds_yuan"), view_cell_long(v, b, "funds_yuan"));
	case 2:
		return cmp_long_desc(view_cell_long(v, a, "partners"), view_cell_long(v, b, "partners"));
	default:
		return 0;   /* the query's order: by name */
	}
}

/* Widths of the side, partners and funds columns for a pane width: the
 * name keeps at least 12 columns, the figures come next. */
static void columns(const struct view *v, int width, int *side, int *partners, int *funds)
{
	const struct provinces *p = v->priv;
	int want = p && p->funds_cols ? p->funds_cols + 1 : 6;
	*funds = width - want >= 12 ? want : 0;
	*partners = width - *funds - 4 >= 12 ? 4 : 0;
	*side = width - *funds - *partners - 3 >= 12 ? 3 : 0;
}

static int widest_figure(struct tui *t, const struct view *v)
{
	int widest = 5;
	for (size_t i = 0; i < v->rows->nrows; i++) {
		const char *fy = view_cell(v, i, "funds_yuan");
		char money[48];
		if (fy && (int)strlen(tui_money(t, strtoll(fy, NULL, 10), false, money, sizeof(money))) > widest)
			widest = (int)strlen(money);
	}
	return widest;
}

static void provinces_header(struct tui *t, struct view *v, WINDOW *w, int width)
{
	struct provinces *p = v->priv;
	p->funds_cols = widest_figure(t, v);
	int side, partners, funds;
	columns(v, width, &side, &partners, &funds);
	attr_t a = t->attrs[ROLE_HEADER];
	draw_cell(w, "Province", width - side - partners - funds, false, a);
	draw_cell(w, " S", side, false, a);
	draw_cell(w, "Ptn", partners, true, a);
	draw_cell(w, "Funds", funds, true, a);
}

static void provinces_draw_row(struct tui *t, struct view *v, WINDOW *w, size_t row, int width,
			       attr_t base)
{
	int side, partners, funds;
	columns(v, width, &side, &partners, &funds);
	const char *s = view_cell(v, row, "side");
	const char *fy = view_cell(v, row, "funds_yuan");
	char money[48] = "";
	if (fy)
		tui_money(t, strtoll(fy, NULL, 10), false, money, sizeof(money));
	draw_cell(w, view_cell(v, row, "name"), width - side - partners - funds, false, base);
	char side_mark[4] = "";
	if (s && side)
		snprintf(side_mark, sizeof(side_mark), " %c", s[0] - 32 * (s[0] >= 'a' && s[0] <= 'z'));
	draw_cell(w, side_mark, side, false, base);
	draw_cell(w, view_cell(v, row, "partners"), partners, true, base);
	draw_cell(w, money, funds, true, base);
}

static int provinces_select_cols(const struct view *v, size_t row, int width)
{
	(void)row;
	int side, partners, funds;
	columns(v, width, &side, &partners, &funds);
	return width - side - partners - funds;
}

static char *provinces_hay(struct view *v, size_t row)
{
	char *raw = xasprintf("%s %s %s", view_cell(v, row, "name") ? view_cell(v, row, "name") : "",
			      view_cell(v, row, "side") ? view_cell(v, row, "side") : "",
			      view_cell(v, row, "aliases") ? view_cell(v, row, "aliases") : "");
	char *folded = list_fold(raw);
	free(raw);
	return folded;
}

static enum result provinces_action(struct tui *t, struct view *v, enum action a)
{
	if (a != ACT_GROUP)
		return R_UNHANDLED;
	struct provinces *p = v->priv;
	p->grouped = !p->grouped;
	t->group_by_side = p->grouped;
	tui_message(t, false, "%s", p->grouped ? "grouped by side: East donors, West recipients" : "not grouped by side");
	return R_RELOAD;
}

static void provinces_init(struct tui *t, struct view *v)
{
	struct provinces *p = xcalloc(1, sizeof(*p));
	p->grouped = t->group_by_side;
	v->priv = p;
}

static void provinces_free(struct view *v)
{
	free(v->priv);
}

const struct view_ops provinces_ops = {
	.name = "provinces",
	.hint = "Enter partners  / search  f filter  r group  s sort  u unit  ? help  q quit",
	.init = provinces_init,
	.load = provinces_load,
	.child_key = provinces_child_key,
	.header = provinces_header,
	.draw_row = provinces_draw_row,
	.select_cols = provinces_select_cols,
	.group = provinces_group,
	.compare = provinces_compare,
	.sorts = provinces_sorts,
	.hay = provinces_hay,
	.action = provinces_action,
	.free = provinces_free,
};
