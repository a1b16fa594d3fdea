#include "config.h"

/* The third column: the funds pane of the selected pair, drawn row for row
 * as query_pane_funds made it. No rule lives here: what a year's aid is,
 * which statements went in, what is a part of what and the order are the
 * query's (the one rule in src/flows.c); the view only draws. A year row
 * has the year's aid and a bar scaled by the largest year's aid; its aid
 * flows follow, parts indented under their whole; then the year's headed
 * sections (investment, planned, other, joint); then what was done that
 * year, in one line ("44 cadres · 1,602 trained") and count by count; at
 * the end the span and cumulative figures and counts, which never get a
 * bar. */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

struct funds {
	char *names_of;     /* owned: the key whose Chinese names these are, NULL for none */
	char *donor_zh, *recipient_zh; /* owned: their short Chinese names, NULL for none */
	int amount_cols;    /* widest single figure in the current unit */
	long long bar_max;  /* the largest year's aid: the bars' scale */
	unsigned long measured_gen; /* the rows (view.rows_gen) and unit they were */
	enum money_unit measured_unit; /* measured for */
};

/* What the year rows' columns and the signs of the figures count, for the
 * legend under the pane and the help. */
static const struct legend_entry funds_legend[] = {
	{ "Aid", "year's aid; bar to scale",
	  "a year row: the pair's aid that year by the one rule (the figure `pairoff totals` "
	  "prints), the bar scaled by the largest year's aid" },
	{ "Invest", "year's investment, not aid",
	  "a year row, wide panes: the investment signed that year (agreements, trade), beside "
	  "the aid and never in it" },
	{ "N sources, \u00d7N", "one money stated N times",
	  "one money stated several times (a summary and a section, two reports), counted once; "
	  "Enter lists the statements, o opens the first" },
	{ NULL, NULL, NULL },
};

static enum status funds_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)v;
	const char *sep = key ? strchr(key, '\x1f') : NULL;
	if (!sep) {
		qtable_init(out, 0, NULL);
		return ST_OK;
	}
	char *donor = xstrndup(key, (size_t)(sep - key));
	enum status st = query_pane_funds(ctx->store, donor, sep + 1, out);
	free(donor);
	return st;
}

static bool cell_is(const struct view *v, size_t row, const char *col, const char *value)
{
	const char *s = view_cell(v, row, col);
	return s && strcmp(s, value) == 0;
}

static long long cell_ll(const struct view *v, size_t row, const char *col)
{
	const char *s = view_cell(v, row, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

/* Rows after the years: the span and cumulative figures and their headings. */
static bool in_tail(const struct view *v, size_t row)
{
	return cell_is(v, row, "section", "span") || cell_is(v, row, "section", "cumulative");
}

/* The figure a fact row shows: its amount, or every differing figure of
 * its statements ("255 / 257") when they disagree. Owned. */
static char *fact_figure(struct view_ctx *ctx, const struct view *v, size_t row)
{
	char money[48];
	const char *figures = view_cell(v, row, "figures");
	if (!figures || !*figures)
		return xstrdup(view_money(ctx, cell_ll(v, row, "amount_yuan"), cell_ll(v, row, "approx") != 0,
					 money, sizeof(money)));
	struct strbuf sb = {0};
	for (const char *p = figures; *p; p += strspn(p, " ")) {
		char *end;
		long long yuan = strtoll(p, &end, 10);
		if (end == p)
			break;
		strbuf_printf(&sb, "%s%s", sb.data ? " / " : "", view_money(ctx, yuan, false, money, sizeof(money)));
		p = end;
	}
	return strbuf_steal(&sb);
}

/* Sets the widest single figure and the bars' scale, once per rows and
 * unit: the pane of a busy pair has hundreds of rows. */
static void funds_measure(struct view_ctx *ctx, struct view *v)
{
	struct funds *f = v->priv;
	if (f->measured_gen == v->rows_gen && f->measured_unit == ctx->unit)
		return;
	f->measured_gen = v->rows_gen;
	f->measured_unit = ctx->unit;
	f->amount_cols = 6;
	f->bar_max = 0;
	/* A figure's width grows with its size, so the largest of each kind
	 * (approximate or not, below zero or not) is the only one formatted:
	 * a busy pair's pane has thousands of rows. */
	long long largest[2][2] = { { -1, -1 }, { -1, -1 } };
	int c_row = qtable_col(v->rows, "row"), c_amount = qtable_col(v->rows, "amount_yuan");
	int c_approx = qtable_col(v->rows, "approx");
	for (size_t i = 0; c_amount >= 0 && i < v->rows->nrows; i++) {
		const char *kind = c_row >= 0 ? qtable_get(v->rows, i, (size_t)c_row) : NULL;
		if (kind && strcmp(kind, "heading") == 0)
			continue;
		long long aid = qtable_int(v->rows, i, (size_t)c_amount);
		bool approx = c_approx >= 0 && qtable_int(v->rows, i, (size_t)c_approx) != 0;
		long long mag = aid < 0 ? (aid == LLONG_MIN ? LLONG_MAX : -aid) : aid;
		if (mag > largest[approx][aid < 0])
			largest[approx][aid < 0] = mag;
		if (kind && strcmp(kind, "year") == 0 && aid > f->bar_max)
			f->bar_max = aid;
	}
	char money[48];
	for (int approx = 0; approx < 2; approx++)
		for (int neg = 0; neg < 2; neg++) {
			if (largest[approx][neg] < 0)
				continue;
			long long aid = neg ? -largest[approx][neg] : largest[approx][neg];
			int cols = (int)strlen(view_money(ctx, aid, approx, money, sizeof(money))) + 1;
			if (cols > f->amount_cols)
				f->amount_cols = cols;
		}
}

/* Wide panes show the year's investment in a column of its own. */
static bool show_investment(const struct view *v, int width)
{
	return width >= 60 + ((const struct funds *)v->priv)->amount_cols;
}

/* The pair's Chinese names for the title, looked up when the key changed
 * (a pane reloaded from its cache calls no load). */
static void funds_names(struct view_ctx *ctx, struct view *v, const char *sep)
{
	struct funds *f = v->priv;
	if (f->names_of && strcmp(f->names_of, v->key) == 0)
		return;
	free(f->names_of);
	free(f->donor_zh);
	free(f->recipient_zh);
	f->names_of = xstrdup(v->key);
	char *donor = xstrndup(v->key, (size_t)(sep - v->key));
	if (query_region_short_zh(ctx->store, donor, &f->donor_zh) != ST_OK)
		f->donor_zh = NULL;
	if (query_region_short_zh(ctx->store, sep + 1, &f->recipient_zh) != ST_OK)
		f->recipient_zh = NULL;
	free(donor);
}

/* "Shanghai → Yunnan, aid, yuan", the places named as [ui] names asks.
 * Owned. */
static char *funds_title(struct view_ctx *ctx, struct view *v)
{
	const char *sep = v->key ? strchr(v->key, '\x1f') : NULL;
	if (!sep)
		return xstrdup("Funds");
	funds_names(ctx, v, sep);
	const struct funds *f = v->priv;
	int key = v->list.sort_key;   /* the mark of a sort: ", \u25bcyear" */
	const char *mark = view_sort_mark(ctx, v, key), *by = !*mark ? "" : key == 2 ? "aid" : "year";
	char *donor = xstrndup(v->key, (size_t)(sep - v->key)), dbuf[256], rbuf[256];
	char *title = xasprintf("%s %s %s, aid, %s%s%s%s", view_name(ctx, donor, f->donor_zh, dbuf, sizeof(dbuf)),
				view_arrow(ctx), view_name(ctx, sep + 1, f->recipient_zh, rbuf, sizeof(rbuf)),
				money_unit_name(ctx->unit), *mark ? ", " : "", mark, by);
	free(donor);
	return title;
}

static void funds_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	funds_measure(ctx, v);   /* the rows below use it */
	const struct funds *f = v->priv;
	attr_t a = ctx->attrs[ROLE_HEADER];
	char *title = funds_title(ctx, v);
	bool wide = show_investment(v, width);
	int columns = wide ? 2 * f->amount_cols : 0;
	draw_cell_cut(w, title, width - columns, ctx->utf8, a);
	if (wide) {
		draw_cell(w, "Aid", f->amount_cols, true, a);
		draw_cell(w, "Invest", f->amount_cols, true, a);
	}
	free(title);
}

static void draw_year(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	const struct funds *f = v->priv;
	char money[48];
	int label_w = 6, amount_w = f->amount_cols, inv_w = show_investment(v, width) ? amount_w : 0;
	int bar_w = width - label_w - amount_w - inv_w - 1;
	draw_cell(w, view_cell(v, row, "year"), label_w, false, base | A_BOLD);
	if (bar_w >= 3) {
		long long aid = cell_ll(v, row, "amount_yuan");
		attr_t bar = base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_BAR] : base;
		draw_bar(w, f->bar_max > 0 ? (double)aid / (double)f->bar_max : 0, bar_w, ctx->utf8, bar);
		draw_spaces(w, 1, bar);   /* in the bar's colour: one change of attribute less on the wire */
	} else {
		amount_w = width - label_w - inv_w;
	}
	view_money(ctx, cell_ll(v, row, "amount_yuan"), false, money, sizeof(money));
	draw_cell(w, money, amount_w, true, base | A_BOLD);
	if (inv_w) {
		long long inv = cell_ll(v, row, "investment_yuan");
		draw_cell(w, inv ? view_money(ctx, inv, false, money, sizeof(money)) : "", inv_w, true, base);
	}
}

/* The period of a span or cumulative figure ("2006-2009", "to 2011"); ""
 * for a figure of one year, which stands under its year row, unless a
 * filter may have hidden that row: the year then. Owned. */
static char *fact_period(const struct view *v, size_t row)
{
	const char *year = view_cell(v, row, "year"), *from = view_cell(v, row, "from_year");
	if (!in_tail(v, row) && year && v->list.filter && !cell_is(v, row, "row", "year"))
		return xstrdup(year);
	if (!in_tail(v, row) || !year)
		return xstrdup("");
	if (!from || !*from)
		return xasprintf("to %s", year);
	return strcmp(from, year) == 0 ? xstrdup(year) : xasprintf("%s-%s", from, year);
}

/* What a section heading says: the kind of money and how it stands to the
 * year's aid figure. */
static const char *heading_text(const char *section)
{
	static const struct {
		const char *section, *text;
	} texts[] = {
		{ "investment", "investment: signed, beside the aid" },
		{ "planned", "planned: promised, not given" },
		{ "other", "other money" },
		{ "joint", "joint donations" },
		{ "span", "multi-year figures (no bar)" },
		{ "cumulative", "cumulative figures (no bar)" },
	};
	for (size_t i = 0; section && i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(texts[i].section, section) == 0)
			return texts[i].text;
	return section;
}

/* Columns a heading row is indented by: under its year, or none at the end. */
static int heading_indent(const struct view *v, size_t row)
{
	return in_tail(v, row) ? 0 : 2;
}

static void draw_heading(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	int indent = heading_indent(v, row);
	attr_t a = base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_HEADING] : base;
	char *period = fact_period(v, row);
	char *text = xasprintf("%s%s%s", period, *period ? " " : "", heading_text(view_cell(v, row, "section")));
	draw_spaces(w, indent < width ? indent : width, base);
	draw_cell_cut(w, text, width - indent, ctx->utf8, a);
	free(text);
	free(period);
}

/* Columns a fact is indented by: 2, and 2 more per level under its whole. */
static int fact_indent(const struct view *v, size_t row)
{
	return 2 + 2 * (int)cell_ll(v, row, "depth");
}

/* Whether row is one money statement (drawn by draw_fact). */
static bool is_money_row(const struct view *v, size_t row)
{
	return cell_is(v, row, "row", "fact") || cell_is(v, row, "row", "part");
}

/* Whether row is a part drawn under its whole (the row above it one level
 * up) with the same giver and receiver: its place is then left out, as a
 * printed table leaves out a repeated label (and the bytes it would cost
 * on the wire). Not under a filter, which may hide the whole. */
static bool same_place_as_whole(const struct view *v, size_t row)
{
	long long depth = cell_ll(v, row, "depth");
	if (depth <= 0 || v->list.filter)
		return false;
	for (size_t r = row; r-- > 0;) {
		long long d = cell_ll(v, r, "depth");
		if (d < depth)   /* a money row above, which shows its place */
			return d == depth - 1 && is_money_row(v, r) && is_money_row(v, row) && str_cmp(view_cell(v, r, "donor"), view_cell(v, row, "donor")) == 0 &&
			       str_cmp(view_cell(v, r, "recipient"), view_cell(v, row, "recipient")) == 0;
	}
	return false;
}

/* "Shunyi District → Inner Mongolia" when the giver is not the pair's
 * donor, the recipient alone when it is a place under the pair's, else ""
 * (and for a part with its whole's places). */
static char *fact_place(const struct view_ctx *ctx, const struct view *v, size_t row)
{
	if (same_place_as_whole(v, row))
		return xstrdup("");
	const char *donor = view_cell(v, row, "donor"), *rec = view_cell(v, row, "recipient");
	const char *sep = v->key ? strchr(v->key, '\x1f') : NULL;
	bool donor_differs = sep && donor && strncmp(v->key, donor, (size_t)(sep - v->key)) != 0;
	bool rec_differs = sep && rec && strcmp(sep + 1, rec) != 0;
	if (donor_differs)
		return xasprintf("%s %s %s", donor, view_arrow(ctx), rec ? rec : "");
	return xstrdup(rec_differs ? rec : "");
}

/* Widths of a fact row's cells, the figure first, then the category, the
 * sources and the place in what is left. */
/* The fewest columns a category is cut to, to keep a row's sources. */
#define CATEGORY_MIN 8

struct fact_cols {
	int indent, period, category, place, blank, sources, figure;
};

static struct fact_cols fact_layout(const struct view *v, size_t row, int width, const char *period,
				    const char *figure, const char *sources)
{
	const struct funds *f = v->priv;
	struct fact_cols c = { .indent = fact_indent(v, row) };
	c.period = *period ? text_width(period) + 1 : 0;
	c.figure = text_width(figure) + 1 > f->amount_cols ? text_width(figure) + 1 : f->amount_cols;
	if (c.indent + c.period + c.figure > width)
		c.period = 0;
	if (c.indent + c.figure > width)
		c.figure = width > c.indent ? width - c.indent : 0;
	int rest = width - c.indent - c.period - c.figure;
	c.category = rest >= 24 ? 13 : rest >= 14 ? 11 : rest > 0 ? rest : 0;
	int src_w = *sources ? text_width(sources) + 1 : 0;
	if (src_w && rest - c.category < src_w && rest - src_w >= CATEGORY_MIN)
		c.category = rest - src_w;   /* "2 sources" explains two figures: it stays */
	rest -= c.category;
	c.sources = src_w && rest >= src_w ? src_w : 0;
	c.place = rest - c.sources;
	c.blank = c.place < 6 ? c.place : 0;   /* a place cut to a letter or two says nothing */
	c.place -= c.blank;
	return c;
}

/* Differing figures too wide for cols keep the first and say that more
 * follow ("255,000,000 / \u2026"), never a figure cut in the middle. */
static void fit_figures(char *figure, int cols, bool utf8)
{
	char *sep = strstr(figure, " / ");
	if (!sep || text_width(figure) <= cols)
		return;
	strcpy(sep + 3, utf8 ? "\u2026" : "...");
	if (text_width(figure) > cols)
		*sep = '\0';
}

/* fact_layout with how many statements make the row: "2 sources", or
 * "\u00d72" when that does not fit (*src, owned: "" for one statement). */
static struct fact_cols layout_with_sources(struct view_ctx *ctx, const struct view *v, size_t row, int width,
					    const char *period, const char *figure, char **src)
{
	long n = (long)cell_ll(v, row, "sources");
	*src = n > 1 ? xasprintf("%ld sources", n) : xstrdup("");
	struct fact_cols c = fact_layout(v, row, width, period, figure, *src);
	if (n > 1 && !c.sources) {
		free(*src);
		*src = xasprintf("%s%ld", ctx->utf8 ? "\u00d7" : "x", n);
		c = fact_layout(v, row, width, period, figure, *src);
	}
	return c;
}

static void draw_fact(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char *period = fact_period(v, row), *figure = fact_figure(ctx, v, row), *place = fact_place(ctx, v, row);
	fit_figures(figure, width - fact_indent(v, row) - 1, ctx->utf8);
	char *src;
	struct fact_cols c = layout_with_sources(ctx, v, row, width, period, figure, &src);
	attr_t dim = base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_DIM] : 0;
	/* an aid figure the year's total leaves out (a part inside its whole)
	 * is dimmed, the whole row: each change of attribute within a row
	 * costs some 8 bytes on the wire */
	if (cell_is(v, row, "section", "aid") && cell_ll(v, row, "counted") == 0)
		base |= dim;
	draw_spaces(w, c.indent < width ? c.indent : width, base);
	draw_cell(w, period, c.period, false, base);
	draw_cell_cut(w, view_cell(v, row, "label"), c.category, ctx->utf8, base);
	draw_cell_cut(w, place, c.place, ctx->utf8, base);
	draw_spaces(w, c.blank, base);
	draw_cell(w, src, c.sources, true, base);
	draw_cell(w, figure, c.figure, true, base);
	free(period);
	free(figure);
	free(place);
	free(src);
}

/* The year's counts in one line, as the query wrote it; in the row's own
 * colours, so that moving onto it repaints only the selected columns. */
static void draw_counts(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char *period = fact_period(v, row);
	char *text = xasprintf("%s%s%s", period, *period ? " " : "", view_cell(v, row, "counts") ? view_cell(v, row, "counts") : "");
	char *shown = view_ascii(ctx, text);   /* the dots between the counts */
	draw_spaces(w, width < 2 ? width : 2, base);
	draw_cell_cut(w, shown, width - 2, ctx->utf8, base);
	free(shown);
	free(text);
	free(period);
}

/* One count: its period in the tail, the count and its unit, its kind, the
 * places when they are not the pair's, and how many statements make it. */
static void draw_count(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char *period = fact_period(v, row), *place = fact_place(ctx, v, row);
	const char *kind = view_cell(v, row, "kind");
	char *src;
	struct fact_cols c = layout_with_sources(ctx, v, row, width, period, kind ? kind : "", &src);
	int label = c.category + c.place + c.blank;
	int label_w = text_width(view_cell(v, row, "counts")) + 1;
	if (label_w < label) {
		c.place = label - label_w;
		label = label_w;
	} else {
		c.place = 0;
	}
	draw_spaces(w, c.indent < width ? c.indent : width, base);
	draw_cell(w, period, c.period, false, base);
	draw_cell_cut(w, view_cell(v, row, "counts"), label, ctx->utf8, base);
	draw_cell_cut(w, place, c.place, ctx->utf8, base);   /* one attribute a row, as draw_fact */
	draw_cell(w, src, c.sources, true, base);
	draw_cell(w, kind ? kind : "", c.figure, true, base);
	free(period);
	free(place);
	free(src);
}

static void funds_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	if (cell_is(v, row, "row", "year"))
		draw_year(ctx, v, w, row, width, base);
	else if (cell_is(v, row, "row", "heading"))
		draw_heading(ctx, v, w, row, width, base);
	else if (cell_is(v, row, "row", "indicators"))
		draw_counts(ctx, v, w, row, width, base);
	else if (cell_is(v, row, "row", "indicator"))
		draw_count(ctx, v, w, row, width, base);
	else
		draw_fact(ctx, v, w, row, width, base);
}

/* The year, the heading or the category: never the bar, whose block
 * characters take three bytes each to send. */
static int funds_select_cols(const struct view *v, size_t row, int width)
{
	int cols = cell_is(v, row, "row", "year") ? 6
		 : cell_is(v, row, "row", "indicators") ? 2 + 9
		 : cell_is(v, row, "row", "indicator") ? fact_indent(v, row) + 9
		 : cell_is(v, row, "row", "heading") ? heading_indent(v, row) + text_width(heading_text(view_cell(v, row, "section")))
		 : fact_indent(v, row) + 13;
	return width < cols ? width : cols;
}

/* The sorts keep the structure: a year stays with its flows and headings,
 * and the span and cumulative figures stay at the end. */
static const char *const funds_sorts[] = { "year", "newest first", "largest aid first", NULL };
static const bool funds_sorts_fall[] = { false, true, true };

/* The aid of the year row a row stands under (rows follow their year row);
 * 0 for a year with counts only, which has none. */
static long long year_aid(const struct view *v, size_t row)
{
	long long year = cell_ll(v, row, "year");
	while (row > 0 && !cell_is(v, row, "row", "year") && cell_ll(v, row - 1, "year") == year)
		row--;
	return cell_is(v, row, "row", "year") ? cell_ll(v, row, "amount_yuan") : 0;
}

/* Reversed, the years turn round; each year's rows stay in their order. */
static int funds_compare(void *ctx, size_t a, size_t b)
{
	struct view *v = ctx;
	if (v->list.sort_key == 0 && !v->list.sort_reverse)
		return 0;   /* the query's order */
	bool ta = in_tail(v, a), tb = in_tail(v, b);
	if (ta || tb)
		return ta - tb;   /* the tail keeps its own order, after the years */
	long long ya = cell_ll(v, a, "year"), yb = cell_ll(v, b, "year");
	if (ya == yb)
		return 0;
	int d = (v->list.sort_key == 1 ? ya > yb : ya < yb) ? -1 : 1;
	if (v->list.sort_key == 2) {
		long long aa = year_aid(v, a), ab = year_aid(v, b);
		if (aa != ab)
			d = aa > ab ? -1 : 1;
	}
	return v->list.sort_reverse ? -d : d;
}

/* A row is found by its year and period, section, category and places.
 * Made for every row as the pane loads (a pair may have thousands), so
 * without printf: it was a quarter of the first screen at 1,000 reports. */
static char *funds_hay(struct view *v, size_t row)
{
	static const char *const cols[] = { "year", "from_year", "section", "label", "donor", "recipient", "counts" };
	struct strbuf sb = {0};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		const char *cell = view_cell(v, row, cols[i]);
		if (cell) {
			strbuf_puts(&sb, cell);
			strbuf_puts(&sb, " ");
		}
	}
	char *raw = strbuf_steal(&sb);
	char *folded = list_fold(raw ? raw : "");
	free(raw);
	return folded;
}

/* "Shanghai → Yunnan 2012 government: 255,000,000 / 257,000,000 yuan", or
 * "Beijing → Inner Mongolia 2012 cadres: 44 cadres". Owned. */
static char *fact_what(struct view_ctx *ctx, const struct view *v, size_t row)
{
	if (cell_is(v, row, "row", "indicator")) {
		const char *donor = view_cell(v, row, "donor"), *rec = view_cell(v, row, "recipient");
		const char *year = view_cell(v, row, "year"), *kind = view_cell(v, row, "kind");
		return xasprintf("%s \u2192 %s %s %s: %s", donor ? donor : "", rec ? rec : "", year ? year : "",
				 kind ? kind : "", view_cell(v, row, "counts") ? view_cell(v, row, "counts") : "");
	}
	char *figure = fact_figure(ctx, v, row), *period = fact_period(v, row);
	const char *donor = view_cell(v, row, "donor"), *rec = view_cell(v, row, "recipient");
	char *what = xasprintf("%s \u2192 %s %s %s: %s %s", donor ? donor : "", rec ? rec : "",
			       *period ? period : view_cell(v, row, "year") ? view_cell(v, row, "year") : "",
			       view_cell(v, row, "label") ? view_cell(v, row, "label") : "", figure,
			       money_unit_name(ctx->unit));
	free(figure);
	free(period);
	return what;
}

/* Enter: a fact stated once opens its source; a flow stated several times
 * lists its statements to pick from; a year or heading row has none. */
static enum result funds_enter(struct view_ctx *ctx, struct view *v)
{
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE)
		return R_HANDLED;
	if (cell_is(v, row, "row", "year") || cell_is(v, row, "row", "heading") ||
	    cell_is(v, row, "row", "indicators")) {
		view_message(ctx, false, "Enter on a figure below opens its source");
		return R_REDRAW;
	}
	if (cell_ll(v, row, "sources") <= 1)
		return view_enter_source(ctx, v);
	char *what = fact_what(ctx, v, row);
	struct view *sv = view_sources_new(ctx, view_cell(v, row, "all_sources"), view_cell(v, row, "quote"), what);
	free(what);
	if (!sv)
		return view_enter_source(ctx, v);
	view_message(ctx, false, "%zu statements of this %s: Enter opens one", sv->rows->nrows,
		    cell_is(v, row, "row", "indicator") ? "count" : "money");
	return view_push(ctx, sv);
}

/* The investment column, and so its legend, is shown by wide panes only. */
static bool funds_legend_shown(const struct view *v, const struct legend_entry *e, int width)
{
	return strcmp(e->mark, "Invest") != 0 || show_investment(v, width);
}

static void funds_init(struct view_ctx *ctx, struct view *v)
{
	(void)ctx;
	struct funds *f = xcalloc(1, sizeof(*f));
	f->measured_gen = (unsigned long)-1;
	v->priv = f;
}

static void funds_free(struct view *v)
{
	struct funds *f = v->priv;
	if (f) {
		free(f->names_of);
		free(f->donor_zh);
		free(f->recipient_zh);
	}
	free(f);
}

const struct view_ops funds_ops = {
	.name = "funds",
	.hint = "Enter source  Left back  u unit  s sort  e export  y copy  ? help",
	.init = funds_init,
	.free = funds_free,
	.load = funds_load,
	.header = funds_header,
	.draw_row = funds_draw_row,
	.select_cols = funds_select_cols,
	.compare = funds_compare,
	.sorts = funds_sorts,
	.sorts_fall = funds_sorts_fall,
	.hay = funds_hay,
	.enter = funds_enter,
	.source = view_row_source,
	.legend = funds_legend,
	.legend_shown = funds_legend_shown,
};
