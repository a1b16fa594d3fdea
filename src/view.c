#include "config.h"

/* What every view shares: the per-selection cache of query results, the
 * hookup to the list engine, cell access by column name, and the requests
 * a key handler returns to the main loop. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/placename.h"

struct view *view_new(const struct view_ops *ops)
{
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = ops;
	list_init(&v->list);
	qtable_init(&v->own, 0, NULL);
	v->rows = &v->own;
	return v;
}

static void cache_entry_free(struct view_cache_entry *e)
{
	free(e->key);
	qtable_free(e->table);
	free(e->table);
}

void view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->free)
		v->ops->free(v);
	for (size_t i = 0; i < v->ncache; i++)
		cache_entry_free(&v->cache[i]);
	qtable_free(&v->own);
	list_free(&v->list);
	free(v->key);
	free(v->title);
	free(v->load_detail);
	free(v);
}

/* Moves cache entry i to the front (most recently used). */
static void cache_touch(struct view *v, size_t i)
{
	struct view_cache_entry e = v->cache[i];
	memmove(&v->cache[1], &v->cache[0], i * sizeof(v->cache[0]));
	v->cache[0] = e;
}

/* What a cached table holds in memory, roughly: its cells' text, their
 * pointers and a malloc header per row (the text's size is kept as rows
 * are added: adding it up here cost a Down 2 million instructions). */
static size_t table_bytes(const struct qtable *q)
{
	return q->cap * (q->ncols + 1) * sizeof(char *) + q->nrows * 16 + q->text_bytes;
}

/* Drops the least recently used tables while the cache holds more than
 * VIEW_CACHE_BYTES (a partners pane of a busy province holds a megabyte at
 * 1,000 reports) or every slot; the table shown (the first) stays. */
static void cache_trim(struct view *v)
{
	size_t total = 0, keep = 0, cap = sizeof(v->cache) / sizeof(v->cache[0]);
	while (keep < v->ncache && keep < cap - 1 &&
	       (keep == 0 || total + v->cache[keep].bytes <= VIEW_CACHE_BYTES))
		total += v->cache[keep++].bytes;
	while (v->ncache > keep)
		cache_entry_free(&v->cache[--v->ncache]);
}

/* The cached table for key, loading it on a miss; NULL when loading failed. */
static struct qtable *cache_get(struct view_ctx *ctx, struct view *v, const char *key)
{
	for (size_t i = 0; i < v->ncache; i++)
		if (str_cmp(v->cache[i].key, key) == 0) {
			cache_touch(v, i);
			return v->cache[0].table;
		}
	struct qtable *table = xcalloc(1, sizeof(*table));
	v->load_status = v->ops->load(ctx, v, key, table);
	if (v->load_status != ST_OK && v->load_status != ST_NOT_FOUND) {
		free(v->load_detail);
		v->load_detail = xstrdup(status_detail(v->load_status));
	}
	memmove(&v->cache[1], &v->cache[0], v->ncache * sizeof(v->cache[0]));
	v->ncache++;
	v->cache[0] = (struct view_cache_entry){ .key = key ? xstrdup(key) : NULL, .table = table,
						 .bytes = table_bytes(table) };
	cache_trim(v);
	return table;
}

/* Default filter text of a row: every cell, folded. */
static char *hay_all_cells(const struct qtable *q, size_t row)
{
	struct strbuf sb = {0};
	for (size_t c = 0; c < q->ncols; c++) {
		const char *cell = qtable_get(q, row, c);
		if (cell) {
			strbuf_puts(&sb, cell);
			strbuf_puts(&sb, " ");
		}
	}
	char *raw = strbuf_steal(&sb);
	char *folded = list_fold(raw);
	free(raw);
	return folded;
}

/* The text the filter matches and the names it ranks, made when a filter
 * is set, not with every load: a Down in a list loads the panes on its
 * right, and nobody filters most of them. */
static void make_filter_text(struct view *v)
{
	size_t n = v->rows->nrows;
	char **hay = xcalloc(n ? n : 1, sizeof(*hay));
	for (size_t i = 0; i < n; i++)
		hay[i] = v->ops->hay ? v->ops->hay(v, i) : hay_all_cells(v->rows, i);
	list_set_hay(&v->list, hay);
	if (v->ops->names) {
		char **names = xcalloc(n ? n : 1, sizeof(*names));
		for (size_t i = 0; i < n; i++)
			names[i] = v->ops->names(v, i);
		list_set_names(&v->list, names);
	}
}

static void view_reset_rows(struct view *v)
{
	list_set_rows(&v->list, v->rows->nrows, NULL);
	v->rows_gen++;
	view_apply(v);
}

void view_load(struct view_ctx *ctx, struct view *v, const char *key)
{
	if (v->ops->no_cache) {
		qtable_free(&v->own);
		v->load_status = v->ops->load(ctx, v, key, &v->own);
		v->rows = &v->own;
	} else {
		if (v->ncache && v->rows == v->cache[0].table) {   /* remember where we leave */
			v->cache[0].mark = list_mark_get(&v->list);
			v->cache[0].has_mark = true;
		}
		v->rows = cache_get(ctx, v, key);
	}
	if (str_cmp(v->key, key) != 0) {
		free(v->key);
		v->key = key ? xstrdup(key) : NULL;
	}
	if (v->list.filter && v->ops->filter_prepare)   /* the filter stays: it needs its text */
		v->ops->filter_prepare(ctx, v);
	view_reset_rows(v);
	if (!v->ops->no_cache && v->cache[0].has_mark)
		list_mark_set(&v->list, v->cache[0].mark);
}

void view_complete_rows(struct view *v, struct qtable *rows)
{
	bool same = rows->nrows == v->rows->nrows;
	qtable_free(v->rows);
	*v->rows = *rows;
	memset(rows, 0, sizeof(*rows));
	if (v->ncache && v->rows == v->cache[0].table)
		v->cache[0].bytes = table_bytes(v->rows);
	if (same)
		list_set_hay(&v->list, NULL);
	else   /* the store changed since: show what it holds now */
		view_reset_rows(v);
}

void view_replace_rows(struct view *v, struct qtable *rows, const char *key_col)
{
	size_t sel = list_selected(&v->list);
	const char *old = sel == LIST_NONE ? NULL : view_cell(v, sel, key_col);
	char *keep = old ? xstrdup(old) : NULL;
	size_t top = v->list.top;
	qtable_free(v->rows);
	*v->rows = *rows;
	memset(rows, 0, sizeof(*rows));
	if (v->ncache && v->rows == v->cache[0].table)
		v->cache[0].bytes = table_bytes(v->rows);
	view_reset_rows(v);
	for (size_t i = 0; keep && i < v->rows->nrows; i++)
		if (view_cell(v, i, key_col) && strcmp(view_cell(v, i, key_col), keep) == 0 &&
		    list_select_row(&v->list, i)) {
			v->list.top = top;
			break;
		}
	free(keep);
}

void view_apply(struct view *v)
{
	if (v->list.filter && !v->list.hay && !v->ops->no_filter)
		make_filter_text(v);
	list_apply(&v->list, v->ops->compare, v->ops->group, v);
}

const char *view_cell(const struct view *v, size_t row, const char *col)
{
	int c = qtable_col(v->rows, col);
	if (c < 0 || row >= v->rows->nrows)
		return NULL;
	return qtable_get(v->rows, row, (size_t)c);
}

bool view_sort_falls(const struct view *v)
{
	bool fall = v->ops->sorts_fall && v->ops->sorts_fall[v->list.sort_key];
	return fall != v->list.sort_reverse;
}

const char *view_sort_mark(const struct view_ctx *ctx, const struct view *v, int key)
{
	if (v->list.sort_key != key || (key == 0 && !v->list.sort_reverse))
		return "";
	if (ctx->utf8)
		return view_sort_falls(v) ? "\u25bc" : "\u25b2";
	return view_sort_falls(v) ? "v" : "^";
}

long view_cell_long(const struct view *v, size_t row, const char *col)
{
	const char *s = view_cell(v, row, col);
	return s ? strtol(s, NULL, 10) : 0;
}

char *view_match_why(const struct view_ctx *ctx, const struct view *v)
{
	size_t row = list_selected(&v->list), len;
	const char *why = row == LIST_NONE ? NULL : list_match_why(&v->list, row, &len);
	if (!why)
		return NULL;
	const char *own = v->list.names[row];
	return xasprintf("%.*s %s %.*s", (int)strcspn(own, "\n"), own, ctx->utf8 ? "\u2190" : "<-",
			 (int)len, why);
}

bool view_row_source(struct view *v, size_t row, struct source_ref *ref)
{
	ref->report = view_cell(v, row, "report");
	ref->line = view_cell_long(v, row, "line");
	ref->quote = view_cell(v, row, "quote");
	return ref->report && ref->line > 0;
}

enum result view_enter_source(struct view_ctx *ctx, struct view *v)
{
	struct source_ref ref;
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE || !view_row_source(v, row, &ref)) {
		view_message(ctx, true, "no source for this row");
		return R_REDRAW;
	}
	return view_open_source(ctx, &ref);
}

/* --- what a handler returns ------------------------------------------------ */

void view_message(struct view_ctx *ctx, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof(ctx->message), fmt, ap);
	va_end(ap);
	ctx->message_error = error;
}

enum result view_push(struct view_ctx *ctx, struct view *v)
{
	ctx->out.push = v;
	return R_PUSH | R_REDRAW;
}

enum result view_open_source(struct view_ctx *ctx, const struct source_ref *ref)
{
	ctx->out.source.report = ref->report ? xstrdup(ref->report) : NULL;
	ctx->out.source.line = ref->line;
	ctx->out.source.quote = ref->quote ? xstrdup(ref->quote) : NULL;
	return R_SOURCE | R_REDRAW;
}

enum result view_focus(struct view_ctx *ctx, int pane)
{
	ctx->out.focus = pane;
	return R_FOCUS | R_REDRAW;
}

enum result view_goto_pair(struct view_ctx *ctx, const char *province, const char *donor,
			   const char *recipient)
{
	ctx->out.pair[0] = xstrdup(province);
	ctx->out.pair[1] = xstrdup(donor);
	ctx->out.pair[2] = xstrdup(recipient);
	return R_GOTO_PAIR | R_REDRAW;
}

void outcome_clear(struct outcome *out)
{
	free(out->source.report);
	free(out->source.quote);
	for (int i = 0; i < 3; i++)
		free(out->pair[i]);
	view_free(out->push);   /* only when nobody took it */
	memset(out, 0, sizeof(*out));
}

const char *view_name(const struct view_ctx *ctx, const char *en, const char *zh, char *buf,
		      size_t size)
{
	return placename_shown(ctx->names, ctx->utf8, en, zh, buf, size);
}

const char *view_arrow(const struct view_ctx *ctx)
{
	return ctx->utf8 ? "\u2192" : "->";
}

char *view_ascii(const struct view_ctx *ctx, const char *s)
{
	return ctx->utf8 ? xstrdup(s ? s : "") : text_ascii_signs(s);
}

void view_ascii_rows(const struct view_ctx *ctx, struct qtable *t)
{
	if (ctx->utf8)
		return;
	struct qtable plain;
	qtable_init(&plain, t->ncols, (const char *const *)t->headers);
	char **cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(*cells));
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			cells[c] = qtable_get(t, r, c) ? text_ascii_signs(qtable_get(t, r, c)) : NULL;
		qtable_add_row(&plain, (const char *const *)cells);
		for (size_t c = 0; c < t->ncols; c++)
			free(cells[c]);
	}
	free(cells);
	qtable_free(t);
	*t = plain;
}

const char *view_money(const struct view_ctx *ctx, long long amount_yuan, bool approx, char *buf,
		       size_t size)
{
	char digits[40];
	money_format_fixed((int64_t)amount_yuan, ctx->unit, digits, sizeof(digits));
	snprintf(buf, size, "%s%s", approx ? "~" : "", digits);
	return buf;
}

void view_forget(struct view *v)
{
	for (size_t i = 0; i < v->ncache; i++)
		cache_entry_free(&v->cache[i]);
	v->ncache = 0;
	v->rows = &v->own;   /* empty in a view with a cache */
}
