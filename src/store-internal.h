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

struct qtable;
/* Steps stmt to the end, appending each result row (columns in select order,
 * as text, NULL kept) to t, and finalizes stmt. On an SQLite error returns
 * ST_STORE; *sql_error (when not NULL) receives a copy of SQLite's message
 * and *sql_rc its result code. */
enum status query_fill_table(struct store *s, sqlite3_stmt *stmt, struct qtable *t,
			     char **sql_error, int *sql_rc);

/* The region id of an optional filter (a name or alias, resolved as
 * query_region_resolve does): 0 when name is NULL or empty. */
enum status query_region_filter(struct store *s, const char *name, int64_t *id);

/* --- the money statements of an import (src/store-money.c) --- */

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
struct money_log *money_log_new(const struct gazetteer *g);
void money_log_free(struct money_log *m);
/* The file name of a report id, for sources and messages. */
void money_log_report(struct money_log *m, int64_t report_id, const char *file);
void money_log_add(struct money_log *m, const struct money_entry *e);
/* At the end of an import: links restatements into flows (fund.flow_id),
 * files an anomaly for each flow whose statements disagree (counted into
 * *anomalies) and derives pair_total. Returns an SQLite result code. */
int money_log_store(struct money_log *m, sqlite3 *db, size_t *anomalies);

/* --- the indicators of an import (src/store-indicators.c) --- */

struct indicator_log;
struct indicator_log *indicator_log_new(const struct gazetteer *g);
void indicator_log_free(struct indicator_log *l);
/* At the end of an import: links restatements (indicator.flow_id), read
 * back from the indicator table a group at a time. Returns an SQLite
 * result code. */
int indicator_log_store(struct indicator_log *l, sqlite3 *db);

/* --- indicators in the query layer (src/query-indicators.c) --- */

/* A pair's year of counts in one line: add every distinct count, then
 * the text ("44 cadres \u00b7 1,602 trained"), owned. */
struct indicator_summary {
	int64_t largest[IND_NKINDS];   /* per kind, the largest count */
};
void indicator_summary_init(struct indicator_summary *sum);
void indicator_summary_add(struct indicator_summary *sum, const char *kind, int64_t value);
char *indicator_summary_text(const struct indicator_summary *sum);
/* "1,602 people": a count and its unit as a row shows them. Owned. */
char *indicator_label(const char *value, const char *unit);

/* Every indicator statement naming the pair (donor and recipient by
 * canonical name, places under them included), ordered by year (no year
 * last) and id; columns by PI_*. */
enum { PI_ID, PI_FLOW, PI_YEAR, PI_FROM, PI_KIND, PI_VALUE, PI_UNIT, PI_APPROX, PI_DONOR, PI_RECIPIENT,
       PI_REPORT, PI_LINE, PI_QUOTE, PI_NCOLS };
enum status query_pair_indicators(struct store *s, const char *donor, const char *recipient, struct qtable *raw);

#endif
