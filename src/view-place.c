#include "config.h"

/* A place's own screen, the browser twin of `pairoff show` (its rows are
 * query_pane_place's, which `pairoff pane place` prints): its pairings
 * both ways, its money and counts by year, the anomalies that name it and
 * the paragraphs that mention it, each under a heading. Enter drills on:
 * a pairing to the partners pane at that pair, a figure to its statements,
 * an anomaly or a mention to its line of report text. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

#define YEARS_WIDTH 10
#define SOURCE_WIDTH 30   /* "shanghai-yunnan-2009:123" beside a row on a wide screen */
#define WIDE 100

enum place_section { PS_PAIRINGS, PS_MONEY, PS_COUNTS, PS_ANOMALIES, PS_MENTIONS, PS_COUNT };

static const char *const section_keys[PS_COUNT] = {
	[PS_PAIRINGS] = "pairings", [PS_MONEY] = "money", [PS_COUNTS] = "counts",
	[PS_ANOMALIES] = "anomalies", [PS_MENTIONS] = "mentions",
};

struct place_view {
	char *label;        /* owned: "Wushan County (Chongqing)", NULL until loaded */
	char *about;        /* owned: "county in Chongqing, west side" */
	char *name_zh;      /* owned: its short Chinese name, NULL for none */
	char *province;     /* owned: the place's provincial-level region, NULL if unknown */
	char heading[PS_COUNT][96]; /* each section's heading, with its count */
	int aid_cols, investment_cols; /* widest figures in the current unit, set per draw */
};

static const struct legend_entry place_legend[] = {
	{ "Aid", "aid given or received that year",
	  "the place's money by year: the pairs' aid by the one rule (the figures of pairoff totals)" },
	{ "Invest", "investment and trade, not aid",
	  "signed investment and trade of the same pairs and years, beside the aid and never in it" },
	{ NULL, NULL, NULL },
};

static struct place_view *pv(const struct view *v)
{
	return v->priv;
}

static bool row_is(const struct view *v, size_t row, const char *kind)
{
	const char *k = view_cell(v, row, "row");
	return k && strcmp(k, kind) == 0;
}

static int section_of(const struct view *v, size_t row)
{
	const char *s = view_cell(v, row, "section");
	for (int i = 0; s && i < PS_COUNT; i++)
		if (strcmp(s, section_keys[i]) == 0)
			return i;
	return PS_MENTIONS;
}

/* --- loading --------------------------------------------------------------- */

static void make_headings(struct place_view *p, const size_t count[PS_COUNT])
{
	snprintf(p->heading[PS_PAIRINGS], sizeof(p->heading[0]), "Pairings (%zu), both ways", count[PS_PAIRINGS]);
	snprintf(p->heading[PS_MONEY], sizeof(p->heading[0]), "Money by year: aid, investment, pair");
	snprintf(p->heading[PS_COUNTS], sizeof(p->heading[0]), "What was done, by year");
	snprintf(p->heading[PS_ANOMALIES], sizeof(p->heading[0]), "Anomalies that name it (%zu)", count[PS_ANOMALIES]);
	snprintf(p->heading[PS_MENTIONS], sizeof(p->heading[0]), "Mentions in the reports (%zu%s)",
		 count[PS_MENTIONS], count[PS_MENTIONS] >= 500 ? ", the first ones" : "");
}

/* The model's rows but the first, the place itself, which the header
 * line shows. */
static enum status place_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	struct qtable all;
	enum status st = query_pane_place(ctx->store, key, &all);
	qtable_init(out, all.ncols, (const char *const *)all.headers);
	if (st != ST_OK) {
		qtable_free(&all);
		return st;
	}
	struct place_view *p = pv(v);
	size_t count[PS_COUNT] = {0};
	for (size_t i = 0; i < all.nrows; i++) {
		const char *const *cells = (const char *const *)all.cells + i * all.ncols;
		if (strcmp(cells[0], "place") == 0) {
			int c_province = qtable_col(&all, "province"), c_quote = qtable_col(&all, "quote");
			int c_zh = qtable_col(&all, "name_zh");
			free(p->label);
			free(p->about);
			free(p->name_zh);
			free(p->province);
			p->label = xstrdup(cells[c_quote] ? cells[c_quote] : "");
			p->about = xstrdup(cells[3] ? cells[3] : "");
			p->name_zh = c_zh >= 0 && cells[c_zh] ? xstrdup(cells[c_zh]) : NULL;
			p->province = cells[c_province] ? xstrdup(cells[c_province]) : NULL;
			continue;
		}
		qtable_add_row(out, cells);
	}
	qtable_free(&all);
	for (size_t i = 0; i < out->nrows; i++) {
		const char *s = qtable_get(out, i, 1);
		for (int k = 0; s && strcmp(qtable_get(out, i, 0), "none") != 0 && k < PS_COUNT; k++)
			count[k] += strcmp(s, section_keys[k]) == 0;
	}
	make_headings(p, count);
	return ST_OK;
}

static const char *place_group(void *ctx, size_t row)
{
	struct view *v = ctx;
	return pv(v)->heading[section_of(v, row)];
}

/* --- drawing --------------------------------------------------------------- */

static int figure_cols(struct view_ctx *ctx, const struct view *v, const char *col, int min)
{
	int widest = min;
	for (size_t i = 0; i < v->rows->nrows; i++) {
		const char *yuan = view_cell(v, i, col);
		char money[48];
		if (yuan && row_is(v, i, "money") &&
		    (int)strlen(view_money(ctx, strtoll(yuan, NULL, 10), false, money, sizeof(money))) > widest)
			widest = (int)strlen(money);
	}
	return widest;
}

static void place_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	struct place_view *p = pv(v);
	p->aid_cols = figure_cols(ctx, v, "amount_yuan", 3);
	p->investment_cols = figure_cols(ctx, v, "investment_yuan", 6);
	if (!p->label) {
		draw_cell_cut(w, v->key, width, ctx->utf8, ctx->attrs[ROLE_HEADER]);
		return;
	}
	/* "Wenshan Prefecture (Yunnan) 文山: prefecture in Yunnan, west side" */
	char name[256];
	char *title = xasprintf("%s: %s", view_name(ctx, p->label, p->name_zh, name, sizeof(name)), p->about);
	draw_cell_cut(w, title, width, ctx->utf8, ctx->attrs[ROLE_HEADER]);
	free(title);
}

/* "shanghai-yunnan-2009:12" of a row (owned). */
static char *source_text(const struct view *v, size_t row)
{
	const char *report = view_cell(v, row, "report"), *line = view_cell(v, row, "line");
	if (!report)
		return xstrdup("");
	size_t n = strlen(report);
	if (n > 4 && strcmp(report + n - 4, ".txt") == 0)
		n -= 4;
	return xasprintf("%.*s:%s", (int)n, report, line ? line : "?");
}

static char *arrow_text(const struct view_ctx *ctx, const struct view *v, size_t row, bool stated)
{
	const char *d = view_cell(v, row, "donor"), *r = view_cell(v, row, "recipient");
	const char *arrow = stated ? (ctx->utf8 ? " \u2192 " : " -> ") : (ctx->utf8 ? " \u21E2 " : " ~> ");
	return xasprintf("%s%s%s", d ? d : "?", arrow, r ? r : "?");
}

/* Draws the source of row at the right of a wide screen; returns its columns. */
static int source_cols(int width)
{
	return width >= WIDE ? SOURCE_WIDTH + 2 : 0;
}

static void draw_source(struct view_ctx *ctx, const struct view *v, size_t row, WINDOW *w, int width, attr_t base)
{
	if (!source_cols(width))
		return;
	char *src = source_text(v, row);
	draw_spaces(w, 2, base);
	draw_cell_cut(w, src, SOURCE_WIDTH, ctx->utf8, base | (base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_DIM] : 0));
	free(src);
}

static void draw_pairing(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	const char *basis = view_cell(v, row, "detail");
	bool stated = !basis || strncmp(basis, "stated", 6) == 0;
	const char *since = view_cell(v, row, "year"), *until = view_cell(v, row, "until");
	char years[32] = "";
	if (since && until)
		snprintf(years, sizeof(years), "%s-%s", since, until);
	else if (since)
		snprintf(years, sizeof(years), "since %s", since);
	else if (until)
		snprintf(years, sizeof(years), "until %s", until);
	char *text = arrow_text(ctx, v, row, stated);
	int label = width - 2 - YEARS_WIDTH - source_cols(width);
	draw_spaces(w, 2, base);
	draw_cell_cut(w, text, label, ctx->utf8, stated ? base : base | A_DIM);
	draw_cell(w, years, YEARS_WIDTH, true, base);
	draw_source(ctx, v, row, w, width, base);
	free(text);
}

static void draw_figure(struct view_ctx *ctx, WINDOW *w, const char *yuan, int cols, attr_t base)
{
	char money[48] = "";
	if (yuan)
		view_money(ctx, strtoll(yuan, NULL, 10), false, money, sizeof(money));
	draw_cell(w, money, cols, true, base);
}

/* "  2012   45,400,000   27,100,000,000  Shandong → Chongqing (4 facts)";
 * on a narrow screen the investment goes before the pair's name. */
static void draw_money(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	struct place_view *p = pv(v);
	int inv = p->investment_cols + 2;
	int rest = width - 8 - p->aid_cols - inv - 2 - source_cols(width);
	if (rest < 16) {
		rest += inv;
		inv = 0;
	}
	draw_spaces(w, 2, base);
	draw_cell(w, view_cell(v, row, "year"), 4, false, base);
	draw_spaces(w, 2, base);
	draw_figure(ctx, w, view_cell(v, row, "amount_yuan"), p->aid_cols, base);
	if (inv)
		draw_figure(ctx, w, view_cell(v, row, "investment_yuan"), inv, base);
	draw_spaces(w, 2, base);
	char *arrow = arrow_text(ctx, v, row, true);
	long facts = view_cell_long(v, row, "detail");
	char *text = xasprintf("%s (%ld fact%s)", arrow, facts, facts == 1 ? "" : "s");
	draw_cell_cut(w, text, rest, ctx->utf8, base);
	draw_source(ctx, v, row, w, width, base);
	free(arrow);
	free(text);
}

static void draw_counts(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char *arrow = arrow_text(ctx, v, row, true);
	const char *summary = view_cell(v, row, "label");
	char *text = xasprintf("%s: %s", arrow, summary ? summary : ""), *shown = view_ascii(ctx, text);
	draw_spaces(w, 2, base);
	draw_cell(w, view_cell(v, row, "year"), 4, false, base);
	draw_spaces(w, 2, base);
	draw_cell_cut(w, shown, width - 8 - source_cols(width), ctx->utf8, base);
	free(shown);
	draw_source(ctx, v, row, w, width, base);
	free(arrow);
	free(text);
}

static void draw_anomaly(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	draw_spaces(w, 2, base);
	draw_cell_cut(w, view_cell(v, row, "label"), width - 2 - source_cols(width), ctx->utf8, base);
	draw_source(ctx, v, row, w, width, base);
}

/* The report and line first, as the search results have them, then the
 * snippet with the place's names highlighted. */
static void draw_mention(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char *src = source_text(v, row);
	int src_w = width >= 60 ? 26 : width / 3;
	draw_spaces(w, 2, base);
	draw_cell_cut(w, src, src_w, ctx->utf8, base | (base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_DIM] : 0));
	draw_spaces(w, 1, base);
	int room = width - 3 - src_w;
	if (room > 0) {
		char *snippet = view_ascii(ctx, view_cell(v, row, "label"));   /* the index's "\u2026" */
		int used = draw_text(w, snippet, room, base, true, ctx->attrs[ROLE_HIT]);
		draw_spaces(w, room - used, base);
		free(snippet);
	}
	free(src);
}

static void place_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	if (row_is(v, row, "none")) {
		draw_spaces(w, 2, base);
		draw_cell(w, view_cell(v, row, "label"), width - 2, false, base | (base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_DIM] : 0));
		return;
	}
	switch (section_of(v, row)) {
	case PS_PAIRINGS: draw_pairing(ctx, v, w, row, width, base); break;
	case PS_MONEY: draw_money(ctx, v, w, row, width, base); break;
	case PS_COUNTS: draw_counts(ctx, v, w, row, width, base); break;
	case PS_ANOMALIES: draw_anomaly(ctx, v, w, row, width, base); break;
	default: draw_mention(ctx, v, w, row, width, base); break;
	}
}

static int place_select_cols(const struct view *v, size_t row, int width)
{
	(void)v;
	(void)row;
	return width;
}

/* --- drilling on ----------------------------------------------------------- */

/* A pairing shows its pair in the panes (the main loop does it: the panes
 * are its), or, when the panes do not have it, the pairing's source. */
static enum result enter_pairing(struct view_ctx *ctx, struct view *v, size_t row)
{
	const char *province = pv(v)->province, *dp = view_cell(v, row, "donor_province");
	/* the partners pane of the place's province, else of the donor's */
	const char *donor = view_cell(v, row, "donor"), *recipient = view_cell(v, row, "recipient");
	return view_goto_pair(ctx, province ? province : dp ? dp : "", donor ? donor : "",
			      recipient ? recipient : "");
}

/* A figure: its one statement, or the list of its statements. */
static enum result enter_figure(struct view_ctx *ctx, struct view *v, size_t row)
{
	const char *sources = view_cell(v, row, "sources");
	if (!sources || !strchr(sources, ' '))
		return view_enter_source(ctx, v);
	const char *d = view_cell(v, row, "donor"), *r = view_cell(v, row, "recipient");
	const char *year = view_cell(v, row, "year");
	char *what = xasprintf("%s \u2192 %s %s %s", d ? d : "", r ? r : "", year ? year : "",
			       row_is(v, row, "money") ? "money" : "counts");
	struct view *sv = view_sources_new(ctx, sources, NULL, what);
	free(what);
	if (!sv)
		return view_enter_source(ctx, v);
	view_message(ctx, false, "%zu statements: Enter opens one", sv->rows->nrows);
	return view_push(ctx, sv);
}

/* A mention opens at its line with the first highlighted name marked. */
static enum result enter_mention(struct view_ctx *ctx, struct view *v, size_t row)
{
	struct source_ref ref;
	if (!view_row_source(v, row, &ref))
		return R_HANDLED;
	const char *snippet = view_cell(v, row, "label");
	const char *a = snippet ? strchr(snippet, '\x02') : NULL, *b = a ? strchr(a, '\x03') : NULL;
	char *hit = a && b ? xstrndup(a + 1, (size_t)(b - a - 1)) : NULL;
	ref.quote = hit;
	enum result r = view_open_source(ctx, &ref);
	free(hit);
	return r;
}

static enum result place_enter(struct view_ctx *ctx, struct view *v)
{
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE)
		return R_HANDLED;
	if (row_is(v, row, "none")) {
		view_message(ctx, false, "nothing on record here");
		return R_REDRAW;
	}
	switch (section_of(v, row)) {
	case PS_PAIRINGS: return enter_pairing(ctx, v, row);
	case PS_MONEY:
	case PS_COUNTS: return enter_figure(ctx, v, row);
	case PS_MENTIONS: return enter_mention(ctx, v, row);
	default: return view_enter_source(ctx, v);
	}
}

/* --- the view -------------------------------------------------------------- */

static void place_init(struct view_ctx *ctx, struct view *v)
{
	(void)ctx;
	v->priv = xcalloc(1, sizeof(struct place_view));
}

static void place_free(struct view *v)
{
	struct place_view *p = v->priv;
	if (p) {
		free(p->label);
		free(p->about);
		free(p->name_zh);
		free(p->province);
	}
	free(p);
}

const struct view_ops place_ops = {
	.name = "place",
	.hint = "Enter drill on  o source  Left back  p another place  f filter  u unit  ? help",
	.init = place_init,
	.load = place_load,
	.header = place_header,
	.draw_row = place_draw_row,
	.select_cols = place_select_cols,
	.group = place_group,
	.enter = place_enter,
	.source = view_row_source,
	.free = place_free,
	.legend = place_legend,
	.no_cache = true,
};

struct view *view_place_new(struct view_ctx *ctx, const char *name)
{
	struct view *v = view_new(&place_ops);
	place_init(ctx, v);
	view_load(ctx, v, name);
	if (v->load_status != ST_OK) {
		view_message(ctx, true, "%s", status_detail(v->load_status));
		view_free(v);
		return NULL;
	}
	return v;
}
