#include "config.h"

/* The source view: a report's text, wrapped to the window, opened at the
 * line a figure, a pair or a search hit comes from, with the quoted span
 * highlighted, and with a hit's words or phrases marked wherever they occur.
 * / searches the text as less does (n/N, the match scrolled into view).
 * List rows are wrapped segments, so paging and the cursor work as in every
 * other view; export writes the report's lines. */

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

/* Words the view marks wherever they occur in a row: matched whole, case
 * folded (ASCII), with any run of other characters between them, as the
 * full-text index splits words ("east west" marks "East-West"). */
struct mark {
	char **words;           /* owned, each owned */
	size_t nwords;
	bool prefix;            /* the last word may go on ("develop*") */
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
	struct mark *marks;     /* owned: a search's words and phrases */
	size_t nmarks;
	char *find;             /* owned, NULL before the first /: the text's pattern */
	size_t find_line, find_at; /* the current match of find (line index, byte) */
	bool found;             /* whether find_line/find_at hold a match */
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

static bool word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/* The length of m's match starting at line[pos], or 0. */
static size_t mark_match(const char *line, size_t pos, const struct mark *m)
{
	if (pos > 0 && word_byte((unsigned char)line[pos - 1]))
		return 0;
	size_t at = pos;
	for (size_t i = 0; i < m->nwords; i++) {
		if (i > 0) {   /* at least one separator between words */
			size_t gap = at;
			while (line[gap] && !word_byte((unsigned char)line[gap]))
				gap++;
			if (gap == at || !line[gap])
				return 0;
			at = gap;
		}
		for (const char *w = m->words[i]; *w; w++, at++)
			if (fold((unsigned char)line[at]) != fold((unsigned char)*w))
				return 0;
	}
	bool last_open = m->prefix;
	if (!last_open && word_byte((unsigned char)line[at]))
		return 0;
	while (last_open && word_byte((unsigned char)line[at]))
		at++;
	return at - pos;
}

/* Paints attr over the bytes [a, b) of the line that the segment
 * [from, from + n) shows, in attrs (one per byte of the segment). */
static void paint(attr_t *attrs, size_t from, size_t n, size_t a, size_t b, attr_t attr)
{
	for (size_t i = a > from ? a : from; i < b && i < from + n; i++)
		attrs[i - from] = attr;
}

/* The attribute of each byte of segment s: base, the quote of the target
 * line, the search's marks, the pattern of / (its current match stands out). */
static attr_t *segment_attrs(struct view_ctx *ctx, const struct source *src, const struct segment *s, attr_t base)
{
	size_t n = s->end - s->start;
	attr_t *attrs = xcalloc(n ? n : 1, sizeof(*attrs));
	for (size_t i = 0; i < n; i++)
		attrs[i] = base;
	const char *line = src->lines[s->line];
	attr_t hit = ctx->attrs[ROLE_HIT];
	if ((long)s->line + 1 == src->target && src->quote_start < src->quote_end)
		paint(attrs, s->start, n, src->quote_start, src->quote_end, hit);
	for (size_t m = 0; m < src->nmarks; m++)
		for (size_t pos = 0; pos < s->end; pos++) {
			size_t len = mark_match(line, pos, &src->marks[m]);
			paint(attrs, s->start, n, pos, pos + len, hit);
		}
	size_t flen = src->find ? strlen(src->find) : 0;
	for (const char *at = flen ? find_ci(line, src->find) : NULL; at && (size_t)(at - line) < s->end;
	     at = find_ci(at + 1, src->find)) {
		size_t a = (size_t)(at - line);
		bool current = src->found && src->find_line == s->line && src->find_at == a;
		paint(attrs, s->start, n, a, a + flen, current ? ctx->attrs[ROLE_SELECT] : hit);
	}
	return attrs;
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
	attr_t *attrs = segment_attrs(ctx, src, s, base);
	for (size_t from = s->start, to; from < s->end && room > 0; from = to) {
		for (to = from + 1; to < s->end && attrs[to - s->start] == attrs[from - s->start]; to++)
			;
		char *piece = xstrndup(line + from, to - from);
		room -= draw_text(w, piece, room, attrs[from - s->start], false, 0);
		free(piece);
	}
	free(attrs);
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
	for (size_t i = 0; i < src->nmarks; i++) {
		for (size_t j = 0; j < src->marks[i].nwords; j++)
			free(src->marks[i].words[j]);
		free(src->marks[i].words);
	}
	free(src->marks);
	free(src->find);
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

/* --- / in the text (less) ------------------------------------------------ */

/* The last match of pat in line that starts before limit, or NULL. */
static const char *find_last_before(const char *line, const char *pat, size_t limit)
{
	const char *last = NULL;
	for (const char *at = find_ci(line, pat); at && (size_t)(at - line) < limit; at = find_ci(at + 1, pat))
		last = at;
	return last;
}

/* The match of pat in line index li at step k of a search from (line, at):
 * step 0 is the origin's line on the side of at the search goes, steps 1
 * to nlines - 1 the other lines, step nlines the origin's line again, on
 * the other side (the search has gone round). */
static const char *find_in_step(const struct source *src, const char *pat, size_t li, size_t k, size_t at,
				int dir)
{
	const char *text = src->lines[li];
	const char *hit;
	if (dir > 0) {
		hit = k == 0 ? (at <= strlen(text) ? find_ci(text + at, pat) : NULL) : find_ci(text, pat);
		return k == src->nlines && hit && (size_t)(hit - text) >= at ? NULL : hit;
	}
	hit = find_last_before(text, pat, k == 0 ? at : (size_t)-1);
	return k == src->nlines && hit && (size_t)(hit - text) < at ? NULL : hit;
}

/* The next match of pat from (line, at) on (dir > 0: at or after; dir < 0:
 * before), going round the text once; *wrapped says it went round. */
static bool find_step_from(const struct source *src, const char *pat, size_t line, size_t at, int dir,
			   size_t *out_line, size_t *out_at, bool *wrapped)
{
	size_t n = src->nlines;
	for (size_t k = 0; k <= n; k++) {
		size_t li = dir > 0 ? (line + k) % n : (line + n - k % n) % n;
		const char *hit = find_in_step(src, pat, li, k, at, dir);
		if (hit) {
			*out_line = li;
			*out_at = (size_t)(hit - src->lines[li]);
			*wrapped = k == n || (k > 0 && (dir > 0 ? li < line : li > line));
			return true;
		}
	}
	return false;
}

/* How many times pat occurs in the text, and the ordinal of (line, at). */
static size_t find_count(const struct source *src, const char *pat, size_t line, size_t at, size_t *nth)
{
	size_t n = 0;
	*nth = 0;
	for (size_t li = 0; li < src->nlines; li++)
		for (const char *p = find_ci(src->lines[li], pat); p; p = find_ci(p + 1, pat)) {
			n++;
			if (li == line && (size_t)(p - src->lines[li]) == at)
				*nth = n;
		}
	return n;
}

/* Selects the segment that shows byte at of line, and scrolls it into view. */
static void select_byte(struct view *v, size_t line, size_t at)
{
	struct source *src = src_of(v);
	for (size_t i = 0; i < src->nsegs; i++) {
		const struct segment *s = &src->segs[i];
		if (s->line == line && (at < s->end || i + 1 == src->nsegs || src->segs[i + 1].line != line)) {
			list_select_row(&v->list, i);
			list_scroll(&v->list, v->height, false);
			return;
		}
	}
}

/* Where the search starts: the current match while the selection shows
 * it, else the start of the selected row. */
static void find_origin(const struct view *v, size_t *line, size_t *at, bool *on_match)
{
	const struct source *src = src_of(v);
	size_t row = list_selected(&v->list);
	const struct segment *s = row != LIST_NONE && row < src->nsegs ? &src->segs[row] : NULL;
	*on_match = src->found && s && s->line == src->find_line && src->find_at >= s->start &&
		    (src->find_at < s->end || s->start == s->end);
	*line = *on_match ? src->find_line : s ? s->line : 0;
	*at = *on_match ? src->find_at : s ? s->start : 0;
}

static enum result find_go(struct view_ctx *ctx, struct view *v, int dir, bool first)
{
	struct source *src = src_of(v);
	size_t line, at, to_line, to_at;
	bool on_match, wrapped;
	find_origin(v, &line, &at, &on_match);
	if (on_match && !first && dir > 0)
		at++;   /* past the match shown */
	if (!src->nlines || !find_step_from(src, src->find, line, at, dir, &to_line, &to_at, &wrapped)) {
		src->found = false;
		view_message(ctx, true, "Pattern not found: %s", src->find);
		return R_REDRAW;
	}
	src->found = true;
	src->find_line = to_line;
	src->find_at = to_at;
	select_byte(v, to_line, to_at);
	size_t nth, n = find_count(src, src->find, to_line, to_at, &nth);
	view_message(ctx, false, "/%s: match %zu of %zu%s", src->find, nth, n,
		     wrapped ? (dir > 0 ? " (wrapped to the top)" : " (wrapped to the bottom)") : "");
	return R_REDRAW;
}

static enum result source_find(struct view_ctx *ctx, struct view *v, const char *pattern)
{
	struct source *src = src_of(v);
	if (!*pattern && !src->find) {
		view_message(ctx, true, "no pattern yet: / then the text to find");
		return R_REDRAW;
	}
	if (*pattern) {
		free(src->find);
		src->find = xstrdup(pattern);
	}
	return find_go(ctx, v, 1, true);
}

static enum result source_action(struct view_ctx *ctx, struct view *v, enum action a)
{
	struct source *src = src_of(v);
	switch (a) {
	case ACT_SORT:
		return R_HANDLED;
	case ACT_FIND_NEXT: case ACT_FIND_PREV:   /* without a pattern: the search's hits */
		return src->find ? find_go(ctx, v, a == ACT_FIND_NEXT ? 1 : -1, false) : R_UNHANDLED;
	case ACT_CLEAR:   /* Esc forgets the pattern and its marks */
		if (!src->find)
			return R_UNHANDLED;
		free(src->find);
		src->find = NULL;
		src->found = false;
		return R_REDRAW;
	default:
		return R_UNHANDLED;
	}
}

const struct view_ops source_ops = {
	.name = "source",
	.hint = "q back  / find  n/N next/prev  F search all  y copy  e export  ? help",
	.load = source_load,
	.header = source_header,
	.draw_row = source_draw_row,
	.select_cols = source_select_cols,
	.layout = source_layout,
	.find = source_find,
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

size_t view_source_mark(struct view *v, const char *words, bool prefix)
{
	struct source *src = src_of(v);
	struct mark m = { NULL, 0, prefix };
	size_t cap = 0;
	for (const char *p = words; *p;) {
		size_t skip = 0, len = 0;
		while (p[skip] && !word_byte((unsigned char)p[skip]))
			skip++;
		while (p[skip + len] && word_byte((unsigned char)p[skip + len]))
			len++;
		if (len)
			*ARRAY_PUSH(m.words, m.nwords, cap) = xstrndup(p + skip, len);
		p += skip + len;
	}
	if (!m.nwords)
		return 0;
	src->marks = xreallocarray(src->marks, src->nmarks + 1, sizeof(*src->marks));
	src->marks[src->nmarks++] = m;
	size_t n = 0;
	if (src->target >= 1 && (size_t)src->target <= src->nlines) {
		const char *line = src->lines[src->target - 1];
		for (size_t pos = 0; line[pos]; pos++)
			n += mark_match(line, pos, &m) > 0;
	}
	return n;
}
