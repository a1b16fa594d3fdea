#ifndef PAIROFF_TUI_H
#define PAIROFF_TUI_H

/* The ncurses browser (src/tui*.c, src/view-*.c: the only files that include
 * curses). Runs until the user quits; restores the terminal on every exit path. */

#include <stdbool.h>

#include "pairoff/settings.h"
#include "pairoff/status.h"

struct store;

struct tui_options {
	bool mouse;               /* --mouse or [ui] mouse */
	const char *dump_keys;    /* NULL, or keys to feed for a screen dump (tests, bench) */
};

enum status tui_run(struct store *s, const struct settings *st, const struct tui_options *opt);

#endif
