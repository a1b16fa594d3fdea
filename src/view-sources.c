#include "config.h"

/* The statements of one money flow: the same money stated in several
 * places (a summary and a section, two reports) is one flow, counted once,
 * and Enter on it in the funds pane lists every statement here, each with
 * its line of report text, so the reader can check them all. Enter opens
 * one in the source view, as everywhere else. */

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

static const char *const sources_headers[] = { "report", "line", "quote", "text" };

/* Reports read for the text of their lines, kept while the rows are made
 * (a flow's statements are mostly in one or two reports). */
struct report_texts {
	char *report;   /* owned: the last report read */
	char *text;     /* owned: its text, NULL when it could not be read */
};

/* A copy of line line_no of report (owned), or NULL. */
static char *report_line(struct view_ctx *ctx, struct report_texts *rt, const char *report, long line_no)
{
	if (!rt->report || strcmp(rt->report, report) != 0) {
		free(rt->report);
		free(rt->text);
		rt->report = xstrdup(report);
		rt->text = NULL;
		if (query_report_text(ctx->store, report, &rt->text) != ST_OK)
			rt->text = NULL;
	}
	const char *p = rt->text;
	for (long n = 1; p && n < line_no; n++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	return p ? xstrndup(p, strcspn(p, "\n")) : NULL;
}

/* Appends the row of one "report:line" statement; false when it is none. */
static bool add_statement(struct view_ctx *ctx, struct report_texts *rt, struct qtable *out, const char *item,
			  size_t len, const char *quote)
{
	const char *colon = NULL;
	for (const char *p = item; p < item + len; p++)
		if (*p == ':')
			colon = p;
	if (!colon || colon == item)
		return false;
	char *report = xstrndup(item, (size_t)(colon - item));
	char *line = xstrndup(colon + 1, (size_t)(item + len - colon - 1));
	long line_no = strtol(line, NULL, 10);
	char *text = line_no > 0 ? report_line(ctx, rt, report, line_no) : NULL;
	if (line_no > 0) {
		const char *cells[] = { report, line, quote, text };
		qtable_add_row(out, cells);
	}
	free(report);
	free(line);
	free(text);
	return line_no > 0;
}

/* The rows of all_sources ("report:line report:line ..."), one per
 * statement in the query's order. */
static void sources_rows(struct view_ctx *ctx, const char *all_sources, const char *quote, struct qtable *out)
{
	qtable_init(out, sizeof(sources_headers) / sizeof(sources_headers[0]), sources_headers);
	struct report_texts rt = {0};
	for (const char *p = all_sources ? all_sources : ""; *p; ) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " ");
		if (len)
			add_statement(ctx, &rt, out, p, len, quote);
		p += len;
	}
	free(rt.report);
	free(rt.text);
}

/* What the rows are made of, kept for the load. */
struct sources {
	char *all_sources;   /* owned */
	char *quote;         /* owned, may be NULL */
};

static enum status sources_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)key;
	const struct sources *s = v->priv;
	sources_rows(ctx, s->all_sources, s->quote, out);
	return out->nrows ? ST_OK : ST_NOT_FOUND;
}

static void sources_free(struct view *v)
{
	struct sources *s = v->priv;
	if (s) {
		free(s->all_sources);
		free(s->quote);
		free(s);
	}
}

static void sources_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	char *title = xasprintf("%zu statements of %s", v->rows->nrows, v->key ? v->key : "one money");
	char *shown = view_ascii(ctx, title);   /* the pair's arrow */
	draw_cell_cut(w, shown, width, ctx->utf8, ctx->attrs[ROLE_HEADER]);
	free(shown);
	free(title);
}

static void sources_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char *place = xasprintf("%s:%s", view_cell(v, row, "report"), view_cell(v, row, "line"));
	int place_w = width >= 60 ? 34 : width / 2;
	draw_cell_cut(w, place, place_w, ctx->utf8, base | (base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_DIM] : 0));
	draw_spaces(w, 1, base);
	if (width - place_w - 1 > 0) {
		const char *text = view_cell(v, row, "text");
		draw_cell_cut(w, text ? text + strspn(text, " \t") : "", width - place_w - 1, ctx->utf8, base);
	}
	free(place);
}

static int sources_select_cols(const struct view *v, size_t row, int width)
{
	(void)v;
	(void)row;
	return width >= 60 ? 34 : width / 2;
}

const struct view_ops sources_ops = {
	.name = "sources",
	.hint = "Enter open  f filter  e export  q back  ? help",
	.load = sources_load,
	.free = sources_free,
	.header = sources_header,
	.draw_row = sources_draw_row,
	.select_cols = sources_select_cols,
	.enter = view_enter_source,
	.source = view_row_source,
	.no_cache = true,
};

struct view *view_sources_new(struct view_ctx *ctx, const char *all_sources, const char *quote, const char *what)
{
	struct view *v = view_new(&sources_ops);
	struct sources *s = xcalloc(1, sizeof(*s));
	s->all_sources = xstrdup(all_sources ? all_sources : "");
	s->quote = quote ? xstrdup(quote) : NULL;
	v->priv = s;
	view_load(ctx, v, what);
	if (v->load_status != ST_OK) {
		view_free(v);
		return NULL;
	}
	return v;
}
