#include "config.h"

/* The browser's main loop (tig's view.c and htop's ScreenManager in one
 * small file): terminal set-up and restore on every exit path, layout,
 * the once-per-key draw (wnoutrefresh per window, one doupdate), the key
 * dispatch through the action table. The in-process screen dump that
 * tests drive is src/tui-dump.c, above this file. */

#include <errno.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "pairoff/store.h"
#include "pairoff/extract.h"
#include "pairoff/tui.h"
#include "pairoff/util.h"
#include "pairoff/at.h"
#include "pairoff/browser.h"
#include "pairoff/draw.h"
#include "pairoff/prompt.h"
#include "pairoff/reload.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

#define MIN_COLS 40
#define MIN_LINES 10
#define THREE_PANES_COLS 90
/* How often the key read wakes up to see pending signals. */
#define KEY_WAKE_MS 500
/* The panes right of a moved selection are filled once input has paused
 * this long: longer than a key repeat's gap (30-40 ms). A key that comes
 * after such a pause with no other behind it (a deliberate one, or the
 * first press of a held key) fills them in its own frame. */
#define PREVIEW_DELAY_MS 45
/* Keys handled before one frame is drawn, at most (a long paste still
 * shows progress). */
#define TYPEAHEAD_MAX 256

/* Free heap kept while keys come (release_memory): about what loading a
 * busy pair's panes at 1,000 reports leaves free. */
#define RELEASE_FREE_BYTES ((size_t)4 << 20)

/* --- terminal restore on every exit path ----------------------------------- */

static SCREEN *screen;
static bool screen_active;
static volatile sig_atomic_t pending_signal;
static volatile sig_atomic_t query_isig, query_cancel; /* see query_should_stop */

static void terminal_restore(void)
{
	if (screen_active) {
		screen_active = false;
		endwin();
	}
}

static void on_quit_signal(int sig)
{
	if (sig == SIGINT && query_isig)
		query_cancel = 1;   /* Ctrl-C during a query stops the query only */
	else
		pending_signal = sig;
}

/* A crash must not leave the terminal raw: restore, then die as asked. */
static void on_fatal_signal(int sig)
{
	terminal_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;   /* no SA_RESTART: the key read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

static void signals_restore(void)
{
	int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

/* --- stopping a long query (issue 15, item 4) ------------------------------ */

/* In raw mode Ctrl-C is a key, which nobody reads while a query runs. So
 * once a query has run a while, the terminal is let to turn Ctrl-C into
 * SIGINT (quit and suspend keys stay off), and the main loop puts raw mode
 * back before it reads the next key. SIGINT then stops the query only;
 * SIGTERM and SIGHUP stop it and end the browser. Keys other than Ctrl-C
 * stay in the terminal's queue for the main loop. */
static struct termios query_saved_tio;

static void query_keys_on(void)
{
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &query_saved_tio) != 0)
		return;
	tio = query_saved_tio;
	tio.c_lflag |= ISIG;
	tio.c_cc[VINTR] = 0x03;
	tio.c_cc[VQUIT] = _POSIX_VDISABLE;
	tio.c_cc[VSUSP] = _POSIX_VDISABLE;
	query_isig = 1;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) != 0)
		query_isig = 0;
}

/* Before the next key is read: raw mode again, a Ctrl-C forgotten. */
static void query_keys_off(void)
{
	if (query_isig) {
		tcsetattr(STDIN_FILENO, TCSANOW, &query_saved_tio);
		query_isig = 0;
	}
	query_cancel = 0;
}

/* Asked by the store during a query (src/store.c). */
static bool query_should_stop(void *arg)
{
	const struct tui *t = arg;
	if (pending_signal || query_cancel)
		return true;
	if (!t->dump && screen_active && !query_isig)
		query_keys_on();
	return false;
}

static void query_cancel_install(struct tui *t, struct store *s, int limit_seconds)
{
	struct store_cancel cancel = {
		.check = t ? query_should_stop : NULL,
		.arg = t,
		.time_limit_ms = limit_seconds * 1000L,
	};
	store_set_cancel(s, &cancel);
}

/* --- colours --------------------------------------------------------------- */

static bool want_color(const struct tui *t)
{
	const char *no = getenv("NO_COLOR");
	const char *theme = t->ctx.settings->theme;
	return t->ctx.settings->color && !(no && *no) && !(theme && strcmp(theme, "mono") == 0) &&
	       has_colors();
}

static void attrs_mono(struct tui *t)
{
	t->ctx.attrs[ROLE_NORMAL] = A_NORMAL;
	t->ctx.attrs[ROLE_TITLE] = A_REVERSE | A_BOLD;
	t->ctx.attrs[ROLE_STATUS] = A_NORMAL;
	t->ctx.attrs[ROLE_SELECT] = A_REVERSE;
	t->ctx.attrs[ROLE_SELECT_DIM] = A_UNDERLINE;
	t->ctx.attrs[ROLE_HEADER] = A_BOLD | A_UNDERLINE;
	t->ctx.attrs[ROLE_HEADING] = A_BOLD;
	t->ctx.attrs[ROLE_HIT] = A_STANDOUT | A_BOLD;
	t->ctx.attrs[ROLE_ERROR] = A_BOLD;
	t->ctx.attrs[ROLE_BAR] = A_NORMAL;
	t->ctx.attrs[ROLE_DIM] = A_DIM;
}

static void colors_init(struct tui *t)
{
	attrs_mono(t);
	t->color = want_color(t);
	if (!t->color || start_color() == ERR)
		return;
	use_default_colors();
	bool light = t->ctx.settings->theme && strcmp(t->ctx.settings->theme, "light") == 0;
	short fg_sel = COLOR_BLACK, bg_sel = light ? COLOR_YELLOW : COLOR_CYAN;
	init_pair(1, COLOR_BLACK, light ? COLOR_WHITE : COLOR_BLUE);
	init_pair(2, fg_sel, bg_sel);
	init_pair(3, light ? COLOR_BLUE : COLOR_YELLOW, -1);
	init_pair(4, COLOR_BLACK, COLOR_YELLOW);
	init_pair(5, COLOR_RED, -1);
	init_pair(6, light ? COLOR_BLUE : COLOR_GREEN, -1);
	init_pair(7, light ? COLOR_BLUE : COLOR_CYAN, -1);
	t->ctx.attrs[ROLE_TITLE] = COLOR_PAIR(1) | A_BOLD;
	if (!light)
		t->ctx.attrs[ROLE_TITLE] = COLOR_PAIR(1) | A_BOLD;
	t->ctx.attrs[ROLE_SELECT] = COLOR_PAIR(2);
	t->ctx.attrs[ROLE_HEADING] = COLOR_PAIR(3) | A_BOLD;
	t->ctx.attrs[ROLE_HIT] = COLOR_PAIR(4) | A_BOLD;
	t->ctx.attrs[ROLE_ERROR] = COLOR_PAIR(5) | A_BOLD;
	t->ctx.attrs[ROLE_BAR] = COLOR_PAIR(6);
	t->ctx.attrs[ROLE_HEADER] = COLOR_PAIR(7) | A_BOLD;
}

/* --- the back stack ------------------------------------------------------- */

/* Opens an overlay view; takes ownership. */
static void tui_push(struct tui *t, struct view *v)
{
	if (t->depth == TUI_STACK_MAX) {   /* the oldest overlay makes room */
		if (t->stack[0] != t->search_view)
			view_free(t->stack[0]);
		memmove(&t->stack[0], &t->stack[1], (TUI_STACK_MAX - 1) * sizeof(t->stack[0]));
		t->depth--;
	}
	t->stack[t->depth++] = v;
}

static void tui_pop(struct tui *t)
{
	if (!t->depth)
		return;
	struct view *v = t->stack[--t->depth];
	if (v != t->search_view)   /* kept for n/N */
		view_free(v);
}

/* Opens the source view of ref on top of the stack. */
static enum result tui_open_source(struct tui *t, const struct source_ref *ref)
{
	struct view *v = view_source_new(&t->ctx, ref);
	if (v)
		tui_push(t, v);
	return R_REDRAW;
}

/* Shows a new search's results v in place of the last search's. */
static void search_install(struct tui *t, struct view *v)
{
	if (t->search_view) {   /* close the old results and what was opened from them */
		int at = -1;
		for (int i = 0; i < t->depth; i++)
			if (t->stack[i] == t->search_view)
				at = i;
		while (at >= 0 && t->depth > at)
			tui_pop(t);
		view_free(t->search_view);
	}
	t->search_view = v;
	tui_push(t, v);
}

/* --- layout and drawing ---------------------------------------------------- */

static void windows_free(struct tui *t)
{
	WINDOW **wins[] = { &t->title_win, &t->body_win, &t->status_win };
	for (size_t i = 0; i < 3; i++)
		if (*wins[i]) {
			delwin(*wins[i]);
			*wins[i] = NULL;
		}
	t->cursor_win = NULL;
}

static WINDOW *window_new(int lines, int cols, int y, int x)
{
	WINDOW *w = newwin(lines, cols, y, x);
	if (w) {
		keypad(w, TRUE);
		wtimeout(w, KEY_WAKE_MS);   /* wake up now and then to see pending signals */
	}
	return w;
}

/* Creates the windows for the terminal's size; below the minimum, none. */
static void layout(struct tui *t)
{
	windows_free(t);
	getmaxyx(stdscr, t->lines, t->cols);
	if (t->lines < MIN_LINES || t->cols < MIN_COLS)
		return;
	t->title_win = window_new(1, t->cols, 0, 0);
	t->body_win = window_new(t->lines - 2, t->cols, 1, 0);
	if (t->body_win)
		idlok(t->body_win, TRUE);   /* full-width views scroll with the terminal's own scrolling */
	t->status_win = window_new(1, t->cols, t->lines - 1, 0);
	if (!t->title_win || !t->body_win || !t->status_win)
		windows_free(t);
}

static bool too_small(const struct tui *t)
{
	return !t->body_win;
}

/* ncdu's ncresize: one line asking for more room, whatever the size. */
static void draw_too_small(struct tui *t)
{
	char line[80];
	werase(stdscr);
	int y = t->lines > 1 ? t->lines / 2 - 1 : 0;
	snprintf(line, sizeof(line), "enlarge the terminal");
	mvwaddnstr(stdscr, y < 0 ? 0 : y, 0, line, t->cols);
	if (t->lines > 1) {
		snprintf(line, sizeof(line), "(%dx%d, need %dx%d; q quits)", t->cols, t->lines, MIN_COLS, MIN_LINES);
		mvwaddnstr(stdscr, y + 1, 0, line, t->cols);
	}
	wnoutrefresh(stdscr);
	t->cursor_win = stdscr;
}

/* Whether column c previews the selection on its left. The funds column
 * waits while the provinces list has the focus: it would preview a
 * preview (the first partner of the province), which cannot be acted on
 * from there, and repainting it beside the partners cost a Down in the
 * provinces list some 2 KB on the wire and a pane's query. As in ranger,
 * one column previews the focused one. */
static bool preview_shown(const struct tui *t, int c)
{
	return c < 2 || t->focus > 0;
}

static void draw_empty(struct tui *t, struct view *v, WINDOW *w, int width)
{
	bool waiting = !v->key && (v == t->column[1] || v == t->column[2]);
	const char *text = v->list.filter ? "no row matches the filter (Esc clears it)"
			 : v->load_status != ST_OK && v->load_status != ST_NOT_FOUND && v->load_detail ? v->load_detail
			 : waiting && v == t->column[2] && !preview_shown(t, 2) ? "(Enter: a partner's aid by year)"
			 : waiting ? "(select a row on the left)" : "(nothing on record)";
	draw_cell(w, text, width, false, v->load_status != ST_OK && v->load_detail ? t->ctx.attrs[ROLE_ERROR] : t->ctx.attrs[ROLE_DIM]);
}

/* Draws entry i of v's visible list at the cursor, width columns. */
static void draw_entry(struct tui *t, struct view *v, WINDOW *w, size_t i, int width, bool focused)
{
	bool heading;
	size_t row = list_entry(&v->list, i, &heading);
	if (heading) {
		const char *label = v->ops->group ? v->ops->group(v, row) : NULL;
		draw_cell(w, label, width, false, t->ctx.attrs[ROLE_HEADING]);
		return;
	}
	attr_t base = t->ctx.attrs[ROLE_NORMAL];
	int x0 = getcurx(w), y0 = getcury(w);
	v->ops->draw_row(&t->ctx, v, w, row, width, base);
	/* a row that reached the right edge leaves the cursor on the next line */
	int drawn = getcury(w) == y0 ? getcurx(w) - x0 : width;
	if (drawn < width)
		draw_spaces(w, width - drawn, base);
	if (i == v->list.sel) {
		attr_t sel = focused ? t->ctx.attrs[ROLE_SELECT] : t->ctx.attrs[ROLE_SELECT_DIM];
		int n = v->ops->select_cols ? v->ops->select_cols(v, row, width) : 24;
		mvwchgat(w, y0, x0, n < width ? n : width, sel & ~A_COLOR, (short)PAIR_NUMBER(sel), NULL);
	}
}

static bool legend_shown(const struct view *v, const struct legend_entry *e, int width)
{
	return !v->ops->legend_shown || v->ops->legend_shown(v, e, width);
}

/* Lines of v's legend drawn under its rows: an entry for each column the
 * pane shows, or none when the rows would keep fewer than 8 lines (the
 * rows matter more). */
static int legend_lines(const struct view *v, int height, int width)
{
	int n = 0;
	for (const struct legend_entry *e = v->ops->legend; e && e->mark; e++)
		n += legend_shown(v, e, width);
	return height - 1 - n >= 8 ? n : 0;
}

static void draw_legend_line(struct tui *t, const struct legend_entry *e, WINDOW *w, int width)
{
	char *text = xasprintf("%s: %s", e->mark, e->brief), *shown = view_ascii(&t->ctx, text);
	draw_cell_cut(w, shown, width, t->ctx.utf8, t->ctx.attrs[ROLE_DIM]);
	free(shown);
	free(text);
}

/* Draws the legend's lines from screen line y of w on. */
static void draw_legend(struct tui *t, struct view *v, WINDOW *w, int y, int x, int lines, int width)
{
	const struct legend_entry *e = v->ops->legend;
	for (int i = 0; i < lines && e && e->mark; e++) {
		if (!legend_shown(v, e, width))
			continue;
		wmove(w, y + i++, x);
		draw_legend_line(t, e, w, width);
	}
}

/* Draws v in the rectangle (y, x, height, width) of w: a header line, then
 * rows; leaves the cursor position of the selected row in *cy, *cx (the
 * rectangle's corner when it is too small to draw in). */
static void draw_view(struct tui *t, struct view *v, WINDOW *w, int y, int x, int height, int width,
		      bool focused, int *cy, int *cx)
{
	*cy = y;
	*cx = x;
	if (height < 2 || width < 1)
		return;
	if (v->ops->draw) {
		v->height = height;
		v->width = width;
		v->ops->draw(&t->ctx, v, w, y, x, height, width, cy, cx);
		return;
	}
	wmove(w, y, x);
	if (v->ops->header)   /* first: it measures the columns the legend follows */
		v->ops->header(&t->ctx, v, w, width);
	int legend = legend_lines(v, height, width);
	v->height = height - 1 - legend;
	if (v->ops->layout && v->width != width)
		v->ops->layout(&t->ctx, v, width);
	v->width = width;
	list_scroll(&v->list, v->height, width < t->cols - 1);
	for (int i = 0; i < v->height; i++) {
		size_t e = v->list.top + (size_t)i;
		wmove(w, y + 1 + i, x);
		if (e < v->list.nvis)
			draw_entry(t, v, w, e, width, focused);
		else if (i == 0)
			draw_empty(t, v, w, width);
		else
			draw_spaces(w, width, t->ctx.attrs[ROLE_NORMAL]);
	}
	draw_legend(t, v, w, y + 1 + v->height, x, legend, width);
	*cy = y + 1 + (int)(v->list.sel >= v->list.top ? v->list.sel - v->list.top : 0);
	*cx = x;
}

/* Which columns are shown and how wide: three side by side when there is
 * room, else the focused one and a neighbour (ranger's habit). */
static int column_rects(const struct tui *t, int first_out[1], int widths[3])
{
	if (t->cols >= THREE_PANES_COLS) {
		widths[0] = t->cols * 30 / 100;
		widths[1] = t->cols * 33 / 100;
		widths[2] = t->cols - widths[0] - widths[1] - 1;   /* curses cannot fill the bottom-right cell */
		*first_out = 0;
		return 3;
	}
	*first_out = t->focus == 0 ? 0 : t->focus - 1;
	widths[0] = t->cols * 45 / 100;
	widths[1] = t->cols - widths[0] - 1;
	return 2;
}

static void draw_columns(struct tui *t, int *cy, int *cx)
{
	int first, widths[3], x = 0, height = t->lines - 2;
	int n = column_rects(t, &first, widths);
	for (int i = 0; i < n; i++) {
		int c = first + i, w = widths[i] - (i < n - 1 ? 1 : 0);
		int y0, x0;
		draw_view(t, t->column[c], t->body_win, 0, x, height, w, c == t->focus, &y0, &x0);
		if (c == t->focus) {
			*cy = y0;
			*cx = x0;
		}
		if (i < n - 1) {
			wattrset(t->body_win, t->ctx.attrs[ROLE_DIM]);
			mvwvline_set(t->body_win, 0, x + w, WACS_VLINE, height);
		}
		x += widths[i];
	}
}

/* The breadcrumb of selections: "province > partner > year". */
static void breadcrumb(struct tui *t, struct strbuf *sb)
{
	static const char *const cols[3][2] = { { "name", NULL }, { "recipient", "partner" }, { "label", NULL } };
	const char *sep = t->ctx.utf8 ? " \u203a " : " > ";
	for (int c = 0; c <= t->focus && c < 3; c++) {
		struct view *v = t->column[c];
		size_t row = list_selected(&v->list);
		const char *text = row == LIST_NONE ? NULL : view_cell(v, row, cols[c][0]);
		if (c == 1 && row != LIST_NONE && view_cell(v, row, "kind") && strcmp(view_cell(v, row, "kind"), "partner") == 0)
			text = view_cell(v, row, "partner");
		if (!text)
			break;
		strbuf_printf(sb, "%s%s", c ? sep : "", text);
	}
	if (t->depth) {
		struct view *top = t->stack[t->depth - 1];
		strbuf_printf(sb, "%s%s%s", sep, top->ops->name, top->key ? ": " : "");
		for (const char *k = top->key; k && *k; k++)   /* a pair's key is "donor\x1frecipient" */
			if (*k == '\x1f')
				strbuf_puts(sb, t->ctx.utf8 ? " \u2192 " : " -> ");
			else
				strbuf_append(sb, k, 1);
	}
}

static void draw_title(struct tui *t)
{
	WINDOW *w = t->title_win;
	attr_t a = t->ctx.attrs[ROLE_TITLE];
	struct strbuf sb = {0};
	strbuf_puts(&sb, " pairoff  ");
	breadcrumb(t, &sb);
	char right[64];
	snprintf(right, sizeof(right), " %s ", money_unit_name(t->ctx.unit));
	int right_w = (int)strlen(right);
	wmove(w, 0, 0);
	int room = t->cols - right_w;
	char *title = view_ascii(&t->ctx, sb.data);
	int used = draw_text_cut(w, title, room, a);
	draw_spaces(w, room - used, a);
	draw_text(w, right, right_w, a, false, a);
	free(title);
	strbuf_free(&sb);
	wnoutrefresh(w);
}

/* The key hints that fit in cols, whole ("f filter", never "f fil"): they
 * are separated by two spaces. Owned. */
static char *whole_hints(const char *hints, int cols)
{
	size_t keep = text_fit(hints, cols, NULL);
	if (!hints[keep])
		return xstrdup(hints);
	while (keep > 0 && strncmp(hints + keep, "  ", 2) != 0)
		keep--;
	return xstrndup(hints, keep);
}

static void draw_status(struct tui *t)
{
	WINDOW *w = t->status_win;
	wmove(w, 0, 0);
	if (t->prompt.kind != PROMPT_NONE) {
		prompt_draw(t, w, t->cols);
		return;
	}
	struct view *v = tui_current(t);
	char right[96] = "";
	if (v->list.filter)
		snprintf(right, sizeof(right), " [filter: %.40s] %zu/%zu ", v->list.filter,
			 list_position(&v->list), v->list.nmatch);
	else if (v->list.nmatch)
		snprintf(right, sizeof(right), " %zu/%zu ", list_position(&v->list), v->list.nmatch);
	int right_w = text_width(right);
	if (right_w > t->cols / 2)
		right_w = 0;
	char *why = t->ctx.message[0] || !v->list.filter ? NULL : view_match_why(&t->ctx, v);
	const char *left = t->ctx.message[0] ? t->ctx.message : why ? why : v->ops->hint;
	attr_t a = t->ctx.message[0] && t->ctx.message_error ? t->ctx.attrs[ROLE_ERROR] : t->ctx.attrs[ROLE_STATUS];
	char *hints = left == v->ops->hint ? whole_hints(left, t->cols - right_w) : NULL;
	char *text = view_ascii(&t->ctx, hints ? hints : left);   /* a message's arrow */
	int used = draw_text_cut(w, text, t->cols - right_w, a);
	free(text);
	free(hints);
	draw_spaces(w, t->cols - right_w - used, t->ctx.attrs[ROLE_STATUS]);
	if (right_w)
		draw_text(w, right, right_w, t->ctx.attrs[ROLE_STATUS], false, 0);
	free(why);
	wnoutrefresh(w);
}

/* Draws every window with wnoutrefresh, the cursor window last, then one
 * doupdate: curses sends only the cells that differ from the screen. */
static void draw(struct tui *t)
{
	if (too_small(t)) {
		draw_too_small(t);
		doupdate();
		return;
	}
	int cy = 0, cx = 0;
	if (t->depth)
		draw_view(t, t->stack[t->depth - 1], t->body_win, 0, 0, t->lines - 2, t->cols - 1, true, &cy, &cx);
	else
		draw_columns(t, &cy, &cx);
	draw_title(t);
	wmove(t->body_win, cy, cx);
	wnoutrefresh(t->body_win);
	t->cursor_win = t->body_win;
	draw_status(t);
	if (t->prompt.kind != PROMPT_NONE) {
		wnoutrefresh(t->status_win);
		t->cursor_win = t->status_win;
	} else {
		wnoutrefresh(t->body_win);   /* the hardware cursor sits on the selected row */
	}
	doupdate();
	if (t->osc.len && !t->dump) {
		fflush(stdout);
		ssize_t n = write(STDOUT_FILENO, t->osc.data, t->osc.len);
		(void)n;
	}
	if (t->osc.len)
		strbuf_free(&t->osc);
}

/* --- the three columns ----------------------------------------------------- */

/* Gives the heap's free pages back to the system: glibc keeps them
 * otherwise, so the resident size would stay at the largest pane ever shown
 * (a busy province's partners at 1,000 reports, and SQLite's work space for
 * its query). After a pane loaded new rows, only once the heap holds more
 * than RELEASE_FREE_BYTES free (the pages given back are faulted in again
 * by the next load: trimming at every load cost a Down 1 ms of CPU); all of
 * it when input pauses (release_when_idle). */
/* Gives back every free page of the heap, if panes were loaded since. */
static void release_when_idle(struct tui *t)
{
	if (!t->trim_due)
		return;
#ifdef HAVE_MALLOC_TRIM
	malloc_trim(0);
#endif
	t->trim_due = false;
}

static void release_memory(struct tui *t)
{
	t->trim_due = true;
#if defined(HAVE_MALLOC_TRIM) && defined(HAVE_MALLINFO2)
	if (mallinfo2().fordblks < RELEASE_FREE_BYTES)
		return;
#endif
	release_when_idle(t);
}

/* Shows in each column the rows for the selection on its left; a query runs
 * only for a selection not seen before (view_load caches per key). */
static void columns_sync(struct tui *t)
{
	bool loaded = false;
	for (int c = 1; c < 3; c++) {
		struct view *left = t->column[c - 1], *v = t->column[c];
		char *key = left->ops->child_key && preview_shown(t, c) ? left->ops->child_key(&t->ctx, left) : NULL;
		if (str_cmp(key, v->key) != 0 || v->list.nrows != v->rows->nrows) {
			list_set_filter(&v->list, NULL);
			view_load(&t->ctx, v, key);
			loaded = true;
		}
		free(key);
	}
	if (loaded)
		release_memory(t);
}

/* Views whose columns have a legend, in the order of the panes: the help
 * lists their legends (ctx.legend_views). */
static const struct view_ops *const legend_views[] = { &provinces_ops, &partners_ops, &funds_ops,
							&place_ops, &matrix_ops, NULL };

/* Selects what t->at names in the panes, or opens a place's screen. */
static void at_apply(struct tui *t, const struct at_target *at)
{
	if (at->place) {
		struct view *v = view_place_new(&t->ctx, at->place);
		if (v)
			tui_push(t, v);
		return;
	}
	for (int pane = 0; pane < 3 && at_select(t->column, at, pane); pane++) {
		t->focus = pane;
		if (pane < 2)
			columns_sync(t);
	}
}

static void columns_create(struct tui *t)
{
	const struct view_ops *ops[3] = { &provinces_ops, &partners_ops, &funds_ops };
	t->ctx.legend_views = legend_views;
	for (int c = 0; c < 3; c++) {
		t->column[c] = view_new(ops[c]);
		t->ctx.column[c] = t->column[c];
		if (ops[c]->init)
			ops[c]->init(&t->ctx, t->column[c]);
	}
	view_load(&t->ctx, t->column[0], NULL);
	if (t->column[0]->load_status != ST_OK)
		view_message(&t->ctx, true, "%s", t->column[0]->load_detail ? t->column[0]->load_detail : "cannot read the store");
	columns_sync(t);
	t->focus = t->ctx.settings->start_pane == PANE_FUNDS ? 2 : t->ctx.settings->start_pane == PANE_PARTNERS ? 1 : 0;
	if (t->at) {
		at_apply(t, t->at);
		columns_sync(t);
	}
}

static void tui_free(struct tui *t)
{
	while (t->depth)
		tui_pop(t);
	view_free(t->search_view);
	for (int c = 0; c < 3; c++)
		view_free(t->column[c]);
	free(t->prompt.path);
	free(t->position);
	prompt_free(&t->prompt);
	strbuf_free(&t->osc);
	windows_free(t);
}

/* --- actions --------------------------------------------------------------- */

static enum result act_enter(struct tui *t, struct view *v)
{
	if (v->ops->enter)
		return v->ops->enter(&t->ctx, v);
	if (!t->depth && t->focus < 2) {
		if (list_selected(&v->list) == LIST_NONE)
			return R_HANDLED;
		t->focus++;
		return R_REDRAW;
	}
	return R_HANDLED;
}

static enum result act_back(struct tui *t)
{
	if (t->depth) {
		tui_pop(t);
		return R_REDRAW;
	}
	if (t->focus > 0) {
		t->focus--;
		return R_REDRAW;
	}
	return R_HANDLED;
}

static enum result act_close(struct tui *t)
{
	if (t->depth || t->focus > 0)
		return act_back(t);
	return R_QUIT;
}

static enum result act_pane(struct tui *t, int dir)
{
	if (t->depth) {
		view_message(&t->ctx, false, "q goes back to the panes");
		return R_REDRAW;
	}
	t->focus = (t->focus + 3 + dir) % 3;
	return R_REDRAW;
}

static enum result act_source(struct tui *t, struct view *v)
{
	size_t row = list_selected(&v->list);
	struct source_ref ref;
	if (row == LIST_NONE || !v->ops->source || !v->ops->source(v, row, &ref)) {
		view_message(&t->ctx, true, "no source for this row");
		return R_REDRAW;
	}
	return tui_open_source(t, &ref);
}

/* / in a view with text of its own (the source view): its find prompt. */
static enum result act_find_text(struct tui *t, struct view *v)
{
	if (!v->ops->find) {
		view_message(&t->ctx, false, "that key searches the text of a source view");
		return R_REDRAW;
	}
	prompt_start(t, PROMPT_FIND, NULL);
	return R_REDRAW;
}

static enum result act_overlay(struct tui *t, const struct view_ops *ops)
{
	if (t->depth && t->stack[t->depth - 1]->ops == ops) {
		tui_pop(t);   /* the same key closes it again */
		return R_REDRAW;
	}
	struct view *v = view_new(ops);
	view_load(&t->ctx, v, NULL);
	if (v->load_status != ST_OK)
		view_message(&t->ctx, true, "%s", v->load_detail ? v->load_detail : status_detail(v->load_status));
	tui_push(t, v);
	return R_REDRAW;
}

/* m opens the comparison matrix; m in it closes it again. */
static enum result act_matrix(struct tui *t)
{
	if (t->depth && t->stack[t->depth - 1]->ops == &matrix_ops) {
		tui_pop(t);
		return R_REDRAW;
	}
	tui_push(t, view_matrix_new(&t->ctx));
	return R_REDRAW;
}

/* M opens the tile map at the selected province; M in it closes it. */
static enum result act_map(struct tui *t)
{
	if (t->depth && t->stack[t->depth - 1]->ops == &map_ops) {
		tui_pop(t);
		return R_REDRAW;
	}
	size_t row = list_selected(&t->column[0]->list);
	const char *name = row == LIST_NONE ? NULL : view_cell(t->column[0], row, "name");
	tui_push(t, view_map_new(&t->ctx, name));
	return R_REDRAW;
}

/* n/N: the next hit; with a hit's source open, the next hit's source. */
static enum result act_search_step(struct tui *t, int dir)
{
	struct view *sv = t->search_view;
	if (!sv || sv->list.nvis == 0) {
		view_message(&t->ctx, true, "no search yet: / searches all reports");
		return R_REDRAW;
	}
	size_t before = sv->list.sel;
	list_move(&sv->list, dir);
	if (sv->list.sel == before) {
		if (dir > 0)
			list_first(&sv->list);
		else
			list_last(&sv->list);
		view_message(&t->ctx, false, "search wrapped around");
	}
	struct view *top = t->depth ? t->stack[t->depth - 1] : NULL;
	if (top == sv)
		return R_REDRAW;
	if (top && top->ops == &source_ops && t->depth >= 2 && t->stack[t->depth - 2] == sv)
		tui_pop(t);
	else if (!top || top != sv) {
		bool in_stack = false;
		for (int i = 0; i < t->depth; i++)
			in_stack |= t->stack[i] == sv;
		if (!in_stack)
			tui_push(t, sv);
	}
	return search_ops.enter(&t->ctx, sv);
}

static enum result act_filter(struct tui *t, struct view *v)
{
	if (v->ops->no_filter) {
		view_message(&t->ctx, true, "this view has no filter; / searches the reports");
		return R_REDRAW;
	}
	prompt_start(t, PROMPT_FILTER, v->list.filter);
	return R_REDRAW;
}

static enum result act_clear(struct tui *t, struct view *v)
{
	if (v->list.filter) {
		list_set_filter(&v->list, NULL);
		view_apply(v);
		view_message(&t->ctx, false, "filter cleared");
		return R_REDRAW;
	}
	if (t->depth)
		return act_back(t);
	t->ctx.message[0] = '\0';
	return R_REDRAW;
}

static enum result act_sort(struct tui *t, struct view *v)
{
	int n = 0;
	while (v->ops->sorts && v->ops->sorts[n])
		n++;
	if (n < 2) {
		view_message(&t->ctx, false, "this list has one order only");
		return R_REDRAW;
	}
	v->list.sort_key = (v->list.sort_key + 1) % n;
	view_apply(v);
	view_message(&t->ctx, false, "sorted by %s", v->ops->sorts[v->list.sort_key]);
	return R_REDRAW;
}

/* I: the current sort the other way round; the header marks it. */
static enum result act_sort_reverse(struct tui *t, struct view *v)
{
	if (!v->ops->sorts) {
		view_message(&t->ctx, false, "this list has one order only");
		return R_REDRAW;
	}
	v->list.sort_reverse = !v->list.sort_reverse;
	view_apply(v);
	view_message(&t->ctx, false, "sorted by %s, %s", v->ops->sorts[v->list.sort_key],
		    v->list.sort_reverse ? "reversed" : "the usual way round");
	return R_REDRAW;
}

/* Ctrl-G: the path pairoff --at takes to come back here, the row, and the
 * selected row's report and line; y copies the command while it shows. */
static enum result act_position(struct tui *t, struct view *v)
{
	char *path = at_path(t);
	free(t->position);
	char *word = str_shell_word(path);
	t->position = xasprintf("pairoff --at %s", word);
	free(word);
	struct strbuf sb = {0};
	strbuf_printf(&sb, "%s \u00b7 %s %zu/%zu", t->position, v->ops->name, list_position(&v->list),
		      v->list.nmatch);
	size_t row = list_selected(&v->list);
	struct source_ref ref;
	if (row != LIST_NONE && v->ops->source && v->ops->source(v, row, &ref) && ref.report)
		strbuf_printf(&sb, " \u00b7 %s:%ld", ref.report, ref.line);
	strbuf_puts(&sb, " (y copies)");
	view_message(&t->ctx, false, "%s", sb.data);
	strbuf_free(&sb);
	free(path);
	return R_REDRAW;
}

static enum result act_unit(struct tui *t)
{
	t->ctx.unit = money_unit_next(t->ctx.unit);
	view_message(&t->ctx, false, "amounts in %s", money_unit_name(t->ctx.unit));
	return R_REDRAW;
}

/* t: English, Chinese, both; without UTF-8 the names stay English (a row
 * of "?" would say nothing), and the message says why. */
static enum result act_names(struct tui *t)
{
	static const char *const said[] = { "place names in English", "place names in Chinese",
					     "place names in English and Chinese" };
	t->ctx.names = (enum names_mode)((t->ctx.names + 1) % NAMES_COUNT);
	if (!t->ctx.utf8 && t->ctx.names != NAMES_EN)
		view_message(&t->ctx, false, "%s: the terminal shows no UTF-8, so English", said[t->ctx.names]);
	else
		view_message(&t->ctx, false, "%s", said[t->ctx.names]);
	return R_REDRAW;
}

static enum result act_export(struct tui *t, struct view *v)
{
	char *name = xasprintf("%s.csv", v->ops->name);
	prompt_start(t, PROMPT_EXPORT, name);
	free(name);
	return R_REDRAW;
}

/* Raw mode turns Ctrl-Z into a key: stop as the terminal would have, through
 * curses' own SIGTSTP handler, which restores the terminal around the stop. */
static enum result act_suspend(struct tui *t)
{
	if (t->dump)
		return R_HANDLED;
	raise(SIGTSTP);
	clearok(curscr, TRUE);
	return R_REDRAW;
}

/* A move, count times (5j); g and G with a count go to that row (10G). */
static enum result act_move(struct view *v, enum action a, long count)
{
	long page = v->height > 1 ? v->height - 1 : 1, n = count ? count : 1;
	switch (a) {
	case ACT_MOVE_DOWN: list_move(&v->list, n); break;
	case ACT_MOVE_UP: list_move(&v->list, -n); break;
	case ACT_PAGE_DOWN: list_move(&v->list, n * page); break;
	case ACT_PAGE_UP: list_move(&v->list, -n * page); break;
	case ACT_HALF_DOWN: list_move(&v->list, n * ((page + 1) / 2)); break;
	case ACT_HALF_UP: list_move(&v->list, -n * ((page + 1) / 2)); break;
	case ACT_FIRST:
	case ACT_LAST:
		if (count)
			list_goto(&v->list, (size_t)count);
		else if (a == ACT_FIRST)
			list_first(&v->list);
		else
			list_last(&v->list);
		break;
	default: return R_UNHANDLED;
	}
	return R_REDRAW;
}

/* --- what a handler asked for ---------------------------------------------- */

static size_t find_row(const struct view *v, const char *col, const char *value, const char *col2,
		       const char *value2)
{
	for (size_t i = 0; value && i < v->rows->nrows; i++) {
		const char *a = view_cell(v, i, col), *b = col2 ? view_cell(v, i, col2) : NULL;
		if (a && strcmp(a, value) == 0 && (!col2 || (b && value2 && strcmp(b, value2) == 0)))
			return i;
	}
	return LIST_NONE;
}

/* Shows the pair donor -> recipient in the panes: the province in the
 * first, the pair selected in the partners pane (its money in the third).
 * Closes the overlays. R_UNHANDLED when the provinces pane lacks province. */
static enum result goto_pair(struct tui *t, const char *province, const char *donor, const char *recipient)
{
	struct view *c0 = t->column[0], *c1 = t->column[1];
	list_set_filter(&c0->list, NULL);
	view_apply(c0);
	size_t prow = find_row(c0, "name", province, NULL, NULL);
	if (prow == LIST_NONE || !list_select_row(&c0->list, prow))
		return R_UNHANDLED;
	while (t->depth)
		tui_pop(t);
	char *key = c0->ops->child_key(&t->ctx, c0);
	list_set_filter(&c1->list, NULL);
	view_load(&t->ctx, c1, key);
	free(key);
	size_t pair = find_row(c1, "donor", donor, "recipient", recipient);
	if (pair != LIST_NONE)
		list_select_row(&c1->list, pair);
	t->focus = 1;
	view_message(&t->ctx, false, "%s \u2192 %s among %s's partners (p goes to a place)", donor, recipient, province);
	return R_REDRAW;
}

static enum result outcome_apply(struct tui *t, enum result r);

/* R_GOTO_PAIR: the pair in the panes, else the current row's source. */
static enum result apply_goto_pair(struct tui *t)
{
	char **pair = t->ctx.out.pair;
	if (goto_pair(t, pair[0], pair[1], pair[2]) != R_UNHANDLED)
		return R_REDRAW;
	outcome_clear(&t->ctx.out);
	return outcome_apply(t, view_enter_source(&t->ctx, tui_current(t)));
}

/* Carries out the requests a handler returned (r's R_REQUESTS, with their
 * payload in t->ctx.out), empties the payload and returns the rest of r. */
static enum result outcome_apply(struct tui *t, enum result r)
{
	struct outcome *o = &t->ctx.out;
	if (r & R_FOCUS)
		t->focus = o->focus;
	if (r & R_SEARCH)
		search_install(t, o->push);
	else if (r & R_PUSH)
		tui_push(t, o->push);
	if (r & (R_PUSH | R_SEARCH))
		o->push = NULL;
	if (r & R_SOURCE) {
		struct source_ref ref = { o->source.report, o->source.line, o->source.quote };
		tui_open_source(t, &ref);
	}
	if (r & R_ANSWER)
		r |= tui_reload_key(t, o->answer);
	if (r & R_GOTO_PAIR)
		r |= apply_goto_pair(t);
	outcome_clear(o);
	return r & ~R_REQUESTS;
}

static enum result do_action(struct tui *t, struct view *v, enum action a, long count)
{
	switch (a) {
	case ACT_ENTER: return act_enter(t, v);
	case ACT_BACK: return act_back(t);
	case ACT_NEXT_PANE: return act_pane(t, 1);
	case ACT_PREV_PANE: return act_pane(t, -1);
	case ACT_SOURCE: return act_source(t, v);
	case ACT_ANOMALIES: return act_overlay(t, &anomalies_ops);
	case ACT_MATRIX: return act_matrix(t);
	case ACT_MAP: return act_map(t);
	case ACT_MEASURE: case ACT_MATRIX_SIDE: case ACT_COLUMN_LEFT: case ACT_COLUMN_RIGHT:
		view_message(&t->ctx, false, "that key works in the matrix (m opens it)");
		return R_REDRAW;
	case ACT_FIND_TEXT: return act_find_text(t, v);
	case ACT_FIND_NEXT: return act_search_step(t, 1);   /* no pattern in the text: the hits */
	case ACT_FIND_PREV: return act_search_step(t, -1);
	case ACT_TILE_LEFT: case ACT_TILE_RIGHT: case ACT_MAP_YEAR:
		view_message(&t->ctx, false, "that key works in the map (M opens it)");
		return R_REDRAW;
	case ACT_POSITION: return act_position(t, v);
	case ACT_SORT_REVERSE: return act_sort_reverse(t, v);
	case ACT_HELP: return act_overlay(t, &help_ops);
	case ACT_REFRESH: clearok(curscr, TRUE); return R_REDRAW;
	case ACT_SEARCH: prompt_start(t, PROMPT_SEARCH, NULL); return R_REDRAW;
	case ACT_SEARCH_NEXT: return act_search_step(t, 1);
	case ACT_SEARCH_PREV: return act_search_step(t, -1);
	case ACT_FILTER: return act_filter(t, v);
	case ACT_PLACE: prompt_start(t, PROMPT_PLACE, NULL); return R_REDRAW;
	case ACT_CLEAR: return act_clear(t, v);
	case ACT_UNIT: return act_unit(t);
	case ACT_NAMES: return act_names(t);
	case ACT_SORT: return act_sort(t, v);
	case ACT_GROUP: view_message(&t->ctx, false, "r groups the provinces pane"); return R_REDRAW;
	case ACT_EXPORT: return act_export(t, v);
	case ACT_COPY: return tui_copy(t, NULL);
	case ACT_CLOSE: return act_close(t);
	case ACT_SUSPEND: return act_suspend(t);
	case ACT_QUIT: return R_QUIT;
	default: return act_move(v, a, count);
	}
}

static enum result on_mouse(struct tui *t)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || too_small(t) || ev.y < 1 || ev.y >= t->lines - 1)
		return R_HANDLED;
	struct view *v = tui_current(t);
	if (!t->depth) {
		int first, widths[3], x = 0;
		int n = column_rects(t, &first, widths);
		for (int i = 0; i < n; x += widths[i++])
			if (ev.x >= x && ev.x < x + widths[i])
				t->focus = first + i;
		v = tui_current(t);
	}
	if (ev.bstate & BUTTON4_PRESSED)
		list_scroll_by(&v->list, -3, v->height);
	else if (ev.bstate & BUTTON5_PRESSED)
		list_scroll_by(&v->list, 3, v->height);
	else if ((ev.bstate & BUTTON1_PRESSED) && ev.y >= 2 && ev.y - 2 < v->height &&
		 v->list.top + (size_t)(ev.y - 2) < v->list.nvis) {
		v->list.sel = v->list.top + (size_t)(ev.y - 2);
		list_move(&v->list, 0);
	}
	return R_REDRAW;
}

static void on_resize(struct tui *t)
{
	layout(t);
	clearok(curscr, TRUE);   /* the terminal may have rewrapped what it showed */
}

/* The keymap of v's own that comes first (tig's keymaps per view). */
static enum action_group own_keymap(const struct view *v)
{
	if (v->ops == &matrix_ops)
		return GROUP_MATRIX;
	if (v->ops == &source_ops)
		return GROUP_SOURCE;
	if (v->ops == &map_ops)
		return GROUP_MAP;
	return GROUP_COUNT;
}

/* A digit typed before a key is a count (5j, 10G, 3n), unless bound. */
static bool count_digit(struct tui *t, int ch, bool is_func, enum action a)
{
	if (is_func || a != ACT_NONE || ch < '0' || ch > '9' || (ch == '0' && !t->count))
		return false;
	if (t->count < 1000000)
		t->count = t->count * 10 + (ch - '0');
	view_message(&t->ctx, false, "%ld (Esc forgets it)", t->count);
	return true;
}

/* Actions a count repeats; the moves take it themselves. */
static bool repeats(enum action a)
{
	return a == ACT_SEARCH_NEXT || a == ACT_SEARCH_PREV || a == ACT_FIND_NEXT || a == ACT_FIND_PREV ||
	       a == ACT_NEXT_PANE ||
	       a == ACT_PREV_PANE || a == ACT_COLUMN_LEFT || a == ACT_COLUMN_RIGHT;
}

/* The view's own handling of a first, then the generic one. */
static enum result dispatch_once(struct tui *t, struct view *v, enum action a, long count)
{
	if (v->ops->action) {
		enum result r = outcome_apply(t, v->ops->action(&t->ctx, v, a));
		if (r & R_RELOAD)
			view_apply(v);
		if (r != R_UNHANDLED)
			return r;
	}
	return outcome_apply(t, do_action(t, v, a, count));
}

#define COUNT_REPEAT_MAX 1000   /* 999999n need not run a million searches' steps */

static enum result dispatch(struct tui *t, struct view *v, enum action a, long count)
{
	if (!repeats(a) || count < 2)
		return dispatch_once(t, v, a, count);
	enum result r = R_HANDLED;
	for (long i = 0; i < count && i < COUNT_REPEAT_MAX && !(r & R_QUIT); i++)
		r |= dispatch_once(t, tui_current(t), a, 0);
	return r;
}

static enum result handle_key(struct tui *t, int ch, bool is_func)
{
	if (is_func && ch == KEY_RESIZE) {
		on_resize(t);
		return R_REDRAW;
	}
	if (t->prompt.kind != PROMPT_NONE)
		return outcome_apply(t, prompt_key(t, ch, is_func));
	if (is_func && ch == KEY_MOUSE)
		return on_mouse(t);
	struct view *v = tui_current(t);
	enum action a = keymap_action(&t->ctx.settings->keymap, ch, is_func, own_keymap(v));
	if (too_small(t))
		return a == ACT_QUIT || a == ACT_CLOSE ? R_QUIT : R_HANDLED;
	t->ctx.message[0] = '\0';
	if (count_digit(t, ch, is_func, a))
		return R_REDRAW;
	long count = t->count;
	t->count = 0;
	char *position = t->position;   /* shown by the key before, if Ctrl-G */
	t->position = NULL;
	enum result r;
	if (a == ACT_NONE) {
		char name[32];
		view_message(&t->ctx, true, "%s is not bound (? lists the keys)",
			    action_key_name(ch, name, sizeof(name)));
		r = R_REDRAW;
	} else if (a == ACT_COPY && position) {
		r = tui_copy(t, position);
	} else if (a == ACT_CLEAR && count) {
		r = R_REDRAW;   /* Esc forgets a count */
	} else {
		r = dispatch(t, v, a, count);
	}
	free(position);
	return r;
}

/* --- terminal set-up ------------------------------------------------------- */

static void curses_setup(struct tui *t)
{
	raw();   /* Ctrl-C, Ctrl-S and Ctrl-Z reach us as keys */
	keypad(stdscr, TRUE);   /* stdscr reads the keys while the terminal is too small */
	wtimeout(stdscr, KEY_WAKE_MS);
	noecho();
	nonl();
	set_escdelay(50);   /* Esc alone vs. an arrow key split by a slow link */
	curs_set(1);
	colors_init(t);
	if (t->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);   /* a press selects at once: no wait for a click */
	}
	t->ctx.utf8 = text_locale_utf8();
	draw_init(t->ctx.utf8);
	layout(t);
}

/* ncurses (6.4) writes its output after every cursor move until the
 * screen has once come back from endwin: its state stays "initial", for
 * low-level terminfo programs. That is dozens of write()s, and as many
 * packets over SSH, per frame. Going out and back in before the first
 * frame makes doupdate keep a frame in its buffer and write it at once
 * (the same happens after a Ctrl-Z). The program mode is saved first, so
 * the raw mode set later is what doupdate restores. */
static void buffer_frames(void)
{
	def_prog_mode();
	endwin();
	doupdate();
}

/* A terminal we can draw on, or a one-line reason why not. */
static enum status terminal_open(void)
{
	const char *term = getenv("TERM");
	if (!term || !*term)
		return status_set(ST_TERMINAL, "TERM is not set: cannot start the browser (set TERM, or use a subcommand)");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return status_set(ST_TERMINAL, "not a terminal: the browser needs a terminal (use a subcommand)");
	screen = newterm(NULL, stdout, stdin);
	if (!screen)
		return status_set(ST_TERMINAL, "unknown terminal type '%s' (TERM): cannot start the browser", term);
	screen_active = true;
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		terminal_restore();
		delscreen(screen);
		screen = NULL;
		return status_set(ST_TERMINAL, "terminal '%s' cannot move the cursor: the browser needs a full-screen terminal", term);
	}
	buffer_frames();
	return ST_OK;
}

static void at_exit_restore(void)
{
	terminal_restore();
}

/* Runs the work the views put off until the first screen was up; draws
 * again when it changed something. Returns whether it did. */
static bool idle_work(struct tui *t)
{
	bool changed = false;
	for (int c = 0; c < 3; c++)
		if (t->column[c]->ops->idle && t->column[c]->ops->idle(&t->ctx, t->column[c]))
			changed = true;
	if (changed) {
		columns_sync(t);
		draw(t);
	}
	return changed;
}

/* Whether key (ch) only moves the selection of the provinces or partners
 * pane: the panes on its right can then wait until input pauses. */
static bool moves_selection(struct tui *t, int ch, bool is_func)
{
	if (t->prompt.kind != PROMPT_NONE || t->depth || t->focus > 1 || too_small(t) ||
	    (is_func && ch == KEY_MOUSE))
		return false;
	switch (action_for_key(ch, is_func)) {
	case ACT_MOVE_DOWN: case ACT_MOVE_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP:
	case ACT_HALF_DOWN: case ACT_HALF_UP: case ACT_FIRST: case ACT_LAST:
		return true;
	default:
		return false;
	}
}

/* Handles one key. A key that only moves a selection leaves the panes on
 * its right as they were (*previews_due); any other key first brings them
 * up to date, since it may act on them. */
static enum result take_key(struct tui *t, int ch, bool is_func, bool *previews_due)
{
	if (!(is_func && ch == KEY_RESIZE) && tui_store_check(t))
		return R_REDRAW;
	bool move = moves_selection(t, ch, is_func);
	if (!move && *previews_due && !too_small(t)) {
		columns_sync(t);
		*previews_due = false;
	}
	enum result res = handle_key(t, ch, is_func);
	if ((res & R_QUIT) || too_small(t))
		return res;
	if (move)
		*previews_due = true;
	else
		columns_sync(t);
	return res;
}

/* The window keys are read from (the one the cursor was left in). */
static WINDOW *key_window(const struct tui *t)
{
	return t->cursor_win ? t->cursor_win : stdscr;
}

/* Handles the keys already waiting (typeahead: a held key, a paste), at
 * most TYPEAHEAD_MAX, so that a burst is drawn once. *taken counts them. */
static enum result take_pending_keys(struct tui *t, enum result res, bool *previews_due, int *taken)
{
	for (*taken = 0; *taken < TYPEAHEAD_MAX && !(res & R_QUIT); ++*taken) {
		WINDOW *w = key_window(t);
		wint_t ch;
		wtimeout(w, 0);
		int r = wget_wch(w, &ch);
		wtimeout(w, KEY_WAKE_MS);
		if (r == ERR || pending_signal)
			break;
		res |= take_key(t, (int)ch, r == KEY_CODE_YES, previews_due);
	}
	return res;
}

static double monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static enum status main_loop(struct tui *t)
{
	draw(t);
	idle_work(t);
	bool previews_due = false;
	double last_key = 0;
	for (;;) {
		wint_t ch;
		query_keys_off();
		WINDOW *w = key_window(t);
		/* with previews due, wait only as long as a held key's repeat */
		wtimeout(w, previews_due ? PREVIEW_DELAY_MS : KEY_WAKE_MS);
		int r = wget_wch(w, &ch);
		wtimeout(w, KEY_WAKE_MS);
		if (pending_signal)
			return ST_INTERRUPTED;
		if (r == ERR) {   /* a time-out or an interrupted read: input paused */
			if (previews_due && !too_small(t)) {
				columns_sync(t);
				draw(t);
			} else {
				release_when_idle(t);
			}
			previews_due = false;
			continue;
		}
		/* a key after a pause, with none behind it, is a deliberate one:
		 * its previews come in the same frame; a held key's first press
		 * is one too, its repeats wait for the pause */
		double now = monotonic_ms();
		bool after_pause = now - last_key >= PREVIEW_DELAY_MS;
		last_key = now;
		int more;
		enum result res = take_key(t, (int)ch, r == KEY_CODE_YES, &previews_due);
		res = take_pending_keys(t, res, &previews_due, &more);
		if (pending_signal)
			return ST_INTERRUPTED;
		if (res & R_QUIT)
			return ST_OK;
		if (previews_due && after_pause && !more && !too_small(t)) {
			columns_sync(t);
			previews_due = false;
		}
		draw(t);
	}
}

/* --- entry point ----------------------------------------------------------- */

/* Where the browser opens: opt->at resolved before anything is drawn. A
 * bad path from --at ends the browser with the look-up's message; from the
 * config, the browser opens at the top and says why on the status line. */
static enum status start_at(struct tui *t, const struct tui_options *opt, struct at_target *at)
{
	if (!opt || !opt->at)
		return ST_OK;
	enum status st = at_resolve(t->ctx.store, opt->at, at);
	if (st == ST_OK)
		t->at = at;
	else if (opt->at_named_by && strcmp(opt->at_named_by, "--at") != 0)
		view_message(&t->ctx, true, "%s: %s", opt->at_named_by, status_detail(st));
	else
		return st;
	return ST_OK;
}

enum status tui_begin(struct tui *t, struct store *s, const struct settings *st,
		       const struct tui_options *opt, struct at_target *at)
{
	memset(t, 0, sizeof(*t));
	t->ctx.store = s;
	t->ctx.settings = st;
	t->ctx.unit = st->unit;
	t->mouse = (opt && opt->mouse) || st->mouse;
	t->ctx.group_by_side = true;
	t->ctx.names = st->names;
	query_cancel_install(t, s, st->query_time_limit);
	t->ctx.indicator = st->indicator ? (int)indicator_kind_parse(st->indicator) : -1;
	if (t->ctx.indicator == IND_NKINDS)
		t->ctx.indicator = -1; /* "none" */
	enum status rc = start_at(t, opt, at);
	if (rc != ST_OK)
		query_cancel_install(NULL, s, st->query_time_limit);
	return rc;
}

void tui_end(struct tui *t, struct at_target *at)
{
	tui_free(t);
	if (t->at)
		at_target_free(at);
	query_cancel_install(NULL, t->ctx.store, t->ctx.settings->query_time_limit);
}

void tui_screen_start(struct tui *t)
{
	curses_setup(t);
	columns_create(t);
}

void tui_screen_end(struct tui *t)
{
	windows_free(t);
}

bool tui_idle(struct tui *t)
{
	return idle_work(t);
}

enum result tui_key(struct tui *t, int ch, bool is_func)
{
	return handle_key(t, ch, is_func);
}

void tui_frame(struct tui *t)
{
	if (!too_small(t))
		columns_sync(t);
	draw(t);
}

/* The real terminal's session, after tui_begin. */
static enum status run_terminal(struct tui *t)
{
	enum status rc = terminal_open();
	if (rc != ST_OK)
		return rc;
	static bool registered;
	if (!registered && atexit(at_exit_restore) == 0)
		registered = true;
	signals_install();
	xalloc_on_failure(terminal_restore, true);
	tui_screen_start(t);
	rc = main_loop(t);
	query_keys_off();
	return rc;
}

enum status tui_run(struct store *s, const struct settings *st, const struct tui_options *opt)
{
	struct tui t;
	struct at_target at;
	enum status rc = tui_begin(&t, s, st, opt, &at);
	if (rc != ST_OK)
		return rc;
	rc = run_terminal(&t);
	bool opened = screen != NULL;   /* terminal_open succeeded */
	tui_end(&t, &at);
	if (!opened)
		return rc;
	terminal_restore();
	xalloc_on_failure(terminal_restore, false);
	signals_restore();
	delscreen(screen);
	screen = NULL;
	if (rc == ST_INTERRUPTED)
		rc = status_set(ST_INTERRUPTED, "interrupted by signal %d", (int)pending_signal);
	pending_signal = 0;
	return rc;
}
