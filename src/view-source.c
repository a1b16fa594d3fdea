#include "config.h"

/* The source view: a report's text, wrapped to the window, opened at the
 * line a figure, a pair or a search hit comes from, with the quoted span
 * highlighted. List rows are wrapped segments, so paging and the cursor work
 * as in every other view; export writes the report's lines. */

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

#define GUTTER 6

struct segment {
	size_t line;        /* 0-based index into lines */
	size_t start, end;  /* byte range in the line */
};

struct source {
	char *text;             /* owned: the whole report */
	char **lines;           /* owned array; pointers into text */
	size_t nlines;
	long target;            /* 1-based line to show */
	size_t quote_start, quote_end; /* byte range of the quote in the target line; equal if none */
	struct segment *segs;   /* owned */
	size_t nsegs, cap;
	int wrap_width;
	char *cell;             /* owned, NULL: "row / column" labels when the target
	                         * line is a table cell (a number alone says little) */
};

static struct source *src_of(const struct view *v)
{
	return v->priv;
}

static void split_lines(struct source *src)
{
	size_t cap = 0;
	char *p = src->text;
	for (;;) {
		*ARRAY_PUSH(src->lines, src->nlines, cap) = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	if (src->nlines > 1 && !*src->lines[src->nlines - 1])
		src->nlines--;   /* the final newline ends a line, it does not start one */
}

/* Case-insensitive (ASCII) search for needle in hay. */
static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return NULL;
	for (const char *p = hay; *p; p++) {
		size_t i = 0;
		while (i < n && p[i] && (p[i] | 0x20) == (needle[i] | 0x20) &&
		       ((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z') || p[i] == needle[i]))
			i++;
		if (i == n)
			return p;
	}
	return NULL;
}

static void locate_quote(struct source *src, const char *quote)
{
	src->quote_start = src->quote_end = 0;
	if (!quote || src->target < 1 || (size_t)src->target > src->nlines)
		return;
	const char *line = src->lines[src->target - 1];
	const char *at = strstr(line, quote);
	if (!at)
		at = find_ci(line, quote);
	if (at) {
		src->quote_start = (size_t)(at - line);
		src->quote_end = src->quote_start + strlen(quote);
	}
}

static void push_segment(struct source *src, size_t line, size_t start, size_t end)
{
	struct segment *s = ARRAY_PUSH(src->segs, src->nsegs, src->cap);
	s->line = line;
	s->start = start;
	s->end = end;
}

/* Wraps one line at spaces into segments of at most width columns. */
static void wrap_line(struct source *src, size_t li, int width)
{
	const char *line = src->lines[li];
	size_t len = strlen(line), pos = 0;
	if (len == 0) {
		push_segment(src, li, 0, 0);
		return;
	}
	while (pos < len) {
		size_t fit = text_fit(line + pos, width, NULL);
		if (fit == 0)
			fit = 1;   /* never stall on a character wider than the window */
		size_t cut = fit;
		if (pos + fit < len) {
			size_t sp = fit;
			while (sp > 0 && line[pos + sp - 1] != ' ')
				sp--;
			if (sp > 0)
				cut = sp;
			while ((line[pos + cut] & 0xC0) == 0x80 && cut > 0)
				cut--;   /* stay on a character boundary */
			if (cut == 0)
				cut = fit;
		}
		push_segment(src, li, pos, pos + cut);
		pos += cut;
	}
}

static void source_layout(struct view_ctx *ctx, struct view *v, int width)
{
	(void)ctx;
	struct source *src = src_of(v);
	int text_w = width - GUTTER > 8 ? width - GUTTER : 8;
	if (text_w == src->wrap_width)
		return;
	size_t keep_line = src->target > 0 ? (size_t)src->target - 1 : 0;
	if (src->nsegs && list_selected(&v->list) != LIST_NONE)
		keep_line = src->segs[list_selected(&v->list)].line;
	bool first = src->wrap_width == 0;
	src->wrap_width = text_w;
	src->nsegs = 0;
	for (size_t i = 0; i < src->nlines; i++)
		wrap_line(src, i, text_w);
	list_set_rows(&v->list, src->nsegs, NULL);
	list_apply(&v->list, NULL, NULL, v);
	for (size_t i = 0; i < src->nsegs; i++)
		if (src->segs[i].line == keep_line) {
			list_select_row(&v->list, i);
			/* open with the paragraph a third of the way down */
			size_t above = v->height > 3 ? (size_t)v->height / 3 : 0;
			v->list.top = first && i > above ? i - above : v->list.top;
			break;
		}
}

static void draw_piece(WINDOW *w, const char *line, size_t from, size_t to, int *room, attr_t a)
{
	if (to <= from || *room <= 0)
		return;
	char *piece = xstrndup(line + from, to - from);
	*room -= draw_text(w, piece, *room, a, false, a);
	free(piece);
}

static void source_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	struct source *src = src_of(v);
	const struct segment *s = &src->segs[row];
	bool target = (long)s->line + 1 == src->target;
	char gutter[32] = "";
	if (s->start == 0)
		snprintf(gutter, sizeof(gutter), "%5zu ", s->line + 1);
	attr_t dim = base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_DIM] : base;
	draw_cell(w, gutter, GUTTER < width ? GUTTER : width, false, target ? ctx->attrs[ROLE_HEADING] : dim);
	int room = width - GUTTER;
	const char *line = src->lines[s->line];
	size_t qs = src->quote_start, qe = src->quote_end;
	if (!target || qs == qe) {
		draw_piece(w, line, s->start, s->end, &room, base);
	} else {
		size_t a = qs < s->start ? s->start : qs > s->end ? s->end : qs;
		size_t b = qe < s->start ? s->start : qe > s->end ? s->end : qe;
		draw_piece(w, line, s->start, a, &room, base);
		draw_piece(w, line, a, b, &room, ctx->attrs[ROLE_HIT]);
		draw_piece(w, line, b, s->end, &room, base);
	}
	if (room > 0)
		draw_spaces(w, room, base);
}

static int source_select_cols(const struct view *v, size_t row, int width)
{
	(void)row;
	(void)v;
	(void)width;
	return GUTTER - 1;
}

static void source_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	struct source *src = src_of(v);
	char *title = xasprintf("%s, line %ld of %zu%s%s", v->key ? v->key : "", src->target, src->nlines,
				src->cell ? ": " : "", src->cell ? src->cell : "");
	draw_cell(w, title, width, false, ctx->attrs[ROLE_HEADER]);
	free(title);
}

static void source_free(struct view *v)
{
	struct source *src = src_of(v);
	if (!src)
		return;
	free(src->text);
	free(src->cell);
	free(src->lines);
	free(src->segs);
	free(src);
}

static enum status source_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)ctx;
	(void)key;
	static const char *const headers[] = { "line", "text" };
	qtable_init(out, 2, headers);
	struct source *src = src_of(v);
	for (size_t i = 0; i < src->nlines; i++) {
		char no[24];
		snprintf(no, sizeof(no), "%zu", i + 1);
		const char *cells[] = { no, src->lines[i] };
		qtable_add_row(out, cells);
	}
	return ST_OK;
}

static char *source_copy_text(const struct view *v)
{
	struct source *src = src_of(v);
	size_t row = list_selected(&v->list);
	return row == LIST_NONE ? NULL : xstrdup(src->lines[src->segs[row].line]);
}

static enum result source_action(struct view_ctx *ctx, struct view *v, enum action a)
{
	(void)ctx;
	(void)v;
	if (a == ACT_SORT)
		return R_HANDLED;
	return R_UNHANDLED;
}

const struct view_ops source_ops = {
	.name = "source",
	.hint = "q/Left back  n/N next hit  g/G top/end  y copy line  e export  ? help",
	.load = source_load,
	.header = source_header,
	.draw_row = source_draw_row,
	.select_cols = source_select_cols,
	.layout = source_layout,
	.action = source_action,
	.copy_text = source_copy_text,
	.free = source_free,
	.no_cache = true,
	.no_filter = true,
};

/* "Wenshan Prefecture / Total (ten thousand Yuan)" for a table cell's
 * line, else NULL. Owned. */
static char *cell_labels(struct view_ctx *ctx, const struct source_ref *ref)
{
	struct qtable cell;
	if (query_table_cell(ctx->store, ref->report, ref->line, &cell) != ST_OK)
		return NULL;
	char *labels = NULL;
	if (cell.nrows) {
		const char *unit = qtable_get(&cell, 0, 3);
		labels = xasprintf("%s / %s%s%s%s", qtable_get(&cell, 0, 0), qtable_get(&cell, 0, 1),
				   unit ? " (" : "", unit ? unit : "", unit ? ")" : "");
	}
	qtable_free(&cell);
	return labels;
}

struct view *view_source_new(struct view_ctx *ctx, const struct source_ref *ref)
{
	char *text = NULL;
	enum status st = query_report_text(ctx->store, ref->report, &text);
	if (st != ST_OK) {
		view_message(ctx, true, "%s", status_detail(st));
		return NULL;
	}
	struct view *v = view_new(&source_ops);
	struct source *src = xcalloc(1, sizeof(*src));
	v->priv = src;
	src->text = text;
	split_lines(src);
	src->target = ref->line;
	locate_quote(src, ref->quote);
	src->cell = cell_labels(ctx, ref);
	v->key = xstrdup(ref->report);
	qtable_free(&v->own);
	source_load(ctx, v, v->key, &v->own);
	v->rows = &v->own;
	return v;
}
