#include "config.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "pairoff/action.h"

const struct action_info action_table[] = {
#define ACTION_ROW(id, name, group, help, k1, k2, k3) \
	{ ACT_##id, name, group, help, { k1, k2, k3 } },
	ACTION_INFO(ACTION_ROW)
#undef ACTION_ROW
	{ ACT_NONE, NULL, GROUP_COUNT, NULL, { 0, 0, 0 } }
};

const char *const action_group_names[GROUP_COUNT] = {
	[GROUP_MOVE] = "Moving",
	[GROUP_VIEW] = "Views",
	[GROUP_FIND] = "Search and filter",
	[GROUP_DATA] = "Data",
	[GROUP_QUIT] = "Leaving",
};

enum action action_for_key(int key, bool is_func)
{
	if (!is_func && (key == ACT_KEY_DEL || key == CTRL_KEY('h'))) {
		key = KEY_BACKSPACE;
		is_func = true;
	}
	if (!is_func && key == '\r')
		key = ACT_KEY_ENTER;
	if (is_func && key == KEY_ENTER) {
		key = ACT_KEY_ENTER;
		is_func = false;
	}
	for (const struct action_info *a = action_table; a->name; a++)
		for (int i = 0; i < 3; i++)
			if (a->keys[i] && a->keys[i] == key && (a->keys[i] >= KEY_MIN) == is_func)
				return a->action;
	return ACT_NONE;
}

static const struct {
	int key;
	const char *name;
} key_names[] = {
	{ KEY_DOWN, "Down" }, { KEY_UP, "Up" }, { KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" },
	{ KEY_NPAGE, "PgDn" }, { KEY_PPAGE, "PgUp" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
	{ KEY_BACKSPACE, "Backspace" }, { KEY_BTAB, "Shift-Tab" },
	{ KEY_SLEFT, "Shift-Left" }, { KEY_SRIGHT, "Shift-Right" },
	{ ACT_KEY_ENTER, "Enter" }, { ACT_KEY_TAB, "Tab" }, { ACT_KEY_ESC, "Esc" }, { ' ', "Space" },
};

const char *action_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F(0));
	else if (key > 0 && key < 32)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if (key > 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "#%d", key);
	return buf;
}

const char *action_keys_text(const struct action_info *a, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < 3 && len < size; i++) {
		if (!a->keys[i])
			continue;
		char name[32];
		int n = snprintf(buf + len, size - len, "%s%s", len ? " " : "",
				 action_key_name(a->keys[i], name, sizeof(name)));
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}

void action_print_keys(FILE *fp)
{
	for (int g = 0; g < GROUP_COUNT; g++) {
		fprintf(fp, "%s:\n", action_group_names[g]);
		for (const struct action_info *a = action_table; a->name; a++) {
			if (a->group != (enum action_group)g)
				continue;
			char keys[64];
			fprintf(fp, "  %-22s %-14s %s\n", action_keys_text(a, keys, sizeof(keys)),
				a->name, a->help);
		}
	}
}
