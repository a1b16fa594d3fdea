#include "config.h"

/* The in-process screen dump (pairoff --dump-keys, for tests and
 * benchmarks; tig's test mode): a curses screen on a scratch file at a set
 * size, a script of keys fed to the real main loop's key handling, and the
 * screen printed as text. It drives src/tui.c through the few functions
 * pairoff/browser.h lists for it, and sits above it. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "pairoff/at.h"
#include "pairoff/browser.h"
#include "pairoff/tui.h"
#include "pairoff/text.h"
#include "pairoff/util.h"

/* The key names a dump script may write as <Name>. */
static const struct dump_key_name {
	const char *name;
	int key;
	bool func;
} dump_key_names[] = {
	{ "Down", KEY_DOWN, true }, { "Up", KEY_UP, true }, { "Left", KEY_LEFT, true },
	{ "Right", KEY_RIGHT, true }, { "Enter", '\r', false }, { "Esc", 27, false },
	{ "Tab", '\t', false }, { "BS", KEY_BACKSPACE, true }, { "PgDn", KEY_NPAGE, true },
	{ "PgUp", KEY_PPAGE, true }, { "Home", KEY_HOME, true }, { "End", KEY_END, true },
	{ "F1", KEY_F(1), true }, { "lt", '<', false }, { "Space", ' ', false },
	{ "Delete", KEY_DC, true },
};

/* The length of the key name at s (after a '<'): letters, digits, ':'
 * and '-' up to a '>', or C- and any character. Anything else after '<' is typed as the letter '<'. */
static size_t key_name_len(const char *s)
{
	if (s[0] == 'C' && s[1] == '-' && s[2] > ' ' && s[2] < 127 && s[3] == '>')
		return 3;   /* <C-[> and the like */
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:-");
	return n && s[n] == '>' ? n : 0;
}

/* The key <name> (n bytes at s) means; false when it is no key name. */
static bool dump_named_key(const char *s, size_t n, int *key, bool *is_func, int *cols, int *lines)
{
	*is_func = false;
	for (size_t i = 0; i < sizeof(dump_key_names) / sizeof(dump_key_names[0]); i++)
		if (strlen(dump_key_names[i].name) == n && strncmp(s, dump_key_names[i].name, n) == 0) {
			*key = dump_key_names[i].key;
			*is_func = dump_key_names[i].func;
			return true;
		}
	if (n == 3 && s[0] == 'C' && s[1] == '-') {
		*key = CTRL_KEY(s[2]);
		return true;
	}
	char tail;
	if (sscanf(s, "Resize:%dx%d%c", cols, lines, &tail) == 3 && tail == '>') {
		*key = KEY_RESIZE;
		*is_func = true;
		return true;
	}
	return false;
}

/* Parses the next key of a dump script: a character, or <Name> (Down, Up,
 * Left, Right, Enter, Esc, Tab, BS, PgDn, PgUp, Home, End, F1, Delete,
 * Space, C-x, lt, Resize:COLSxLINES). Returns the bytes consumed, 0 at the
 * end, or -1 for a <Name> that names no key (a typo such as <Escape> must
 * not be typed as letters: the script would never reach what it tests). */
static long dump_next_key(const char *s, int *key, bool *is_func, int *cols, int *lines)
{
	if (!*s)
		return 0;
	size_t n = *s == '<' ? key_name_len(s + 1) : 0;
	if (n)
		return dump_named_key(s + 1, n, key, is_func, cols, lines) ? (long)n + 2 : -1;
	uint32_t cp;
	size_t len = text_decode(s, strlen(s), &cp);
	*key = (int)cp;
	*is_func = false;
	return (long)len;
}

/* Checks every key name of a script before the screen opens. */
static enum status dump_check(const char *keys)
{
	int key, cols, lines;
	bool is_func;
	long used;
	for (const char *p = keys; (used = dump_next_key(p, &key, &is_func, &cols, &lines)) != 0; p += used)
		if (used < 0)
			return status_set(ST_USAGE, "--dump-keys: unknown key name <%.*s> (names: Down Up Left Right "
					  "Enter Esc Tab BS PgDn PgUp Home End F1 Delete Space lt C-x Resize:COLSxLINES)",
					  (int)key_name_len(p + 1), p + 1);
	return ST_OK;
}

/* Prints the screen as text, one line per terminal line, trailing blanks
 * cut, then where the hardware cursor is. */
static void dump_screen(FILE *fp)
{
	wchar_t buf[1024];
	int lines, cols, cy = getcury(curscr), cx = getcurx(curscr);
	getmaxyx(curscr, lines, cols);
	for (int y = 0; y < lines; y++) {
		int n = mvwinnwstr(curscr, y, 0, buf, cols < 1023 ? cols : 1023);
		if (n < 0)
			n = 0;
		buf[n] = L'\0';
		while (n > 0 && buf[n - 1] == L' ')
			buf[--n] = L'\0';
		fprintf(fp, "%ls\n", buf);
	}
	fprintf(fp, "cursor: %d,%d\n", cy, cx);
}

/* The character at y, x and whether it is drawn with attr (attributes and
 * colour pair). */
static wchar_t cell_at(int y, int x, attr_t attr, bool *has)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1] = { 0 };
	attr_t a;
	short pair;
	*has = false;
	if (mvwin_wch(curscr, y, x, &cc) == ERR || getcchar(&cc, wch, &a, &pair, NULL) == ERR)
		return L' ';
	*has = ((a & ~A_COLOR) | COLOR_PAIR(pair)) == attr;
	return wch[0] ? wch[0] : L' ';
}

/* With PAIROFF_DUMP_MARKS: after the screen, each line's runs of cells drawn
 * as a hit (a search's marks, the pattern of /): "hits 5: [East-West]
 * [cooperation]", so that a test can tell what the screen highlights. */
static void dump_marks(FILE *fp, attr_t hit)
{
	int lines, cols;
	getmaxyx(curscr, lines, cols);
	for (int y = 0; y < lines; y++) {
		bool in_run = false, any = false;
		for (int x = 0; x < cols; x++) {
			bool has;
			wchar_t wc = cell_at(y, x, hit, &has);
			if (has && !in_run)
				fprintf(fp, any ? " [" : "hits %d: [", y);
			else if (!has && in_run)
				fputc(']', fp);
			if (has)
				fprintf(fp, "%lc", (wint_t)wc);
			x += has && wcwidth(wc) > 1;   /* the wide character's second cell */
			any |= has;
			in_run = has;
		}
		if (in_run)
			fputc(']', fp);
		if (any)
			fputc('\n', fp);
	}
}

static void dump_size(int *cols, int *lines)
{
	const char *size = getenv("PAIROFF_DUMP_SIZE");
	*cols = 100;
	*lines = 30;
	if (size && sscanf(size, "%dx%d", cols, lines) != 2) {
		*cols = 100;
		*lines = 30;
	}
}

/* A curses screen on a scratch file at the dump size, or NULL. */
static SCREEN *dump_screen_open(FILE *out, FILE *in)
{
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (!scr)
		scr = newterm("vt100", out, in);
	if (!scr)
		return NULL;
	typeahead(-1);   /* /dev/null always reads as "input pending": never cut an update */
	int cols, lines;
	dump_size(&cols, &lines);
	resizeterm(lines, cols);
	return scr;
}

/* Feeds the keys of a dump script; with PAIROFF_DUMP_BYTES, tells on stderr
 * how many bytes the first screen and each key sent to the terminal. */
static void dump_feed(struct tui *t, const char *keys, FILE *out)
{
	bool bytes = getenv("PAIROFF_DUMP_BYTES") != NULL;
	long mark = ftell(out);
	if (bytes)
		fprintf(stderr, "first-screen %ld\n", mark);
	tui_idle(t);
	fflush(out);
	if (bytes)
		fprintf(stderr, "idle %ld\n", ftell(out) - mark);
	mark = ftell(out);
	long used;
	int key, cols = 0, lines = 0;
	bool is_func;
	for (const char *p = keys; (used = dump_next_key(p, &key, &is_func, &cols, &lines)) > 0; p += used) {
		if (is_func && key == KEY_RESIZE) /* a typed U+019A is no resize */
			resizeterm(lines, cols);
		if (tui_key(t, key, is_func) & R_QUIT)
			break;
		/* each key of a script counts as followed by a pause: the panes
		 * on the right are filled before the frame, so dumps and byte
		 * counts do not depend on timing */
		tui_frame(t);
		fflush(out);
		if (bytes)
			fprintf(stderr, "key %.*s %ld\n", (int)used, p, ftell(out) - mark);
		mark = ftell(out);
	}
}

static enum status dump_run(struct tui *t, const char *keys)
{
	FILE *out = tmpfile(), *in = fopen("/dev/null", "r");
	SCREEN *screen = out && in ? dump_screen_open(out, in) : NULL;
	enum status st = ST_OK;
	if (!out || !in)
		st = status_set(ST_IO, "screen dump: cannot open a scratch file");
	else if (!screen)
		st = status_set(ST_TERMINAL, "screen dump: no terminfo entry for xterm-256color or vt100");
	if (st == ST_OK) {
		t->dump = true;
		tui_screen_start(t);
		tui_frame(t);
		dump_feed(t, keys, out);
		dump_screen(stdout);
		if (getenv("PAIROFF_DUMP_MARKS"))
			dump_marks(stdout, t->ctx.attrs[ROLE_HIT]);
		tui_screen_end(t);   /* before delscreen, which frees the windows too */
		endwin();
		delscreen(screen);
	}
	if (out)
		fclose(out);
	if (in)
		fclose(in);
	return st;
}

enum status tui_dump(struct store *s, const struct settings *st, const struct tui_options *opt)
{
	struct tui t;
	struct at_target at;
	enum status rc = dump_check(opt->dump_keys);
	if (rc != ST_OK)
		return rc;
	rc = tui_begin(&t, s, st, opt, &at);
	if (rc != ST_OK)
		return rc;
	rc = dump_run(&t, opt->dump_keys);
	tui_end(&t, &at);
	return rc;
}
