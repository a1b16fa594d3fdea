#ifndef PAIROFF_VIEW_H
#define PAIROFF_VIEW_H

/* The browser's views (tig's struct view_ops): each src/view-*.c defines one
 * table of callbacks with designated initializers; src/tui.c owns the main
 * loop, the layout and the only calls to doupdate. A browser-only header:
 * it includes curses. */

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "pairoff/action.h"
#include "pairoff/complete.h"
#include "pairoff/list.h"
#include "pairoff/money.h"
#include "pairoff/query.h"
#include "pairoff/settings.h"
#include "pairoff/text.h"   /* text_width: columns as draw_text draws them */
#include "pairoff/util.h"

struct tui;
struct view;

/* What a key handler changed (htop's HandlerResult); only the main loop draws. */
enum result {
	R_UNHANDLED = 0,
	R_HANDLED = 1 << 0,   /* consumed, nothing to draw */
	R_REDRAW = 1 << 1,    /* draw again */
	R_RELOAD = 1 << 2,    /* re-sort / re-filter the list, then draw */
	R_QUIT = 1 << 3,
};

/* Where a row comes from in the reports. Strings are borrowed. */
struct source_ref {
	const char *report;
	long line;
	const char *quote;    /* span to highlight, may be NULL */
};

/* Colour roles; struct tui's attrs[] holds a colour pair and attributes for
 * each or, without colour, plain attributes (reverse, bold, underline). */
enum role { ROLE_NORMAL, ROLE_TITLE, ROLE_STATUS, ROLE_SELECT, ROLE_SELECT_DIM, ROLE_HEADER,
	    ROLE_HEADING, ROLE_HIT, ROLE_ERROR, ROLE_BAR, ROLE_DIM, ROLE_COUNT };

/* One mark of a pane's legend: what a column or a sign counts. The pane
 * draws "mark: brief" under its rows when it has room; the help screen
 * lists mark and meaning, so the two can never say different things. */
struct legend_entry {
	const char *mark;     /* "Aid", "3 sources" */
	const char *brief;    /* a few words, for a pane 30 columns wide */
	const char *meaning;  /* the whole sentence, for the help screen */
};

struct view_ops {
	const char *name;          /* "provinces"; also the default export file name */
	const char *hint;          /* key hints for the status line */
	/* Sets up priv after view_new (optional). */
	void (*init)(struct tui *t, struct view *v);
	/* Fills out (qtable_init'ed by the callback) for the parent selection key
	 * (NULL for a top-level view). Results are cached per key unless no_cache. */
	enum status (*load)(struct tui *t, struct view *v, const char *key, struct qtable *out);
	/* Key of the selection for the column to the right (owned), or NULL. */
	char *(*child_key)(struct tui *t, struct view *v);
	/* Draws the column header in the first line of the rectangle. */
	void (*header)(struct tui *t, struct view *v, WINDOW *w, int width);
	/* Draws row at the cursor position in width columns, with base as the
	 * plain attribute (the caller highlights the selection afterwards). */
	void (*draw_row)(struct tui *t, struct view *v, WINDOW *w, size_t row, int width, attr_t base);
	/* Columns the selection highlight covers (a short span keeps a Down
	 * key cheap on a slow link: only those cells are re-sent); NULL = 24. */
	int (*select_cols)(const struct view *v, size_t row, int width);
	/* Text of the heading above row (list_group_fn), or NULL. */
	const char *(*group)(void *view, size_t row);
	/* Sort comparator for v->list.sort_key (list_cmp_fn); NULL = natural. */
	int (*compare)(void *view, size_t a, size_t b);
	const char *const *sorts;  /* NULL-terminated names, [0] the natural order */
	const bool *sorts_fall;    /* per sort: whether it puts the largest (or Z) first */
	/* The text the filter matches for row (owned); NULL = all cells. */
	char *(*hay)(struct view *v, size_t row);
	/* The names the filter ranks for row (owned): its own name first, then
	 * the places under it and aliases, '\n' between; NULL = none (the
	 * filter then matches the hay only). */
	char *(*names)(struct view *v, size_t row);
	enum result (*enter)(struct tui *t, struct view *v);
	/* The source of row, for `o` and Enter; false when it has none. */
	bool (*source)(struct view *v, size_t row, struct source_ref *ref);
	/* View-specific handling of an action before the generic one. */
	enum result (*action)(struct tui *t, struct view *v, enum action a);
	/* Text `y` copies for the selected row (owned); NULL = its cells, tab-separated. */
	char *(*copy_text)(const struct view *v);
	/* Work put off until the first screen is up (slow queries on a large
	 * store); returns whether it changed the rows. */
	bool (*idle)(struct tui *t, struct view *v);
	/* Called when the drawing width changes (wrapping views). */
	void (*layout)(struct tui *t, struct view *v, int width);
	void (*free)(struct view *v);
	/* What the pane's columns and signs count, ended by a NULL mark; NULL
	 * for none. Drawn under the rows (src/tui.c) and in the help. */
	const struct legend_entry *legend;
	/* Whether the pane, width columns wide, shows the column legend entry
	 * e explains (narrow panes drop columns); NULL = every entry. */
	bool (*legend_shown)(const struct view *v, const struct legend_entry *e, int width);
	bool no_cache;             /* load every time (the key is unique anyway) */
	bool no_filter;
};

struct view_cache_entry {
	char *key;                 /* owned */
	struct qtable *table;      /* owned */
	struct list_mark mark;     /* where the list stood when it last showed this key */
	bool has_mark;
	size_t bytes;              /* what table holds in memory, roughly */
};

/* What a view's cache of loaded tables may hold, the table shown aside:
 * a bound on the browser's memory however long it runs. */
#define VIEW_CACHE_BYTES ((size_t)1 << 20)

struct view {
	const struct view_ops *ops;
	struct list list;
	struct qtable *rows;       /* the rows shown: owned by cache[0] or by own */
	struct qtable own;         /* owned: rows of a view without a cache */
	char *key;                 /* owned: the parent selection shown, NULL at top */
	char *title;               /* owned: shown in the title line, may be NULL */
	void *priv;                /* owned by ops->free: view-specific state */
	int width, height;         /* last drawing size of the row area (legend excluded) */
	unsigned long rows_gen;    /* counts the row sets shown: what a view measured
	                            * over its rows (column widths) is kept while it holds */
	struct view_cache_entry cache[32]; /* most recently used first */
	size_t ncache;
	enum status load_status;   /* of the last load; the pane shows the detail */
	char *load_detail;         /* owned */
};

#define TUI_STACK_MAX 16
#define PROMPT_MAX 1024   /* characters; longer input (a huge paste) is cut */

enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_EXPORT, PROMPT_OVERWRITE,
		   PROMPT_RELOAD, PROMPT_PLACE };

/* The one-line editor on the status line (search, filter, file names). */
struct prompt {
	enum prompt_kind kind;
	wchar_t buf[PROMPT_MAX + 1];
	size_t len, cur;
	char *path;               /* owned: the file an overwrite question is about */
	bool truncated;           /* input was cut at PROMPT_MAX */
	struct qtable *places;    /* owned: the gazetteer's places while a place prompt is open */
	struct completion *cands; /* owned: the places Tab steps through, best first; NULL
	                           * until Tab is pressed, again after an edit */
	size_t ncands, cand;      /* how many, and which one the input shows */
};

struct tui {
	struct store *store;
	const struct settings *settings;
	enum money_unit unit;
	bool color, utf8, mouse, group_by_side;
	int indicator;            /* the provinces pane's count: an enum indicator_kind,
	                           * or -1 for none ([ui] indicator, c cycles) */
	int lines, cols;
	WINDOW *title_win, *body_win, *status_win; /* NULL while the terminal is too small */
	struct view *column[3];     /* provinces, partners, funds */
	int focus;                  /* 0..2 */
	struct view *stack[TUI_STACK_MAX]; /* overlays (source, search, help, ...) */
	int depth;
	char message[512];
	bool message_error;
	struct view *search_view;   /* owned: the last search's results (n/N), in the stack or not */
	struct strbuf osc;          /* bytes to write after the next doupdate (OSC 52) */
	attr_t attrs[ROLE_COUNT];
	struct prompt prompt;
	bool dump;                  /* in-process screen dump: no real terminal */
	WINDOW *cursor_win;         /* where the hardware cursor was left (and keys are read) */
	uint64_t store_declined;    /* store_file_id of a rebuilt store not to offer again */
	long count;                 /* a count typed before a key (5j, 10G), 0 for none */
	const struct at_target *at; /* where to open (--at), or NULL; not owned */
	char *position;             /* owned: the pairoff --at command Ctrl-G shows, while it
	                             * is on the status line (y copies it), else NULL */
};

/* --- views (src/view-*.c) ------------------------------------------------ */
extern const struct view_ops provinces_ops, partners_ops, funds_ops, source_ops, search_ops,
	help_ops, anomalies_ops, sources_ops, place_ops, matrix_ops;

struct view *view_new(const struct view_ops *ops);
void view_free(struct view *v);
/* Shows the rows for key (cached or loaded), keeping the filter and sort;
 * back on a key seen before, the selection is where it was left. */
void view_load(struct tui *t, struct view *v, const char *key);
/* Replaces the rows shown (and cached) by rows, whose contents it takes;
 * the filter and sort stay, the selection stays on the row where key_col
 * has the same value. */
void view_replace_rows(struct view *v, struct qtable *rows, const char *key_col);
/* Re-sorts and re-filters after a sort key, filter or grouping change. */
void view_apply(struct view *v);
/* Cell of the shown rows by column name (NULL when absent). */
const char *view_cell(const struct view *v, size_t row, const char *col);
/* The source view of ref and the search results of query (src/view-source.c,
 * src/view-search.c); NULL with a message on t when there is nothing to show. */
struct view *view_source_new(struct tui *t, const struct source_ref *ref);
struct view *view_search_new(struct tui *t, const char *query);
/* The statements of one money flow to pick from (src/view-sources.c):
 * all_sources is the query's "report:line report:line ..." of the flow,
 * quote the span to highlight in each, what the header line saying which
 * money they state. NULL when all_sources names no statement. */
struct view *view_sources_new(struct tui *t, const char *all_sources, const char *quote,
			      const char *what);
/* The screen of one place (src/view-place.c): name any spelling or a
 * qualified label ("Wushan County (Chongqing)"). NULL with a message on t
 * when it names no place or several. */
struct view *view_place_new(struct tui *t, const char *name);
/* The comparison matrix (src/view-matrix.c): aid per donor and year to
 * start with; never NULL (a failed load says so on t). */
struct view *view_matrix_new(struct tui *t);
long view_cell_long(const struct view *v, size_t row, const char *col);
/* The mark of v's sort for the column of sort key: "\u25b2" rising or
 * "\u25bc" falling ("^" "v" without UTF-8), "" for another column or while
 * the list is in its natural order. Headers draw it before the column's
 * name, as the matrix does. */
const char *view_sort_mark(const struct tui *t, const struct view *v, int key);
/* Whether v's sort puts the largest (or Z) first: the sort's own way,
 * turned by sort-reverse. */
bool view_sort_falls(const struct view *v);
/* Why the selected row matched the filter when it matched through another
 * name than its own: "Qinghai ← Haixi Prefecture" (owned), else NULL. */
char *view_match_why(const struct tui *t, const struct view *v);
/* The source of a row from its report, line and quote columns (quote NULL
 * when the rows have none); false when the row names no report line. Views
 * whose rows carry those columns use it as their .source. */
bool view_row_source(struct view *v, size_t row, struct source_ref *ref);
/* Enter on such a row: opens its source, or says there is none. */
enum result view_enter_source(struct tui *t, struct view *v);

/* --- tui services for views (src/tui.c) ------------------------------------ */
void tui_message(struct tui *t, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Opens an overlay view (the back stack); takes ownership. */
void tui_push(struct tui *t, struct view *v);
void tui_pop(struct tui *t);
/* Opens the source view of ref on top of the stack. */
enum result tui_open_source(struct tui *t, const struct source_ref *ref);
/* Formats amount_yuan in the current unit, "~" before approximate ones. */
const char *tui_money(struct tui *t, long long amount_yuan, bool approx, char *buf, size_t size);

/* Runs a full-text search and shows its results (or a message). */
void tui_search(struct tui *t, const char *query);
/* The view keys go to: the top overlay, else the focused column. */
struct view *tui_current(struct tui *t);
/* Shows in each pane the rows for the selection on its left. */
void tui_sync_columns(struct tui *t);

/* --- prompt, export, copy (src/tui-prompt.c) ------------------------------- */
void prompt_start(struct tui *t, enum prompt_kind kind, const char *initial);
/* Frees what an open prompt holds (the browser may end with one open). */
void prompt_free(struct prompt *p);
enum result prompt_key(struct tui *t, int ch, bool is_func);
/* Draws the prompt in the status window and leaves the cursor on it. */
void prompt_draw(struct tui *t, WINDOW *w, int width);
/* Copies text, or the selected row when text is NULL, with OSC 52 (written
 * after the next doupdate) and into a file (src/clipboard.c); the status
 * line says what was done. */
enum result tui_copy(struct tui *t, const char *text);

/* --- where the browser is (src/tui-at.c) ----------------------------------- */
/* A place in the browser that pairoff --at PATH names: a province, a pair
 * of provinces (or of places under them, "DONOR->RECIPIENT"), a year of a
 * pair's funds, or a place's screen. Names canonical, strings owned. */
struct at_target {
	char *province;           /* the provinces pane's row, NULL for a place */
	char *partner;            /* the partners pane's partner province, or NULL */
	char *donor, *recipient;  /* a pair row under the partner, or NULL */
	int year;                 /* the funds pane's year, 0 for none */
	char *place;              /* a place's screen: its label, or NULL */
};
/* Resolves path with the look-ups' own names and aliases, before anything
 * is drawn; the status and its detail as the look-up gives them ("did you
 * mean ...") when a part names nothing there. */
enum status at_resolve(struct store *s, const char *path, struct at_target *out);
void at_target_free(struct at_target *at);
/* Selects what at names in the panes (opening a place's screen). */
void at_apply(struct tui *t, const struct at_target *at);
/* The path of where the browser is, as at_resolve takes it (owned). */
char *at_path(struct tui *t);

/* --- a store replaced under the browser (src/tui-reload.c) --------------- */
/* At a key: when an import has replaced the store, asks whether to reload
 * it (once per new store) and returns true, the key then being spent. */
bool tui_store_check(struct tui *t);
/* The answer to that question (y reloads, keeping every view's place). */
enum result tui_reload_key(struct tui *t, int ch);
/* Drops a view's cached rows, so that the next view_load queries again. */
void view_forget(struct view *v);
/* Encodes the wide prompt text as UTF-8 (owned). */
char *prompt_text(const struct prompt *p);

/* --- drawing helpers (src/draw.c) ----------------------------------------- */
/* Draws UTF-8 text at the cursor in at most max_cols columns: control
 * characters and escape sequences are dropped, invalid bytes shown as U+FFFD,
 * a wide character that does not fit is replaced by a space; with marks,
 * bytes \x02/\x03 switch hit_attr on and off. Returns the columns used. */
int draw_text(WINDOW *w, const char *s, int max_cols, attr_t attr, bool marks, attr_t hit_attr);
/* Tells the helpers whether the terminal shows UTF-8 (the mark of a cut). */
void draw_init(bool utf8);
/* Draws s in exactly width columns, padded (right-aligned when right); left-
 * aligned text too wide is cut and ends with an ellipsis, as draw_cell_cut. */
void draw_cell(WINDOW *w, const char *s, int width, bool right, attr_t attr);
/* draw_text in at most max_cols columns, text too wide cut and ended with an
 * ellipsis; returns the columns used. */
int draw_text_cut(WINDOW *w, const char *s, int max_cols, attr_t attr);
void draw_spaces(WINDOW *w, int n, attr_t attr);
/* Bytes of the longest prefix of s that fits in max_cols columns. */
size_t text_fit(const char *s, int max_cols, int *cols_out);
/* Draws s in exactly width columns, left-aligned; text too wide is cut
 * and ends with an ellipsis ("\u2026", or "~" without utf8). */
void draw_cell_cut(WINDOW *w, const char *s, int width, bool utf8, attr_t attr);
/* A bar of value/max of width columns (eighth blocks when utf8). */
void draw_bar(WINDOW *w, double fraction, int width, bool utf8, attr_t attr);

#endif
