#include "config.h"

/* The status-line editor (search, filter, export file name, overwrite
 * question), the export of the current table and the copy (y). */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>

#include "pairoff/clipboard.h"
#include "pairoff/inert.h"
#include "pairoff/output.h"
#include "pairoff/paths.h"
#include "pairoff/regfile.h"
#include "pairoff/util.h"
#include "pairoff/browser.h"
#include "pairoff/draw.h"
#include "pairoff/prompt.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

static const char *const prompt_labels[] = {
	[PROMPT_NONE] = "",
	[PROMPT_SEARCH] = "Search: ",
	[PROMPT_FILTER] = "Filter: ",
	[PROMPT_EXPORT] = "Export to (.csv .tsv .json): ",
	[PROMPT_RELOAD] = "The store was rebuilt by an import: reload it? (Y/n) ",
	[PROMPT_OVERWRITE] = "",
	[PROMPT_PLACE] = "Go to place: ",
	[PROMPT_FIND] = "/",
};

/* --- UTF-8 <-> wide, independent of the locale's multibyte functions ------- */

static char *wide_to_utf8(const wchar_t *w, size_t n)
{
	char *out = xmalloc(n * 4 + 1);
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += text_encode((uint32_t)w[i], out + len);
	out[len] = '\0';
	return out;
}

char *prompt_text(const struct prompt *p)
{
	return wide_to_utf8(p->buf, p->len);
}

static void prompt_set(struct prompt *p, const char *initial)
{
	p->len = p->cur = 0;
	p->truncated = false;
	const char *s = initial ? initial : "";
	size_t left = strlen(s);
	while (left && p->len < PROMPT_MAX) {
		uint32_t cp;
		size_t n = text_decode(s, left, &cp);
		p->buf[p->len++] = (wchar_t)cp;
		s += n;
		left -= n;
	}
	p->cur = p->len;
}

static void completion_stop(struct prompt *p)
{
	free(p->cands);
	p->cands = NULL;
	p->ncands = p->cand = 0;
}

void prompt_free(struct prompt *p)
{
	completion_stop(p);
	if (p->places) {
		qtable_free(p->places);
		free(p->places);
		p->places = NULL;
	}
}

void prompt_start(struct tui *t, enum prompt_kind kind, const char *initial)
{
	prompt_free(&t->prompt);
	t->prompt.kind = kind;
	prompt_set(&t->prompt, initial);
	t->ctx.message[0] = '\0';
	if (kind != PROMPT_PLACE)
		return;
	t->prompt.places = xcalloc(1, sizeof(*t->prompt.places));
	enum status st = query_place_names(t->ctx.store, t->prompt.places);
	if (st != ST_OK) {
		prompt_free(&t->prompt);
		t->prompt.kind = PROMPT_NONE;
		view_message(&t->ctx, true, "%s", status_detail(st));
	}
}

/* --- completing a place ----------------------------------------------------- */

static const char *place_label(const struct prompt *p, size_t i)
{
	return qtable_get(p->places, p->cands[i].row, 0);
}

/* Tab (dir 1) and Shift-Tab (-1): the next or previous place matching what
 * was typed; the first Tab shows the best. */
static void completion_step(struct prompt *p, int dir)
{
	if (!p->cands) {
		char *typed = prompt_text(p);
		p->ncands = complete_places(p->places, typed, &p->cands);
		free(typed);
		if (!p->ncands)
			return;
		p->cand = dir > 0 ? 0 : p->ncands - 1;
	} else {
		p->cand = (p->cand + p->ncands + (size_t)(dir > 0 ? 1 : -1)) % p->ncands;
	}
	prompt_set(p, place_label(p, p->cand));
}

/* What the place prompt says on its right: where Tab is, or what Enter
 * would open ("Mizhi County (Shaanxi) +2, Tab"). Owned, NULL for nothing. */
static char *completion_note(const struct prompt *p)
{
	if (p->kind != PROMPT_PLACE || !p->places)
		return NULL;
	if (p->cands)
		return xasprintf("%zu/%zu, Tab next", p->cand + 1, p->ncands);
	char *typed = prompt_text(p);
	struct completion *c;
	size_t n = complete_places(p->places, typed, &c);
	char *note = !*typed ? xstrdup("any place or alias, Tab completes")
		   : n == 0 ? xstrdup("no place matches")
		   : n == 1 ? xasprintf("%s", qtable_get(p->places, c[0].row, 0))
		   : xasprintf("%s +%zu, Tab", qtable_get(p->places, c[0].row, 0), n - 1);
	free(typed);
	free(c);
	return note;
}

/* Enter: the place shown or, when the best match stands alone, that one;
 * places answering alike ("Wushan") are put in the input to choose from
 * with Tab, the prompt staying open. */
static enum result place_accept(struct tui *t, const char *text)
{
	struct prompt *p = &t->prompt;
	char *label = NULL;
	if (p->cands) {
		label = xstrdup(place_label(p, p->cand));
	} else {
		struct completion *c;
		size_t n = complete_places(p->places, text, &c);
		if (n && complete_is_clear(c, n)) {
			label = xstrdup(qtable_get(p->places, c[0].row, 0));
		} else if (n) {
			p->kind = PROMPT_PLACE;   /* stays open */
			p->cands = c;
			p->ncands = n;
			p->cand = 0;
			prompt_set(p, place_label(p, 0));
			return R_REDRAW;
		} else {
			view_message(&t->ctx, true, "no place matches \"%s\" (Tab completes names)", text);
		}
		free(c);
	}
	struct view *v = label ? view_place_new(&t->ctx, label) : NULL;
	free(label);
	return v ? view_push(&t->ctx, v) : R_REDRAW;
}

/* A search's results, for the main loop to show in place of the last
 * search's (the status line says how many before the prompt adds its
 * own word). */
static enum result search_accept(struct tui *t, const char *text)
{
	struct view *v = view_search_new(&t->ctx, text);
	if (!v)
		return R_REDRAW;
	view_message(&t->ctx, false, "%zu hit%s: Enter opens one, n/N step through them",
		     v->rows->nrows, v->rows->nrows == 1 ? "" : "s");
	t->ctx.out.push = v;
	return R_SEARCH | R_REDRAW;
}

/* --- drawing --------------------------------------------------------------- */

void prompt_draw(struct tui *t, WINDOW *w, int width)
{
	struct prompt *p = &t->prompt;
	const char *label = prompt_labels[p->kind];
	char *question = NULL;
	if (p->kind == PROMPT_OVERWRITE) {
		question = xasprintf("%s exists: overwrite it? (y/N) ", p->path ? p->path : "");
		label = question;
	}
	attr_t a = t->ctx.attrs[ROLE_STATUS];
	wmove(w, 0, 0);
	int used = draw_text(w, label, width - 1, a | A_BOLD, false, a);
	free(question);
	char *note = completion_note(p);
	int note_w = note ? text_width(note) + 2 : 0;
	if (note_w > (width - used) / 2)
		note_w = 0;   /* the input comes first */
	int room = width - used - 1 - note_w;
	/* scroll sideways so the cursor stays in view */
	size_t start = 0;
	int cols = 0;
	for (size_t i = p->cur; i > 0; i--) {
		int cw = text_char_width((uint32_t)p->buf[i - 1]);
		cols += cw > 0 ? cw : 1;
		if (cols > room) {
			start = i;
			break;
		}
	}
	int cursor_x = used;
	for (size_t i = start; i < p->len && room > 0; i++) {
		int cw = text_char_width((uint32_t)p->buf[i]);
		cw = cw > 0 ? cw : 1;
		if (cw > room)
			break;
		wattrset(w, a);
		if (iswprint(p->buf[i]))
			waddnwstr(w, &p->buf[i], 1);
		else
			waddch(w, '?');
		room -= cw;
		if (i < p->cur)
			cursor_x += cw;
	}
	if (room > 0)
		draw_spaces(w, room, a);
	if (note_w) {
		draw_spaces(w, 1, a);
		draw_cell_cut(w, note, note_w, t->ctx.utf8, a | A_DIM);
	} else {
		draw_spaces(w, 1, a);
	}
	free(note);
	wmove(w, 0, cursor_x < width ? cursor_x : width - 1);
}

/* --- export ---------------------------------------------------------------- */

static bool export_format(const char *path, enum output_format *fmt)
{
	if (str_ends_with(path, ".csv"))
		*fmt = OUT_CSV;
	else if (str_ends_with(path, ".tsv"))
		*fmt = OUT_TSV;
	else if (str_ends_with(path, ".json"))
		*fmt = OUT_JSON;
	else
		return false;
	return true;
}

/* Columns that only serve the drawing (filter text, grouping, sorting). */
static bool internal_column(const char *name)
{
	static const char *const internal[] = { "aliases", "group", "group_total", "span", "top", NULL };
	for (size_t i = 0; internal[i]; i++)
		if (strcmp(name, internal[i]) == 0)
			return true;
	return false;
}

/* The rows of v the list shows (filter applied, headings and internal
 * columns left out), in the order shown. */
static void visible_table(const struct view *v, struct qtable *out)
{
	const struct qtable *q = v->rows;
	size_t *cols = xcalloc(q->ncols ? q->ncols : 1, sizeof(*cols)), ncols = 0;
	const char **headers = xcalloc(q->ncols ? q->ncols : 1, sizeof(*headers));
	const char **cells = xcalloc(q->ncols ? q->ncols : 1, sizeof(*cells));
	for (size_t c = 0; c < q->ncols; c++)
		if (!internal_column(q->headers[c])) {
			headers[ncols] = q->headers[c];
			cols[ncols++] = c;
		}
	qtable_init(out, ncols, headers);
	bool all = v->list.nrows != q->nrows;   /* a view whose list rows are not table rows */
	size_t n = all ? q->nrows : v->list.nvis;
	for (size_t i = 0; i < n; i++) {
		bool heading = false;
		size_t row = all ? i : list_entry(&v->list, i, &heading);
		if (heading)
			continue;
		for (size_t c = 0; c < ncols; c++)
			cells[c] = qtable_get(q, row, cols[c]);
		qtable_add_row(out, cells);
	}
	free(cols);
	free(headers);
	free(cells);
}

/* The path as the message names it: absolute, so that a file written
 * relative to a directory the user no longer thinks of can be found. */
static char *absolute_path(const char *path)
{
	char *cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
	if (!cwd)
		return xstrdup(path);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	char *abs = xasprintf("%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", path);
	free(cwd);
	return abs;
}

static void export_write(struct tui *t, const char *path, bool overwrite)
{
	enum output_format fmt;
	if (!export_format(path, &fmt)) {
		view_message(&t->ctx, true, "name the file .csv, .tsv or .json");
		return;
	}
	const char *why;
	FILE *fp = regfile_open_write(path, overwrite, &why);
	if (!fp) {
		view_message(&t->ctx, true, "%s: %s (not exported)", path, why);
		return;
	}
	struct qtable table;
	visible_table(tui_current(t), &table);
	output_print(fp, &table, fmt);
	bool failed = ferror(fp) != 0;
	failed |= fclose(fp) != 0;
	char *where = absolute_path(path);
	if (failed)
		view_message(&t->ctx, true, "%s: %s", where, strerror(errno));
	else
		view_message(&t->ctx, false, "%zu rows -> %s", table.nrows, where);
	free(where);
	qtable_free(&table);
}

static void export_begin(struct tui *t, const char *name)
{
	char *path = paths_expand_home(name);
	enum output_format fmt;
	struct stat sb;
	if (!*name) {
		view_message(&t->ctx, false, "not exported");
	} else if (!export_format(path, &fmt)) {
		view_message(&t->ctx, true, "name the file .csv, .tsv or .json (not exported)");
	} else if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		view_message(&t->ctx, true, "%s: not a regular file (not exported)", path);
	} else if (stat(path, &sb) == 0) {
		free(t->prompt.path);
		t->prompt.path = path;
		prompt_start(t, PROMPT_OVERWRITE, NULL);
		return;
	} else {
		export_write(t, path, false);
	}
	free(path);
}

/* --- copy (src/clipboard.c) ----------------------------------------------------------- */

static char *row_text(const struct view *v, size_t row)
{
	struct strbuf sb = {0};
	for (size_t c = 0; c < v->rows->ncols; c++) {
		const char *cell = qtable_get(v->rows, row, c);
		if (internal_column(v->rows->headers[c]) || strcmp(v->rows->headers[c], "kind") == 0 || !cell)
			continue;
		if (sb.len)
			strbuf_puts(&sb, "\t");
		strbuf_puts(&sb, cell);
	}
	return strbuf_steal(&sb);
}

enum result tui_copy(struct tui *t, const char *what)
{
	struct view *v = tui_current(t);
	size_t row = list_selected(&v->list);
	char *text = what ? xstrdup(what) : v->ops->copy_text ? v->ops->copy_text(v)
		   : row == LIST_NONE ? NULL : row_text(v, row);
	if (!text) {
		view_message(&t->ctx, true, "nothing selected to copy");
		return R_REDRAW;
	}
	inert_replace(&text, INERT_TABS | INERT_NEWLINES);   /* no hit markers, no controls */
	strbuf_free(&t->osc);
	const char *tmux = getenv("TMUX");
	char *msg = clipboard_copy(text, &t->osc, tmux && *tmux);
	view_message(&t->ctx, false, "%s", msg);
	free(msg);
	free(text);
	return R_REDRAW;
}

/* --- keys ------------------------------------------------------------------ */

static void filter_update(struct tui *t)
{
	struct view *v = tui_current(t);
	char *text = prompt_text(&t->prompt);
	if (text && *text && !v->list.hay && v->ops->filter_prepare)
		v->ops->filter_prepare(&t->ctx, v);
	list_set_filter(&v->list, text);
	view_apply(v);
	free(text);
}

/* How many rows match and, when the selected one matched through a place
 * under it, which ("Jiangsu ← Zhejiang City"). */
static void filter_done(struct tui *t, struct view *v, const char *text)
{
	char *why = view_match_why(&t->ctx, v);
	view_message(&t->ctx, false, "%zu row%s match \"%s\"%s%s (Esc clears)", v->list.nmatch,
		    v->list.nmatch == 1 ? "" : "s", text, why ? ": " : "", why ? why : "");
	free(why);
}

static enum result prompt_accept(struct tui *t)
{
	enum result r = R_REDRAW;
	struct prompt *p = &t->prompt;
	enum prompt_kind kind = p->kind;
	char *text = prompt_text(p);
	p->kind = PROMPT_NONE;
	struct view *v = tui_current(t);
	switch (kind) {
	case PROMPT_SEARCH:
		if (*str_trim(text))
			r = search_accept(t, text);
		break;
	case PROMPT_FILTER:
		filter_done(t, v, text);
		break;
	case PROMPT_EXPORT:
		export_begin(t, str_trim(text));
		break;
	case PROMPT_PLACE:
		r = place_accept(t, str_trim(text));
		break;
	case PROMPT_FIND:   /* the view searches its own text (Enter alone: the last pattern) */
		if (v->ops->find)
			r = v->ops->find(&t->ctx, v, text);
		break;
	default:
		break;
	}
	free(text);
	if (p->kind == PROMPT_NONE)
		prompt_free(p);
	return r;
}

static void prompt_cancel(struct tui *t)
{
	if (t->prompt.kind == PROMPT_FILTER) {
		struct view *v = tui_current(t);
		list_set_filter(&v->list, NULL);
		view_apply(v);
	}
	t->prompt.kind = PROMPT_NONE;
	prompt_free(&t->prompt);
	view_message(&t->ctx, false, "cancelled");
}

static void prompt_insert(struct prompt *p, wchar_t wc)
{
	if (p->len >= PROMPT_MAX) {
		p->truncated = true;
		return;
	}
	memmove(&p->buf[p->cur + 1], &p->buf[p->cur], (p->len - p->cur) * sizeof(wchar_t));
	p->buf[p->cur++] = wc;
	p->len++;
}

static void prompt_delete(struct prompt *p, size_t from, size_t to)
{
	memmove(&p->buf[from], &p->buf[to], (p->len - to) * sizeof(wchar_t));
	p->len -= to - from;
	p->cur = from;
}

static bool prompt_edit(struct prompt *p, int ch, bool is_func)
{
	if (is_func) {
		switch (ch) {
		case KEY_LEFT: if (p->cur) p->cur--; return false;
		case KEY_RIGHT: if (p->cur < p->len) p->cur++; return false;
		case KEY_HOME: p->cur = 0; return false;
		case KEY_END: p->cur = p->len; return false;
		case KEY_BACKSPACE: if (p->cur) prompt_delete(p, p->cur - 1, p->cur); return true;
		case KEY_DC: if (p->cur < p->len) prompt_delete(p, p->cur, p->cur + 1); return true;
		default: return false;
		}
	}
	if (ch == 127 || ch == CTRL_KEY('h')) {
		if (p->cur)
			prompt_delete(p, p->cur - 1, p->cur);
	} else if (ch == CTRL_KEY('u')) {
		prompt_delete(p, 0, p->cur);
	} else if (ch == CTRL_KEY('w')) {
		size_t i = p->cur;
		while (i > 0 && p->buf[i - 1] == L' ')
			i--;
		while (i > 0 && p->buf[i - 1] != L' ')
			i--;
		prompt_delete(p, i, p->cur);
	} else if (ch == CTRL_KEY('a')) {
		p->cur = 0;
		return false;
	} else if (ch == CTRL_KEY('e')) {
		p->cur = p->len;
		return false;
	} else if (ch >= 0x20 && ch != 0x7F && iswprint((wint_t)ch)) {
		prompt_insert(p, (wchar_t)ch);
	} else {
		return false;
	}
	return true;
}

static enum result overwrite_key(struct tui *t, int ch)
{
	t->prompt.kind = PROMPT_NONE;
	if (ch == 'y' || ch == 'Y')
		export_write(t, t->prompt.path, true);
	else
		view_message(&t->ctx, false, "not exported: %s is left as it was", t->prompt.path);
	free(t->prompt.path);
	t->prompt.path = NULL;
	return R_REDRAW;
}

/* The key answering the reload question, for the main loop (src/tui-reload.c). */
static enum result reload_answer(struct tui *t, int ch)
{
	t->ctx.out.answer = ch;
	return R_ANSWER;
}

enum result prompt_key(struct tui *t, int ch, bool is_func)
{
	struct prompt *p = &t->prompt;
	if (p->kind == PROMPT_OVERWRITE)
		return is_func ? R_HANDLED : overwrite_key(t, ch);
	if (p->kind == PROMPT_RELOAD)
		return is_func ? R_HANDLED : reload_answer(t, ch);
	if (!is_func && (ch == '\r' || ch == '\n')) {
		bool cut = p->truncated;
		enum result r = prompt_accept(t);
		if (cut && !t->ctx.message_error)
			view_message(&t->ctx, true, "input cut at %d characters", PROMPT_MAX);
		return r;
	}
	if ((!is_func && (ch == 27 || ch == CTRL_KEY('c') || ch == CTRL_KEY('g')))) {
		prompt_cancel(t);
		return R_REDRAW;
	}
	if (p->kind == PROMPT_PLACE && ((!is_func && ch == '\t') || (is_func && ch == KEY_BTAB))) {
		completion_step(p, ch == '\t' ? 1 : -1);
		return R_REDRAW;
	}
	if (prompt_edit(p, ch, is_func)) {
		completion_stop(p);
		if (p->kind == PROMPT_FILTER)
			filter_update(t);
	}
	return R_REDRAW;
}
