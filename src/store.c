#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pairoff/store.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* Statements kept prepared: the browser's pane queries, run at each new
 * selection (parsing the partners query alone cost a Down 1.4 million
 * instructions). */
#define STMT_CACHE_SIZE 16

struct store {
	sqlite3 *db;
	char *path;            /* owned */
	struct store_cancel cancel; /* what may stop a statement */
	struct timespec stmt_start; /* when the running statement began */
	const char *stopped;   /* static; why the last statement was stopped, or NULL */
	uint64_t file_id;      /* store_file_id of the file opened */
	struct cached_stmt {
		const char *sql;     /* static text: the key, compared by address */
		sqlite3_stmt *stmt;  /* owned; finalized by store_close */
		bool busy;           /* handed out and not finished yet */
	} cached[STMT_CACHE_SIZE];
	size_t ncached;
};

/* How long a reader waits for a busy store before giving up. */
#define BUSY_TIMEOUT_MS 5000

/* Page cache of a reader, in KiB (as text for the PRAGMA). */
#define READER_CACHE_KIB "512"

/* --- opening ------------------------------------------------------------------ */

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		status_set(ST_STORE, "%s: %s", s->path, sqlite3_errmsg(s->db));
		sqlite3_finalize(stmt);
		return NULL;
	}
	return stmt;
}

/* Finalizes the statements kept prepared (before their connection closes). */
static void cache_drop(struct store *s)
{
	for (size_t i = 0; i < s->ncached; i++)
		sqlite3_finalize(s->cached[i].stmt);
	s->ncached = 0;
}

sqlite3_stmt *store_prepare_cached(struct store *s, const char *sql)
{
	for (size_t i = 0; i < s->ncached; i++)
		if (s->cached[i].sql == sql && !s->cached[i].busy) {
			s->cached[i].busy = true;
			return s->cached[i].stmt;
		}
	sqlite3_stmt *stmt = store_prepare(s, sql);
	if (stmt && s->ncached < STMT_CACHE_SIZE)
		s->cached[s->ncached++] = (struct cached_stmt){ .sql = sql, .stmt = stmt, .busy = true };
	return stmt;
}

void store_finish(struct store *s, sqlite3_stmt *stmt)
{
	for (size_t i = 0; i < s->ncached; i++)
		if (s->cached[i].stmt == stmt) {
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			s->cached[i].busy = false;
			return;
		}
	sqlite3_finalize(stmt);
}

bool store_read_begin(struct store *s)
{
	return sqlite3_get_autocommit(s->db) && sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void store_read_end(struct store *s, bool began)
{
	/* an interrupted statement may have ended the transaction already */
	if (began && !sqlite3_get_autocommit(s->db) &&
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *store_column_text(sqlite3_stmt *stmt, int col)
{
	const char *text = (const char *)sqlite3_column_text(stmt, col);
	return text ? text : "";
}

void store_close(struct store *s)
{
	if (!s)
		return;
	cache_drop(s);
	sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

/* What SQLite's first read says about a file that is not a healthy store. */
static enum status sqlite_open_error(const char *path, int rc, const char *msg)
{
	switch (rc & 0xFF) {
	case SQLITE_NOTADB:
		return status_set(ST_STORE, "%s: not a pairoff store (not an SQLite database)", path);
	case SQLITE_CORRUPT:
		return status_set(ST_STORE, "%s: the store is damaged (%s); rebuild it with "
				  "'pairoff import'", path, msg);
	case SQLITE_BUSY:
		return status_set(ST_STORE, "%s: the store is busy; try again", path);
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_IOERR:
		return status_set(ST_IO, "%s: cannot read the store (%s)", path, msg);
	default:
		return status_set(ST_STORE, "%s: %s", path, msg);
	}
}

/* Reads an integer PRAGMA; returns the SQLite result code. */
static int pragma_int(sqlite3 *db, const char *sql, long *value)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*value = (long)sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* The file is ours (application_id), of our schema version, and its schema
 * can be read (preparing a statement over the tables parses sqlite_schema). */
static enum status check_store(sqlite3 *db, const char *path)
{
	long app_id = 0, version = 0;
	int rc = pragma_int(db, "PRAGMA application_id", &app_id);
	if (rc == SQLITE_OK)
		rc = pragma_int(db, "PRAGMA user_version", &version);
	if (rc != SQLITE_OK)
		return sqlite_open_error(path, rc, sqlite3_errmsg(db));
	if (app_id != STORE_APPLICATION_ID)
		return status_set(ST_STORE, "%s: not a pairoff store (an SQLite database of "
				  "another program)", path);
	if (version != STORE_SCHEMA_VERSION)
		return status_set(ST_STORE, "%s: store schema version %ld, this pairoff reads "
				  "version %d; %s", path, version, STORE_SCHEMA_VERSION,
				  version > STORE_SCHEMA_VERSION ? "use a newer pairoff" :
				  "rebuild it with 'pairoff import'");
	sqlite3_stmt *stmt = NULL;
	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM report, paragraph_fts WHERE 0",
				-1, &stmt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(db);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK)
		return sqlite_open_error(path, rc == SQLITE_ERROR ? SQLITE_CORRUPT : rc,
					 sqlite3_errmsg(db));
	return ST_OK;
}

/* Errors SQLite would hide or word badly: a missing file (SQLite would create
 * one), a directory, an empty file (SQLite takes it for an empty database). */
static enum status check_file(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return status_set(ST_NOT_FOUND, "%s: no such store (build it with "
					  "'pairoff import')", path);
		return status_set(ST_IO, "%s: %s", path, strerror(errno));
	}
	if (S_ISDIR(sb.st_mode))
		return status_set(ST_STORE, "%s: is a directory, not a pairoff store", path);
	if (sb.st_size == 0)
		return status_set(ST_STORE, "%s: empty file, not a pairoff store", path);
	if (access(path, R_OK) != 0)
		return status_set(ST_IO, "%s: %s", path, strerror(errno));
	return ST_OK;
}

/* A reader's memory: each query reads its rows once, through an index, so
 * a page cache bigger than the hot index pages buys little, and SQLite's
 * default (2 MB) was a fifth of the browser's peak RSS at 1,000 reports
 * (10.1 -> 8.7 MiB). A hint only: if it fails, the default stays. */
static const char reader_pragmas[] = "PRAGMA cache_size = -" READER_CACHE_KIB;

/* A read-only connection to the store at db_path, checked; *file_id is the
 * identity of the file opened. */
static enum status open_db(const char *db_path, sqlite3 **out, uint64_t *file_id)
{
	enum status st = check_file(db_path);
	if (st != ST_OK)
		return st;
	*file_id = store_file_id(db_path);
	sqlite3 *db = NULL;
	/* one thread uses a reader's connection: no locking inside SQLite */
	int rc = sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		st = sqlite_open_error(db_path, rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close_v2(db);
		return st;
	}
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite3_exec(db, reader_pragmas, NULL, NULL, NULL);
	st = check_store(db, db_path);
	if (st == ST_OK && (rc = store_register_rank(db)) != SQLITE_OK)
		st = status_set(ST_STORE, "%s: cannot rank search hits: %s", db_path, sqlite3_errstr(rc));
	if (st != ST_OK) {
		sqlite3_close_v2(db);
		return st;
	}
	*out = db;
	return ST_OK;
}

void store_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum status store_open(const char *db_path, struct store **out)
{
	sqlite3 *db;
	uint64_t file_id;
	enum status st = open_db(db_path, &db, &file_id);
	if (st != ST_OK)
		return st;
	struct store *s = xcalloc(1, sizeof(*s));
	s->db = db;
	s->path = xstrdup(db_path);
	s->file_id = file_id;
	*out = s;
	return ST_OK;
}

int store_schema_version(const char *db_path)
{
	struct stat sb;
	if (lstat(db_path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < 100)
		return 0; /* SQLite would wait on a FIFO, follow a link, read a device */
	sqlite3 *db = NULL;
	long app_id = 0, version = 0;
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    pragma_int(db, "PRAGMA application_id", &app_id) == SQLITE_OK &&
	    app_id == STORE_APPLICATION_ID)
		pragma_int(db, "PRAGMA user_version", &version);
	sqlite3_close_v2(db);
	return app_id == STORE_APPLICATION_ID && version > 0 && version < 1000 ? (int)version : 0;
}

/* A report's file name as stored, safe to create in a directory of ours. */
static bool plain_file_name(const char *name)
{
	return name && *name && name[0] != '.' && !strchr(name, '/') && strlen(name) < 256;
}

/* Writes text into dir/name, a new file, or appends it when more is the
 * file's next piece. */
static enum status save_report(const char *dir, const char *name, const void *text, int len,
			       bool more)
{
	if (!plain_file_name(name))
		return status_set(ST_DATA, "a report named '%s' cannot be saved for the rebuild", name);
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, more ? "a" : "wx");
	enum status st = ST_OK;
	if (!fp || (len > 0 && fwrite(text, 1, (size_t)len, fp) != (size_t)len) || fclose(fp) != 0)
		st = status_set(ST_IO, "%s: %s", path, strerror(errno));
	free(path);
	return st;
}

/* A store of schema 7 or before holds a report's text in its row; later
 * ones in pieces (report_text), which follow one another here. */
static const char *const saved_texts_sql[] = {
	"SELECT file, text FROM report ORDER BY id",
	"SELECT r.file, t.text FROM report r JOIN report_text t ON t.report_id = r.id"
	" ORDER BY r.id, t.seq",
};

enum status store_save_reports(const char *db_path, const char *dir)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	enum status st = ST_OK;
	int rc = sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, saved_texts_sql[0], -1, &stmt, NULL);
	if (rc == SQLITE_ERROR) /* no text column: a store of pieces */
		rc = sqlite3_prepare_v2(db, saved_texts_sql[1], -1, &stmt, NULL);
	char *last = NULL; /* owned; the file of the previous row */
	while (rc == SQLITE_OK && st == ST_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *file = (const char *)sqlite3_column_text(stmt, 0);
		bool more = last && file && strcmp(last, file) == 0;
		st = save_report(dir, file ? file : "", sqlite3_column_blob(stmt, 1),
				 sqlite3_column_bytes(stmt, 1),
				 more);
		free(last);
		last = file ? xstrdup(file) : NULL;
		rc = SQLITE_OK;
	}
	free(last);
	if (st == ST_OK && rc != SQLITE_DONE)
		st = status_set(ST_STORE, "%s: %s", db_path, db ? sqlite3_errmsg(db) : "cannot open");
	sqlite3_finalize(stmt);
	sqlite3_close_v2(db);
	return st;
}

/* --- a store replaced under a reader (issue 15, item 7) ---------------------- */

uint64_t store_file_id(const char *db_path)
{
	struct stat sb;
	if (stat(db_path, &sb) != 0)
		return 0;
	return (uint64_t)sb.st_ino ^ ((uint64_t)sb.st_dev << 40);
}

bool store_replaced(const struct store *s, uint64_t *new_id)
{
	uint64_t id = store_file_id(s->path);
	if (new_id)
		*new_id = id;
	return id != 0 && id != s->file_id;
}

enum status store_reopen(struct store *s)
{
	sqlite3 *db;
	uint64_t file_id;
	enum status st = open_db(s->path, &db, &file_id);
	if (st != ST_OK)
		return st;
	cache_drop(s);
	sqlite3_close_v2(s->db);
	s->db = db;
	s->file_id = file_id;
	if (s->cancel.check || s->cancel.time_limit_ms)
		store_set_cancel(s, &s->cancel);
	return ST_OK;
}

/* --- stopping a query (issue 15, item 4) ------------------------------------- */

/* SQLITE_TRACE_STMT: a statement begins, so its time starts. */
static int on_statement_start(unsigned type, void *ctx, void *p, void *x)
{
	(void)type, (void)p, (void)x;
	struct store *s = ctx;
	clock_gettime(CLOCK_MONOTONIC, &s->stmt_start);
	s->stopped = NULL;
	return 0;
}

static int on_progress(void *ctx)
{
	struct store *s = ctx;
	if (s->cancel.check && s->cancel.check(s->cancel.arg)) {
		s->stopped = "cancelled";
		return 1;
	}
	if (s->cancel.time_limit_ms > 0) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long ms = (long)(now.tv_sec - s->stmt_start.tv_sec) * 1000 +
			  (now.tv_nsec - s->stmt_start.tv_nsec) / 1000000;
		if (ms > s->cancel.time_limit_ms) {
			s->stopped = "time limit";
			return 1;
		}
	}
	return 0;
}

void store_set_cancel(struct store *s, const struct store_cancel *cancel)
{
	s->cancel = *cancel;
	sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, on_statement_start, s);
	/* about every millisecond of work */
	sqlite3_progress_handler(s->db, 4000, on_progress, s);
}

enum status store_step_error(struct store *s)
{
	int rc = sqlite3_errcode(s->db);
	const char *msg = sqlite3_errmsg(s->db);
	if (rc == SQLITE_INTERRUPT && s->stopped && strcmp(s->stopped, "time limit") == 0)
		return status_set(ST_INTERRUPTED, "%s: query stopped after %ld s, its time limit "
				  "([store] query_time_limit); is the store damaged or crafted?",
				  s->path, s->cancel.time_limit_ms / 1000);
	if (rc == SQLITE_INTERRUPT)
		return status_set(ST_INTERRUPTED, "query cancelled");
	if (rc == SQLITE_NOMEM)
		return status_set(ST_NOMEM, "out of memory");
	/* A query only reads the store: a full disk is SQLite's temporary files
	 * (sorts, large results), which live in the temporary directory, not
	 * beside the store. Still a store error (issue 15, item 8): the query
	 * failed, and the line names the store and where its files went. */
	if (rc == SQLITE_FULL || (rc & 0xFF) == SQLITE_IOERR) {
		const char *tmp = getenv("SQLITE_TMPDIR");
		if (!tmp || !*tmp)
			tmp = getenv("TMPDIR");
		return status_set(ST_STORE, "%s: %s (the store or the temporary directory %s)",
				  s->path, msg, tmp && *tmp ? tmp : "/var/tmp or /tmp");
	}
	return status_set(ST_STORE, "%s: %s", s->path, msg);
}
