#include "config.h"

/* The first column: every provincial-level region that takes part, grouped
 * by side (East donors first) unless `r` turns grouping off. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

struct provinces {
	bool grouped;       /* East/West headings (r toggles) */
	int aid_cols;       /* widest aid figure in the current unit, set per draw */
	int investment_cols; /* widest investment figure, likewise */
	int count_cols;     /* the count column's width (0: no count shown), set per draw */
	char count_title[16]; /* its header: the kind counted */
};

/* What the two money columns count: said once, for the legend under the
 * pane and for the help screen. */
static const struct legend_entry provinces_legend[] = {
	{ "S", "side: E gives, W receives",
	  "the region's side: E an east donor, W a west recipient, C central" },
	{ "Ptn", "regions it pairs with",
	  "partners: how many provincial-level regions on the other side it is paired with, "
	  "by a stated pairing or by money given" },
	{ "Aid", "donations, subsidies",
	  "aid given or received, every year: government, social and enterprise donations and "
	  "loan subsidies, by the pairs' own yearly totals (each stated money once)" },
	{ "Invest", "deals, trade, not aid",
	  "investment given or received: signed agreements, contracts and trade, shown beside "
	  "the aid and never added to it" },
	{ NULL, NULL, NULL },
};

/* The money columns add up the totals the import stored per pair
 * (pair_total), a few milliseconds even at 1,000 reports, so the list is
 * loaded whole for the first screen. */
static enum status provinces_load(struct view_ctx *ctx, struct view *v, const char *key,
				  struct qtable *out)
{
	(void)v;
	(void)key;
	const char *kind = ctx->indicator >= 0 ? indicator_kind_name((enum indicator_kind)ctx->indicator) : NULL;
	return query_pane_provinces(ctx->store, true, kind, out);
}

static char *provinces_child_key(struct view_ctx *ctx, struct view *v)
{
	(void)ctx;
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

static const char *const provinces_sorts[] = { "name", "aid", "investment", "partners", "count", NULL };
static const bool provinces_sorts_fall[] = { false, true, true, true, true };

static int cmp_long_desc(long long a, long long b)
{
	return a > b ? -1 : a < b;
}

static long long cell_ll(const struct view *v, size_t row, const char *col)
{
	const char *s = view_cell(v, row, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

static int provinces_compare(void *ctx, size_t a, size_t b)
{
	struct view *v = ctx;
	if (grouped(v)) {
		int d = side_rank(view_cell(v, a, "side")) - side_rank(view_cell(v, b, "side"));
		if (d)
			return d;
	}
	static const char *const sort_cols[] = { NULL, "aid_yuan", "investment_yuan", "partners", "count" };
	const char *col = sort_cols[v->list.sort_key];
	int d = col ? cmp_long_desc(cell_ll(v, a, col), cell_ll(v, b, col)) : 0;   /* 0: the query's order, by name */
	if (!v->list.sort_reverse)
		return d;
	return d ? -d : strcmp(view_cell(v, b, "name"), view_cell(v, a, "name"));
}

struct columns {
	int name, side, partners, aid, investment, count;
};

#define NAME_MIN 10

/* Column widths for a pane width. The least useful go first when the pane
 * is narrow: the side (the headings tell it), the partner count (the next
 * pane lists them), then the name shrinks to NAME_MIN, then investment, and
 * aid last. */
static struct columns columns(const struct view *v, int width)
{
	const struct provinces *p = v->priv;
	struct columns c = { .side = 3, .partners = 4,
			     .aid = (p && p->aid_cols ? p->aid_cols : 5) + 1,
			     .investment = (p && p->investment_cols ? p->investment_cols : 6) + 1,
			     .count = p && p->count_cols ? p->count_cols + 1 : 0 };
	int *drop[] = { &c.side, &c.partners, &c.count, &c.investment, &c.aid };
	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
		int rest = width - c.side - c.partners - c.aid - c.investment - c.count;
		if (rest >= (i < 2 ? 14 : NAME_MIN))
			break;
		*drop[i] = 0;
	}
	c.name = width - c.side - c.partners - c.aid - c.investment - c.count;
	return c;
}

/* Columns of the widest figure of col in the current unit (at least min). */
static int widest_figure(struct view_ctx *ctx, const struct view *v, const char *col, int min)
{
	int widest = min;
	for (size_t i = 0; i < v->rows->nrows; i++) {
		const char *yuan = view_cell(v, i, col);
		char money[48];
		if (yuan && (int)strlen(view_money(ctx, strtoll(yuan, NULL, 10), false, money, sizeof(money))) > widest)
			widest = (int)strlen(money);
	}
	return widest;
}

/* The count column: as wide as its title or its widest count, none when
 * no kind is chosen. */
static void measure_count(struct view_ctx *ctx, struct view *v)
{
	struct provinces *p = v->priv;
	p->count_cols = 0;
	if (ctx->indicator < 0)
		return;
	snprintf(p->count_title, sizeof(p->count_title), "%s", indicator_kind_name((enum indicator_kind)ctx->indicator));
	p->count_title[0] = (char)(p->count_title[0] - 32 * (p->count_title[0] >= 'a' && p->count_title[0] <= 'z'));
	p->count_cols = (int)strlen(p->count_title);
	for (size_t i = 0; i < v->rows->nrows; i++) {
		const char *n = view_cell(v, i, "count");
		if (n && (int)strlen(n) > p->count_cols)
			p->count_cols = (int)strlen(n);
	}
}

/* A column's header with the mark of the sort when it is sorted by. */
static void sort_header(struct view_ctx *ctx, struct view *v, WINDOW *w, const char *title, int key, int width,
			bool right, attr_t a)
{
	char text[48];
	snprintf(text, sizeof(text), "%s%s", view_sort_mark(ctx, v, key), title);
	draw_cell(w, text, width, right, a);
}

static void provinces_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	struct provinces *p = v->priv;
	p->aid_cols = widest_figure(ctx, v, "aid_yuan", 3);
	p->investment_cols = widest_figure(ctx, v, "investment_yuan", 6);
	measure_count(ctx, v);
	struct columns c = columns(v, width);
	attr_t a = ctx->attrs[ROLE_HEADER];
	sort_header(ctx, v, w, "Province", 0, c.name, false, a);
	draw_cell(w, " S", c.side, false, a);
	sort_header(ctx, v, w, "Ptn", 3, c.partners, true, a);
	sort_header(ctx, v, w, "Aid", 1, c.aid, true, a);
	sort_header(ctx, v, w, "Invest", 2, c.investment, true, a);
	sort_header(ctx, v, w, p->count_title, 4, c.count, true, a);
}

/* A money cell: the figure in the current unit, blank when the store has
 * none (a region with no money on record). */
static void draw_money(struct view_ctx *ctx, WINDOW *w, const char *yuan, int width, attr_t base)
{
	char money[48] = "";
	if (yuan)
		view_money(ctx, strtoll(yuan, NULL, 10), false, money, sizeof(money));
	draw_cell(w, money, width, true, base);
}

static void provinces_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width,
			       attr_t base)
{
	struct columns c = columns(v, width);
	const char *s = view_cell(v, row, "side");
	char name[256];
	draw_cell_cut(w, view_name(ctx, view_cell(v, row, "name"), view_cell(v, row, "name_zh"), name, sizeof(name)),
		      c.name, ctx->utf8, base);
	char side_mark[4] = "";
	if (s && c.side)
		snprintf(side_mark, sizeof(side_mark), " %c", s[0] - 32 * (s[0] >= 'a' && s[0] <= 'z'));
	draw_cell(w, side_mark, c.side, false, base);
	draw_cell(w, view_cell(v, row, "partners"), c.partners, true, base);
	draw_money(ctx, w, view_cell(v, row, "aid_yuan"), c.aid, base);
	draw_money(ctx, w, view_cell(v, row, "investment_yuan"), c.investment, base);
	draw_cell(w, view_cell(v, row, "count") ? view_cell(v, row, "count") : "", c.count, true, base);
}

static int provinces_select_cols(const struct view *v, size_t row, int width)
{
	(void)row;
	return columns(v, width).name;
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

/* The province's name, then every name and alias of the places in it
 * (the query gives them '|'-separated), for the filter's ranking. */
static char *provinces_names(struct view *v, size_t row)
{
	const char *name = view_cell(v, row, "name"), *aliases = view_cell(v, row, "aliases");
	char *names = xasprintf("%s\n%s", name ? name : "", aliases ? aliases : "");
	for (char *p = names; *p; p++)
		if (*p == '|')
			*p = '\n';
	return names;
}

/* c: the next kind of count beside the money, then none again; the rows
 * are loaded again with it, the selection kept. */
static enum result cycle_indicator(struct view_ctx *ctx, struct view *v)
{
	ctx->indicator = ctx->indicator + 1 >= IND_NKINDS ? -1 : ctx->indicator + 1;
	struct qtable rows;
	enum status st = provinces_load(ctx, v, v->key, &rows);
	if (st != ST_OK) {
		view_message(ctx, true, "%s", status_detail(st));
		return R_REDRAW;
	}
	view_replace_rows(v, &rows, "name");
	if (ctx->indicator < 0)
		view_message(ctx, false, "no count beside the money");
	else
		view_message(ctx, false, "count beside the money: %s (given or received, each year's largest per pair, added)",
			    indicator_kind_name((enum indicator_kind)ctx->indicator));
	return R_RELOAD;
}

static enum result provinces_action(struct view_ctx *ctx, struct view *v, enum action a)
{
	if (a == ACT_INDICATOR)
		return cycle_indicator(ctx, v);
	if (a != ACT_GROUP)
		return R_UNHANDLED;
	struct provinces *p = v->priv;
	p->grouped = !p->grouped;
	ctx->group_by_side = p->grouped;
	view_message(ctx, false, "%s", p->grouped ? "grouped by side: East donors, West recipients" : "not grouped by side");
	return R_RELOAD;
}

/* A column's legend goes with the column: narrow panes drop some. */
static bool provinces_legend_shown(const struct view *v, const struct legend_entry *e, int width)
{
	struct columns c = columns(v, width);
	int cols = strcmp(e->mark, "S") == 0 ? c.side : strcmp(e->mark, "Ptn") == 0 ? c.partners
		 : strcmp(e->mark, "Aid") == 0 ? c.aid : strcmp(e->mark, "Invest") == 0 ? c.investment : 1;
	return cols > 0;
}

static void provinces_init(struct view_ctx *ctx, struct view *v)
{
	struct provinces *p = xcalloc(1, sizeof(*p));
	p->grouped = ctx->group_by_side;
	v->priv = p;
}

static void provinces_free(struct view *v)
{
	free(v->priv);
}

const struct view_ops provinces_ops = {
	.name = "provinces",
	.hint = "Enter partners  / search  f filter  r group  c count  s sort  u unit  ? help  q quit",
	.init = provinces_init,
	.load = provinces_load,
	.child_key = provinces_child_key,
	.header = provinces_header,
	.draw_row = provinces_draw_row,
	.select_cols = provinces_select_cols,
	.group = provinces_group,
	.compare = provinces_compare,
	.sorts = provinces_sorts,
	.sorts_fall = provinces_sorts_fall,
	.hay = provinces_hay,
	.names = provinces_names,
	.action = provinces_action,
	.free = provinces_free,
	.legend = provinces_legend,
	.legend_shown = provinces_legend_shown,
};
