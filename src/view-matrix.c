#include "config.h"

/* The comparison matrix (m): one row per donor or per recipient (b), one
 * column per year, the row's total and a trend glyph, drawn from
 * query_matrix's rows as they are (the CLI twin is `pairoff matrix`); the
 * figures are the query's, the view only formats them in the unit chosen.
 * v switches the measure (aid, investment, each count), < and > move the
 * column cursor (the years scroll sideways, the names and totals stay),
 * s sorts by the cursor's column. Enter on a cell opens the funds pane of
 * its pair and year, or first the list of the pairs that make it. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

#define TREND_MAX 12      /* glyphs of the trend: the last years when more */
#define CELL_GAP 2        /* blanks before a right-aligned figure */

struct matrix_view {
	enum matrix_side by;      /* b toggles */
	size_t measure;           /* index of query_matrix_measure (v cycles) */
	size_t col;               /* the cursor's column of the rows: 0 the name,
	                           * 1..nyears a year, nyears + 1 the total */
	size_t first;             /* the first year shown (index among the years) */
	char sort_col[24];        /* header of the column sorted by, "" for none */
	bool sort_desc;
	int name_w, trend_w, cell_w, total_w; /* set per draw by the header */
	size_t shown;             /* year columns that fit, set per draw */
};

static const struct legend_entry matrix_legend[] = {
	{ "Cells", "the measure that year, over the other side",
	  "in the matrix (m), each cell is the measure (v: aid, investment or a count) of the row's "
	  "donor or recipient that year, added over its pairs: the figures of pairoff totals, or per "
	  "pair and year the largest count of the kind (pairoff matrix prints the same)" },
	{ "Trend", "a glyph per year, the row's largest full",
	  "in the matrix, the row's years as glyphs (the last twelve), the row's largest year full "
	  "height, a blank where the year has no figure" },
	{ NULL, NULL, NULL },
};

static struct matrix_view *mv(const struct view *v)
{
	return v->priv;
}

static size_t nyears(const struct view *v)
{
	return v->rows->ncols >= 2 ? v->rows->ncols - 2 : 0;
}

static bool money_measure(const struct matrix_view *m)
{
	return m->measure < 2;   /* aid, investment; then the counts */
}

static struct matrix_request matrix_request_of(const struct matrix_view *m)
{
	return (struct matrix_request){ .by = m->by, .measure = query_matrix_measure(m->measure) };
}

static const char *side_name(enum matrix_side by)
{
	return by == MATRIX_BY_RECIPIENT ? "recipient" : "donor";
}

/* "aid by donor": the view's key, shown in the title line. Owned. */
static char *matrix_key(const struct matrix_view *m)
{
	return xasprintf("%s by %s", query_matrix_measure(m->measure), side_name(m->by));
}

static enum status matrix_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)key;   /* made from the state: matrix_key */
	struct matrix_request rq = matrix_request_of(mv(v));
	return query_matrix(ctx->store, &rq, out);
}

/* A figure as shown: money in the unit chosen, a count with separators. */
static const char *figure(struct view_ctx *ctx, const struct view *v, const char *cell, char *buf, size_t size)
{
	if (!cell)
		return NULL;
	long long n = strtoll(cell, NULL, 10);
	if (money_measure(mv(v)))
		return view_money(ctx, n, false, buf, size);
	return money_format((int64_t)n, UNIT_YUAN, buf, size);
}

/* --- layout ---------------------------------------------------------------- */

static int widest_figure(struct view_ctx *ctx, const struct view *v, size_t from_col, size_t to_col, int least)
{
	char buf[48];
	int w = least;
	for (size_t r = 0; r < v->rows->nrows; r++)
		for (size_t c = from_col; c < to_col; c++) {
			const char *s = figure(ctx, v, qtable_get(v->rows, r, c), buf, sizeof(buf));
			if (s && text_width(s) > w)
				w = text_width(s);
		}
	return w;
}

static int widest_name(const struct view *v)
{
	int w = 0;
	for (size_t r = 0; r < v->rows->nrows; r++)
		if (text_width(qtable_get(v->rows, r, 0)) > w)
			w = text_width(qtable_get(v->rows, r, 0));
	return w;
}

/* Keeps the cursor's year among the years shown. */
static void scroll_to_cursor(struct matrix_view *m, size_t ny)
{
	if (m->col >= 1 && m->col <= ny) {
		size_t y = m->col - 1;
		if (y < m->first)
			m->first = y;
		if (y >= m->first + m->shown)
			m->first = y + 1 - m->shown;
	}
	if (m->first + m->shown > ny)
		m->first = ny > m->shown ? ny - m->shown : 0;
}

/* Widths for this draw: the names at most a quarter of the width, each
 * year as wide as the widest figure, the total likewise; the trend only
 * when a year column still fits beside it. */
static void matrix_layout(struct view_ctx *ctx, struct view *v, int width)
{
	struct matrix_view *m = mv(v);
	size_t ny = nyears(v);
	int name = widest_name(v) + 1, cap = width / 4 > 10 ? width / 4 : 10;
	m->name_w = name < 10 ? 10 : name > cap ? cap : name;
	m->cell_w = widest_figure(ctx, v, 1, 1 + ny, 5) + CELL_GAP;
	m->total_w = widest_figure(ctx, v, 1 + ny, 2 + ny, 5) + CELL_GAP;
	int glyphs = ny > TREND_MAX ? TREND_MAX : (int)ny;
	m->trend_w = ny > 1 ? (glyphs < 5 ? 5 : glyphs) + 1 : 0;   /* room for its header */
	int room = width - m->name_w - m->total_w - m->trend_w;
	if (room < m->cell_w) {   /* a narrow screen keeps a year: the trend goes, then the total */
		room += m->trend_w;
		m->trend_w = 0;
	}
	if (room < m->cell_w) {
		room += m->total_w;
		m->total_w = 0;
	}
	if (room < m->cell_w && ny > 0) {   /* the one year shown, cut */
		m->cell_w = room > 3 ? room : 3;
		if (m->name_w + m->cell_w > width)
			m->name_w = width - m->cell_w > 1 ? width - m->cell_w : 1;
	}
	size_t fit = room > 0 ? (size_t)(room / m->cell_w) : 0;
	m->shown = fit > ny ? ny : fit == 0 && ny > 0 ? 1 : fit;
	scroll_to_cursor(m, ny);
}

/* --- drawing ----------------------------------------------------------------- */

/* The mark of the column sorted by, before its header ("" when none). */
static const char *sort_mark(struct view_ctx *ctx, const struct matrix_view *m, const char *header)
{
	if (!m->sort_col[0] || strcmp(m->sort_col, header) != 0)
		return "";
	if (ctx->utf8)
		return m->sort_desc ? "\u25bc" : "\u25b2";
	return m->sort_desc ? "v" : "^";
}

static void header_cell(struct view_ctx *ctx, const struct matrix_view *m, WINDOW *w, const char *label,
			const char *header, int width, bool right, bool cursor)
{
	char *text = xasprintf("%s%s", sort_mark(ctx, m, header), label);
	attr_t a = ctx->attrs[ROLE_HEADER] | (cursor ? A_UNDERLINE : 0);
	if (right) {
		int tw = text_width(text) < width ? text_width(text) : width;
		draw_spaces(w, width - tw, ctx->attrs[ROLE_HEADER]);
		draw_cell_cut(w, text, tw, ctx->utf8, a);
	} else {
		draw_cell_cut(w, text, width - 1, ctx->utf8, a);
		draw_spaces(w, 1, ctx->attrs[ROLE_HEADER]);
	}
	free(text);
}

/* Draws a 1-column mark that more years lie on one side, or a blank. */
static void more_mark(struct view_ctx *ctx, WINDOW *w, bool more, const char *utf8, const char *ascii)
{
	draw_text(w, more ? (ctx->utf8 ? utf8 : ascii) : " ", 1, ctx->attrs[ROLE_HEADER], false, 0);
}

/* The year columns shown, then the blank up to the total. */
static int year_area(const struct view *v, int width)
{
	const struct matrix_view *m = mv(v);
	return width - m->name_w - m->trend_w - m->total_w;
}

static void matrix_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	matrix_layout(ctx, v, width);
	struct matrix_view *m = mv(v);
	size_t ny = nyears(v);
	attr_t a = ctx->attrs[ROLE_HEADER];
	if (v->rows->ncols < 2) {
		draw_cell(w, "Matrix", width, false, a);
		return;
	}
	const char *side = m->by == MATRIX_BY_RECIPIENT ? "Recipient" : "Donor";
	header_cell(ctx, m, w, side, v->rows->headers[0], m->name_w, false, m->col == 0);
	if (m->trend_w)
		draw_cell(w, "Trend", m->trend_w, false, a);
	int left = year_area(v, width);
	for (size_t y = m->first; y < m->first + m->shown; y++) {
		const char *h = v->rows->headers[1 + y];
		if (y == m->first) {
			more_mark(ctx, w, m->first > 0, "\u2039", "<");
			header_cell(ctx, m, w, h, h, m->cell_w - 1, true, m->col == 1 + y);
		} else {
			header_cell(ctx, m, w, h, h, m->cell_w, true, m->col == 1 + y);
		}
		left -= m->cell_w;
	}
	draw_spaces(w, left, a);
	if (m->total_w) {
		more_mark(ctx, w, m->first + m->shown < ny, "\u203a", ">");
		header_cell(ctx, m, w, "Total", "total", m->total_w - 1, true, m->col == ny + 1);
	}
}

/* The row's years as glyphs, the largest full height: eighth blocks, or
 * ASCII of rising weight; a blank for a year without a figure. */
static void draw_trend(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, attr_t attr)
{
	static const wchar_t blocks[] = L"\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
	static const char ascii[] = "._-=+*#@";
	const struct matrix_view *m = mv(v);
	size_t ny = nyears(v), glyphs = ny > TREND_MAX ? TREND_MAX : ny, from = ny - glyphs;
	double max = 0;
	for (size_t y = from; y < ny; y++) {
		const char *c = qtable_get(v->rows, row, 1 + y);
		if (c && strtod(c, NULL) > max)
			max = strtod(c, NULL);
	}
	draw_spaces(w, m->trend_w - 1 - (int)glyphs, attr);
	wattrset(w, attr);
	for (size_t y = from; y < ny; y++) {
		const char *c = qtable_get(v->rows, row, 1 + y);
		double f = c && max > 0 ? strtod(c, NULL) / max : 0;
		int level = f <= 0 ? 0 : (int)(f * 8 + 0.999);
		level = level < 1 ? 1 : level > 8 ? 8 : level;
		if (!c)
			waddch(w, ' ');
		else if (ctx->utf8)
			waddnwstr(w, &blocks[level - 1], 1);
		else
			waddch(w, (chtype)(unsigned char)ascii[level - 1]);
	}
	draw_spaces(w, 1, attr);
}

/* A figure right-aligned in width columns; the cursor's cell reversed. */
static void draw_figure(struct view_ctx *ctx, struct view *v, WINDOW *w, const char *cell, int width, attr_t base,
			bool cursor)
{
	char buf[48];
	const char *s = figure(ctx, v, cell, buf, sizeof(buf));
	attr_t a = cursor ? ctx->attrs[ROLE_SELECT] : s ? base : base | ctx->attrs[ROLE_DIM];
	const char *text = s ? s : "-";   /* no figure that year: never a 0 */
	int tw = text_width(text) < width ? text_width(text) : width;
	draw_spaces(w, width - tw, base);
	draw_text(w, text, tw, a, false, 0);
}

static void matrix_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	const struct matrix_view *m = mv(v);
	size_t ny = nyears(v);
	bool selected = list_selected(&v->list) == row;
	if (v->rows->ncols < 2)
		return;
	draw_cell_cut(w, qtable_get(v->rows, row, 0), m->name_w - 1, ctx->utf8, base);
	draw_spaces(w, 1, base);
	if (m->trend_w)
		draw_trend(ctx, v, w, row, base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_BAR] : base);
	int left = year_area(v, width);
	for (size_t y = m->first; y < m->first + m->shown; y++) {
		draw_figure(ctx, v, w, qtable_get(v->rows, row, 1 + y), m->cell_w, base, selected && m->col == 1 + y);
		left -= m->cell_w;
	}
	draw_spaces(w, left, base);
	draw_figure(ctx, v, w, qtable_get(v->rows, row, 1 + ny), m->total_w, base | A_BOLD,
		    selected && m->col == ny + 1);
}

/* The selection covers the row's name, the cursor its cell. */
static int matrix_select_cols(const struct view *v, size_t row, int width)
{
	(void)row;
	int n = mv(v)->name_w - 1;
	return n < width ? n : width;
}

/* --- keys ------------------------------------------------------------------- */

static int matrix_compare(void *ctx, size_t a, size_t b)
{
	struct view *v = ctx;
	const struct matrix_view *m = mv(v);
	int c = m->sort_col[0] ? qtable_col(v->rows, m->sort_col) : -1;
	if (c < 0)
		return 0;   /* the query's order: by name */
	const char *x = qtable_get(v->rows, a, (size_t)c), *y = qtable_get(v->rows, b, (size_t)c);
	if (!x || !y)
		return (x == NULL) - (y == NULL);   /* years without a figure last, either way */
	int d;
	if (c == 0) {
		d = strcmp(x, y);
	} else {
		long long p = strtoll(x, NULL, 10), q = strtoll(y, NULL, 10);
		d = (p > q) - (p < q);
	}
	return m->sort_desc ? -d : d;
}

static char *matrix_hay(struct view *v, size_t row)
{
	return list_fold(qtable_get(v->rows, row, 0));
}

static enum result move_col(struct view *v, int dir)
{
	struct matrix_view *m = mv(v);
	size_t last = nyears(v) + 1;
	if (dir < 0 && m->col > 0)
		m->col--;
	else if (dir > 0 && m->col < last)
		m->col++;
	return R_REDRAW;
}

/* s: by the cursor's column, largest first (names from A); s again on the
 * same column turns the order round. */
static enum result sort_col(struct view_ctx *ctx, struct view *v)
{
	struct matrix_view *m = mv(v);
	if (m->col >= v->rows->ncols)
		return R_HANDLED;
	const char *h = v->rows->headers[m->col];
	if (strcmp(m->sort_col, h) == 0) {
		m->sort_desc = !m->sort_desc;
	} else {
		snprintf(m->sort_col, sizeof(m->sort_col), "%s", h);
		m->sort_desc = m->col != 0;
	}
	view_message(ctx, false, "sorted by %s, %s first", h,
		    m->col == 0 ? (m->sort_desc ? "Z" : "A") : (m->sort_desc ? "largest" : "smallest"));
	return R_RELOAD | R_REDRAW;
}

/* I: the sort the other way round; unsorted, the names from Z. */
static enum result sort_reverse(struct view_ctx *ctx, struct view *v)
{
	struct matrix_view *m = mv(v);
	if (!v->rows->ncols)
		return R_HANDLED;
	if (m->sort_col[0]) {
		m->sort_desc = !m->sort_desc;
	} else {   /* the query's order is by name, from A */
		snprintf(m->sort_col, sizeof(m->sort_col), "%s", v->rows->headers[0]);
		m->sort_desc = true;
	}
	view_message(ctx, false, "sorted by %s, %s first", m->sort_col, m->sort_desc ? "largest (or Z)" : "smallest (or A)");
	return R_RELOAD | R_REDRAW;
}

/* Loads the matrix for the current measure and side, keeping the row
 * and the column the cursor was on where they still exist. */
static void matrix_reload(struct view_ctx *ctx, struct view *v)
{
	struct matrix_view *m = mv(v);
	size_t row = list_selected(&v->list), ny = nyears(v);
	char *name = row != LIST_NONE ? xstrdup(qtable_get(v->rows, row, 0)) : NULL;
	char *col = m->col >= 1 && m->col <= ny + 1 ? xstrdup(v->rows->headers[m->col]) : NULL;
	char *key = matrix_key(m);
	view_load(ctx, v, key);
	free(key);
	int c = col ? qtable_col(v->rows, col) : -1;
	m->col = c > 0 ? (size_t)c : m->col > nyears(v) + 1 ? nyears(v) + 1 : m->col;
	for (size_t r = 0; name && r < v->rows->nrows; r++)
		if (strcmp(qtable_get(v->rows, r, 0), name) == 0)
			list_select_row(&v->list, r);
	free(name);
	free(col);
}

static enum result switch_measure(struct view_ctx *ctx, struct view *v)
{
	struct matrix_view *m = mv(v);
	m->measure = query_matrix_measure(m->measure + 1) ? m->measure + 1 : 0;
	matrix_reload(ctx, v);
	view_message(ctx, false, "%s by %s%s", query_matrix_measure(m->measure), side_name(m->by),
		    v->rows->nrows ? "" : ": no figures");
	return R_REDRAW;
}

static enum result switch_side(struct view_ctx *ctx, struct view *v)
{
	struct matrix_view *m = mv(v);
	m->by = m->by == MATRIX_BY_DONOR ? MATRIX_BY_RECIPIENT : MATRIX_BY_DONOR;
	matrix_reload(ctx, v);
	view_message(ctx, false, "one row per %s", side_name(m->by));
	return R_REDRAW;
}

static enum result matrix_action(struct view_ctx *ctx, struct view *v, enum action a)
{
	switch (a) {
	case ACT_COLUMN_LEFT: return move_col(v, -1);
	case ACT_COLUMN_RIGHT: return move_col(v, 1);
	case ACT_SORT: return sort_col(ctx, v);
	case ACT_SORT_REVERSE: return sort_reverse(ctx, v);
	case ACT_MEASURE: return switch_measure(ctx, v);
	case ACT_MATRIX_SIDE: return switch_side(ctx, v);
	default: return R_UNHANDLED;
	}
}

/* --- Enter: the pairs of a cell, then a pair's funds ---------------------------- */

/* Selects the row of year in a funds pane: its year row, else its first. */
static void funds_select_year(struct view *fv, int year)
{
	size_t first = LIST_NONE;
	for (size_t i = 0; year && i < fv->rows->nrows; i++) {
		if (view_cell_long(fv, i, "year") != year)
			continue;
		const char *kind = view_cell(fv, i, "row");
		if (kind && strcmp(kind, "year") == 0 && list_select_row(&fv->list, i))
			return;
		if (first == LIST_NONE)
			first = i;
	}
	if (first != LIST_NONE)
		list_select_row(&fv->list, first);
}

/* Opens the funds pane of donor -> recipient over the matrix, at year (0:
 * its first row); Left comes back. */
static enum result open_funds(struct view_ctx *ctx, const char *donor, const char *recipient, int year)
{
	struct view *fv = view_new(&funds_ops);
	if (funds_ops.init)
		funds_ops.init(ctx, fv);
	char *key = xasprintf("%s\x1f%s", donor, recipient);
	view_load(ctx, fv, key);
	free(key);
	funds_select_year(fv, year);
	view_message(ctx, false, "%s \u2192 %s: Left goes back", donor, recipient);
	return view_push(ctx, fv);
}

static enum result open_pair(struct view_ctx *ctx, const struct view *v, size_t row, int year)
{
	const char *donor = view_cell(v, row, "pane_donor"), *recipient = view_cell(v, row, "recipient");
	if (!donor || !recipient)
		return R_HANDLED;
	char *d = xstrdup(donor), *r = xstrdup(recipient);   /* v may be freed under them */
	enum result res = open_funds(ctx, d, r, year);
	free(d);
	free(r);
	return res;
}

/* The pick list of a cell made of several pairs. */
struct matrix_cell {
	struct matrix_request rq;
	char *name;               /* owned: the row's donor or recipient */
	int year;                 /* 0: every year (the row's total) */
	bool money;
};

static enum status cell_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)key;
	const struct matrix_cell *c = v->priv;
	return query_matrix_cell(ctx->store, &c->rq, c->name, c->year, out);
}

static void cell_free(struct view *v)
{
	struct matrix_cell *c = v->priv;
	if (c)
		free(c->name);
	free(c);
}

static void cell_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	char *title = xasprintf("%zu figures make %s (Enter opens the pair's funds)", v->rows->nrows,
				v->key ? v->key : "the cell");
	draw_cell_cut(w, title, width, ctx->utf8, ctx->attrs[ROLE_HEADER]);
	free(title);
}

static void cell_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	const struct matrix_cell *c = v->priv;
	char buf[48];
	const char *d = view_cell(v, row, "donor"), *r = view_cell(v, row, "recipient");
	char *pair = xasprintf("%s %s %s", d ? d : "", ctx->utf8 ? "\u2192" : "->", r ? r : "");
	long long n = strtoll(view_cell(v, row, "value") ? view_cell(v, row, "value") : "0", NULL, 10);
	const char *fig = c->money ? view_money(ctx, n, false, buf, sizeof(buf)) : money_format(n, UNIT_YUAN, buf, sizeof(buf));
	int fig_w = text_width(fig) + CELL_GAP, year_w = 6;
	int pair_w = width - fig_w - year_w > 0 ? width - fig_w - year_w : 0;
	draw_cell_cut(w, pair, pair_w, ctx->utf8, base);
	draw_cell(w, view_cell(v, row, "year"), year_w, true, base);
	draw_cell(w, fig, width - pair_w - year_w, true, base | A_BOLD);
	free(pair);
}

static enum result cell_enter(struct view_ctx *ctx, struct view *v)
{
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE)
		return R_HANDLED;
	return open_pair(ctx, v, row, (int)view_cell_long(v, row, "year"));
}

static const struct view_ops matrix_cell_ops = {
	.name = "matrix-cell",
	.hint = "Enter the pair's funds  Left back  u unit  ? help",
	.load = cell_load,
	.free = cell_free,
	.header = cell_header,
	.draw_row = cell_draw_row,
	.enter = cell_enter,
	.no_cache = true,
};

/* "Dalian City, 2012, aid" (year "every year" for a total). Owned. */
static char *cell_what(const struct matrix_cell *c)
{
	char year[16];
	snprintf(year, sizeof(year), "%d", c->year);
	return xasprintf("%s, %s, %s", c->name, c->year ? year : "every year", c->rq.measure);
}

static enum result open_cell(struct view_ctx *ctx, struct view *v, const char *name, int year)
{
	struct matrix_cell *c = xcalloc(1, sizeof(*c));
	*c = (struct matrix_cell){ .rq = matrix_request_of(mv(v)), .name = xstrdup(name), .year = year,
				   .money = money_measure(mv(v)) };
	struct view *cv = view_new(&matrix_cell_ops);
	cv->priv = c;
	char *what = cell_what(c);
	view_load(ctx, cv, what);
	free(what);
	if (cv->load_status != ST_OK || cv->rows->nrows == 0) {
		view_message(ctx, true, "%s", cv->load_status != ST_OK ? status_detail(cv->load_status) : "no figure here");
		view_free(cv);
		return R_REDRAW;
	}
	if (cv->rows->nrows == 1) {   /* one pair: straight to its funds */
		enum result r = open_pair(ctx, cv, 0, (int)view_cell_long(cv, 0, "year"));
		view_free(cv);
		return r;
	}
	view_message(ctx, false, "%zu pairs' figures make this cell: Enter opens one's funds", cv->rows->nrows);
	return view_push(ctx, cv);
}

static enum result matrix_enter(struct view_ctx *ctx, struct view *v)
{
	const struct matrix_view *m = mv(v);
	size_t row = list_selected(&v->list), ny = nyears(v);
	if (row == LIST_NONE)
		return R_HANDLED;
	const char *name = qtable_get(v->rows, row, 0);
	int year = m->col >= 1 && m->col <= ny ? atoi(v->rows->headers[m->col]) : 0;
	if (year && !qtable_get(v->rows, row, m->col)) {
		view_message(ctx, false, "%s has no %s figure in %d", name, query_matrix_measure(m->measure), year);
		return R_REDRAW;
	}
	return open_cell(ctx, v, name, year);
}

/* --- the view ------------------------------------------------------------------- */

static void matrix_free(struct view *v)
{
	free(v->priv);
}

const struct view_ops matrix_ops = {
	.name = "matrix",
	.hint = "</> column  s sort  v measure  b side  Enter funds  u unit  q back",
	.load = matrix_load,
	.free = matrix_free,
	.header = matrix_header,
	.draw_row = matrix_draw_row,
	.select_cols = matrix_select_cols,
	.compare = matrix_compare,
	.hay = matrix_hay,
	.enter = matrix_enter,
	.action = matrix_action,
	.legend = matrix_legend,
};

struct view *view_matrix_new(struct view_ctx *ctx)
{
	struct view *v = view_new(&matrix_ops);
	struct matrix_view *m = xcalloc(1, sizeof(*m));
	m->by = MATRIX_BY_DONOR;
	v->priv = m;
	char *key = matrix_key(m);
	view_load(ctx, v, key);
	free(key);
	m->col = nyears(v);   /* the latest year: the years shown end there */
	if (v->load_status != ST_OK)
		view_message(ctx, true, "%s", status_detail(v->load_status));
	return v;
}
