#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pairoff/complete.h"
#include "pairoff/list.h"
#include "pairoff/util.h"

/* Higher levels first: a province is what "Zhe" most likely means. */
static int type_level(const char *type)
{
	static const char *const levels[][4] = {
		{ "province", "municipality", "autonomous region", "SAR" },
		{ "prefecture", "league", "city", NULL },
		{ "district", "county", "banner", NULL },
		{ "town", NULL, NULL, NULL },
	};
	for (size_t l = 0; type && l < sizeof(levels) / sizeof(levels[0]); l++)
		for (size_t i = 0; i < 4 && levels[l][i]; i++)
			if (strcmp(type, levels[l][i]) == 0)
				return (int)l;
	return 4;
}

/* The best score of place row: its label and own name (first of names)
 * count one more than an alias at the same rank. */
static int place_score(const struct qtable *places, size_t row, const char *folded)
{
	const char *label = qtable_get(places, row, 0), *names = qtable_get(places, row, 1);
	int best = label ? (int)list_rank_name(label, strlen(label), folded) * 2 + 1 : 0;
	for (const char *p = names; p && *p; ) {
		size_t len = strcspn(p, "\n");
		int rank = (int)list_rank_name(p, len, folded);
		int score = rank * 2 + (p == names);
		if (rank && score > best)
			best = score;
		p += len + (p[len] == '\n');
	}
	return best > 1 ? best : 0;
}

static const struct qtable *sort_places;   /* the table being sorted (qsort has no context) */

static int cmp_completion(const void *pa, const void *pb)
{
	const struct completion *a = pa, *b = pb;
	if (a->score != b->score)
		return b->score - a->score;
	int la = type_level(qtable_get(sort_places, a->row, 2)), lb = type_level(qtable_get(sort_places, b->row, 2));
	if (la != lb)
		return la - lb;
	return str_casecmp_ascii(qtable_get(sort_places, a->row, 0), qtable_get(sort_places, b->row, 0));
}

size_t complete_places(const struct qtable *places, const char *typed, struct completion **out)
{
	*out = NULL;
	char *folded = list_fold(typed);
	size_t n = 0, cap = 0;
	for (size_t row = 0; *folded && row < places->nrows; row++) {
		int score = place_score(places, row, folded);
		if (score)
			*ARRAY_PUSH(*out, n, cap) = (struct completion){ row, score };
	}
	free(folded);
	/* letters in order only when nothing matches better, as the filter does */
	size_t keep = 0;
	bool good = false;
	for (size_t i = 0; i < n; i++)
		good |= (*out)[i].score >= LIST_RANK_INSIDE * 2;
	for (size_t i = 0; i < n; i++)
		if (!good || (*out)[i].score >= LIST_RANK_INSIDE * 2)
			(*out)[keep++] = (*out)[i];
	sort_places = places;
	if (keep > 1)
		qsort(*out, keep, sizeof(**out), cmp_completion);
	sort_places = NULL;
	return keep;
}

bool complete_is_clear(const struct completion *c, size_t n)
{
	return n == 1 || (n > 1 && c[0].score > c[1].score);
}
