#include "config.h"

/* The second column: the partner provinces of the selected province and,
 * under each, the place pairs (city/district -> county) with their years.
 * A stated pairing reads "A → B", a link seen only through aid "A ⇢ B"
 * (the query layer says which). Sorting keeps each pair under its partner. */

/* the widest years, "(12-14)", and a space before them */
#define YEARS_WIDTH 8

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

/* What the rows and the years column say, for the legend under the pane
 * and the help. */
static const struct legend_entry partners_legend[] = {
	{ "A \u2192 B", "stated pairing: A helps B",
	  "a place pair a report states: A (east) helps B (west); under its partner region" },
	{ "A \u21e2 B", "seen through aid only",
	  "a link no pairing sentence states, seen through the money or counts A gave B" },
	{ "Years", "since; (years of reports)",
	  "a stated pair's first year, or its span (96-10: 1996 to 2010); in parentheses, the "
	  "years of the reports that show a link seen through aid" },
	{ NULL, NULL, NULL },
};

static enum status partners_load(struct view_ctx *ctx, struct view *v, const char *key,
				 struct qtable *out)
{
	(void)v;
	if (!key) {
		static const char *const none[] = { "kind" };
		qtable_init(out, 1, none);
		return ST_OK;
	}
	return query_pane_partners(ctx->store, key, false, out);
}

/* The rows were loaded without their aliases (a third of the query's
 * work, at every new selection): loads them with, for the filter. */
static void partners_filter_prepare(struct view_ctx *ctx, struct view *v)
{
	if (!v->key || !v->rows->nrows || view_cell(v, 0, "aliases"))
		return;
	struct qtable rows;
	if (query_pane_partners(ctx->store, v->key, true, &rows) == ST_OK)
		view_complete_rows(v, &rows);
}

static bool is_partner(const struct view *v, size_t row)
{
	const char *kind = view_cell(v, row, "kind");
	return kind && strcmp(kind, "partner") == 0;
}

/* The funds column's key: "donor\x1frecipient" of the selected row. */
static char *partners_child_key(struct view_ctx *ctx, struct view *v)
{
	(void)ctx;
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE || !view_cell(v, row, "donor") || !view_cell(v, row, "recipient"))
		return NULL;
	return xasprintf("%s\x1f%s", view_cell(v, row, "donor"), view_cell(v, row, "recipient"));
}

static const char *const partners_sorts[] = { "partner", "since", "name", NULL };
static const bool partners_sorts_fall[] = { false, false, false };

/* The pairs under a partner by since or by name, the partner's own row
 * first; 0 for the query's order. */
static int pairs_compare(const struct view *v, size_t a, size_t b)
{
	if (v->list.sort_key == 0)
		return 0;
	if (v->list.sort_key == 1) {
		long ya = view_cell_long(v, a, "since"), yb = view_cell_long(v, b, "since");
		return ya < yb ? -1 : ya > yb;
	}
	int d = str_cmp(view_cell(v, a, "recipient"), view_cell(v, b, "recipient"));
	return d ? d : str_cmp(view_cell(v, a, "donor"), view_cell(v, b, "donor"));
}

/* Within a partner: its own row first, then pairs by the sort asked for;
 * reversed, the partners (by partner) or the pairs under each. */
static int partners_compare(void *ctx, size_t a, size_t b)
{
	struct view *v = ctx;
	bool turn = v->list.sort_reverse;
	int d = str_cmp(view_cell(v, a, "partner"), view_cell(v, b, "partner"));
	if (d)
		return turn && v->list.sort_key == 0 ? -d : d;
	if (is_partner(v, a) != is_partner(v, b))
		return is_partner(v, a) ? -1 : 1;
	d = pairs_compare(v, a, b);
	return turn && v->list.sort_key != 0 ? -d : d;
}

/* The province's short Chinese name for the title, looked up when the key
 * changed (a pane reloaded from its cache calls no load). */
struct partners_view {
	char *names_of;   /* owned: the key whose Chinese name zh is, NULL for none */
	char *zh;         /* owned: NULL for none */
};

static const char *province_zh(struct view_ctx *ctx, struct view *v)
{
	struct partners_view *p = v->priv;
	if (!v->key || !p)
		return NULL;
	if (!p->names_of || strcmp(p->names_of, v->key) != 0) {
		free(p->names_of);
		free(p->zh);
		p->names_of = xstrdup(v->key);
		if (query_region_short_zh(ctx->store, v->key, &p->zh) != ST_OK)
			p->zh = NULL;
	}
	return p->zh;
}

static void partners_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	char title[320], years[16], name[256];
	snprintf(title, sizeof(title), "%s%sPartners of %s", view_sort_mark(ctx, v, 0), view_sort_mark(ctx, v, 2),
		 v->key ? view_name(ctx, v->key, province_zh(ctx, v), name, sizeof(name)) : "...");
	snprintf(years, sizeof(years), "%sYears", view_sort_mark(ctx, v, 1));
	draw_cell(w, title, width - YEARS_WIDTH, false, ctx->attrs[ROLE_HEADER]);
	draw_cell(w, years, YEARS_WIDTH, true, ctx->attrs[ROLE_HEADER]);
}

/* A partner region: its name, then how many place pairs are under it
 * when both fit (the name is cut only when it alone does not). */
static void draw_partner(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width,
			 attr_t base)
{
	char pairs[48] = "";
	long n = view_cell_long(v, row, "pairs");
	char buf[256];
	const char *name = view_name(ctx, view_cell(v, row, "partner"), view_cell(v, row, "partner_zh"),
				     buf, sizeof(buf));
	if (n)
		snprintf(pairs, sizeof(pairs), " (%ld pair%s)", n, n == 1 ? "" : "s");
	if (text_width(name) + text_width(pairs) > width - YEARS_WIDTH)
		pairs[0] = '\0';
	attr_t a = base | A_BOLD;
	int used = draw_text_cut(w, name, width - YEARS_WIDTH, a);
	used += draw_text(w, pairs, width - YEARS_WIDTH - used, base, false, base);
	draw_spaces(w, width - YEARS_WIDTH - used, base);
	draw_cell(w, view_cell(v, row, "years"), YEARS_WIDTH, true, base);
}

/* name without a trailing administrative word ("Wulong County" -> "Wulong"),
 * for a pair that does not fit its column otherwise. Owned. */
static char *short_name(const char *name)
{
	static const char *const suffixes[] = { " City", " County", " District", " Prefecture", NULL };
	for (size_t i = 0; suffixes[i]; i++)
		if (str_ends_with(name, suffixes[i]) && strlen(name) > strlen(suffixes[i]))
			return xstrndup(name, strlen(name) - strlen(suffixes[i]));
	return xstrdup(name);
}

/* One side of a pair as ui:names asks, its English name shortened first
 * when short. Owned. */
static char *side_name(const struct view_ctx *ctx, const char *en, const char *zh, bool short_en)
{
	char *e = short_en ? short_name(en) : xstrdup(en);
	char buf[256];
	char *text = xstrdup(view_name(ctx, e, zh, buf, sizeof(buf)));
	free(e);
	return text;
}

/* "donor → recipient" ("⇢" for a link seen through aid), shortened while
 * it is wider than cols: the donor's English name, then the recipient's. Owned. */
static char *pair_text(const struct view_ctx *ctx, const char *const en[2], const char *const zh[2],
		       bool stated, int cols)
{
	const char *arrow = stated ? (ctx->utf8 ? " → " : " -> ") : (ctx->utf8 ? " ⇢ " : " ~> ");
	char *text = NULL;
	for (int shorten = 0; shorten <= 2; shorten++) {
		char *d = side_name(ctx, en[0], zh[0], shorten >= 1);
		char *r = side_name(ctx, en[1], zh[1], shorten >= 2);
		free(text);
		text = xasprintf("%s%s%s", d, arrow, r);
		free(d);
		free(r);
		if (text_width(text) <= cols)
			break;
	}
	return text;
}

static void draw_pair(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width,
		      attr_t base)
{
	const char *donor = view_cell(v, row, "donor"), *recipient = view_cell(v, row, "recipient");
	const char *basis = view_cell(v, row, "basis");
	bool stated = !basis || strncmp(basis, "stated", 6) == 0;
	const char *en[2] = { donor ? donor : "?", recipient ? recipient : "?" };
	const char *zh[2] = { view_cell(v, row, "donor_zh"), view_cell(v, row, "recipient_zh") };
	char *text = pair_text(ctx, en, zh, stated, width - 2 - YEARS_WIDTH);
	attr_t a = stated ? base : base | A_DIM;
	draw_spaces(w, 2, a);
	draw_cell(w, text, width - 2 - YEARS_WIDTH, false, a);
	draw_cell(w, view_cell(v, row, "years"), YEARS_WIDTH, true, a);
	free(text);
}

static void partners_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width,
			      attr_t base)
{
	if (width < 10) {
		draw_cell(w, view_cell(v, row, is_partner(v, row) ? "partner" : "recipient"), width,
			  false, base);
		return;
	}
	if (is_partner(v, row))
		draw_partner(ctx, v, w, row, width, base);
	else
		draw_pair(ctx, v, w, row, width, base);
}

static char *partners_hay(struct view *v, size_t row)
{
	const char *cols[] = { "partner", "donor", "recipient", "years", "basis", "aliases" };
	struct strbuf sb = {0};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		const char *c = view_cell(v, row, cols[i]);
		if (c) {
			strbuf_puts(&sb, c);
			strbuf_puts(&sb, " ");
		}
	}
	char *raw = strbuf_steal(&sb);
	char *folded = list_fold(raw);
	free(raw);
	return folded;
}

/* A partner row's name, or a pair's "donor → recipient", for the filter's
 * ranking (aliases and parents stay in the hay). */
static char *partners_names(struct view *v, size_t row)
{
	const char *donor = view_cell(v, row, "donor"), *recipient = view_cell(v, row, "recipient");
	if (is_partner(v, row))
		return xstrdup(view_cell(v, row, "partner") ? view_cell(v, row, "partner") : "");
	return xasprintf("%s \u2192 %s", donor ? donor : "", recipient ? recipient : "");
}

static enum result partners_enter(struct view_ctx *ctx, struct view *v)
{
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE)
		return R_HANDLED;
	if (ctx->column[2]->list.nmatch == 0 && !ctx->column[2]->list.filter) {
		view_message(ctx, true, "no funds on record for this pair; o opens the source of the pairing");
		return R_REDRAW;
	}
	return view_focus(ctx, 2);
}

static void partners_init(struct view_ctx *ctx, struct view *v)
{
	(void)ctx;
	v->priv = xcalloc(1, sizeof(struct partners_view));
}

static void partners_free(struct view *v)
{
	struct partners_view *p = v->priv;
	if (p) {
		free(p->names_of);
		free(p->zh);
	}
	free(p);
}

const struct view_ops partners_ops = {
	.name = "partners",
	.hint = "Enter funds  Left back  o source  f filter  s sort  / search  ? help",
	.init = partners_init,
	.free = partners_free,
	.load = partners_load,
	.filter_prepare = partners_filter_prepare,
	.child_key = partners_child_key,
	.header = partners_header,
	.draw_row = partners_draw_row,
	.compare = partners_compare,
	.sorts = partners_sorts,
	.sorts_fall = partners_sorts_fall,
	.hay = partners_hay,
	.names = partners_names,
	.enter = partners_enter,
	.source = view_row_source,
	.legend = partners_legend,
};
