#ifndef PAIROFF_STORE_INTERNAL_H
#define PAIROFF_STORE_INTERNAL_H

/* Shared by the store, the import and the query layer only (src/store*.c,
 * src/import.c, src/query*.c): nothing above them sees SQLite. */

#include <sqlite3.h>

#include "pairoff/status.h"
#include "pairoff/store.h"

sqlite3 *store_db(struct store *s);

/* The order of search hits (src/search-rank.c): an FTS5 rank function
 * registered on every reader's connection, used as
 * "... MATCH ?1 AND rank MATCH '" SEARCH_RANK "' ORDER BY rank". */
#define SEARCH_RANK_FN "pairoff_rank"
#define SEARCH_RANK SEARCH_RANK_FN "()"
int store_register_rank(sqlite3 *db);

/* Prepares sql on the store, or records an ST_STORE detail and returns NULL. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql);

/* store_prepare for a statement run again and again (a pane's query at each
 * selection): sql must be static text, the cache's key by address. The
 * statement stays prepared until store_close; give it back with
 * store_finish, never sqlite3_finalize. A statement already handed out and
 * not finished is prepared afresh (and finalized by store_finish). */
sqlite3_stmt *store_prepare_cached(struct store *s, const char *sql);
/* Ends stmt: a cached one is reset for its next use, its bindings
 * cleared; any other is finalized. */
void store_finish(struct store *s, sqlite3_stmt *stmt);

/* Runs the statements that follow, until store_read_end, in one read
 * transaction: a query of many small statements (one a place) would
 * otherwise take and drop the file's lock, and look for a hot journal, at
 * each, some system calls a statement. Returns whether it began one (not
 * when one is open already); pass that to store_read_end. */
bool store_read_begin(struct store *s);
void store_read_end(struct store *s, bool began);

/* Column col of the current row as text, "" for SQL NULL: a crafted store
 * can hold NULL in any column whatever the schema says (issue 15, item 4). */
const char *store_column_text(sqlite3_stmt *stmt, int col);

/* The status of a statement that failed while stepping: ST_INTERRUPTED when
 * it was stopped (store_set_cancel), ST_NOMEM, else ST_STORE (a full disk
 * or temporary directory too); the detail names the store. */
enum status store_step_error(struct store *s);

struct qtable;
/* Steps stmt to the end, appending each result row (columns in select order,
 * as text, NULL kept) to t, and ends stmt (store_finish). On an SQLite error returns
 * ST_STORE; *sql_error (when not NULL) receives a copy of SQLite's message
 * and *sql_rc its result code. */
enum status query_fill_table(struct store *s, sqlite3_stmt *stmt, struct qtable *t,
			     char **sql_error, int *sql_rc);

/* Runs stmt (already bound) into a fresh qtable with the given headers; out
 * is left empty (freed) on failure. */
enum status query_run_into(struct store *s, sqlite3_stmt *stmt, size_t ncols,
			   const char *const *headers, struct qtable *out);
/* Binds id to param, or NULL when id is 0 (a filter not given). */
void query_bind_id(sqlite3_stmt *stmt, int param, int64_t id);

/* Every region filter starts from this CTE: the region bound to parameter
 * ?N and all places under it; empty when ?N is NULL. */
#define SUBTREE(cte, param) \
	cte "(id) AS (SELECT " param " WHERE " param " IS NOT NULL" \
	" UNION SELECT r.id FROM region r JOIN " cte " ON r.parent_id = " cte ".id)"

/* The region id of an optional filter (a name or alias, resolved as
 * query_region_resolve does): 0 when name is NULL or empty. */
enum status query_region_filter(struct store *s, const char *name, int64_t *id);
/* Prepares sql, a look-up by pair: ?1 and ?2 take the donor's and the
 * recipient's region ids and ?3, where sql has it, the year (NULL for a
 * filter not given: an empty name, year 0). */
enum status query_prepare_by_pair(struct store *s, const char *sql, const char *donor,
				  const char *recipient, int year, sqlite3_stmt **stmt);

/* --- the money statements of an import (src/store-money.c) --- */

#include <stdbool.h>
#include <stdint.h>

#include "pairoff/extract.h"
#include "pairoff/gazetteer.h"

/* One stored money statement, as the importer hands it over. */
struct money_entry {
	int64_t id;                    /* its fund.id */
	const struct fact_fund *fact;  /* not owned; used during the call only */
	size_t donor, recipient;       /* gazetteer indexes */
	const size_t *co_donors;       /* not owned; copied */
	size_t nco_donors;
	int64_t whole_id;              /* fund.id of its whole, 0 when none */
	int64_t report_id;
	int section;                   /* index of the report's section it is in */
};

struct money_log;
/* read_back: log nothing, and read the statements back from the store at
 * the end (an import of a report read in parts), in flat memory. */
struct money_log *money_log_new(const struct gazetteer *g, bool read_back);
void money_log_free(struct money_log *m);
/* The file name of a report id, for sources and messages. */
void money_log_report(struct money_log *m, int64_t report_id, const char *file);
void money_log_add(struct money_log *m, const struct money_entry *e);
/* The level the programme pairs the entry's giver at (gazetteer index), and
 * whether its givers span provinces (*joint): a pair of its own. */
size_t money_donor_unit(const struct money_log *m, const struct money_entry *e, bool *joint);
/* At the end of an import: links restatements into flows (fund.flow_id),
 * files an anomaly for each flow whose statements disagree (counted into
 * *anomalies) and derives pair_total. Returns an SQLite result code. */
int money_log_store(struct money_log *m, sqlite3 *db, size_t *anomalies);
/* Where an import of db_path may write (src/store-guard.c): *target (owned)
 * is db_path, or the target of a symbolic link at db_path resolved once,
 * when what is there is nothing or a regular file that is a pairoff store of
 * any schema version. Anything else (a device, a FIFO, a socket, an empty,
 * unreadable or foreign file, a link in a world-writable sticky directory,
 * a dangling link, a link to a link) is refused: ST_STORE with a detail
 * naming the path, *target NULL. */
enum status store_guard_target(const char *db_path, char **target);

/* The files around an import (src/store-files.c). */
struct store_lock {
	char *path;            /* owned; db_path.lock */
	int fd;                /* holds the flock; -1 when not held */
};
/* Takes the import lock of db_path without waiting: ST_STORE "another import
 * is running" when held, ST_IO when the lock file cannot be made. */
enum status store_lock_take(const char *db_path, struct store_lock *lock);
/* Removes the lock file and lets go. */
void store_lock_release(struct store_lock *lock);
/* Removes db_path.PID.XXXXXX.tmp files (regular, ours) whose process is gone. */
void store_remove_stale_temps(const char *db_path);
/* Gives the new store at fd the mode, group (and for root the owner) of the
 * store at db_path, if there is one. */
void store_keep_mode(const char *db_path, int fd);

/* --- the indicators of an import (src/store-indicators.c) --- */

struct indicator_log;
struct indicator_log *indicator_log_new(const struct gazetteer *g);
void indicator_log_free(struct indicator_log *l);
/* At the end of an import: links restatements (indicator.flow_id), read
 * back from the indicator table a group at a time. Returns an SQLite
 * result code. */
int indicator_log_store(struct indicator_log *l, sqlite3 *db);

/* --- the links of an import (src/store-links.c) --- */

/* One stored pairing sentence, as the importer hands it over. */
struct link_entry {
	int64_t id;                    /* its pairing.id */
	int64_t donor, recipient;      /* region ids */
	int since, until;              /* years, 0 when none */
	int line_no;
	bool stated, internal;
};

struct link_log;
struct link_log *link_log_new(void);
void link_log_free(struct link_log *l);
/* The report whose sentences are added next (year 0 when unknown). */
void link_log_report(struct link_log *l, const char *file, int year);
void link_log_add(struct link_log *l, const struct link_entry *e);
/* At the end of an import: fills the link table, one row per (donor,
 * recipient) of the sentences added. Returns an SQLite result code. */
int link_log_store(struct link_log *l, sqlite3 *db);

/* --- indicators in the query layer (src/query-indicators.c) --- */

/* A pair's year of counts in one line: add every distinct count, then
 * the text ("44 cadres \u00b7 1,602 trained"), owned. */
struct indicator_summary {
	double largest[IND_NKINDS];    /* per kind, the largest count */
};
void indicator_summary_init(struct indicator_summary *sum);
/* value: the count as the store's cell writes it ("44", "3.5") */
void indicator_summary_add(struct indicator_summary *sum, const char *kind, const char *value);
char *indicator_summary_text(const struct indicator_summary *sum);
/* "1,602", "3.5": a count as the reports write it, into buf. */
void indicator_count_format(double v, char *buf, size_t cap);
/* "1,602 people": a count and its unit as a row shows them. Owned. */
char *indicator_label(const char *value, const char *unit);

/* Every indicator statement naming the pair (donor and recipient by
 * canonical name, places under them included), in no order (the funds
 * pane sorts them by year); columns by PI_*. */
enum { PI_ID, PI_FLOW, PI_YEAR, PI_FROM, PI_KIND, PI_VALUE, PI_UNIT, PI_APPROX, PI_DONOR, PI_RECIPIENT,
       PI_REPORT, PI_LINE, PI_QUOTE, PI_NCOLS };
enum status query_pair_indicators(struct store *s, const char *donor, const char *recipient, struct qtable *raw);

#endif
