#ifndef PAIROFF_ACTION_H
#define PAIROFF_ACTION_H

/* The browser's one action table (tig's REQ_INFO): every key binding, the
 * help screen, --help-keys, the names of the config's [keys] section and the
 * man page key list are generated from ACTION_INFO, so they cannot disagree
 * (tests/keys.sh checks the man page against --help-keys=man).
 *
 * Each entry: _(ID, "config-name", group, "help text", key, key, key).
 * Keys are ints: a character, CTRL_KEY('x'), or a curses KEY_* code; 0 means
 * "no key". Only code that expands the key columns (src/action.c) needs
 * <curses.h>; the rest of this header does not.
 *
 * The actions of GROUP_MATRIX form the matrix's own keymap (tig's keymaps
 * per view): in the matrix their keys come first, so b switches the
 * matrix's side there and pages up everywhere else. GROUP_SOURCE is the
 * source view's own keymap the same way: / searches the text shown there
 * (less), and F, the store-wide search's own key, works everywhere.
 * GROUP_MAP is the tile map's: Left and Right move between its tiles there. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CTRL_KEY(c) ((c) & 0x1f)
#define ACT_KEY_ESC 27
#define ACT_KEY_TAB 9
#define ACT_KEY_ENTER 10
#define ACT_KEY_DEL 127

enum action_group { GROUP_MOVE, GROUP_VIEW, GROUP_FIND, GROUP_DATA, GROUP_MATRIX, GROUP_SOURCE, GROUP_MAP,
			GROUP_QUIT, GROUP_COUNT };

#define ACTION_INFO(_) \
	_(MOVE_DOWN,   "move-down",   GROUP_MOVE, "Move down one row (a count first moves that many: 5j)", 'j', KEY_DOWN, CTRL_KEY('n')) \
	_(MOVE_UP,     "move-up",     GROUP_MOVE, "Move up one row", 'k', KEY_UP, CTRL_KEY('p')) \
	_(PAGE_DOWN,   "page-down",   GROUP_MOVE, "Move down one page", KEY_NPAGE, CTRL_KEY('f'), ' ') \
	_(PAGE_UP,     "page-up",     GROUP_MOVE, "Move up one page", KEY_PPAGE, CTRL_KEY('b'), 'b') \
	_(HALF_DOWN,   "half-down",   GROUP_MOVE, "Move down half a page", CTRL_KEY('d'), 0, 0) \
	_(HALF_UP,     "half-up",     GROUP_MOVE, "Move up half a page", CTRL_KEY('u'), 0, 0) \
	_(FIRST,       "first",       GROUP_MOVE, "Go to the first row (with a count, that row: 10g)", 'g', KEY_HOME, 0) \
	_(LAST,        "last",        GROUP_MOVE, "Go to the last row (with a count, that row: 10G)", 'G', KEY_END, 0) \
	_(ENTER,       "enter",       GROUP_VIEW, "Drill down; on a figure, a pair or a hit: open its source (or the list of its statements)", ACT_KEY_ENTER, KEY_RIGHT, 'l') \
	_(BACK,        "back",        GROUP_VIEW, "Go back one level", KEY_LEFT, 'h', KEY_BACKSPACE) \
	_(NEXT_PANE,   "next-pane",   GROUP_VIEW, "Focus the next pane", ACT_KEY_TAB, 0, 0) \
	_(PREV_PANE,   "prev-pane",   GROUP_VIEW, "Focus the previous pane", KEY_BTAB, 0, 0) \
	_(SOURCE,      "source",      GROUP_VIEW, "Open the source text of the selected row", 'o', 0, 0) \
	_(ANOMALIES,   "anomalies",   GROUP_VIEW, "List what the importer corrected or could not reconcile", 'a', 0, 0) \
	_(MAP,         "map",         GROUP_VIEW, "A tile map of the provinces and the year's aid; M in it closes it", 'M', 0, 0) \
	_(MATRIX,      "matrix",      GROUP_VIEW, "Compare over the years: aid per donor (or recipient) and year; Enter on a cell opens its funds", 'm', 0, 0) \
	_(HELP,        "help",        GROUP_VIEW, "Show this help", '?', KEY_F(1), 0) \
	_(POSITION,    "position",    GROUP_VIEW, "Show where you are: the path for pairoff --at, the row, its report and line (y then copies the command)", CTRL_KEY('g'), 0, 0) \
	_(REFRESH,     "refresh",     GROUP_VIEW, "Redraw the whole screen", CTRL_KEY('l'), 0, 0) \
	_(SEARCH,      "search",      GROUP_FIND, "Full-text search in all reports (F in the source view, where / searches its text)", '/', 'F', 0) \
	_(SEARCH_NEXT, "search-next", GROUP_FIND, "Next search hit", 'n', 0, 0) \
	_(SEARCH_PREV, "search-prev", GROUP_FIND, "Previous search hit", 'N', 0, 0) \
	_(FILTER,      "filter",      GROUP_FIND, "Filter the current list (names and aliases; the best match is selected)", 'f', '\\', '&') \
	_(PLACE,       "place",       GROUP_FIND, "Go to a place by any name or alias (Tab completes) and open its screen", 'p', ':', 0) \
	_(CLEAR,       "clear",       GROUP_FIND, "Clear the filter; close a prompt", ACT_KEY_ESC, 0, 0) \
	_(UNIT,        "unit",        GROUP_DATA, "Cycle money units (yuan, 10k yuan, million yuan)", 'u', 0, 0) \
	_(SORT,        "sort",        GROUP_DATA, "Sort the current list by the next column (the header marks it: \u25b2 rising, \u25bc falling)", 's', 0, 0) \
	_(SORT_REVERSE, "sort-reverse", GROUP_DATA, "Reverse the current sort", 'I', 0, 0) \
	_(GROUP,       "group",       GROUP_DATA, "Toggle East/West grouping of provinces", 'r', 0, 0) \
	_(INDICATOR,   "indicator",   GROUP_DATA, "Cycle the count the provinces pane shows beside the money (cadres, trained, ...)", 'c', 0, 0) \
	_(NAMES,       "names",       GROUP_DATA, "Cycle how places are named: English, Chinese, both (Yunnan 云南); English without UTF-8", 't', 0, 0) \
	_(EXPORT,      "export",      GROUP_DATA, "Export the current table (.csv, .tsv or .json)", 'e', CTRL_KEY('s'), 0) \
	_(COPY,        "copy",        GROUP_DATA, "Copy the selected row (OSC 52, and to a file); after Ctrl-G, the pairoff --at command", 'y', 0, 0) \
	_(COLUMN_LEFT, "column-left", GROUP_MATRIX, "Select the column on the left (the years scroll sideways)", '<', 'H', KEY_SLEFT) \
	_(COLUMN_RIGHT, "column-right", GROUP_MATRIX, "Select the column on the right", '>', 'L', KEY_SRIGHT) \
	_(MEASURE,     "measure",     GROUP_MATRIX, "Switch the measure (aid, investment, each count)", 'v', 0, 0) \
	_(MATRIX_SIDE, "matrix-side", GROUP_MATRIX, "One row per donor or per recipient (b pages up elsewhere)", 'b', 0, 0) \
	_(FIND_TEXT,   "find-text",   GROUP_SOURCE, "Search the text shown, as less does (Enter alone: the last pattern again)", '/', 0, 0) \
	_(FIND_NEXT,   "find-next",   GROUP_SOURCE, "Next match of the text's pattern (without one, the next search hit)", 'n', 0, 0) \
	_(FIND_PREV,   "find-prev",   GROUP_SOURCE, "Previous match of the text's pattern (without one, the previous hit)", 'N', 0, 0) \
	_(TILE_LEFT,   "tile-left",   GROUP_MAP, "Move to the tile on the left (Up and Down: the tile above, below)", KEY_LEFT, 'h', 0) \
	_(TILE_RIGHT,  "tile-right",  GROUP_MAP, "Move to the tile on the right", KEY_RIGHT, 'l', 0) \
	_(MAP_YEAR,    "map-year",    GROUP_MAP, "Show the next year's aid (after the last, every year's)", 'Y', 0, 0) \
	_(CLOSE,       "close",       GROUP_QUIT, "Close the current view; quit at the top", 'q', 0, 0) \
	_(SUSPEND,     "suspend",     GROUP_QUIT, "Suspend to the shell (fg comes back)", CTRL_KEY('z'), 0, 0) \
	_(QUIT,        "quit",        GROUP_QUIT, "Quit at once", 'Q', CTRL_KEY('c'), 0)

enum action {
	ACT_NONE,
#define ACTION_ENUM(id, name, group, help, k1, k2, k3) ACT_##id,
	ACTION_INFO(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

struct action_info {
	enum action action;
	const char *name;         /* config spelling, e.g. "move-down" */
	enum action_group group;
	const char *help;
	int keys[3];              /* 0 = unused */
};

/* The table, ACT_COUNT - 1 entries in ACTION_INFO order (ACT_NONE excluded). */
extern const struct action_info action_table[];
extern const char *const action_group_names[GROUP_COUNT];

/* The action bound to key by the table (a wget_wch result; is_func for
 * KEY_CODE_YES), outside the matrix. */
enum action action_for_key(int key, bool is_func);
/* A readable name for a key: "j", "Down", "Ctrl-D", "F1", "Enter",
 * "Delete"; never a raw code (an unnamed key code gets curses' name). */
const char *action_key_name(int key, char *buf, size_t size);
/* "j Down Ctrl-N" for an action's keys in the table. */
const char *action_keys_text(const struct action_info *a, char *buf, size_t size);
/* The action of a config name ("move-down"), or ACT_NONE. */
enum action action_by_name(const char *name);
/* The key a name given in the config means (a name action_key_name gives,
 * "C-x" or "^X" for Ctrl-X, or one ASCII character); false when none. */
bool action_key_parse(const char *name, int *key);

/* --- the bindings in force: the table's, changed by the config's [keys] --- */

#define KEYMAP_KEYS 4   /* keys one action may have */

struct keymap {
	int keys[ACT_COUNT][KEYMAP_KEYS]; /* 0 = unused; ACT_NONE's row unused */
};

void keymap_init(struct keymap *km);
/* Binds a to the keys named in text, space-separated ("x Down Ctrl-N";
 * "none" for no key), each key taken from the action of the same keymap
 * (the matrix's or the rest's) that had it. False when a name is no key:
 * *bad then points at it in text and nothing changed. */
bool keymap_bind(struct keymap *km, enum action a, const char *text, const char **bad, size_t *bad_len);
/* The action of key in the view whose own keymap is own (GROUP_MATRIX,
 * GROUP_SOURCE, GROUP_MAP, or GROUP_COUNT for none): that keymap's keys
 * first. An action of another view's own keymap is returned too when no
 * other has the key, so that the caller can say where it works. */
enum action keymap_action(const struct keymap *km, int key, bool is_func, enum action_group own);
/* "j Down Ctrl-N" for a's keys in force ("none" when it has none). */
const char *keymap_keys_text(const struct keymap *km, enum action a, char *buf, size_t size);
/* --help-keys: every action by group, its keys in force, name and help. */
void keymap_print(FILE *fp, const struct keymap *km);
/* --help-keys=man: the same list of the table's keys as man(7) source,
 * which data/pairoff.1 holds between its KEYS markers. */
void action_print_man(FILE *fp);

#endif
