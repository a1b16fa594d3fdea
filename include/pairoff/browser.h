#ifndef PAIROFF_BROWSER_H
#define PAIROFF_BROWSER_H

/* The browser's state (struct tui), shared by the main loop (src/tui.c) and
 * its parts below it: the prompt, the --at paths, the store reload and the
 * screen dump. None of them calls into src/tui.c except the dump harness,
 * which sits above it. */

#include <stdint.h>

#include "pairoff/prompt.h"
#include "pairoff/util.h"
#include "pairoff/view.h"

#define TUI_STACK_MAX 16
struct tui {
	struct view_ctx ctx;        /* what the views see: store, settings, unit, colours,
	                             * the status message; owns what ctx.out holds */
	bool color, mouse;
	int lines, cols;
	WINDOW *title_win, *body_win, *status_win; /* NULL while the terminal is too small */
	struct view *column[3];     /* provinces, partners, funds */
	int focus;                  /* 0..2 */
	struct view *stack[TUI_STACK_MAX]; /* overlays (source, search, help, ...) */
	int depth;
	struct view *search_view;   /* owned: the last search's results (n/N), in the stack or not */
	struct strbuf osc;          /* bytes to write after the next doupdate (OSC 52) */
	struct prompt prompt;
	bool dump;                  /* in-process screen dump: no real terminal */
	bool trim_due;              /* panes loaded since the heap was last trimmed */
	WINDOW *cursor_win;         /* where the hardware cursor was left (and keys are read) */
	uint64_t store_declined;    /* store_file_id of a rebuilt store not to offer again */
	long count;                 /* a count typed before a key (5j, 10G), 0 for none */
	const struct at_target *at; /* where to open (--at), or NULL; not owned */
	char *position;             /* owned: the pairoff --at command Ctrl-G shows, while it
	                             * is on the status line (y copies it), else NULL */
};

/* The view keys go to: the top overlay, else the focused column. */
static inline struct view *tui_current(struct tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : t->column[t->focus];
}

/* --- a session, for the screen dump (src/tui-dump.c) ----------------------- */
struct at_target;
struct tui_options;
/* Sets t up for s and st and resolves opt->at into *at (see tui_run). */
enum status tui_begin(struct tui *t, struct store *s, const struct settings *st,
		      const struct tui_options *opt, struct at_target *at);
/* Frees what t and *at hold. */
void tui_end(struct tui *t, struct at_target *at);
/* On the current curses screen: the windows, colours and panes. */
void tui_screen_start(struct tui *t);
/* Frees the windows (before the screen is deleted). */
void tui_screen_end(struct tui *t);
/* The work put off until the first screen is up; whether it drew again. */
bool tui_idle(struct tui *t);
/* Handles one key as the main loop does. */
enum result tui_key(struct tui *t, int ch, bool is_func);
/* Fills the panes right of a moved selection, then draws one frame. */
void tui_frame(struct tui *t);

#endif
