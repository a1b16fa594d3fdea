#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "pairoff/ini.h"
#include "pairoff/util.h"

struct ini {
	char *text;                /* owned: the file, cut in place into the ids and keys */
	struct ini_entry *entries; /* owned; pointing into text, values into values */
	size_t nentries, cap;
	char *values;              /* owned; the values as iniparser read them, one
	                            * after the other */
};

/* ---- the file, cut into logical lines ---------------------------------- */

static enum status read_all(FILE *fp, const char *path, char **text, size_t *len)
{
	struct strbuf sb = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		strbuf_append(&sb, chunk, n);
	if (ferror(fp)) {
		strbuf_free(&sb);
		return status_set(ST_IO, "%s: read error", path);
	}
	*len = sb.len;
	*text = strbuf_steal(&sb);
	return ST_OK;
}

static void trim_end(char *s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)s[*len - 1]))
		s[--*len] = '\0';
}

/* Cuts the next logical line out of *pos, joining a line that ends with
 * '\' to the next one in place (as iniparser does: the backslash goes, the
 * next line's leading blanks stay). Returns NULL at the end of the text. */
static char *next_line(char **pos, int *line_no, int *start_line)
{
	char *p = *pos;
	if (!*p)
		return NULL;
	char *line = p, *w = p;
	*start_line = ++*line_no;
	for (;;) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		memmove(w, p, len);
		w[len] = '\0';
		trim_end(w, &len);
		p = nl ? nl + 1 : p + strlen(p);
		bool more = len > 0 && w[len - 1] == '\\' && nl && *p;
		if (!more) {
			w += len;
			break;
		}
		w += len - 1;
		++*line_no;
	}
	*w = '\0';
	*pos = p;
	return line;
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/* ---- entries ----------------------------------------------------------- */

static void push(struct ini *ini, const char *section, const char *key, int line)
{
	struct ini_entry *e = ARRAY_PUSH(ini->entries, ini->nentries, ini->cap);
	e->section = section;
	e->key = key;
	e->value = NULL;
	e->line = line;
}

/* "[id]": the id is what stands before the first ']', trimmed. */
static const char *section_id(char *line, size_t len)
{
	line[len - 1] = '\0';
	char *close = strchr(line + 1, ']');
	if (close)
		*close = '\0';
	char *id = str_trim(line + 1);
	lower_ascii(id);
	return id;
}

/* One logical line; false for a syntax error. */
static bool parse_line(struct ini *ini, char *line, int line_no, const char **section)
{
	line = str_trim(line);
	size_t len = strlen(line);
	if (len == 0 || line[0] == ';' || line[0] == '#')
		return true;
	if (line[0] == '[') {
		if (line[len - 1] != ']')
			return false;
		*section = section_id(line, len);
		push(ini, *section, NULL, line_no);
		return true;
	}
	char *eq = strchr(line, '=');
	if (!eq || eq == line)
		return false;
	*eq = '\0';
	char *key = str_trim(line);
	lower_ascii(key);
	push(ini, *section, key, line_no);
	return true;
}

/* The line of the first NUL byte of text[0..len), 0 if there is none: the
 * lines are C strings, so text after a NUL would be lost unseen. */
static int nul_line(const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);
	if (!nul)
		return 0;
	int line = 1;
	for (const char *p = text; p < nul; p++)
		line += *p == '\n';
	return line;
}

static int parse_text(struct ini *ini)
{
	const char *section = "";
	char *pos = ini->text;
	int line_no = 0, start;
	for (char *line; (line = next_line(&pos, &line_no, &start));)
		if (!parse_line(ini, line, start, &section))
			return start;
	return 0;
}

/* ---- values, from iniparser ---------------------------------------------- */

struct dict_item {
	const char *key, *value;   /* the dictionary's */
};

static int cmp_items(const void *a, const void *b)
{
	return strcmp(((const struct dict_item *)a)->key, ((const struct dict_item *)b)->key);
}

/* iniparser reports syntax errors on stderr by itself; parse_text has
 * already found them, so its messages are dropped to keep one clear line. */
static int quiet_errors(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Each entry's value is the dictionary's "section:key", found through the
 * keys sorted: iniparser_getstring scans the whole dictionary per call. */
static void find_values(struct ini *ini, const dictionary *d)
{
	struct dict_item *items = xcalloc((size_t)d->size + 1, sizeof(*items));
	size_t n = 0;
	for (ssize_t i = 0; i < d->size; i++)
		if (d->key[i])
			items[n++] = (struct dict_item){ d->key[i], d->val[i] };
	qsort(items, n, sizeof(*items), cmp_items);
	struct strbuf name = { 0 };
	for (size_t i = 0; i < ini->nentries; i++) {
		struct ini_entry *e = &ini->entries[i];
		if (!e->key)
			continue;
		/* "section:key" as iniparser names it, without printf: this runs
		 * for every line of every gazetteer file */
		name.len = 0;
		strbuf_append(&name, e->section, strlen(e->section));
		strbuf_append(&name, ":", 1);
		strbuf_append(&name, e->key, strlen(e->key));
		struct dict_item probe = { .key = name.data };
		const struct dict_item *hit = bsearch(&probe, items, n, sizeof(*items), cmp_items);
		e->value = hit && hit->value ? hit->value : "";
	}
	strbuf_free(&name);
	free(items);
}

/* The values found are copied out of the dictionary, which is then freed
 * where it was read: the gazetteer's files are read on two threads, and
 * freeing their dictionaries (seven thousand keys) is then no longer left
 * to the one thread that builds the regions from them. */
static void keep_values(struct ini *ini)
{
	size_t total = 0;
	for (size_t i = 0; i < ini->nentries; i++)
		if (ini->entries[i].key)
			total += strlen(ini->entries[i].value) + 1;
	char *w = ini->values = xmalloc(total + 1);
	for (size_t i = 0; i < ini->nentries; i++) {
		struct ini_entry *e = &ini->entries[i];
		if (!e->key)
			continue;
		size_t len = strlen(e->value) + 1;
		memcpy(w, e->value, len);
		e->value = w;
		w += len;
	}
}

/* iniparser's error callback is one for the whole program, and the
 * gazetteer's files are read on two threads at once: it is set once, for
 * good (pairoff never wants iniparser's own messages), not around each
 * load. */
static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

static void quiet_iniparser(void)
{
	iniparser_set_error_callback(quiet_errors);
}

static enum status load_values(struct ini *ini, const char *path)
{
	pthread_once(&quiet_once, quiet_iniparser);
	dictionary *dict = iniparser_load(path);
	if (!dict)
		return status_set(ST_CONFIG, "%s: cannot parse", path);
	find_values(ini, dict);
	keep_values(ini);
	iniparser_freedict(dict);
	return ST_OK;
}

/* ---- the API ------------------------------------------------------------ */

enum status ini_read(FILE *fp, const char *path, struct ini **out, int *error_line)
{
	*out = NULL;
	*error_line = 0;
	struct ini *ini = xcalloc(1, sizeof(*ini));
	size_t len = 0;
	enum status st = read_all(fp, path, &ini->text, &len);
	if (st == ST_OK && (*error_line = nul_line(ini->text, len)) == 0)
		*error_line = parse_text(ini);
	if (st == ST_OK && *error_line > 0)
		st = status_set(ST_CONFIG, "%s:%d: syntax error", path, *error_line);
	if (st == ST_OK)
		st = load_values(ini, path);
	if (st != ST_OK) {
		ini_free(ini);
		return st;
	}
	*out = ini;
	return ST_OK;
}

void ini_free(struct ini *ini)
{
	if (!ini)
		return;
	free(ini->values);
	free(ini->entries);
	free(ini->text);
	free(ini);
}

const struct ini_entry *ini_entries(const struct ini *ini, size_t *count)
{
	*count = ini ? ini->nentries : 0;
	return ini ? ini->entries : NULL;
}

const struct ini_entry *ini_find(const struct ini *ini, const char *section, const char *key)
{
	const struct ini_entry *found = NULL;
	for (size_t i = 0; ini && i < ini->nentries; i++) {
		const struct ini_entry *e = &ini->entries[i];
		if (e->key && strcmp(e->section, section) == 0 && strcmp(e->key, key) == 0)
			found = e;
	}
	return found;
}
