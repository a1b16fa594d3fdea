/* Unit tests of the browser's list engine (no terminal): folding and
 * filtering (apostrophes, case, several words), stable sorting, group
 * headings that the selection skips, paging limits, jump scrolling, marks,
 * and the action table's key lookup. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "pairoff/action.h"
#include "pairoff/complete.h"
#include "pairoff/list.h"
#include "pairoff/util.h"

#include "check.h"


/* Rows: a name and a group label each. */
static const char *const names[] = { "Zeta", "Pu\342\200\231er City", "alpha", "Beta", "Gamma" };
static const char *const groups[] = { "east", "west", "east", "west", "west" };
#define NROWS (sizeof(names) / sizeof(names[0]))

static int by_name(void *ctx, size_t a, size_t b)
{
	(void)ctx;
	return str_casecmp_ascii(names[a], names[b]);
}

static int by_group(void *ctx, size_t a, size_t b)
{
	(void)ctx;
	return strcmp(groups[a], groups[b]);
}

static const char *group_of(void *ctx, size_t row)
{
	(void)ctx;
	return groups[row];
}

static void fill(struct list *l)
{
	char **hay = xcalloc(NROWS, sizeof(*hay));
	for (size_t i = 0; i < NROWS; i++)
		hay[i] = list_fold(names[i]);
	list_set_rows(l, NROWS, hay);
}

static void test_fold_and_match(void)
{
	char *f = list_fold("Pu\xE2\x80\x99" "er  City");
	CHECK(strcmp(f, "puercity") == 0, "fold: [%s]", f);
	CHECK(list_match(f, "PU'ER"), "apostrophes and case fold alike");
	CHECK(list_match(f, "city pu"), "every word must match, in any order");
	CHECK(!list_match(f, "city simao"), "a word that is absent fails the match");
	CHECK(list_match(f, NULL) && list_match(f, ""), "no filter matches all");
	free(f);
}

static void test_filter_and_sort(void)
{
	struct list l;
	list_init(&l);
	fill(&l);
	list_apply(&l, by_name, NULL, NULL);
	CHECK(l.nvis == NROWS && l.nmatch == NROWS, "all rows visible");
	CHECK(list_selected(&l) == 2, "alpha sorts first, got %zu", list_selected(&l));
	list_set_filter(&l, "puer");
	list_apply(&l, by_name, NULL, NULL);
	CHECK(l.nmatch == 1 && list_selected(&l) == 1, "filter keeps Pu'er only");
	list_set_filter(&l, "zzz");
	list_apply(&l, by_name, NULL, NULL);
	CHECK(l.nvis == 0 && list_selected(&l) == LIST_NONE, "nothing matches");
	list_move(&l, 1);
	list_last(&l);
	CHECK(list_selected(&l) == LIST_NONE, "moving in an empty list is harmless");
	list_free(&l);
}

static void test_headings(void)
{
	struct list l;
	list_init(&l);
	fill(&l);
	list_apply(&l, by_group, group_of, NULL);
	/* east: Zeta, alpha (stable), west: Pu'er, Beta, Gamma -> 2 headings */
	CHECK(l.nvis == NROWS + 2, "two headings, got %zu entries", l.nvis);
	bool heading;
	list_entry(&l, 0, &heading);
	CHECK(heading, "first entry is a heading");
	CHECK(list_selected(&l) == 0 && l.sel == 1, "selection skips the first heading");
	list_move(&l, 2);   /* from Zeta over alpha to the west heading: lands on Pu'er */
	CHECK(list_selected(&l) == 1, "down skips a heading, got %zu", list_selected(&l));
	list_move(&l, -1);
	CHECK(list_selected(&l) == 2, "up skips a heading back, got %zu", list_selected(&l));
	list_first(&l);
	list_move(&l, -5);
	CHECK(list_selected(&l) == 0, "up at the top stays on the first row");
	list_last(&l);
	CHECK(list_selected(&l) == 4 && list_position(&l) == NROWS, "last row; position counts rows only");
	struct list_mark m = list_mark_get(&l);
	list_first(&l);
	list_mark_set(&l, m);
	CHECK(list_selected(&l) == 4, "a mark brings the selection back");
	list_goto(&l, 3);   /* 10G: the third row, headings not counted */
	CHECK(list_position(&l) == 3 && list_selected(&l) == 1, "goto 3: position %zu row %zu",
	      list_position(&l), list_selected(&l));
	list_goto(&l, 99);
	CHECK(list_position(&l) == NROWS, "goto past the end: the last row");
	list_free(&l);
}

static void test_scroll(void)
{
	struct list l;
	list_init(&l);
	size_t n = 100;
	list_set_rows(&l, n, NULL);
	list_apply(&l, NULL, NULL, NULL);
	list_move(&l, 10);
	list_scroll(&l, 10, false);
	CHECK(l.top == 1, "line scrolling keeps the selection on the last line, top %zu", l.top);
	list_move(&l, 1);
	list_scroll(&l, 10, true);
	CHECK(l.top == 6, "jump scrolling centres the selection, top %zu", l.top);
	list_last(&l);
	list_scroll(&l, 10, true);
	CHECK(l.top == 90, "never past the end, top %zu", l.top);
	list_scroll_by(&l, -30, 10);
	CHECK(l.top == 60 && l.sel == 69, "wheel scroll drags the selection along, top %zu sel %zu", l.top, l.sel);
	list_free(&l);
}

/* The keymap an action's group belongs to (action.c's keymap_of). */
static int own_keymap(enum action_group g)
{
	return g == GROUP_MATRIX || g == GROUP_SOURCE || g == GROUP_MAP ? (int)g : -1;
}

static void test_actions(void)
{
	CHECK(action_for_key('j', false) == ACT_MOVE_DOWN, "j moves down");
	CHECK(action_for_key(KEY_DOWN, true) == ACT_MOVE_DOWN, "Down moves down");
	CHECK(action_for_key(127, false) == ACT_BACK, "DEL is Backspace");
	CHECK(action_for_key('\r', false) == ACT_ENTER, "CR is Enter");
	CHECK(action_for_key(CTRL_KEY('s'), false) == ACT_EXPORT, "Ctrl-S exports");
	CHECK(action_for_key('\\', false) == ACT_FILTER && action_for_key('&', false) == ACT_FILTER,
	      "\\ and & filter");
	CHECK(action_for_key(KEY_DOWN, false) == ACT_NONE, "a character with a key code's value is not that key");
	/* one key, one action in each keymap: a view's own (the matrix's, the
	 * source view's, the map's) may shadow the rest's */
	for (const struct action_info *a = action_table; a->name; a++)
		for (const struct action_info *b = a + 1; b->name; b++)
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
					CHECK(!a->keys[i] || a->keys[i] != b->keys[j] ||
					      own_keymap(a->group) != own_keymap(b->group),
					      "%s and %s share a key", a->name, b->name);
	char buf[64];
	CHECK(strcmp(action_keys_text(&action_table[0], buf, sizeof(buf)), "j Down Ctrl-N") == 0,
	      "keys text: [%s]", buf);
}

/* b pages up, but in the matrix switches its side; a key of the matrix
 * only is still found outside it, so the browser can say where it works. */
static void test_keymap(void)
{
	struct keymap km;
	keymap_init(&km);
	CHECK(keymap_action(&km, 'b', false, GROUP_COUNT) == ACT_PAGE_UP, "b pages up");
	CHECK(keymap_action(&km, 'b', false, GROUP_MATRIX) == ACT_MATRIX_SIDE, "b in the matrix");
	CHECK(keymap_action(&km, 'j', false, GROUP_MATRIX) == ACT_MOVE_DOWN, "j in the matrix");
	CHECK(keymap_action(&km, 'v', false, GROUP_COUNT) == ACT_MEASURE, "v outside the matrix");
	CHECK(keymap_action(&km, CTRL_KEY('g'), false, GROUP_COUNT) == ACT_POSITION, "Ctrl-G");
	CHECK(keymap_action(&km, 'I', false, GROUP_COUNT) == ACT_SORT_REVERSE, "I reverses");
	/* the source view's own keymap: / searches its text there, all reports
	 * elsewhere; F searches all reports everywhere */
	CHECK(keymap_action(&km, '/', false, GROUP_SOURCE) == ACT_FIND_TEXT, "/ in the source view");
	CHECK(keymap_action(&km, 'n', false, GROUP_SOURCE) == ACT_FIND_NEXT, "n in the source view");
	CHECK(keymap_action(&km, '/', false, GROUP_COUNT) == ACT_SEARCH, "/ in a list");
	CHECK(keymap_action(&km, '/', false, GROUP_MATRIX) == ACT_SEARCH, "/ in the matrix");
	CHECK(keymap_action(&km, 'F', false, GROUP_SOURCE) == ACT_SEARCH, "F in the source view");
	CHECK(keymap_action(&km, 'b', false, GROUP_SOURCE) == ACT_PAGE_UP, "b pages up in the source view");
	CHECK(keymap_action(&km, 'j', false, GROUP_MOVE) == ACT_MOVE_DOWN, "a group without a keymap: the rest's");
	CHECK(keymap_action(&km, KEY_LEFT, true, GROUP_MAP) == ACT_TILE_LEFT, "Left in the map");
	CHECK(keymap_action(&km, 'l', false, GROUP_MAP) == ACT_TILE_RIGHT, "l in the map");
	CHECK(keymap_action(&km, '\r', false, GROUP_MAP) == ACT_ENTER, "Enter in the map");
	CHECK(keymap_action(&km, KEY_LEFT, true, GROUP_COUNT) == ACT_BACK, "Left elsewhere");
	CHECK(keymap_action(&km, KEY_LEFT, true, GROUP_MATRIX) == ACT_BACK, "Left in the matrix");
	CHECK(keymap_action(&km, 'Y', false, GROUP_COUNT) == ACT_MAP_YEAR, "Y outside the map");

	const char *bad = NULL;
	size_t bad_len = 0;
	CHECK(keymap_bind(&km, ACT_SEARCH, "f Ctrl-F F5", &bad, &bad_len), "bind search");
	CHECK(keymap_action(&km, 'f', false, GROUP_COUNT) == ACT_SEARCH, "f searches now");
	CHECK(keymap_action(&km, CTRL_KEY('f'), false, GROUP_COUNT) == ACT_SEARCH, "Ctrl-F taken from page-down");
	CHECK(keymap_action(&km, KEY_F(5), true, GROUP_COUNT) == ACT_SEARCH, "F5");
	CHECK(keymap_action(&km, '\\', false, GROUP_COUNT) == ACT_FILTER, "filter keeps its other keys");
	char text[64];
	CHECK(strcmp(keymap_keys_text(&km, ACT_PAGE_DOWN, text, sizeof(text)), "PgDn Space") == 0,
	      "page-down lost Ctrl-F: %s", text);
	CHECK(!keymap_bind(&km, ACT_SEARCH, "x Nonsense", &bad, &bad_len) && bad_len == 8 &&
	      strncmp(bad, "Nonsense", 8) == 0, "a bad key name is found");
	CHECK(keymap_action(&km, 'x', false, GROUP_COUNT) == ACT_NONE, "a failed binding changes nothing");
	CHECK(keymap_bind(&km, ACT_QUIT, "none", &bad, &bad_len) &&
	      keymap_action(&km, 'Q', false, GROUP_COUNT) == ACT_NONE, "none unbinds");
	CHECK(keymap_bind(&km, ACT_PAGE_UP, "b", &bad, &bad_len) &&
	      keymap_action(&km, 'b', false, GROUP_MATRIX) == ACT_MATRIX_SIDE, "the matrix keeps b");

	/* every key the table names reads back as that key */
	for (const struct action_info *a = action_table; a->name; a++)
		for (int i = 0; i < 3; i++) {
			char name[32];
			int key = 0;
			if (!a->keys[i])
				continue;
			action_key_name(a->keys[i], name, sizeof(name));
			CHECK(action_key_parse(name, &key) && key == a->keys[i], "%s: key %s reads back as %d",
			      a->name, name, key);
		}
	char name[32];
	CHECK(strcmp(action_key_name(KEY_DC, name, sizeof(name)), "Delete") == 0, "Delete: %s", name);
	CHECK(strchr(action_key_name(KEY_MAX - 1, name, sizeof(name)), '#') == NULL, "no raw code: %s", name);
	CHECK(strcmp(action_key_name(0x6c5f, name, sizeof(name)), "\xe6\xb1\x9f") == 0, "a character: %s", name);
	CHECK(action_by_name("move-down") == ACT_MOVE_DOWN && action_by_name("nope") == ACT_NONE, "names");
}

/* --- ranking: exact, prefix, word start, inside, letters in order ----------- */

static enum list_rank rank_of(const char *name, const char *filter)
{
	char *f = list_fold(filter);
	enum list_rank r = list_rank_name(name, strlen(name), f);
	free(f);
	return r;
}

static void test_rank_name(void)
{
	CHECK(rank_of("Zhejiang", "zhejiang") == LIST_RANK_EXACT, "the whole name");
	CHECK(rank_of("Pu\xE2\x80\x99" "er City", "PU'ER CITY") == LIST_RANK_EXACT, "folded alike");
	CHECK(rank_of("Zhejiang", "zhe") == LIST_RANK_PREFIX, "the start of the name");
	CHECK(rank_of("Haixi Mongol and Tibetan Prefecture", "mongol") == LIST_RANK_WORD, "a word's start");
	CHECK(rank_of("Wushan County (Chongqing)", "chong") == LIST_RANK_WORD, "a word after (");
	CHECK(rank_of("Lin-xia", "xia") == LIST_RANK_WORD, "a word after a hyphen");
	CHECK(rank_of("Pu'er", "er") == LIST_RANK_INSIDE, "an apostrophe starts no word");
	CHECK(rank_of("Jiangsu", "angs") == LIST_RANK_INSIDE, "inside a word");
	CHECK(rank_of("Zhenjiang City", "zhejiang") == LIST_RANK_SCATTERED, "letters in order");
	CHECK(rank_of("Jiangsu", "zhejiang") == LIST_RANK_NONE, "no match");
	CHECK(rank_of("Jiangsu", "usgnaij") == LIST_RANK_NONE, "letters out of order");
	CHECK(rank_of("Jiangsu", "") == LIST_RANK_NONE, "an empty filter ranks nothing");
	CHECK(rank_of("Jiangsu\nZhejiang", "jiangsu") == LIST_RANK_PREFIX, "len bounds the name");
	CHECK(list_rank_name("Jiangsu\nZhejiang", 7, "jiangsu") == LIST_RANK_EXACT, "only len bytes count");
}

/* Three provinces, their own names first and then the places under them,
 * as the provinces pane has them (made-up places). */
static const char *const prov_names[] = {
	"Anhai\nNorth Zhejiang City\nOldtown",   /* an alias that starts with the filter */
	"Beiyuan\nZhenjiang City",                /* letters in order only */
	"Zhejiang\nHangtown",                     /* its own name, exactly */
	"Qinghai\nHaixi Mongol Prefecture",       /* found through a place under it */
};
#define NPROV (sizeof(prov_names) / sizeof(prov_names[0]))

static void fill_ranked(struct list *l)
{
	char **hay = xcalloc(NPROV, sizeof(*hay)), **lists = xcalloc(NPROV, sizeof(*lists));
	for (size_t i = 0; i < NPROV; i++) {
		hay[i] = list_fold(prov_names[i]);
		lists[i] = xstrdup(prov_names[i]);
	}
	list_set_rows(l, NPROV, hay);
	list_set_names(l, lists);
}

static void test_filter_ranks(void)
{
	struct list l;
	list_init(&l);
	fill_ranked(&l);
	list_apply(&l, NULL, NULL, NULL);
	list_set_filter(&l, "zhejiang");
	list_apply(&l, NULL, NULL, NULL);
	CHECK(l.nmatch == 2, "the exact and the word match shown, not the letters in order: %zu", l.nmatch);
	CHECK(list_selected(&l) == 2, "the exact match is selected, not the first row: %zu", list_selected(&l));
	size_t len = 0;
	CHECK(list_match_why(&l, 2, &len) == NULL, "matched by its own name: no why");
	const char *why = list_match_why(&l, 0, &len);
	CHECK(why && len == strlen("North Zhejiang City") && strncmp(why, "North Zhejiang City", len) == 0,
	      "the other row matched through a place under it");
	list_move(&l, -5);
	list_apply(&l, NULL, NULL, NULL);
	CHECK(list_selected(&l) == 0, "a re-sort keeps the selection the user moved to");

	list_set_filter(&l, "zhjiang");
	list_apply(&l, NULL, NULL, NULL);
	CHECK(l.nmatch == 3, "nothing inside: letters in order shown (%zu)", l.nmatch);

	list_set_filter(&l, "mongol");
	list_apply(&l, NULL, NULL, NULL);
	why = list_match_why(&l, 3, &len);
	CHECK(l.nmatch == 1 && list_selected(&l) == 3, "a word of a place under it");
	CHECK(why && strncmp(why, "Haixi Mongol Prefecture", len) == 0, "says through which place");

	list_set_filter(&l, "town");
	list_apply(&l, NULL, NULL, NULL);
	CHECK(l.nmatch == 2 && list_selected(&l) == 0, "equal ranks: the first shown (%zu)", list_selected(&l));
	list_set_filter(&l, "anhai");
	list_apply(&l, NULL, NULL, NULL);
	CHECK(list_selected(&l) == 0 && !list_match_why(&l, 0, &len), "own name beats nothing");
	list_set_filter(&l, NULL);
	list_apply(&l, NULL, NULL, NULL);
	CHECK(l.nmatch == NPROV && !list_match_why(&l, 0, &len), "no filter: every row, no why");
	list_free(&l);
}

/* --- completing place names (made-up places) ------------------------------- */

static void test_complete(void)
{
	static const char *const headers[] = { "label", "names", "type" };
	static const char *const rows[][3] = {
		{ "Hushan County (Beiyuan)", "Hushan County\nHushan", "county" },
		{ "Hushan County (Nanling)", "Hushan County (Nanling)\nHushan County\nHushan", "county" },
		{ "Zhelan", "Zhelan\nZhelan Province", "province" },
		{ "Zhelan City (Dongbei)", "Zhelan City (Dongbei)\nZhelan City", "city" },
		{ "Mizi County (Xibei)", "Mizi County", "county" },
	};
	struct qtable places;
	qtable_init(&places, 3, headers);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		qtable_add_row(&places, rows[i]);
	struct completion *c;
	size_t n = complete_places(&places, "hushan", &c);
	CHECK(n == 2 && !complete_is_clear(c, n), "two counties answer an alias they share alike");
	CHECK(n == 2 && c[0].row == 0 && c[1].row == 1, "namesakes by label");
	free(c);
	n = complete_places(&places, "Hushan County", &c);
	CHECK(n == 2 && complete_is_clear(c, n) && c[0].row == 0, "a place's own name beats another's alias");
	free(c);
	n = complete_places(&places, "hushan county (nanling)", &c);
	CHECK(n >= 1 && complete_is_clear(c, n) && c[0].row == 1, "the qualified label picks the namesake");
	free(c);
	n = complete_places(&places, "zhel", &c);
	CHECK(n == 2 && c[0].row == 2 && !complete_is_clear(c, n), "prefixes alike: the province first");
	free(c);
	n = complete_places(&places, "mizi", &c);
	CHECK(n == 1 && complete_is_clear(c, n) && c[0].row == 4, "one county by its name's start");
	free(c);
	n = complete_places(&places, "mzcnty", &c);
	CHECK(n == 1 && c[0].row == 4, "letters in order when nothing matches better");
	free(c);
	n = complete_places(&places, "qqq", &c);
	CHECK(n == 0 && c == NULL, "nothing matches");
	n = complete_places(&places, "", &c);
	CHECK(n == 0, "nothing typed, nothing offered");
	free(c);
	qtable_free(&places);
}

int main(void)
{
	test_complete();
	test_rank_name();
	test_filter_ranks();
	test_fold_and_match();
	test_filter_and_sort();
	test_headings();
	test_scroll();
	test_actions();
	test_keymap();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return CHECK_EXIT();
}
