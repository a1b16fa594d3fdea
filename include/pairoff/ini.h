#ifndef PAIROFF_INI_H
#define PAIROFF_INI_H

/* INI files (the config and the gazetteer), read whole into their entries
 * in file order, each with the line it starts on, so that every message can
 * say "FILE:LINE: ...". The only module that knows how INI is parsed.
 *
 * The line rules, for both files: blank lines and lines starting with ';'
 * or '#' are skipped; "[id]" opens a section; "key = value" is an entry; a
 * line ending with '\' goes on on the next line. Section ids and keys are
 * trimmed and lower-cased; values are trimmed, unquoted ("..." or '...')
 * and cut at an unquoted ';' or '#'. Any other line is a syntax error. */

#include <stddef.h>
#include <stdio.h>

#include "pairoff/status.h"

struct ini_entry {
	const char *section;   /* lower case; "" for a key before any [section] */
	const char *key;       /* lower case; NULL on the [section] line itself */
	const char *value;     /* NULL on a [section] line; "" for "key =" */
	int line;              /* 1-based; a continued line's first line */
};

struct ini;

/* Reads fp, already opened by the caller (who decides how a file may be
 * opened), as the file path. On ST_OK *out holds the entries. Otherwise
 * *out is NULL and the status detail says why: ST_CONFIG with
 * *error_line > 0 for "PATH:LINE: syntax error" (the first bad line),
 * ST_CONFIG with *error_line 0 when the file cannot be parsed at all,
 * ST_IO on a read error. */
enum status ini_read(FILE *fp, const char *path, struct ini **out, int *error_line);
void ini_free(struct ini *ini);

/* Every entry, [section] lines included, in file order. */
const struct ini_entry *ini_entries(const struct ini *ini, size_t *count);

/* The last "key =" of [section] (the one that counts when a key is given
 * twice), or NULL. Linear: for the few keys of a config file. */
const struct ini_entry *ini_find(const struct ini *ini, const char *section, const char *key);

#endif
