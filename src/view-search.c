#include "config.h"

/* Full-text search results: report, line, section and a snippet with the
 * hits highlighted; Enter opens the source at the hit with the query's words
 * and phrases marked wherever they occur, n/N step through. */

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

#define SEARCH_LIMIT 500

static enum status search_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)v;
	enum status st = query_search(ctx->store, key, SEARCH_LIMIT, out);
	if (st != ST_OK) {
		qtable_free(out);
		static const char *const headers[] = { "report", "line", "section", "snippet", "paragraph" };
		qtable_init(out, 5, headers);
	}
	return st;
}

static void search_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	char *title = xasprintf("%zu hit%s for \"%s\"%s", v->rows->nrows, v->rows->nrows == 1 ? "" : "s",
				v->key ? v->key : "", v->rows->nrows >= SEARCH_LIMIT ? " (first ones)" : "");
	draw_cell(w, title, width, false, ctx->attrs[ROLE_HEADER]);
	free(title);
}

/* "shanghai-yunnan-2009:12" for a row. */
static char *place_of(const struct view *v, size_t row)
{
	const char *report = view_cell(v, row, "report");
	size_t n = report ? strlen(report) : 0;
	if (n > 4 && strcmp(report + n - 4, ".txt") == 0)
		n -= 4;
	return xasprintf("%.*s:%s", (int)n, report ? report : "", view_cell(v, row, "line") ? view_cell(v, row, "line") : "?");
}

static void search_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char *place = place_of(v, row);
	int place_w = width >= 60 ? 26 : width / 3;
	int section_w = width >= 90 ? 22 : 0;
	int snippet_w = width - place_w - section_w - (section_w ? 2 : 1);
	draw_cell(w, place, place_w, false, base | (base == ctx->attrs[ROLE_NORMAL] ? ctx->attrs[ROLE_DIM] : 0));
	draw_spaces(w, 1, base);
	if (section_w) {
		draw_cell(w, view_cell(v, row, "section"), section_w, false, base);
		draw_spaces(w, 1, base);
	}
	if (snippet_w > 0) {
		char *snippet = view_ascii(ctx, view_cell(v, row, "snippet"));   /* the index's "\u2026" */
		int used = draw_text(w, snippet, snippet_w, base, true, ctx->attrs[ROLE_HIT]);
		draw_spaces(w, snippet_w - used, base);
		free(snippet);
	}
	free(place);
}

static int search_select_cols(const struct view *v, size_t row, int width)
{
	(void)row;
	(void)v;
	return width >= 60 ? 26 : width / 3;
}

static bool query_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' || c >= 0x80;
}

/* Marks in source view src what the query looks for: each "quoted phrase"
 * whole, each other word alone (a trailing * lets it go on); the query's
 * operators (AND OR NOT NEAR) and column names ("section:") are no words
 * of the text. Returns how many marks fall on the hit's line. */
static size_t mark_query(struct view *src, const char *query)
{
	size_t on_line = 0;
	for (const char *p = query; *p;) {
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
			char *phrase = xstrndup(p + 1, len);
			p += len + 1 + (end != NULL);
			on_line += view_source_mark(src, phrase, *p == '*');
			free(phrase);
			continue;
		}
		size_t len = 0;
		while (query_word_byte((unsigned char)p[len]))
			len++;
		if (!len) {
			p++;
			continue;
		}
		bool op = (len == 3 && (!strncmp(p, "AND", 3) || !strncmp(p, "NOT", 3))) ||
			  (len == 2 && !strncmp(p, "OR", 2)) || (len == 4 && !strncmp(p, "NEAR", 4));
		if (!op && p[len] != ':') {
			char *word = xstrndup(p, len);
			on_line += view_source_mark(src, word, p[len] == '*');
			free(word);
		}
		p += len;
	}
	return on_line;
}

/* Marks the terms the index highlighted in the snippet (between \x02 and
 * \x03): the hit's own words when the query's spelling is not the text's
 * (diacritics folded by the index). */
static void mark_snippet(struct view *src, const char *snippet)
{
	for (const char *a = snippet ? strchr(snippet, '\x02') : NULL; a; a = strchr(a + 1, '\x02')) {
		const char *b = strchr(a, '\x03');
		if (!b)
			break;
		char *term = xstrndup(a + 1, (size_t)(b - a - 1));
		view_source_mark(src, term, false);
		free(term);
	}
}

/* Enter on a hit: its report at its line, with every occurrence of the
 * query's words and phrases marked. */
static enum result search_enter(struct view_ctx *ctx, struct view *v)
{
	size_t row = list_selected(&v->list);
	struct source_ref ref;
	if (row == LIST_NONE || !view_row_source(v, row, &ref))
		return R_HANDLED;
	ref.quote = NULL;
	struct view *src = view_source_new(ctx, &ref);
	if (!src)
		return R_REDRAW;   /* with the message */
	if (mark_query(src, v->key ? v->key : "") == 0)
		mark_snippet(src, view_cell(v, row, "snippet"));
	return view_push(ctx, src);
}

static char *search_hay(struct view *v, size_t row)
{
	char *raw = xasprintf("%s %s %s", view_cell(v, row, "report") ? view_cell(v, row, "report") : "",
			      view_cell(v, row, "section") ? view_cell(v, row, "section") : "",
			      view_cell(v, row, "snippet") ? view_cell(v, row, "snippet") : "");
	for (char *p = raw; *p; p++)
		if (*p == '\x02' || *p == '\x03')
			*p = ' ';
	char *folded = list_fold(raw);
	free(raw);
	return folded;
}

const struct view_ops search_ops = {
	.name = "search",
	.hint = "Enter open  n/N next/previous  f filter  e export  q back  ? help",
	.load = search_load,
	.header = search_header,
	.draw_row = search_draw_row,
	.select_cols = search_select_cols,
	.hay = search_hay,
	.enter = search_enter,
	.source = view_row_source,
	.no_cache = true,
};

struct view *view_search_new(struct view_ctx *ctx, const char *query)
{
	struct view *v = view_new(&search_ops);
	view_load(ctx, v, query);
	if (v->load_status == ST_OK)
		return v;
	if (v->load_status == ST_NOT_FOUND)
		view_message(ctx, true, "no match for \"%s\"", query);
	else
		view_message(ctx, true, "%s", status_detail(v->load_status));
	view_free(v);
	return NULL;
}
