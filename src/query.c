#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/query-guard.h"
#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* --- qtable ---------------------------------------------------------------- */

void qtable_init(struct qtable *t, size_t ncols, const char *const *headers)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->headers = xcalloc(ncols, sizeof(*t->headers));
	for (size_t c = 0; c < ncols; c++)
		t->headers[c] = xstrdup(headers[c]);
}

void qtable_add_row(struct qtable *t, const char *const *cells)
{
	/* cap counts rows; cells holds cap * ncols pointers. */
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, t->cap, t->ncols * sizeof(*t->cells));
		t->row_text = xreallocarray(t->row_text, t->cap, sizeof(*t->row_text));
	}
	size_t stack_len[32], *len = t->ncols <= 32 ? stack_len : xcalloc(t->ncols, sizeof(*len));
	size_t total = 1;
	for (size_t c = 0; c < t->ncols; c++)
		total += len[c] = cells[c] ? strlen(cells[c]) + 1 : 0;
	char *text = xmalloc(total), *at = text;
	char **row = t->cells + t->nrows * t->ncols;
	for (size_t c = 0; c < t->ncols; c++) {
		row[c] = len[c] ? memcpy(at, cells[c], len[c]) : NULL;
		at += len[c];
	}
	if (len != stack_len)
		free(len);
	t->row_text[t->nrows++] = text;
	t->text_bytes += total;
}

const char *qtable_get(const struct qtable *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return NULL;
	return t->cells[row * t->ncols + col];
}

int qtable_col(const struct qtable *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->headers[c], name) == 0)
			return (int)c;
	return -1;
}

/* The cells hold integers the query layer formatted: read them by hand
 * (strtoll's locale and base handling cost a funds pane of a thousand rows
 * as much as reading them). Anything else (spaces, a sign '+', more than 18
 * digits) goes to strtoll, which says the same of it. */
int64_t qtable_int(const struct qtable *t, size_t row, size_t col)
{
	const char *v = qtable_get(t, row, col);
	if (!v)
		return 0;
	const char *p = v + (*v == '-');
	int64_t n = 0;
	int digits = 0;
	for (; digits < 18 && *p >= '0' && *p <= '9'; p++, digits++)
		n = n * 10 + (*p - '0');
	if (digits == 0 || (*p >= '0' && *p <= '9'))
		return strtoll(v, NULL, 10);
	return *v == '-' ? -n : n;
}

void qtable_reorder(struct qtable *t, const size_t *order)
{
	char **cells = xreallocarray(NULL, t->nrows + 1, t->ncols * sizeof(*cells));
	char **row_text = xreallocarray(NULL, t->nrows + 1, sizeof(*row_text));
	for (size_t k = 0; k < t->nrows; k++) {
		memcpy(cells + k * t->ncols, t->cells + order[k] * t->ncols, t->ncols * sizeof(*cells));
		row_text[k] = t->row_text[order[k]];
	}
	free(t->cells);
	free(t->row_text);
	t->cells = cells;
	t->row_text = row_text;
	t->cap = t->nrows + 1;
}

void qtable_free(struct qtable *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		free(t->row_text[i]);
	free(t->row_text);
	for (size_t c = 0; c < t->ncols; c++)
		free(t->headers[c]);
	free(t->cells);
	free(t->headers);
	memset(t, 0, sizeof(*t));
}

/* --- running statements into a qtable -------------------------------------- */

/* Steps stmt to the end, appending each result row (columns in select order,
 * integers and text as strings, NULL kept) to t; ends stmt (store_finish). On an SQLite
 * error, *sql_error (when not NULL) receives a copy of SQLite's message and
 * *sql_rc its result code. */
enum status query_fill_table(struct store *s, sqlite3_stmt *stmt, struct qtable *t,
			     char **sql_error, int *sql_rc)
{
	const char **cells = xcalloc(t->ncols, sizeof(*cells));
	char (*num)[24] = xcalloc(t->ncols, sizeof(*num));
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		/* integers formatted here: SQLite's own conversion cost a pane
		 * of a thousand rows more than reading them */
		for (size_t c = 0; c < t->ncols; c++)
			cells[c] = sqlite3_column_type(stmt, (int)c) == SQLITE_INTEGER
				? format_i64(num[c], sqlite3_column_int64(stmt, (int)c))
				: (const char *)sqlite3_column_text(stmt, (int)c);
		qtable_add_row(t, cells);
	}
	free(num);
	free(cells);
	enum status st = ST_OK;
	if (rc != SQLITE_DONE) {
		const char *msg = sqlite3_errmsg(store_db(s));
		st = store_step_error(s);
		if (sql_error) {
			*sql_error = xstrdup(msg);
			*sql_rc = sqlite3_errcode(store_db(s));
		}
	}
	store_finish(s, stmt);
	return st;
}

enum status query_run_into(struct store *s, sqlite3_stmt *stmt, size_t ncols,
			   const char *const *headers, struct qtable *out)
{
	qtable_init(out, ncols, headers);
	enum status st = query_fill_table(s, stmt, out, NULL, NULL);
	if (st != ST_OK)
		qtable_free(out);
	return st;
}

void query_bind_id(sqlite3_stmt *stmt, int param, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(stmt, param, id);
	else
		sqlite3_bind_null(stmt, param);
}

enum status query_reports(struct store *s, struct qtable *out)
{
	static const char *const headers[] = {
		"report", "title", "year", "sections", "paragraphs", "tables", "lines",
	};
	/* Counted per table in one pass each: section and fund_table have no
	 * index on report_id, so a count per report would scan them N times. */
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT r.file, r.title, r.year, coalesce(sec.n, 0), coalesce(par.n, 0),"
		" coalesce(tab.n, 0), r.line_count"
		" FROM report r"
		" LEFT JOIN (SELECT report_id, count(*) AS n FROM section GROUP BY report_id) sec"
		"   ON sec.report_id = r.id"
		" LEFT JOIN (SELECT report_id, count(*) AS n FROM paragraph GROUP BY report_id) par"
		"   ON par.report_id = r.id"
		" LEFT JOIN (SELECT report_id, count(*) AS n FROM fund_table GROUP BY report_id) tab"
		"   ON tab.report_id = r.id"
		" ORDER BY r.file");
	if (!stmt)
		return ST_STORE;
	qtable_init(out, ARRAY_LEN(headers), headers);
	enum status st = query_fill_table(s, stmt, out, NULL, NULL);
	if (st != ST_OK)
		qtable_free(out);
	return st;
}

/* --- full-text search ------------------------------------------------------ */

/* The columns of paragraph_fts (data/schema.sql) a query may name, as in
 * "topic:Overview". */
static const char *const fts_columns[] = { "text", "topic" };

/* "topic:x", "-topic:x" or "Text:x": a word FTS5 reads as a column filter
 * on a column that exists. */
static bool names_column(const char *w, size_t n)
{
	if (n && *w == '-') {
		w++;
		n--;
	}
	const char *colon = memchr(w, ':', n);
	size_t len = colon ? (size_t)(colon - w) : n;
	for (size_t i = 0; i < ARRAY_LEN(fts_columns); i++) {
		char *col = xstrndup(w, len);
		bool same = str_casecmp_ascii(col, fts_columns[i]) == 0;
		free(col);
		if (same)
			return true;
	}
	return false;
}

/* FTS5 barewords are letters, digits, '_' and non-ASCII characters; a word
 * such as Shangri-La or Pu'er is a syntax error to FTS5, though it is what a
 * person types. Such a word is quoted, so it is searched as a phrase, and so
 * is a word with a colon that names no column ("a:b", "10:30"), which FTS5
 * would take for a filter on a column that does not exist. Words holding
 * other FTS5 syntax (quotes, parentheses, '*', '^', '+') are left as typed,
 * as are the operators AND, OR, NOT and NEAR and a lone ':'. */
static bool word_needs_quotes(const char *w, size_t n)
{
	bool punct = false, colon = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (strchr("\"()*^+", c))
			return false;
		if (c == ':')
			colon = true;
		else if (c < 0x80 && !(c == '_' || (c >= '0' && c <= '9') ||
				       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			punct = true;
	}
	if (colon)
		return n > 1 && !names_column(w, n);
	return punct;
}

static char *fts_normalize(const char *query)
{
	struct strbuf sb = {0};
	const char *p = query;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			strbuf_append(&sb, p++, 1);
			continue;
		}
		size_t n = strcspn(p, " \t\n");
		if (word_needs_quotes(p, n)) {
			strbuf_puts(&sb, "\"");
			strbuf_append(&sb, p, n);
			strbuf_puts(&sb, "\"");
		} else {
			strbuf_append(&sb, p, n);
		}
		p += n;
	}
	return strbuf_steal(&sb);
}

/* Our words for FTS5's complaint about a MATCH expression (msg, SQLite's),
 * so that no SQLite message reaches the user. Owned. */
static char *fts_error_text(const char *msg)
{
	static const char hint[] = "put words in double quotes to search them as typed";
	if (str_starts_with(msg, "fts5: "))
		msg += 6;
	size_t n = strlen(msg);
	if (str_starts_with(msg, "no such column: ")) {
		struct strbuf sb = {0};
		strbuf_printf(&sb, "no column named '%s' (", msg + strlen("no such column: "));
		for (size_t i = 0; i < ARRAY_LEN(fts_columns); i++)
			strbuf_printf(&sb, "%s%s", i == 0 ? "" : i + 1 < ARRAY_LEN(fts_columns) ? ", " : " and ",
				      fts_columns[i]);
		strbuf_printf(&sb, " can be named, as in topic:Overview; %s)", hint);
		return strbuf_steal(&sb);
	}
	if ((n >= 2 && msg[n - 2] == ':' && msg[n - 1] == ' ') || str_starts_with(msg, "unknown special"))
		return xstrdup("a search term is missing");
	if (str_ends_with(msg, "near \"\""))
		return xstrdup("unexpected end of the query");
	if (str_starts_with(msg, "syntax error near "))
		return xasprintf("unexpected %s (%s)", msg + strlen("syntax error near "), hint);
	if (str_starts_with(msg, "unterminated string"))
		return xasprintf("a double quote is not closed");
	return xasprintf("not a query pairoff can read (%s)", hint);
}

/* Ordered by rank alone (src/search-rank.c), which FTS5 consumes itself: it
 * then computes the snippets of the rows returned only. Any further sort key makes SQLite sort
 * every hit, snippet included (40 ms instead of a few at 1,000 reports). Hits
 * of equal rank come in rowid order, which is file and line order. */
enum status query_search(struct store *s, const char *fts_query, size_t limit,
			 struct qtable *out)
{
	static const char *const headers[] = {
		"report", "line", "section", "snippet", "paragraph",
	};
	if (query_guard_search(fts_query) != ST_OK)
		return ST_USAGE;
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT r.file, p.line, sec.title,"
		" snippet(paragraph_fts, 0, char(2), char(3), '\xE2\x80\xA6', 16), p.text"
		" FROM paragraph_fts"
		" JOIN paragraph p ON p.id = paragraph_fts.rowid"
		" JOIN section sec ON sec.id = p.section_id"
		" JOIN report r ON r.id = p.report_id"
		" WHERE paragraph_fts MATCH ?1 AND paragraph_fts.rank MATCH '" SEARCH_RANK "'"
		" ORDER BY paragraph_fts.rank LIMIT ?2");
	if (!stmt)
		return ST_STORE;
	char *match = fts_normalize(fts_query);
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, limit ? (sqlite3_int64)limit : -1);
	qtable_init(out, ARRAY_LEN(headers), headers);
	char *msg = NULL;
	int sql_rc = SQLITE_OK;
	enum status st = query_fill_table(s, stmt, out, &msg, &sql_rc);
	if (st == ST_STORE && sql_rc == SQLITE_ERROR) {
		/* The statement prepared, so a plain SQLITE_ERROR while stepping is
		 * FTS5 rejecting the MATCH expression: the user's error, not the
		 * store's (damage is SQLITE_CORRUPT, a busy store SQLITE_BUSY). */
		char *why = fts_error_text(msg ? msg : "");
		st = status_set(ST_USAGE, "invalid search query: %s", why);
		free(why);
	} else if (st == ST_OK && out->nrows == 0) {
		st = status_set(ST_NOT_FOUND, "no match for '%s'", fts_query);
	}
	free(match);
	free(msg);
	if (st != ST_OK)
		qtable_free(out);
	return st;
}

/* --- report text ----------------------------------------------------------- */

/* One report line holds one cell of a one-number-per-line table, and its
 * labels stand lines above it: the source view names them. */
enum status query_table_cell(struct store *s, const char *report_file, long line, struct qtable *out)
{
	static const char *const headers[] = { "row_label", "col_label", "title", "unit" };
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT c.row_label, c.col_label, t.title, t.unit"
		" FROM report r JOIN fund_table t ON t.report_id = r.id"
		" JOIN fund_cell c ON c.table_id = t.id"
		" WHERE r.file = ?1 AND ?2 BETWEEN t.line AND t.end_line AND c.line = ?2"
		" LIMIT 1");
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_text(stmt, 1, report_file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, line);
	return query_run_into(s, stmt, ARRAY_LEN(headers), headers, out);
}

/* The text is the report's pieces joined (data/schema.sql); the report
 * row is asked for apart, so that a report of no text is told from none. */
enum status query_report_text(struct store *s, const char *report_file, char **text)
{
	sqlite3_stmt *stmt = store_prepare(s,
		"SELECT 0, 0, NULL FROM report WHERE file = ?1 UNION ALL"
		" SELECT 1, t.seq, t.text FROM report r JOIN report_text t ON t.report_id = r.id"
		" WHERE r.file = ?1 ORDER BY 1, 2");
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_text(stmt, 1, report_file, -1, SQLITE_STATIC);
	struct strbuf sb = { 0 };
	bool found = false;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		found = true;
		if (sqlite3_column_int(stmt, 0) == 1)
			strbuf_append(&sb, (const char *)sqlite3_column_text(stmt, 2),
				      (size_t)sqlite3_column_bytes(stmt, 2));
	}
	enum status st = ST_OK;
	if (rc != SQLITE_DONE)
		st = status_set(ST_STORE, "%s: %s", store_path(s), sqlite3_errmsg(store_db(s)));
	else if (!found)
		st = status_set(ST_NOT_FOUND, "no report '%s' in the store", report_file);
	sqlite3_finalize(stmt);
	if (st == ST_OK)
		*text = strbuf_steal(&sb);
	else
		free(sb.data);
	return st;
}
