#ifndef PAIROFF_STORE_H
#define PAIROFF_STORE_H

/* The SQLite store (src/store.c, the only module besides the query layer that
 * sees sqlite3.h). Schema: data/schema.sql, compiled in. The schema version is
 * PRAGMA user_version; the file is marked as ours by PRAGMA application_id.
 *
 * Import never writes the store in place: it builds a new database in a
 * temporary file in the same directory and renames it over the old one, so an
 * interrupted or failed import leaves the previous store untouched and readers
 * never see a half-built store. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/status.h"

#define STORE_SCHEMA_VERSION 6
#define STORE_APPLICATION_ID 0x50414952 /* "PAIR" */

struct store;

struct import_summary {
	size_t reports, sections, paragraphs, tables;
	size_t pairs, funds, anomalies;
	size_t indicators;
	long elapsed_ms;
};

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

/* Builds a new store at db_path from the report files and directories in
 * paths (a directory means its *.txt files, sorted by name), with the
 * gazetteer at gazetteer_path, then renames it into place. Errors: ST_IO for
 * unreadable inputs or an unwritable directory, ST_DATA for a report that is
 * not text, ST_CONFIG for a bad gazetteer, ST_STORE for SQLite failures. On
 * any error the previous store at db_path is left as it was. */
enum status store_import(const char *db_path, const char *const *paths, size_t npaths,
			 const char *gazetteer_path, struct import_summary *summary);

#endif
