/* libFuzzer harness: crafted stores fed to the query layer (issue 15).
 * A real store is built once from the bundled reports; each input edits a
 * copy of it and every query of the command line and the browser's panes
 * runs on the result, printed in every format. Nothing may crash, read out
 * of bounds, leak or hang (each statement has a time limit).
 *
 * Input: the first byte picks the kind of edit.
 *   even: the rest is records of 4 bytes, a 3-byte big-endian offset into
 *         the file and the byte to put there (damaged pages, headers);
 *   odd:  the rest is SQL run on the copy with writable_schema on (NULLs,
 *         huge numbers, views where tables were, odd text). */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "pairoff/import.h"
#include "pairoff/output.h"
#include "pairoff/paths.h"
#include "pairoff/query.h"
#include "pairoff/store.h"
#include "pairoff/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char *ref;     /* the real store's bytes */
static size_t ref_size;
static char *crafted_path;     /* where each crafted store is written */

static char *work_dir;         /* owned; removed at exit */

static void cleanup(void)
{
	if (crafted_path)
		unlink(crafted_path);
	if (work_dir)
		rmdir(work_dir);
}

static void die(const char *what)
{
	fprintf(stderr, "fuzz_store: %s: %s\n", what, status_detail(ST_STORE));
	exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char tmpl[] = "/tmp/pairoff-fuzz-store.XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!dir)
		die("mkdtemp");
	work_dir = xstrdup(dir);
	atexit(cleanup);
	char *db = xasprintf("%s/ref.db", dir);
	crafted_path = xasprintf("%s/crafted.db", dir);
	char *reports = paths_reports_dir(), *gaz = paths_gazetteer();
	const char *paths[] = { reports };
	struct import_summary sum;
	if (import_run(db, paths, 1, gaz, &sum) != ST_OK)
		die("import");
	FILE *fp = fopen(db, "rb");
	struct stat sb;
	if (!fp || fstat(fileno(fp), &sb) != 0)
		die("reading the store");
	ref_size = (size_t)sb.st_size;
	ref = xmalloc(ref_size);
	if (fread(ref, 1, ref_size, fp) != ref_size)
		die("reading the store");
	fclose(fp);
	unlink(db);
	free(db);
	free(reports);
	free(gaz);
	return 0;
}

static void write_crafted(const uint8_t *edits, size_t n)
{
	unsigned char *copy = xmalloc(ref_size);
	memcpy(copy, ref, ref_size);
	for (size_t i = 0; i + 4 <= n; i += 4) {
		size_t off = (size_t)edits[i] << 16 | (size_t)edits[i + 1] << 8 | edits[i + 2];
		copy[off % ref_size] = edits[i + 3];
	}
	FILE *fp = fopen(crafted_path, "wb");
	if (!fp || fwrite(copy, 1, ref_size, fp) != ref_size || fclose(fp) != 0)
		abort();
	free(copy);
}

static void run_sql(const uint8_t *sql, size_t n)
{
	write_crafted(NULL, 0);
	sqlite3 *db;
	if (sqlite3_open(crafted_path, &db) == SQLITE_OK) {
		char *text = xstrndup((const char *)sql, n);
		sqlite3_exec(db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
		sqlite3_exec(db, text, NULL, NULL, NULL);
		free(text);
	}
	sqlite3_close(db);
}

/* Prints t in every format; frees it whatever st (some queries leave a
 * table to free on failure, some free it themselves; t starts zeroed). */
static void print_all(struct qtable *t, enum status st)
{
	if (st != ST_OK) {
		qtable_free(t);
		return;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	for (int f = OUT_TABLE; f <= OUT_JSON && fp; f++)
		output_print(fp, t, (enum output_format)f);
	if (fp)
		fclose(fp);
	free(buf);
	qtable_free(t);
}

static void run_queries(struct store *s)
{
	struct qtable t;
	char *name = NULL;
#define Q(call) (memset(&t, 0, sizeof(t)), print_all(&t, (call)))
	Q(query_reports(s, &t));
	Q(query_search(s, "village", 20, &t));
	Q(query_regions(s, NULL, &t));
	Q(query_pairs(s, NULL, NULL, NULL, &t));
	Q(query_pairs(s, "Yunnan", NULL, "evidence", &t));
	Q(query_funds(s, NULL, NULL, 0, &t));
	Q(query_funds(s, "Shanghai", NULL, 2009, &t));
	Q(query_totals(s, "Shanghai", NULL, 2012, true, &t));
	Q(query_indicators(s, NULL, "Yunnan", 0, NULL, &t));
	Q(query_anomalies(s, &t));
	Q(query_pane_provinces(s, true, NULL, &t));
	Q(query_pane_partners(s, "Shanghai", true, &t));
	Q(query_pane_funds(s, "Shanghai", "Yunnan", &t));
	if (query_region_resolve(s, "Yunan", &name) == ST_OK)
		free(name);
	char *text = NULL;
	if (query_report_text(s, "shanghai-yunnan-2009.txt", &text) == ST_OK)
		free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		run_sql(data + 1, size - 1);
	else
		write_crafted(data + 1, size - 1);
	struct store *s = NULL;
	if (store_open(crafted_path, &s) == ST_OK) {
		struct store_cancel limit = { .time_limit_ms = 200 };
		store_set_cancel(s, &limit);
		run_queries(s);
		store_close(s);
	}
	return 0;
}
