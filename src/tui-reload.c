#include "config.h"

/* A store replaced under the browser (issue 15, item 7). An import renames
 * a new store over the old one; the browser keeps reading the old file it
 * has open, which stays whole, so nothing breaks, but it would show the old
 * data forever. At the next key it notices the new file (another inode) and
 * asks once whether to reload; reloading reopens the store and loads every
 * view again with its key, keeping each list's place. */

#include <stdlib.h>

#include "pairoff/store.h"
#include "pairoff/util.h"
#include "pairoff/browser.h"
#include "pairoff/prompt.h"
#include "pairoff/reload.h"
#include "pairoff/view.h"

bool tui_store_check(struct tui *t)
{
	uint64_t now;
	if (t->prompt.kind != PROMPT_NONE || !store_replaced(t->ctx.store, &now) ||
	    now == t->store_declined)
		return false;
	prompt_start(t, PROMPT_RELOAD, NULL);
	return true;
}

/* Loads v again under its key, from the reopened store, where it stood. */
static void view_reload(struct tui *t, struct view *v)
{
	if (!v)
		return;
	struct list_mark mark = list_mark_get(&v->list);
	char *key = v->key ? xstrdup(v->key) : NULL;
	view_forget(v);
	view_load(&t->ctx, v, key);
	list_mark_set(&v->list, mark);
	free(key);
}

static void store_reload(struct tui *t)
{
	enum status st = store_reopen(t->ctx.store);
	if (st != ST_OK) {
		view_message(&t->ctx, true, "%s", status_detail(st));
		return;
	}
	for (int c = 0; c < 3; c++)
		view_reload(t, t->column[c]);
	bool search_in_stack = false;
	for (int i = 0; i < t->depth; i++) {
		view_reload(t, t->stack[i]);
		search_in_stack |= t->stack[i] == t->search_view;
	}
	if (!search_in_stack)
		view_reload(t, t->search_view);
	view_message(&t->ctx, false, "reloaded the rebuilt store");
}

enum result tui_reload_key(struct tui *t, int ch)
{
	t->prompt.kind = PROMPT_NONE;
	if (ch == 'n' || ch == 'N' || ch == 27 || ch == 'q') {
		store_replaced(t->ctx.store, &t->store_declined);
		view_message(&t->ctx, false, "still showing the store as it was when opened");
	} else {
		store_reload(t);
	}
	return R_REDRAW;
}
