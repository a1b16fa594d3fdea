#ifndef PAIROFF_STORE_H
#define PAIROFF_STORE_H

/* The SQLite store (src/store.c: opening, reading, closing; with the query
 * layer and the import, the only modules that see sqlite3.h). Schema:
 * data/schema.sql, compiled into the import (src/import.c), which builds
 * every store. The schema version is PRAGMA user_version; the file is marked
 * as ours by PRAGMA application_id. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/status.h"

#define STORE_SCHEMA_VERSION 8
#define STORE_APPLICATION_ID 0x50414952 /* "PAIR" */

struct store;

/* Sets SQLite up for the program, once, before any store is opened (later,
 * it changes nothing): SQLite keeps no statistics of its memory, which
 * pairoff never reads and which cost a global lock around each of its
 * allocations (an import makes a hundred thousand). */
void store_init(void);

/* Opens an existing store read-only. Errors: ST_NOT_FOUND (no such file),
 * ST_STORE (not a pairoff store, other schema version, corrupt), each with a
 * one-line detail naming the file. */
enum status store_open(const char *db_path, struct store **out);
void store_close(struct store *s);
const char *store_path(const struct store *s);

/* The schema version of a pairoff store at db_path, 0 when there is no
 * readable pairoff store there. */
int store_schema_version(const char *db_path);

/* Writes the report texts that an older store holds (report.file,
 * report.text) into the directory dir, one file each, so that they can be
 * imported again: an older store is rebuilt from what it holds, nothing the
 * user imported is lost. Names that are not plain file names are refused. */
enum status store_save_reports(const char *db_path, const char *dir);
/* What may stop a statement on a store (a crafted store's recursive view, a
 * costly search): check(arg), asked about every millisecond of work, stops it
 * when it returns true (a key, a signal); so does a statement running longer
 * than time_limit_ms (0: no limit). A stopped query fails with
 * ST_INTERRUPTED and a message saying which. */
struct store_cancel {
	bool (*check)(void *arg); /* may be NULL */
	void *arg;
	long time_limit_ms;
};
void store_set_cancel(struct store *s, const struct store_cancel *cancel);

/* An import replaces the store's file (a new inode) while a reader keeps the
 * old one open. store_replaced says whether the file at the store's path is
 * no longer the one opened (*new_id, when not NULL, gets the identity of
 * the one there now, 0 for none); store_reopen opens it in place of the old
 * one, keeping the cancel settings, or returns an error and keeps the old. */
uint64_t store_file_id(const char *db_path);
bool store_replaced(const struct store *s, uint64_t *new_id);
enum status store_reopen(struct store *s);

#endif
