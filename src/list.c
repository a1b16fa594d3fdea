#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pairoff/list.h"
#include "pairoff/util.h"

void list_init(struct list *l)
{
	memset(l, 0, sizeof(*l));
}

static void free_strings(char ***strings, size_t n)
{
	if (*strings)
		for (size_t i = 0; i < n; i++)
			free((*strings)[i]);
	free(*strings);
	*strings = NULL;
}

static void free_hay(struct list *l)
{
	free_strings(&l->hay, l->nrows);
	free_strings(&l->names, l->nrows);
	free(l->score);
	free(l->why);
	l->score = NULL;
	l->why = NULL;
}

void list_free(struct list *l)
{
	free_hay(l);
	free(l->order);
	free(l->vis);
	free(l->filter);
	list_init(l);
}

void list_set_rows(struct list *l, size_t nrows, char **hay)
{
	free_hay(l);
	free(l->order);
	l->nrows = nrows;
	l->hay = hay;
	l->order = xreallocarray(NULL, nrows ? nrows : 1, sizeof(*l->order));
	for (size_t i = 0; i < nrows; i++)
		l->order[i] = i;
	l->nvis = 0;
	l->sel = l->top = 0;
}

void list_set_hay(struct list *l, char **hay)
{
	free_strings(&l->hay, l->nrows);
	l->hay = hay;
}

void list_set_names(struct list *l, char **names)
{
	free_strings(&l->names, l->nrows);
	l->names = names;
}

void list_set_filter(struct list *l, const char *text)
{
	free(l->filter);
	l->filter = text && *text ? xstrdup(text) : NULL;
	l->pick_best = l->filter != NULL;
}

/* --- folding and matching ------------------------------------------------ */

/* Bytes of a character that folding drops at s, or 0. */
static size_t fold_skip(const unsigned char *s)
{
	if (*s == '\'' || *s == '`' || *s == '-' || *s == ' ' || *s == '"' || *s == '.')
		return 1;
	/* U+2018, U+2019 (curly apostrophes), U+201C, U+201D (curly quotes) */
	if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x98 && s[2] <= 0x9D)
		return 3;
	/* U+02BC modifier letter apostrophe */
	if (s[0] == 0xCA && s[1] == 0xBC)
		return 2;
	return 0;
}

char *list_fold(const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	char *out = xmalloc(strlen((const char *)s) + 1), *o = out;
	while (*s) {
		size_t skip = fold_skip(s);
		if (skip) {
			s += skip;
			continue;
		}
		*o++ = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		s++;
	}
	*o = '\0';
	return out;
}

/* Whether each word of filter, folded, is in hay. */
static bool each_word_matches(const char *hay, const char *filter)
{
	char *copy = xstrdup(filter);
	bool ok = true;
	for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w && ok;
	     w = strtok_r(NULL, " \t", &save)) {
		char *fw = list_fold(w);
		ok = !*fw || strstr(hay ? hay : "", fw) != NULL;
		free(fw);
	}
	free(copy);
	return ok;
}

bool list_match(const char *hay, const char *filter)
{
	if (!filter || !*filter)
		return true;
	return each_word_matches(hay, filter);
}

/* --- ranking ------------------------------------------------------------- */

/* Whether raw byte c ends a word, so that the next letter starts one. */
static bool word_break(unsigned char c)
{
	return c == ' ' || c == '-' || c == '/' || c == ',' || c == '(' || c == '\t';
}

/* Folds the len bytes of name as list_fold does into out (len + 1 bytes),
 * marking in starts[] the folded bytes that begin a word. Returns the
 * folded length. */
static size_t fold_words(const char *name, size_t len, char *out, bool *starts)
{
	const unsigned char *s = (const unsigned char *)name, *end = s + len;
	size_t n = 0;
	bool at_start = true;
	while (s < end) {
		size_t skip = fold_skip(s);
		if (skip) {
			at_start |= word_break(*s);
			s += skip;
			continue;
		}
		starts[n] = at_start;
		out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		at_start = word_break(*s);
		s++;
	}
	out[n] = '\0';
	return n;
}

static bool letters_in_order(const char *hay, const char *needle)
{
	for (; *needle; needle++) {
		hay = strchr(hay, *needle);
		if (!hay)
			return false;
		hay++;
	}
	return true;
}

enum list_rank list_rank_name(const char *name, size_t len, const char *folded)
{
	size_t flen = strlen(folded);
	if (!flen || !name)
		return LIST_RANK_NONE;
	char *fn = xmalloc(len + 1);
	bool *starts = xmalloc(len + 1);
	size_t n = fold_words(name, len, fn, starts);
	enum list_rank rank = LIST_RANK_NONE;
	if (n == flen && memcmp(fn, folded, n) == 0)
		rank = LIST_RANK_EXACT;
	else if (n > flen && memcmp(fn, folded, flen) == 0)
		rank = LIST_RANK_PREFIX;
	for (size_t i = 1; rank == LIST_RANK_NONE && i + flen <= n; i++)
		if (starts[i] && memcmp(fn + i, folded, flen) == 0)
			rank = LIST_RANK_WORD;
	if (rank == LIST_RANK_NONE && strstr(fn, folded))
		rank = LIST_RANK_INSIDE;
	if (rank == LIST_RANK_NONE && letters_in_order(fn, folded))
		rank = LIST_RANK_SCATTERED;
	free(fn);
	free(starts);
	return rank;
}

/* The score of row for the folded filter: its best name's rank times two,
 * one more for the row's own name (first), so that at equal rank a row
 * found by its own name wins over one found through a place under it; a
 * hay holding every word counts as a match inside. */
static unsigned char row_score(const struct list *l, size_t row, const char *folded, size_t *why)
{
	unsigned char best = 0;
	*why = 0;
	const char *names = l->names ? l->names[row] : NULL;
	for (const char *p = names; p && *p; ) {
		size_t len = strcspn(p, "\n");
		enum list_rank rank = list_rank_name(p, len, folded);
		unsigned char sc = (unsigned char)(rank * 2 + (p == names));
		if (rank != LIST_RANK_NONE && sc > best) {
			best = sc;
			*why = (size_t)(p - names);
		}
		p += len + (p[len] == '\n');
	}
	if (best < LIST_RANK_INSIDE * 2 && list_match(l->hay ? l->hay[row] : NULL, l->filter)) {
		best = LIST_RANK_INSIDE * 2;
		*why = 0;
	}
	return best;
}

/* Scores every row; returns the least score shown: a match inside or
 * better when any row has one, else letters in order. */
static unsigned char rank_rows(struct list *l)
{
	free(l->score);
	free(l->why);
	l->score = xcalloc(l->nrows ? l->nrows : 1, sizeof(*l->score));
	l->why = xcalloc(l->nrows ? l->nrows : 1, sizeof(*l->why));
	char *folded = list_fold(l->filter);
	bool good = false;
	for (size_t i = 0; i < l->nrows; i++) {
		l->score[i] = row_score(l, i, folded, &l->why[i]);
		good |= l->score[i] >= LIST_RANK_INSIDE * 2;
	}
	free(folded);
	return good ? LIST_RANK_INSIDE * 2 : LIST_RANK_SCATTERED * 2;
}

const char *list_match_why(const struct list *l, size_t row, size_t *len)
{
	if (!l->filter || !l->names || !l->why || row >= l->nrows || !l->names[row] ||
	    l->why[row] == 0 || !l->score[row])
		return NULL;
	const char *name = l->names[row] + l->why[row];
	*len = strcspn(name, "\n");
	return name;
}

/* Selects the first shown row of the best score. */
static void select_best(struct list *l)
{
	unsigned char best = 0;
	for (size_t i = 0; i < l->nvis; i++)
		if (l->vis[i] >= 0 && l->score[l->vis[i]] > best) {
			best = l->score[l->vis[i]];
			l->sel = i;
		}
}

/* --- sorting ------------------------------------------------------------- */

/* Stable merge sort of order[] with a context comparator (qsort has none and
 * is not stable: equal rows must keep the view's natural order). */
static void merge_sort(size_t *a, size_t *tmp, size_t n, list_cmp_fn cmp, void *ctx)
{
	if (n < 2)
		return;
	size_t half = n / 2;
	merge_sort(a, tmp, half, cmp, ctx);
	merge_sort(a + half, tmp, n - half, cmp, ctx);
	if (cmp(ctx, a[half], a[half - 1]) >= 0)
		return;   /* the halves are in order already: rows in the query's order cost n compares */
	size_t i = 0, j = half, k = 0;
	while (i < half && j < n)
		tmp[k++] = cmp(ctx, a[j], a[i]) < 0 ? a[j++] : a[i++];
	while (i < half)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof(*a));
}

static void push_vis(struct list *l, long entry)
{
	*ARRAY_PUSH(l->vis, l->nvis, l->cap_vis) = entry;
}

void list_apply(struct list *l, list_cmp_fn cmp, list_group_fn group, void *ctx)
{
	size_t keep = list_selected(l);
	for (size_t i = 0; i < l->nrows; i++)
		l->order[i] = i;
	if (cmp && l->nrows > 1) {
		size_t *tmp = xreallocarray(NULL, l->nrows, sizeof(*tmp));
		merge_sort(l->order, tmp, l->nrows, cmp, ctx);
		free(tmp);
	}
	l->nvis = l->nmatch = 0;
	unsigned char least = l->filter ? rank_rows(l) : 0;
	const char *prev = NULL;
	bool first = true;
	for (size_t i = 0; i < l->nrows; i++) {
		size_t row = l->order[i];
		if (l->filter && l->score[row] < least)
			continue;
		const char *g = group ? group(ctx, row) : NULL;
		if (g && (first || str_cmp(g, prev) != 0))
			push_vis(l, -1 - (long)row);
		prev = g;
		first = false;
		push_vis(l, (long)row);
		l->nmatch++;
	}
	l->sel = l->top = 0;
	if (l->filter && l->pick_best)
		select_best(l);
	else if (keep == LIST_NONE || !list_select_row(l, keep))
		list_first(l);
	l->pick_best = false;
}

/* --- selection ----------------------------------------------------------- */

size_t list_entry(const struct list *l, size_t i, bool *heading)
{
	long e = l->vis[i];
	if (heading)
		*heading = e < 0;
	return e < 0 ? (size_t)(-1 - e) : (size_t)e;
}

size_t list_selected(const struct list *l)
{
	if (l->sel >= l->nvis || l->vis[l->sel] < 0)
		return LIST_NONE;
	return (size_t)l->vis[l->sel];
}

/* Moves sel off a heading in direction dir (+1/-1), or the other way at an end. */
static void skip_headings(struct list *l, int dir)
{
	size_t s = l->sel;
	while (s < l->nvis && l->vis[s] < 0)
		s = dir > 0 ? s + 1 : (s == 0 ? l->nvis : s - 1);
	if (s >= l->nvis) {
		s = l->sel;
		while (s < l->nvis && l->vis[s] < 0)
			s = dir > 0 ? (s == 0 ? l->nvis : s - 1) : s + 1;
	}
	if (s < l->nvis)
		l->sel = s;
}

void list_move(struct list *l, long delta)
{
	if (l->nvis == 0)
		return;
	long s = (long)l->sel + delta;
	if (s < 0)
		s = 0;
	if (s >= (long)l->nvis)
		s = (long)l->nvis - 1;
	l->sel = (size_t)s;
	skip_headings(l, delta >= 0 ? 1 : -1);
}

void list_first(struct list *l)
{
	l->sel = 0;
	skip_headings(l, 1);
}

void list_last(struct list *l)
{
	l->sel = l->nvis ? l->nvis - 1 : 0;
	skip_headings(l, -1);
}

void list_goto(struct list *l, size_t n)
{
	size_t pos = 0;
	for (size_t i = 0; i < l->nvis; i++)
		if (l->vis[i] >= 0 && ++pos == n) {
			l->sel = i;
			return;
		}
	list_last(l);
}

size_t list_position(const struct list *l)
{
	if (list_selected(l) == LIST_NONE)
		return 0;
	size_t pos = 0;
	for (size_t i = 0; i <= l->sel; i++)
		pos += l->vis[i] >= 0;
	return pos;
}

bool list_select_row(struct list *l, size_t row)
{
	for (size_t i = 0; i < l->nvis; i++)
		if (l->vis[i] == (long)row) {
			l->sel = i;
			return true;
		}
	return false;
}

void list_scroll(struct list *l, int height, bool jump)
{
	size_t h = height > 0 ? (size_t)height : 1;
	/* show the heading just above the selection too */
	size_t want = l->sel > 0 && l->sel < l->nvis && l->vis[l->sel - 1] < 0 ? l->sel - 1 : l->sel;
	if (want < l->top)
		l->top = jump && want > h / 2 ? want - h / 2 : want;
	if (l->sel >= l->top + h)
		l->top = jump ? l->sel - h / 2 : l->sel - h + 1;
	if (l->nvis <= h)
		l->top = 0;
	else if (l->top > l->nvis - h)
		l->top = l->nvis - h;
}

void list_scroll_by(struct list *l, long delta, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	long max_top = l->nvis > h ? (long)(l->nvis - h) : 0;
	long t = (long)l->top + delta;
	l->top = (size_t)(t < 0 ? 0 : t > max_top ? max_top : t);
	if (l->sel < l->top)
		l->sel = l->top;
	if (l->sel >= l->top + h)
		l->sel = l->top + h - 1;
	skip_headings(l, delta >= 0 ? 1 : -1);
}

struct list_mark list_mark_get(const struct list *l)
{
	struct list_mark m = { list_selected(l), l->top };
	return m;
}

void list_mark_set(struct list *l, struct list_mark m)
{
	if (m.row != LIST_NONE && list_select_row(l, m.row))
		l->top = m.top;
}
