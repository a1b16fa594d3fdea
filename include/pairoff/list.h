#ifndef PAIROFF_LIST_H
#define PAIROFF_LIST_H

/* The browser's one list engine (cmus window.h): selection, scrolling,
 * paging, incremental filtering, sorting and group headings over the rows of
 * any view, so no view re-implements them. It knows rows only by index; the
 * view supplies a comparator, a group label and each row's filter text.
 * No curses here: the engine is tested without a terminal. */

#include <stdbool.h>
#include <stddef.h>

#define LIST_NONE ((size_t)-1)

/* Orders rows a and b (negative, 0, positive) for the view's current sort. */
typedef int (*list_cmp_fn)(void *ctx, size_t a, size_t b);
/* The group label of a row, or NULL for no headings. Consecutive visible rows
 * with different labels get a heading entry between them. */
typedef const char *(*list_group_fn)(void *ctx, size_t row);

struct list {
	size_t nrows;
	char **hay;         /* owned: nrows folded strings the filter matches (NULL = "") */
	size_t *order;      /* owned: nrows row indices in sort order */
	long *vis;          /* owned: visible entries; row >= 0, or -1 - row for the heading above row */
	size_t nvis, cap_vis;
	size_t nmatch;      /* data rows among the visible entries */
	size_t sel, top;    /* indices into vis; sel never rests on a heading when a row exists */
	char *filter;       /* owned: the filter as typed, NULL when none */
	int sort_key;       /* which sort the view applies; 0 = natural order */
	bool sort_reverse;  /* that sort the other way round (the view's compare
	                     * turns what it sorts by, never its groups) */
	char **names;       /* owned: nrows '\n'-separated name lists, the row's own name
	                     * first, that the filter ranks (NULL: rank by hay only) */
	unsigned char *score; /* owned: nrows ranks of the last filter (list_rank * 2, +1
	                     * when the row's own name matched) */
	size_t *why;        /* owned: nrows byte offsets into names[row] of the name
	                     * the row matched through (0: its own) */
	bool pick_best;     /* the filter changed: the next apply selects the best match */
};

/* How well a filter matches one name, worst first: its letters in order
 * with others between, inside a word, at the start of a word, at the
 * start of the name, the whole name. Compared folded (list_fold). */
enum list_rank {
	LIST_RANK_NONE,
	LIST_RANK_SCATTERED,
	LIST_RANK_INSIDE,
	LIST_RANK_WORD,
	LIST_RANK_PREFIX,
	LIST_RANK_EXACT,
};

/* Where a list stood, to come back to (the back stack keeps these). */
struct list_mark {
	size_t row, top;
};

void list_init(struct list *l);
void list_free(struct list *l);
/* Replaces the rows: nrows rows whose filter texts are hay (ownership of the
 * array and its strings passes to the list; NULL for none). Filter and sort
 * key stay; selection goes to the first row. Call list_apply afterwards. */
void list_set_rows(struct list *l, size_t nrows, char **hay);
/* Gives the rows their filter texts later (a view makes them only when a
 * filter is set; ownership passes to the list). */
void list_set_hay(struct list *l, char **hay);
/* Gives the rows names to rank the filter against (after list_set_rows;
 * ownership of the array and its strings passes to the list). */
void list_set_names(struct list *l, char **names);
/* Sorts (stable; cmp NULL = natural order) and rebuilds the visible entries
 * from the filter; keeps the selected row selected when it is still visible.
 * A filter shows the rows whose hay holds each of its words or one of whose
 * names it matches at LIST_RANK_INSIDE or better; when none does, the rows
 * whose names hold its letters in order. After a new filter the best
 * ranked row is selected (the first shown of the best). */
void list_apply(struct list *l, list_cmp_fn cmp, list_group_fn group, void *ctx);
/* Sets the filter (NULL or "" clears it); call list_apply afterwards. */
void list_set_filter(struct list *l, const char *text);

/* The selected row, or LIST_NONE. */
size_t list_selected(const struct list *l);
/* Row of visible entry i; *heading tells whether it is a heading. */
size_t list_entry(const struct list *l, size_t i, bool *heading);
/* Moves the selection by delta visible entries, skipping headings, clamped. */
void list_move(struct list *l, long delta);
void list_first(struct list *l);
void list_last(struct list *l);
/* Selects the n-th visible data row (1-based, as list_position counts),
 * the last one when there are fewer (10G). */
void list_goto(struct list *l, size_t n);
/* 1-based position of the selection among the visible data rows (0 if none). */
size_t list_position(const struct list *l);
/* Selects row if visible; returns whether it was. */
bool list_select_row(struct list *l, size_t row);
/* Adjusts top so that the selection is inside a window of height entries:
 * by as little as needed, or with jump by half a window, so that a pane
 * that cannot use the terminal's scrolling redraws once per half page
 * instead of once per key. */
void list_scroll(struct list *l, int height, bool jump);
/* Scrolls the window by delta entries without moving the selection off
 * screen (for the mouse wheel and read-only views). */
void list_scroll_by(struct list *l, long delta, int height);

struct list_mark list_mark_get(const struct list *l);
void list_mark_set(struct list *l, struct list_mark m);

/* Folded form for matching: ASCII lower case, apostrophes, quotes, hyphens
 * and spaces dropped (so "pu'er", "Pu’er" and "PUER" fold alike). Owned. */
char *list_fold(const char *s);
/* Whether every space-separated word of filter (raw text) folds into a
 * substring of hay (already folded). */
bool list_match(const char *hay, const char *filter);
/* How well folded (a list_fold'ed filter) matches the len bytes of name
 * (raw text); words start after a space, hyphen, slash, comma or "(". */
enum list_rank list_rank_name(const char *name, size_t len, const char *folded);
/* The name row matched the filter through when it was not the row's own
 * (a place under it, an alias): a pointer into its names, the length in
 * *len; NULL when the row matched by its own name or has no names. */
const char *list_match_why(const struct list *l, size_t row, size_t *len);

#endif
