#include "config.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	[GROUP_MATRIX] = "In the matrix",
	[GROUP_SOURCE] = "In the source view",
	[GROUP_MAP] = "In the map",
	[GROUP_QUIT] = "Leaving",
};

/* The key as the table spells it: DEL and Ctrl-H are Backspace, CR and
 * the keypad's Enter are Enter. */
static int key_normal(int key, bool *is_func)
{
	if (!*is_func && (key == ACT_KEY_DEL || key == CTRL_KEY('h'))) {
		*is_func = true;
		return KEY_BACKSPACE;
	}
	if (!*is_func && key == '\r')
		return ACT_KEY_ENTER;
	if (*is_func && key == KEY_ENTER) {
		*is_func = false;
		return ACT_KEY_ENTER;
	}
	return key;
}

/* The keymap a belongs to: a view's own (GROUP_MATRIX, GROUP_SOURCE,
 * GROUP_MAP) or the rest's (GROUP_COUNT). */
static bool own_keymap(enum action_group g)
{
	return g == GROUP_MATRIX || g == GROUP_SOURCE || g == GROUP_MAP;
}

static enum action_group keymap_of(enum action a)
{
	enum action_group g = action_table[a - 1].group;
	return own_keymap(g) ? g : GROUP_COUNT;
}

/* The first action of one keymap with key. */
static enum action lookup(const struct keymap *km, int key, bool is_func, enum action_group keymap)
{
	for (int a = 1; a < ACT_COUNT; a++) {
		if (keymap_of((enum action)a) != keymap)
			continue;
		for (int i = 0; i < KEYMAP_KEYS; i++)
			if (km->keys[a][i] && km->keys[a][i] == key && (key >= KEY_MIN) == is_func)
				return (enum action)a;
	}
	return ACT_NONE;
}

enum action keymap_action(const struct keymap *km, int key, bool is_func, enum action_group own)
{
	static const enum action_group others[] = { GROUP_MATRIX, GROUP_SOURCE, GROUP_MAP };
	key = key_normal(key, &is_func);
	if (!own_keymap(own))
		own = GROUP_COUNT;   /* a view without a keymap of its own */
	enum action a = own != GROUP_COUNT ? lookup(km, key, is_func, own) : ACT_NONE;
	if (a == ACT_NONE)
		a = lookup(km, key, is_func, GROUP_COUNT);
	for (size_t i = 0; a == ACT_NONE && i < sizeof(others) / sizeof(others[0]); i++)
		if (others[i] != own)
			a = lookup(km, key, is_func, others[i]);
	return a;
}

void keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof(*km));
	for (const struct action_info *a = action_table; a->name; a++)
		for (int i = 0, n = 0; i < 3; i++)
			if (a->keys[i])
				km->keys[a->action][n++] = a->keys[i];
}

enum action action_for_key(int key, bool is_func)
{
	static struct keymap table;
	static bool ready;
	if (!ready) {
		keymap_init(&table);
		ready = true;
	}
	return keymap_action(&table, key, is_func, GROUP_COUNT);
}

enum action action_by_name(const char *name)
{
	for (const struct action_info *a = action_table; a->name; a++)
		if (strcmp(a->name, name) == 0)
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
	{ KEY_DC, "Delete" }, { KEY_IC, "Insert" }, { KEY_SDC, "Shift-Delete" },
	{ KEY_SHOME, "Shift-Home" }, { KEY_SEND, "Shift-End" }, { KEY_SR, "Shift-Up" },
	{ KEY_SF, "Shift-Down" }, { KEY_SNEXT, "Shift-PgDn" }, { KEY_SPREVIOUS, "Shift-PgUp" },
	{ KEY_ENTER, "Keypad-Enter" }, { KEY_B2, "Keypad-5" }, { KEY_MOUSE, "Mouse" },
	{ KEY_RESIZE, "Resize" }, { KEY_SUSPEND, "Suspend" },
	{ ACT_KEY_ENTER, "Enter" }, { ACT_KEY_TAB, "Tab" }, { ACT_KEY_ESC, "Esc" }, { ' ', "Space" },
	{ ACT_KEY_DEL, "Backspace" },
};

/* An unnamed curses key code by curses' own name: "kDC5" (Ctrl-Delete in
 * xterm) or "KEY_F(20)"; an unknown code in words, never "#330". */
static void curses_key_name(int key, char *buf, size_t size)
{
	const char *name = keyname(key);
	if (name && strncmp(name, "KEY_", 4) == 0)
		name += 4;
	if (name && *name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "key code %d", key);
}

/* Encodes code point c (0x80..0x10FFFF) as UTF-8 in buf (5 bytes). */
static void utf8_char(int c, char *buf)
{
	unsigned u = (unsigned)c;
	if (u < 0x800) {
		buf[0] = (char)(0xC0 | u >> 6);
		buf[1] = (char)(0x80 | (u & 0x3F));
		buf[2] = '\0';
	} else if (u < 0x10000) {
		buf[0] = (char)(0xE0 | u >> 12);
		buf[1] = (char)(0x80 | (u >> 6 & 0x3F));
		buf[2] = (char)(0x80 | (u & 0x3F));
		buf[3] = '\0';
	} else {
		buf[0] = (char)(0xF0 | u >> 18);
		buf[1] = (char)(0x80 | (u >> 12 & 0x3F));
		buf[2] = (char)(0x80 | (u >> 6 & 0x3F));
		buf[3] = (char)(0x80 | (u & 0x3F));
		buf[4] = '\0';
	}
}

const char *action_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key >= KEY_F(1) && key <= KEY_F(63))
		snprintf(buf, size, "F%d", key - KEY_F(0));
	else if (key == 0)
		snprintf(buf, size, "Ctrl-Space");
	else if (key > 0 && key < 32)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if (key > 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else if (key >= KEY_MIN && key <= KEY_MAX)
		curses_key_name(key, buf, size);
	else if (key >= 0x80 && key <= 0x10FFFF && size >= 5)
		utf8_char(key, buf);   /* a character typed: itself */
	else
		snprintf(buf, size, "key code %d", key);
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

bool action_key_parse(const char *name, int *key)
{
	size_t n = sizeof(key_names) / sizeof(key_names[0]);
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(key_names[i].name, name) == 0 && key_names[i].key != KEY_MOUSE &&
		    key_names[i].key != KEY_RESIZE && key_names[i].key != ACT_KEY_DEL) {
			*key = key_names[i].key;
			return true;
		}
	char *end;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		long f = strtol(name + 1, &end, 10);
		if (!*end && f >= 1 && f <= 63) {
			*key = KEY_F((int)f);
			return true;
		}
	}
	const char *ctrl = strncasecmp(name, "Ctrl-", 5) == 0 ? name + 5 : strncasecmp(name, "C-", 2) == 0 ? name + 2
			 : name[0] == '^' && name[1] ? name + 1 : NULL;
	if (ctrl && ctrl[0] && !ctrl[1] && ((ctrl[0] >= 'A' && ctrl[0] <= '_') || (ctrl[0] >= 'a' && ctrl[0] <= 'z'))) {
		*key = CTRL_KEY(ctrl[0]);
		return true;
	}
	if (name[0] > ' ' && name[0] < 127 && !name[1]) {
		*key = name[0];
		return true;
	}
	return false;
}

/* Removes key from every action of a's keymap but a. */
static void keymap_take(struct keymap *km, enum action a, int key)
{
	for (int b = 1; b < ACT_COUNT; b++) {
		if (b == (int)a || keymap_of((enum action)b) != keymap_of(a))
			continue;
		int n = 0;
		for (int i = 0; i < KEYMAP_KEYS; i++)
			if (km->keys[b][i] != key)
				km->keys[b][n++] = km->keys[b][i];
		while (n < KEYMAP_KEYS)
			km->keys[b][n++] = 0;
	}
}

bool keymap_bind(struct keymap *km, enum action a, const char *text, const char **bad, size_t *bad_len)
{
	int keys[KEYMAP_KEYS] = { 0 }, n = 0;
	const char *p = text + strspn(text, " \t");
	bool none = strncmp(p, "none", 4) == 0 && !p[4 + strspn(p + 4, " \t")];
	while (!none && *p) {
		size_t len = strcspn(p, " \t");
		char name[32];
		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		int key;
		if (len >= sizeof(name) || n == KEYMAP_KEYS || !action_key_parse(name, &key)) {
			*bad = p;
			*bad_len = len;
			return false;
		}
		keys[n++] = key;
		p += len;
		p += strspn(p, " \t");
	}
	if (!none && n == 0) {
		*bad = text;
		*bad_len = 0;
		return false;
	}
	for (int i = 0; i < n; i++)
		keymap_take(km, a, keys[i]);
	memcpy(km->keys[a], keys, sizeof(keys));
	return true;
}

const char *keymap_keys_text(const struct keymap *km, enum action a, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < KEYMAP_KEYS && len < size; i++) {
		if (!km->keys[a][i])
			continue;
		char name[32];
		int n = snprintf(buf + len, size - len, "%s%s", len ? " " : "",
				 action_key_name(km->keys[a][i], name, sizeof(name)));
		if (n < 0)
			break;
		len += (size_t)n;
	}
	if (!len)
		snprintf(buf, size, "none");
	return buf;
}

void keymap_print(FILE *fp, const struct keymap *km)
{
	for (int g = 0; g < GROUP_COUNT; g++) {
		fprintf(fp, "%s:\n", action_group_names[g]);
		for (const struct action_info *a = action_table; a->name; a++) {
			if (a->group != (enum action_group)g)
				continue;
			char keys[96];
			fprintf(fp, "  %-22s %-14s %s\n", keymap_keys_text(km, a->action, keys, sizeof(keys)),
				a->name, a->help);
		}
	}
}

/* --- the man page's list ------------------------------------------------------ */

/* Writes s as man(7) text: a backslash as \e, a hyphen as \-, a character
 * beyond ASCII as \[uXXXX], a line that would start with a dot or a quote
 * guarded by \&. */
static void man_text(FILE *fp, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\')
			fputs("\\e", fp);
		else if (*p == '-')
			fputs("\\-", fp);
		else if (*p < 0x80)
			fputc(*p, fp);
		else {
			unsigned c = 0;
			int more = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : 1;
			c = *p & (0x3F >> more);
			for (int i = 0; i < more && p[1]; i++)
				c = c << 6 | (*++p & 0x3F);
			fprintf(fp, "\\[u%04X]", c);
		}
	}
}

void action_print_man(FILE *fp)
{
	fputs(".\\\" Generated by pairoff --help-keys=man from the action table\n"
	      ".\\\" (include/pairoff/action.h); tests/keys.sh checks it.\n", fp);
	for (int g = 0; g < GROUP_COUNT; g++) {
		fputs(".PP\n.I ", fp);
		man_text(fp, action_group_names[g]);
		fputs("\n", fp);
		for (const struct action_info *a = action_table; a->name; a++) {
			if (a->group != (enum action_group)g)
				continue;
			fputs(".TP\n", fp);
			for (int i = 0, n = 0; i < 3; i++) {
				char name[32];
				if (!a->keys[i])
					continue;
				fputs(n++ ? ", \\fB" : "\\fB", fp);
				man_text(fp, action_key_name(a->keys[i], name, sizeof(name)));
				fputs("\\fR", fp);
			}
			fputs(" (\\fI", fp);
			man_text(fp, a->name);
			fputs("\\fR)\n", fp);
			man_text(fp, a->help);
			fputs(".\n", fp);
		}
	}
}
