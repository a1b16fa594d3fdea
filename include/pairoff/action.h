#ifndef PAIROFF_ACTION_H
#define PAIROFF_ACTION_H

/* The browser's one action table (tig's REQ_INFO): every key binding, the
 * help screen, the config name of each binding and the man page key list are
 * generated from ACTION_INFO, so they cannot disagree.
 *
 * Each entry: _(ID, "config-name", group, "help text", key, key, key).
 * Keys are ints: a character, CTRL_KEY('x'), or a curses KEY_* code; 0 means
 * "no key". The curses KEY_* codes make this a browser-only header: include
 * <curses.h> before it. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CTRL_KEY(c) ((c) & 0x1f)
#define ACT_KEY_ESC 27
#define ACT_KEY_TAB 9
#define ACT_KEY_ENTER 10
#define ACT_KEY_DEL 127

enum action_group { GROUP_MOVE, GROUP_VIEW, GROUP_FIND, GROUP_DATA, GROUP_QUIT, GROUP_COUNT };

#define ACTION_INFO(_) \
	_(MOVE_DOWN,   "move-down",   GROUP_MOVE, "Move down one row", 'j', KEY_DOWN, CTRL_KEY('n')) \
	_(MOVE_UP,     "move-up",     GROUP_MOVE, "Move up one row", 'k', KEY_UP, CTRL_KEY('p')) \
	_(PAGE_DOWN,   "page-down",   GROUP_MOVE, "Move down one page", KEY_NPAGE, CTRL_KEY('f'), ' ') \
	_(PAGE_UP,     "page-up",     GROUP_MOVE, "Move up one page", KEY_PPAGE, CTRL_KEY('b'), 0) \
	_(HALF_DOWN,   "half-down",   GROUP_MOVE, "Move down half a page", CTRL_KEY('d'), 0, 0) \
	_(HALF_UP,     "half-up",     GROUP_MOVE, "Move up half a page", CTRL_KEY('u'), 0, 0) \
	_(FIRST,       "first",       GROUP_MOVE, "Go to the first row", 'g', KEY_HOME, 0) \
	_(LAST,        "last",        GROUP_MOVE, "Go to the last row", 'G', KEY_END, 0) \
	_(COLUMN_LEFT, "column-left", GROUP_MOVE, "In the matrix: select the column on the left (the years scroll sideways)", '<', 'H', KEY_SLEFT) \
	_(COLUMN_RIGHT, "column-right", GROUP_MOVE, "In the matrix: select the column on the right", '>', 'L', KEY_SRIGHT) \
	_(ENTER,       "enter",       GROUP_VIEW, "Drill down; on a figure, a pair or a hit: open its source (or the list of its statements)", ACT_KEY_ENTER, KEY_RIGHT, 'l') \
	_(BACK,        "back",        GROUP_VIEW, "Go back one level", KEY_LEFT, 'h', KEY_BACKSPACE) \
	_(NEXT_PANE,   "next-pane",   GROUP_VIEW, "Focus the next pane", ACT_KEY_TAB, 0, 0) \
	_(PREV_PANE,   "prev-pane",   GROUP_VIEW, "Focus the previous pane", KEY_BTAB, 0, 0) \
	_(SOURCE,      "source",      GROUP_VIEW, "Open the source text of the selected row", 'o', 0, 0) \
	_(ANOMALIES,   "anomalies",   GROUP_VIEW, "List what the importer corrected or could not reconcile", 'a', 0, 0) \
	_(MATRIX,      "matrix",      GROUP_VIEW, "Compare over the years: aid per donor (or recipient) and year; Enter on a cell opens its funds", 'm', 0, 0) \
	_(HELP,        "help",        GROUP_VIEW, "Show this help", '?', KEY_F(1), 0) \
	_(REFRESH,     "refresh",     GROUP_VIEW, "Redraw the whole screen", CTRL_KEY('l'), 0, 0) \
	_(SEARCH,      "search",      GROUP_FIND, "Full-text search in all reports", '/', 0, 0) \
	_(SEARCH_NEXT, "search-next", GROUP_FIND, "Next search hit", 'n', 0, 0) \
	_(SEARCH_PREV, "search-prev", GROUP_FIND, "Previous search hit", 'N', 0, 0) \
	_(FILTER,      "filter",      GROUP_FIND, "Filter the current list (names and aliases; the best match is selected)", 'f', '\\', '&') \
	_(PLACE,       "place",       GROUP_FIND, "Go to a place by any name or alias (Tab completes) and open its screen", 'p', ':', 0) \
	_(CLEAR,       "clear",       GROUP_FIND, "Clear the filter; close a prompt", ACT_KEY_ESC, 0, 0) \
	_(UNIT,        "unit",        GROUP_DATA, "Cycle money units (yuan, 10k yuan, million yuan)", 'u', 0, 0) \
	_(SORT,        "sort",        GROUP_DATA, "Sort the current list by the next column", 's', 0, 0) \
	_(GROUP,       "group",       GROUP_DATA, "Toggle East/West grouping of provinces", 'r', 0, 0) \
	_(INDICATOR,   "indicator",   GROUP_DATA, "Cycle the count the provinces pane shows beside the money (cadres, trained, ...)", 'c', 0, 0) \
	_(MEASURE,     "measure",     GROUP_DATA, "In the matrix: switch the measure (aid, investment, each count)", 'v', 0, 0) \
	_(MATRIX_SIDE, "matrix-side", GROUP_DATA, "In the matrix: one row per donor or per recipient", 'b', 0, 0) \
	_(EXPORT,      "export",      GROUP_DATA, "Export the current table (.csv, .tsv or .json)", 'e', CTRL_KEY('s'), 0) \
	_(COPY,        "copy",        GROUP_DATA, "Copy the selected row (OSC 52, and to a file)", 'y', 0, 0) \
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

/* The action bound to key (a wget_wch result; is_func for KEY_CODE_YES). */
enum action action_for_key(int key, bool is_func);
/* A readable name for a key: "j", "Down", "Ctrl-D", "F1", "Enter". */
const char *action_key_name(int key, char *buf, size_t size);
/* "j/Down/Ctrl-N" for an action's keys. */
const char *action_keys_text(const struct action_info *a, char *buf, size_t size);
/* Prints every binding, one per line, for the man page and --help-keys. */
void action_print_keys(FILE *fp);

#endif
