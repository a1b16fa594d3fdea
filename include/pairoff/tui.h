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
	const char *dump_keys;    /* NULL, or keys to feed for a screen dump (tests, bench) */
};

enum status tui_run(struct store *s, const struct settings *st, const struct tui_options *opt);

/* Prints every key binding, one per line, grouped (--help-keys; the man
 * page's list): the browser's action table, without its curses codes. */
void tui_print_keys(FILE *fp);

#endif
