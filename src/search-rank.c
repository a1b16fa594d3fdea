#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store-internal.h"

/* The order of search hits (issue 11: a common word at 1,000 reports took
 * 8 ms). FTS5's bm25 scales each hit by its paragraph's length, and for a
 * full-text index over an external table (paragraph_fts over paragraph) it
 * reads that length with one SQL statement per hit: 7,000 statements for a
 * word in a fifth of the paragraphs, most of the query's time. This rank is
 * bm25 without the length (its b = 0): the words' rarity across the store
 * (IDF, counted once per query) times their saturating count in the
 * paragraph, so the paragraph that names the rarer words, and names them
 * more often, comes first. It reads nothing but the hit itself. */

#define RANK_K1 1.2  /* bm25's saturation: the third mention adds little */

/* Per query: each phrase's inverse document frequency. */
struct rank_idf {
	int nphrase;
	double idf[];
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)user)++;
	return SQLITE_OK;
}

/* The IDF of every phrase of the query, as bm25 computes it (a word in more
 * than half of the rows is given a tiny positive weight, not a negative). */
static struct rank_idf *rank_idf_new(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
	int nphrase = api->xPhraseCount(fts);
	struct rank_idf *r = sqlite3_malloc64(sizeof(*r) + (size_t)nphrase * sizeof(double));
	if (!r) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	r->nphrase = nphrase;
	sqlite3_int64 nrow = 0;
	*rc = api->xRowCount(fts, &nrow);
	for (int i = 0; *rc == SQLITE_OK && i < nphrase; i++) {
		sqlite3_int64 nhit = 0;
		*rc = api->xQueryPhrase(fts, i, &nhit, count_row);
		double idf = log(((double)nrow - (double)nhit + 0.5) / ((double)nhit + 0.5));
		r->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	if (*rc != SQLITE_OK) {
		sqlite3_free(r);
		return NULL;
	}
	return r;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		    int nval, sqlite3_value **vals)
{
	(void)nval;
	(void)vals;
	int rc = SQLITE_OK;
	struct rank_idf *r = api->xGetAuxdata(fts, 0);
	if (!r) {
		r = rank_idf_new(api, fts, &rc);
		/* on failure xSetAuxdata has freed r itself */
		if (r && (rc = api->xSetAuxdata(fts, r, sqlite3_free)) != SQLITE_OK)
			r = NULL;
	}
	if (!r) {
		sqlite3_result_error_code(ctx, rc != SQLITE_OK ? rc : SQLITE_ERROR);
		return;
	}
	int ninst = 0;
	if (rc == SQLITE_OK)
		rc = api->xInstCount(fts, &ninst);
	double score = 0;
	/* a query has a few phrases: count each one's mentions in this row */
	for (int p = 0; rc == SQLITE_OK && p < r->nphrase; p++) {
		int tf = 0;
		for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
			int phrase, col, off;
			rc = api->xInst(fts, i, &phrase, &col, &off);
			tf += phrase == p;
		}
		score += r->idf[p] * tf * (RANK_K1 + 1) / (tf + RANK_K1);
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else
		sqlite3_result_double(ctx, -score);   /* FTS5 ranks ascending, as bm25 */
}

/* The FTS5 API of db (SQLite's documented way: a pointer bound to fts5()). */
static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return api;
}

int store_register_rank(sqlite3 *db)
{
	fts5_api *api = fts5_api_of(db);
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, SEARCH_RANK_FN, NULL, rank_fn, NULL);
}
