#ifndef PAIROFF_COMPLETE_H
#define PAIROFF_COMPLETE_H

/* Completion of place names for the browser's jump-to-place prompt: ranks
 * the gazetteer's places (query_place_names rows) against what was typed,
 * as the list filter ranks rows (list_rank_name). No curses here, so it is
 * tested without a terminal. */

#include <stdbool.h>
#include <stddef.h>

#include "pairoff/query.h"

/* One candidate: a row of the places table and how well it matched. */
struct completion {
	size_t row;
	int score;   /* list_rank * 2, one more for the place's own name or label */
};

/* The places whose label, name or an alias matches typed, best first: by
 * score, then a higher level first (a province before a city before a
 * county), then by label. *out is owned by the caller (NULL when none). */
size_t complete_places(const struct qtable *places, const char *typed, struct completion **out);

/* Whether the best candidate stands alone: the second scores lower (two
 * places answering "Wushan" alike must be told apart by the user). */
bool complete_is_clear(const struct completion *c, size_t n);

#endif
