#ifndef PAIROFF_RELOAD_H
#define PAIROFF_RELOAD_H

/* A store replaced under the browser (src/tui-reload.c). */

#include <stdbool.h>

#include "pairoff/view.h"

struct tui;

/* At a key: when an import has replaced the store, asks whether to reload
 * it (once per new store) and returns true, the key then being spent. */
bool tui_store_check(struct tui *t);
/* The answer to that question (the main loop passes the key that
 * prompt_key returned with R_ANSWER; y reloads, keeping every view's place). */
enum result tui_reload_key(struct tui *t, int ch);
#endif
