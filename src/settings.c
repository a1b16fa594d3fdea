#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pairoff/inert.h"
#include "pairoff/paths.h"
#include "pairoff/ini.h"
#include "pairoff/regfile.h"
#include "pairoff/extract.h"
#include "pairoff/settings.h"
#include "pairoff/util.h"

/* --- the option table -------------------------------------------------------- */

enum opt_type {
	OPT_PATH,              /* char *; a leading ~/ is the home directory */
	OPT_BOOL,              /* bool; true/false, yes/no, on/off, 1/0 */
	OPT_ENUM,              /* an enum (int-sized), by parse_word */
	OPT_WORD,              /* char *, one of the words parse_word accepts */
	OPT_TEXT,              /* char *, any text but none */
};

struct option_def {
	const char *key;       /* "section:key", lower case */
	enum opt_type type;
	const char *def;       /* compiled-in default; NULL for none */
	size_t offset;         /* target field in struct settings */
	int (*parse_word)(const char *value); /* OPT_ENUM/OPT_WORD: value -> index, -1 if bad */
	const char *values;    /* what is accepted, for messages and the key list */
	const char *help;
};

static int parse_unit(const char *value)
{
	enum money_unit u;
	return money_unit_parse(value, &u) == ST_OK ? (int)u : -1;
}

static int word_index(const char *value, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (str_casecmp_ascii(value, words[i]) == 0)
			return i;
	return -1;
}

static const char *const theme_words[] = { "default", "mono", "light", NULL };
static const char *const pane_words[] = {
	[PANE_PROVINCES] = "provinces", [PANE_PARTNERS] = "partners", [PANE_FUNDS] = "funds", NULL,
};

static int parse_theme(const char *value)
{
	return word_index(value, theme_words);
}

/* "none" or a kind of the indicators' vocabulary. */
static int parse_indicator(const char *value)
{
	if (str_casecmp_ascii(value, "none") == 0)
		return 0;
	for (size_t k = 0; k < IND_NKINDS; k++)
		if (str_casecmp_ascii(value, indicator_kind_name((enum indicator_kind)k)) == 0)
			return (int)k + 1;
	return -1;
}

static const char *const names_words[] = { "en", "zh", "both", NULL };

static int parse_names(const char *value)
{
	return word_index(value, names_words);
}

static int parse_pane(const char *value)
{
	return word_index(value, pane_words);
}

/* Seconds, 1 to 3600: the longest a query may run before it is stopped. */
static int parse_seconds(const char *value)
{
	char *end;
	long n = strtol(value, &end, 10);
	return end != value && *end == '\0' && n >= 1 && n <= 3600 ? (int)n : -1;
}

#define KEYS_SECTION "keys"

#define TARGET(field) offsetof(struct settings, field)

static const struct option_def options[] = {
	{ "store:path", OPT_PATH, NULL, TARGET(db_path), NULL, "PATH",
	  "the store (default $PAIROFF_DB, else $XDG_DATA_HOME/pairoff/pairoff.db)" },
	{ "store:gazetteer", OPT_PATH, NULL, TARGET(gazetteer_path), NULL, "PATH",
	  "gazetteer used by import: an INI file, or a directory of *.ini files"
	  " (default: the bundled regions/)" },
	{ "store:query_time_limit", OPT_ENUM, "30", TARGET(query_time_limit), parse_seconds,
	  "SECONDS", "longest a query may run before it is stopped (1-3600)" },
	{ "ui:unit", OPT_ENUM, "yuan", TARGET(unit), parse_unit, "yuan|wan|million",
	  "money unit shown first (wan = ten thousand yuan)" },
	{ "ui:mouse", OPT_BOOL, "false", TARGET(mouse), NULL, "true|false",
	  "mouse in the browser (click selects, wheel scrolls)" },
	{ "ui:color", OPT_BOOL, "true", TARGET(color), NULL, "true|false",
	  "colours in the browser (NO_COLOR in the environment turns them off)" },
	{ "ui:theme", OPT_WORD, "default", TARGET(theme), parse_theme, "default|mono|light",
	  "colour theme of the browser" },
	{ "ui:start_pane", OPT_ENUM, "provinces", TARGET(start_pane), parse_pane,
	  "provinces|partners|funds", "pane the browser starts in" },
	{ "ui:names", OPT_ENUM, "en", TARGET(names), parse_names, "en|zh|both",
	  "place names in English, Chinese or both (Yunnan 云南); English without UTF-8 (t cycles)" },
	{ "ui:indicator", OPT_WORD, "none", TARGET(indicator), parse_indicator,
	  "none|cadres|trained|labour|students|projects|...",
	  "count shown beside the money in the provinces pane (c cycles)" },
	{ "ui:start_at", OPT_TEXT, NULL, TARGET(start_at), NULL, "PATH",
	  "where the browser opens, as pairoff --at takes it (Zhejiang/Sichuan/2009)" },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

_Static_assert(sizeof(enum money_unit) == sizeof(int), "OPT_ENUM stores an int");
_Static_assert(sizeof(enum start_pane) == sizeof(int), "OPT_ENUM stores an int");
_Static_assert(sizeof(enum names_mode) == sizeof(int), "OPT_ENUM stores an int");

static const struct option_def *option_find(const char *key)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (str_casecmp_ascii(options[i].key, key) == 0)
			return &options[i];
	return NULL;
}

static int parse_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1", NULL };
	static const char *const no[] = { "false", "no", "off", "0", NULL };
	return word_index(v, yes) >= 0 ? 1 : word_index(v, no) >= 0 ? 0 : -1;
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/* Stores value in the option's field; false when the value is not valid. */
static bool option_set(struct settings *st, const struct option_def *o, const char *value)
{
	void *target = (char *)st + o->offset;
	int idx;
	switch (o->type) {
	case OPT_PATH:
	case OPT_TEXT:
		if (!*value)
			return false;
		free(*(char **)target);
		*(char **)target = o->type == OPT_PATH ? paths_expand_home(value) : xstrdup(value);
		return true;
	case OPT_BOOL:
		if ((idx = parse_bool(value)) < 0)
			return false;
		*(bool *)target = idx;
		return true;
	case OPT_ENUM:
		if ((idx = o->parse_word(value)) < 0)
			return false;
		*(int *)target = idx;
		return true;
	case OPT_WORD:
		if (o->parse_word(value) < 0)
			return false;
		free(*(char **)target);
		*(char **)target = xstrdup(value);
		lower_ascii(*(char **)target);   /* the words are matched case-insensitively */
		return true;
	}
	return false;
}

/* NO_COLOR (https://no-color.org): present and not empty turns colour off,
 * whatever the config says. */
static void apply_environment(struct settings *st)
{
	const char *no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		st->color = false;
}

void settings_defaults(struct settings *st)
{
	memset(st, 0, sizeof(*st));
	keymap_init(&st->keymap);
	for (size_t i = 0; i < NOPTIONS; i++)
		if (options[i].def)
			option_set(st, &options[i], options[i].def);
	apply_environment(st);
}

void settings_free(struct settings *st)
{
	free(st->db_path);
	free(st->gazetteer_path);
	free(st->theme);
	free(st->indicator);
	free(st->start_at);
	st->db_path = st->gazetteer_path = st->theme = st->indicator = st->start_at = NULL;
}

bool settings_key_info(size_t i, char *key, size_t key_size, const char **values, const char **help)
{
	if (i >= NOPTIONS)
		return false;
	const char *colon = strchr(options[i].key, ':');
	snprintf(key, key_size, "[%.*s] %s", (int)(colon - options[i].key), options[i].key, colon + 1);
	*values = options[i].values;
	*help = options[i].help;
	return true;
}

/* An option's value in force as the file would spell it; NULL when unset. */
static const char *option_text(const struct settings *st, const struct option_def *o, char *buf, size_t size)
{
	const void *target = (const char *)st + o->offset;
	switch (o->type) {
	case OPT_PATH:
	case OPT_TEXT:
	case OPT_WORD:
		return *(char *const *)target;
	case OPT_BOOL:
		return *(const bool *)target ? "true" : "false";
	case OPT_ENUM:
		break;
	}
	int value = *(const int *)target;
	if (o->parse_word == parse_unit)
		return money_unit_key((enum money_unit)value);
	if (o->parse_word == parse_pane)
		return pane_words[value];
	if (o->parse_word == parse_names)
		return names_words[value];
	snprintf(buf, size, "%d", value);
	return buf;
}

/* A value that holds ';' or '#' (a key binding of ';') is quoted, which
 * the INI reader takes off again. */
static void print_value(FILE *fp, const char *value)
{
	if (strpbrk(value, ";#\"'") && !strchr(value, '"'))
		fprintf(fp, "\"%s\"\n", value);
	else if (strpbrk(value, ";#\"'"))
		fprintf(fp, "'%s'\n", value);
	else
		fprintf(fp, "%s\n", value);
}

static void print_options(FILE *fp, const struct settings *st)
{
	const char *section = "";
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct option_def *o = &options[i];
		const char *colon = strchr(o->key, ':');
		if (strncmp(section, o->key, (size_t)(colon - o->key)) != 0 || !section[colon - o->key]) {
			fprintf(fp, "%s[%.*s]\n", i ? "\n" : "", (int)(colon - o->key), o->key);
			section = o->key;
		}
		fprintf(fp, "; %s: %s", o->help, o->values);
		if (o->def)
			fprintf(fp, " (default %s)", o->def);
		char buf[32];
		const char *value = option_text(st, o, buf, sizeof(buf));
		if (value) {
			fprintf(fp, "\n%s = ", colon + 1);
			print_value(fp, value);
		} else {
			fprintf(fp, "\n; %s =\n", colon + 1);   /* unset: left to the default */
		}
	}
}

void settings_print(FILE *fp, const struct settings *st, const char *source)
{
	fprintf(fp, "; the config in force: %s\n", source);
	print_options(fp, st);
	fputs("\n[keys]\n; key names: a character, Space, Enter, Tab, Esc, Backspace, Delete, Up, Down,\n"
	      "; Left, Right, PgUp, PgDn, Home, End, F1-F63, Ctrl-X; none for no key\n", fp);
	for (const struct action_info *a = action_table; a->name; a++) {
		char keys[96];
		fprintf(fp, "%s = ", a->name);
		print_value(fp, keymap_keys_text(&st->keymap, a->action, keys, sizeof(keys)));
	}
}

/* --- loading ------------------------------------------------------------------------ */

/* Warnings of one config file beyond this many are counted, not printed
 * (a file of 200,000 unknown keys printed 200,000 lines). */
#define MAX_WARNINGS 20
static size_t nwarnings;

static void warn(FILE *warn_fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(FILE *warn_fp, const char *fmt, ...)
{
	if (!warn_fp || ++nwarnings > MAX_WARNINGS)
		return;
	va_list ap;
	va_start(ap, fmt);
	struct strbuf msg = { 0 };
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	array_reserve(&msg.data, &msg.cap, n > 0 ? (size_t)n + 1 : 1, 1);
	va_start(ap, fmt);
	vsnprintf(msg.data, msg.cap, fmt, ap);
	va_end(ap);
	/* keys and values come from the file: shown inert, on one line */
	fputs("pairoff: ", warn_fp);
	inert_fputs(warn_fp, msg.data, inert_locale_flags());
	fputc('\n', warn_fp);
	strbuf_free(&msg);
}

/* An entry's name as the option table spells it: "section:key". */
static char *entry_name(const struct ini_entry *e)
{
	return xasprintf("%s:%s", e->section, e->key);
}

static void warn_unknown_keys(const struct ini *ini, const char *path, FILE *warn_fp)
{
	size_t n;
	const struct ini_entry *e = ini_entries(ini, &n);
	int orphan_line = 0;
	for (size_t i = 0; i < n; i++) {
		if (!e[i].key)
			continue;
		if (!*e[i].section) {
			orphan_line = orphan_line ? orphan_line : e[i].line;
			continue;
		}
		if (strcmp(e[i].section, KEYS_SECTION) == 0)
			continue;   /* apply_keys checks them */
		char *name = entry_name(&e[i]);
		if (!option_find(name))
			warn(warn_fp, "%s:%d: unknown key '%s'", path, e[i].line, name);
		free(name);
	}
	if (orphan_line)
		warn(warn_fp, "%s:%d: key outside a [section]; ignored", path, orphan_line);
}

/* [keys]: each "action = keys" in file order, so that a key bound twice
 * ends with the later action. The names come from the action table. */
static void apply_keys(struct settings *st, const struct ini *ini, const char *path, FILE *warn_fp)
{
	size_t n;
	const struct ini_entry *e = ini_entries(ini, &n);
	for (size_t i = 0; i < n; i++) {
		if (!e[i].key || strcmp(e[i].section, KEYS_SECTION) != 0)
			continue;
		enum action a = action_by_name(e[i].key);
		const char *bad;
		size_t bad_len;
		if (a == ACT_NONE)
			warn(warn_fp, "%s:%d: unknown action '%s' in [keys] (pairoff --help-keys lists them)",
			     path, e[i].line, e[i].key);
		else if (!keymap_bind(&st->keymap, a, e[i].value, &bad, &bad_len))
			warn(warn_fp, "%s:%d: bad key '%.*s' for '%s' (a character, Down, Ctrl-D, F1, "
			     "Space, ...: up to %d, or none); default kept", path, e[i].line,
			     (int)bad_len, bad, e[i].key, KEYMAP_KEYS);
	}
}

/* A key given twice counts once, with its last value. */
static void apply_values(struct settings *st, const struct ini *ini, const char *path, FILE *warn_fp)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct option_def *o = &options[i];
		const char *colon = strchr(o->key, ':');
		char *section = xstrndup(o->key, (size_t)(colon - o->key));
		const struct ini_entry *e = ini_find(ini, section, colon + 1);
		free(section);
		if (e && !option_set(st, o, e->value))
			warn(warn_fp, "%s:%d: bad value '%s' for '%s' (expected %s); default kept",
			     path, e->line, e->value, o->key, o->values);
	}
}

/* Opens path; ST_OK with *fp NULL for a missing file that may be missing.
 * A FIFO, a device or a huge file is refused unread (src/regfile.c). */
static enum status open_config(const char *path, bool must_exist, FILE *warn_fp, FILE **fp)
{
	const char *why;
	*fp = regfile_open_read(path, REGFILE_MAX_INI_BYTES, &why);
	if (*fp)
		return ST_OK;
	if (errno == ENOENT && !must_exist)
		return ST_OK;
	if (must_exist)
		return status_set(ST_CONFIG, "%s: %s", path, why);
	warn(warn_fp, "%s: %s; config ignored", path, why);
	return ST_OK;
}

static enum status settings_load_file(struct settings *st, const char *path,
				      bool must_exist, FILE *warn_fp);

static void warn_more(FILE *warn_fp, const char *path)
{
	if (warn_fp && nwarnings > MAX_WARNINGS) {
		fputs("pairoff: ", warn_fp);
		inert_fputs(warn_fp, path, inert_locale_flags());
		fprintf(warn_fp, ": %zu more warnings not shown\n", nwarnings - MAX_WARNINGS);
	}
}

enum status settings_load(struct settings *st, const char *path, bool must_exist, FILE *warn_fp)
{
	nwarnings = 0;
	enum status rc = settings_load_file(st, path, must_exist, warn_fp);
	warn_more(warn_fp, path);
	return rc;
}

static enum status settings_load_file(struct settings *st, const char *path, bool must_exist,
				      FILE *warn_fp)
{
	FILE *fp;
	enum status rc = open_config(path, must_exist, warn_fp, &fp);
	if (rc != ST_OK || !fp)
		return rc;
	struct ini *ini;
	int error_line;
	enum status ist = ini_read(fp, path, &ini, &error_line);
	fclose(fp);
	if (error_line) {
		warn(warn_fp, "%s:%d: syntax error (expected '[section]' or 'key = value'); "
		     "config ignored", path, error_line);
		return ST_OK;
	}
	if (ist != ST_OK) {
		warn(warn_fp, "%s: cannot be parsed; config ignored", path);
		apply_environment(st);
		return ST_OK;
	}
	warn_unknown_keys(ini, path, warn_fp);
	apply_values(st, ini, path, warn_fp);
	apply_keys(st, ini, path, warn_fp);
	ini_free(ini);
	apply_environment(st);
	return ST_OK;
}
