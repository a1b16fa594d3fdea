#ifndef PAIROFF_STORE_INTERNAL_H
#define PAIROFF_STORE_INTERNAL_H

/* Shared by the store and the query layer only (src/store.c, src/query*.c):
 * nothing above them sees SQLite. */

#include <sqlite3.h>

#include "pairoff/status.h"
#include "pairoff/store.h"

sqlite3 *store_db(struct store *s);

/* Prepares sql on the store, or records an ST_STORE detail and returns NULL. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql);

#endif
