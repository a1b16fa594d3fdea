#ifndef PAIROFF_TUI_H
#define PAIROFF_TUI_H

/* The ncurses browser (src/tui*.c, src/view-*.c: the only files that include
 * curses), as the command line sees it: run it, list its keys. Runs until
 * the user quits; restores the terminal on every exit path. */

#include <stdbool.h>
#include <stdio.h>

#include "pairoff/settings.h"
#include "pairoff/status.h"

struct store;

struct tui_options {
	bool mouse;               /* --mouse or [ui] mouse */
	const char *dump_keys;    /* the keys tui_dump feeds (tests, bench); NULL for tui_run */
	const char *at;           /* NULL, or where to open (pairoff --at PATH, [ui] start_at) */
	const char *at_named_by;  /* "--at" or "[ui] start_at": a bad path from --at is an
	                           * error before the screen opens, from the config a
	                           * message on the status line */
};

/* Runs the browser. A path in opt->at from --at that names nothing ends it
 * before anything is drawn, with the look-up's status and message. */
enum status tui_run(struct store *s, const struct settings *st, const struct tui_options *opt);
/* The same browser fed opt->dump_keys on an in-process screen instead of
 * the terminal; prints the final screen as text (src/tui-dump.c). */
enum status tui_dump(struct store *s, const struct settings *st, const struct tui_options *opt);


#endif
