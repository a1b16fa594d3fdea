#ifndef PAIROFF_VIEW_H
#define PAIROFF_VIEW_H

/* The view engine (src/view.c, tig's struct view_ops): each src/view-*.c
 * defines one table of callbacks with designated initializers
 * (pairoff/views.h lists them); src/tui.c owns the main loop, the layout
 * and the only calls to doupdate. Views never call up into the main loop:
 * they read what they need of the browser from a struct view_ctx, and a
 * key handler returns what should happen (htop's HandlerResult), with its
 * payload left in ctx->out. A browser-only header: it includes curses. */

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "pairoff/action.h"
#include "pairoff/list.h"
#include "pairoff/money.h"
#include "pairoff/query.h"
#include "pairoff/settings.h"
#include "pairoff/util.h"

struct view;
struct view_ctx;

/* What a key handler changed (htop's HandlerResult); only the main loop draws. */
enum result {
	R_UNHANDLED = 0,
	R_HANDLED = 1 << 0,   /* consumed, nothing to draw */
	R_REDRAW = 1 << 1,    /* draw again */
	R_RELOAD = 1 << 2,    /* re-sort / re-filter the list, then draw */
	R_QUIT = 1 << 3,
	/* requests the main loop carries out, with their payload in ctx->out */
	R_PUSH = 1 << 4,      /* open out.push as an overlay */
	R_SOURCE = 1 << 5,    /* open the source view of out.source */
	R_FOCUS = 1 << 6,     /* focus pane out.focus */
	R_GOTO_PAIR = 1 << 7, /* show out.pair in the panes, else the current row's source */
	R_SEARCH = 1 << 8,    /* out.push is a new search's results: shown instead of the last
	                       * search's, which n/N stepped through */
	R_ANSWER = 1 << 9,    /* out.answer is the key answering the reload question */
};
#define R_REQUESTS (R_PUSH | R_SOURCE | R_FOCUS | R_GOTO_PAIR | R_SEARCH | R_ANSWER)

/* Where a row comes from in the reports. Strings are borrowed. */
struct source_ref {
	const char *report;
	long line;
	const char *quote;    /* span to highlight, may be NULL */
};

/* Colour roles; struct view_ctx's attrs[] holds a colour pair and attributes for
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
	void (*init)(struct view_ctx *ctx, struct view *v);
	/* Fills out (qtable_init'ed by the callback) for the parent selection key
	 * (NULL for a top-level view). Results are cached per key unless no_cache. */
	enum status (*load)(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out);
	/* Key of the selection for the column to the right (owned), or NULL. */
	char *(*child_key)(struct view_ctx *ctx, struct view *v);
	/* Draws the column header in the first line of the rectangle. */
	void (*header)(struct view_ctx *ctx, struct view *v, WINDOW *w, int width);
	/* Draws row at the cursor position in width columns, with base as the
	 * plain attribute (the caller highlights the selection afterwards). */
	void (*draw_row)(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base);
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
	enum result (*enter)(struct view_ctx *ctx, struct view *v);
	/* The source of row, for `o` and Enter; false when it has none. */
	bool (*source)(struct view *v, size_t row, struct source_ref *ref);
	/* Searches the view's own text for pattern, typed at its find prompt
	 * (the source view's /); NULL = the view has no text to search. */
	enum result (*find)(struct view_ctx *ctx, struct view *v, const char *pattern);
	/* View-specific handling of an action before the generic one. */
	enum result (*action)(struct view_ctx *ctx, struct view *v, enum action a);
	/* Text `y` copies for the selected row (owned); NULL = its cells, tab-separated. */
	char *(*copy_text)(const struct view *v);
	/* Called before a filter is set on rows that have no filter text yet:
	 * completes rows loaded without the text only the filter reads (the
	 * partners' aliases), in the same order (view_complete_rows). */
	void (*filter_prepare)(struct view_ctx *ctx, struct view *v);
	/* Work put off until the first screen is up (slow queries on a large
	 * store); returns whether it changed the rows. */
	bool (*idle)(struct view_ctx *ctx, struct view *v);
	/* Draws the whole rectangle (y, x, height, width) of w itself, for a
	 * view that is no list of rows (the tile map), and leaves in *cy, *cx
	 * where the hardware cursor goes; NULL = header, rows and legend. */
	void (*draw)(struct view_ctx *ctx, struct view *v, WINDOW *w, int y, int x, int height,
		     int width, int *cy, int *cx);
	/* Called when the drawing width changes (wrapping views). */
	void (*layout)(struct view_ctx *ctx, struct view *v, int width);
	void (*free)(struct view *v);
	/* What the pane's columns and signs count, ended by a NULL mark; NULL
	 * for none. Drawn under the rows (src/tui.c) and in the help
	 * (which gets the tables through ctx->legend_views). */
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


/* The payload of the requests a handler returns (enum result's R_PUSH...);
 * the main loop acts on it and empties it after each handler. */
struct outcome {
	struct view *push;        /* owned until pushed */
	struct { char *report; long line; char *quote; } source; /* owned strings */
	int focus;                /* 0..2 */
	char *pair[3];            /* owned: province, donor, recipient */
	int answer;
};

/* What the views read of the browser (below them, so they never call up),
 * the status line's message they may set, and the outcome of a handler.
 * unit, indicator and group_by_side are the browser-wide preferences that
 * keys change (u in the main loop; c and r in the provinces pane). */
struct view_ctx {
	struct store *store;
	const struct settings *settings;
	enum money_unit unit;
	bool utf8;
	int indicator;            /* the provinces pane's count: an enum indicator_kind,
	                           * or -1 for none ([ui] indicator, c cycles) */
	bool group_by_side;
	enum names_mode names;    /* how places are named ([ui] names, t cycles) */
	attr_t attrs[ROLE_COUNT];
	const struct view *column[3]; /* the panes, to read: provinces, partners, funds */
	/* Views whose columns have a legend, in the order of the panes, NULL-ended
	 * (the help lists their legends). */
	const struct view_ops *const *legend_views;
	char message[512];        /* the status line's message, "" for none */
	bool message_error;
	struct outcome out;
};

struct view *view_new(const struct view_ops *ops);
void view_free(struct view *v);
/* Shows the rows for key (cached or loaded), keeping the filter and sort;
 * back on a key seen before, the selection is where it was left. */
void view_load(struct view_ctx *ctx, struct view *v, const char *key);
/* Replaces the rows shown (and cached) by rows, whose contents it takes;
 * the filter and sort stay, the selection stays on the row where key_col
 * has the same value. */
void view_replace_rows(struct view *v, struct qtable *rows, const char *key_col);
/* Replaces the rows shown (and cached) by rows, whose contents it takes:
 * the same rows in the same order with more filled in, so the list, its
 * selection and scrolling stay as they are. */
void view_complete_rows(struct view *v, struct qtable *rows);
/* Re-sorts and re-filters after a sort key, filter or grouping change. */
void view_apply(struct view *v);
/* Cell of the shown rows by column name (NULL when absent). */
const char *view_cell(const struct view *v, size_t row, const char *col);
long view_cell_long(const struct view *v, size_t row, const char *col);
/* The mark of v's sort for the column of sort key: "\u25b2" rising or
 * "\u25bc" falling ("^" "v" without UTF-8), "" for another column or while
 * the list is in its natural order. Headers draw it before the column's
 * name, as the matrix does. */
const char *view_sort_mark(const struct view_ctx *ctx, const struct view *v, int key);
/* Whether v's sort puts the largest (or Z) first: the sort's own way,
 * turned by sort-reverse. */
bool view_sort_falls(const struct view *v);
/* Why the selected row matched the filter when it matched through another
 * name than its own: "Qinghai ← Haixi Prefecture" (owned), else NULL. */
char *view_match_why(const struct view_ctx *ctx, const struct view *v);
/* The source of a row from its report, line and quote columns (quote NULL
 * when the rows have none); false when the row names no report line. Views
 * whose rows carry those columns use it as their .source. */
bool view_row_source(struct view *v, size_t row, struct source_ref *ref);
/* Enter on such a row: opens its source, or says there is none. */
enum result view_enter_source(struct view_ctx *ctx, struct view *v);

/* Drops a view's cached rows, so that the next view_load queries again. */
void view_forget(struct view *v);

/* --- what a handler returns (src/view.c) ------------------------------------ */
/* Sets the status line's message. */
void view_message(struct view_ctx *ctx, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Asks to open v as an overlay (the back stack takes ownership). */
enum result view_push(struct view_ctx *ctx, struct view *v);
/* Asks to open the source view of ref (its strings are copied). */
enum result view_open_source(struct view_ctx *ctx, const struct source_ref *ref);
/* Asks to focus pane 0..2. */
enum result view_focus(struct view_ctx *ctx, int pane);
/* Asks to show the pair donor -> recipient among province's partners,
 * closing the overlays; when the panes do not have it, the current view's
 * row source opens instead (view_enter_source). */
enum result view_goto_pair(struct view_ctx *ctx, const char *province, const char *donor,
			   const char *recipient);
/* A place's name as ctx->names asks: en, zh, or "en zh" (Yunnan 云南), in
 * buf; en alone when zh is NULL or empty or the terminal shows no UTF-8
 * (a "?" for every character would say nothing). */
const char *view_name(const struct view_ctx *ctx, const char *en, const char *zh, char *buf,
		      size_t size);

/* The browser's arrow between a donor and a recipient: "\u2192", or "->"
 * when the terminal shows no UTF-8. */
const char *view_arrow(const struct view_ctx *ctx);
/* s as the terminal can show it (owned): unchanged with UTF-8, else with
 * the browser's own signs (arrows, angles, dots, triangles) in ASCII
 * (text_ascii_signs) rather than as "?". */
char *view_ascii(const struct view_ctx *ctx, const char *s);
/* Every cell of t through view_ascii, when the terminal shows no UTF-8. */
void view_ascii_rows(const struct view_ctx *ctx, struct qtable *t);

/* Frees what out holds and empties it. */
void outcome_clear(struct outcome *out);
/* Formats amount_yuan in the current unit, "~" before approximate ones. */
const char *view_money(const struct view_ctx *ctx, long long amount_yuan, bool approx, char *buf,
		       size_t size);

#endif
