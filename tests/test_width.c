/* The command line and the browser measure text alike (issue 13, item 2):
 * for every string of the bundled store (every text value of every column
 * of every table: names, quotes, sentences, snippets, report texts line by
 * line), made inert as both show it,
 *  - the browser: draw_text advances the curses cursor as many columns as
 *    it says it used, and as text_width says;
 *  - the command line: in a table printed by output_print_fit, a terminal
 *    (curses, which asks the C library) puts the cell's text in as many
 *    columns as the browser draws it in, and the next column starts right
 *    after the padded cell: where it starts in a row of blanks (a cell
 *    wider than the table's widest column is printed whole, piped, and
 *    only pushes its own row's next column on).
 * Runs in C.UTF-8 on a curses pad (no terminal needed). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <sqlite3.h>

#include "pairoff/import.h"
#include "pairoff/inert.h"
#include "pairoff/output.h"
#include "pairoff/paths.h"
#include "pairoff/query.h"
#include "pairoff/text.h"
#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"

#include "check.h"

#define MARK "#|#"

static size_t nstrings, noverflow;

/* The table lines of output_print_fit for rows {s, MARK} and {"", MARK}
 * into *buf (owned). */
static void cli_table(const char *s, char **buf)
{
	static const char *const headers[] = { "t", "m" };
	struct qtable t;
	qtable_init(&t, 2, headers);
	const char *row1[] = { s, MARK }, *row2[] = { "", MARK };
	qtable_add_row(&t, row1);
	qtable_add_row(&t, row2);
	size_t len = 0;
	FILE *fp = open_memstream(buf, &len);
	output_print_fit(fp, &t, OUT_TABLE, NULL, 0);
	fclose(fp);
	qtable_free(&t);
}

/* Columns a terminal advances over the first n bytes of line. */
static int terminal_cols(const char *line, size_t n)
{
	WINDOW *pad = newpad(1, (int)n + 2);
	waddnstr(pad, line, (int)n);
	int x = getcurx(pad);
	delwin(pad);
	return x;
}

/* Where the mark column starts on a terminal: *cols1 in the row of s, *at2
 * in the row of blanks (there bytes are columns). */
static void cli_measure(const char *s, int *cols1, size_t *at2)
{
	char *out = NULL;
	cli_table(s, &out);
	char *row2 = strrchr(out, '\n');
	while (row2 > out && row2[-1] != '\n')
		row2--;   /* the last line: the empty row */
	char *row1 = row2 - 1;
	while (row1 > out && row1[-1] != '\n')
		row1--;
	const char *m1 = NULL;
	for (const char *p = strstr(row1, MARK); p && p < row2; p = strstr(p + 1, MARK))
		m1 = p;
	*at2 = (size_t)(strstr(row2, MARK) - row2);
	*cols1 = m1 ? terminal_cols(row1, (size_t)(m1 - row1)) : -1;
	free(out);
}

/* Columns draw_text uses for s, and where it leaves the cursor. */
static int browser_measure(const char *s, int *cursor)
{
	int width = text_width(s);
	WINDOW *pad = newpad(1, width + 2);
	int used = draw_text(pad, s, width + 1, A_NORMAL, true, A_BOLD);
	*cursor = getcurx(pad);
	delwin(pad);
	return used;
}

static void check_string(const char *raw, size_t gap)
{
	char *s = inert_dup(raw, INERT_MARKS);
	int cursor, drawn = browser_measure(s, &cursor), cols1;
	size_t at2;
	cli_measure(s, &cols1, &at2);
	int column = (int)(at2 - gap), shown = cols1 - (int)gap;
	int want = drawn > 1 ? drawn : 1;   /* the header "t" is one column */
	CHECK(drawn == text_width(s) && cursor == drawn,
	      "browser: drawn %d, cursor %d, text_width %d: %.80s", drawn, cursor, text_width(s), s);
	CHECK(shown == want, "command line: the cell takes %d columns on a terminal, %d in the browser: %.80s",
	      shown, want, s);
	CHECK(column == want || (column < want && shown > column),
	      "command line: a column %d wide for a cell of %d: %.80s", column, want, s);
	nstrings++;
	noverflow += column < want;
	free(s);
}

/* A value line by line (a report's text is one value; a curses pad holds
 * at most 32767 columns, and the browser shows a report line by line). */
static void check_value(const char *v, size_t gap)
{
	for (const char *nl; (nl = strchr(v, '\n')); v = nl + 1) {
		char *line = xstrndup(v, (size_t)(nl - v));
		check_string(line, gap);
		free(line);
	}
	check_string(v, gap);
}

/* Every text value of every column of every table of the store. */
static void check_store(sqlite3 *db, size_t gap)
{
	sqlite3_stmt *tables;
	sqlite3_prepare_v2(db, "SELECT t.name, c.name FROM sqlite_master t, pragma_table_info(t.name) c"
			   " WHERE t.type = 'table'", -1, &tables, NULL);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char *sql = sqlite3_mprintf("SELECT DISTINCT \"%w\" FROM \"%w\" WHERE typeof(\"%w\") = 'text'",
					    sqlite3_column_text(tables, 1), sqlite3_column_text(tables, 0),
					    sqlite3_column_text(tables, 1));
		sqlite3_stmt *values;
		CHECK(sqlite3_prepare_v2(db, sql, -1, &values, NULL) == SQLITE_OK, "%s", sql);
		while (sqlite3_step(values) == SQLITE_ROW)
			check_value((const char *)sqlite3_column_text(values, 0), gap);
		sqlite3_finalize(values);
		sqlite3_free(sql);
	}
	sqlite3_finalize(tables);
}

static char *build_store(void)
{
	char *dir = xasprintf("%s/pairoff-width-XXXXXX", paths_tmp_dir());
	if (!mkdtemp(dir))
		abort();
	char *db = xasprintf("%s/s.db", dir), *reports = paths_reports_dir(), *gaz = paths_gazetteer();
	const char *paths[] = { reports };
	struct import_summary sum;
	enum status st = import_run(db, paths, 1, gaz, &sum);
	CHECK(st == ST_OK && sum.reports > 0, "import: %s", status_detail(st));
	free(reports);
	free(gaz);
	free(dir);
	return db;
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		return 77;
	FILE *devnull = fopen("/dev/null", "r+");
	SCREEN *scr = devnull ? newterm("xterm", devnull, devnull) : NULL;
	if (!scr)
		return 77;
	/* the gap between columns: the mark's offset after a 3-column cell */
	size_t gap, at2;
	int cols1;
	cli_measure("abc", &cols1, &at2);
	gap = at2 - 3;
	check_string("abc", gap);
	check_string("\xE4\xB8\x9C\xE8\xA5\xBF \xE2\x80\x94 Pu\xE2\x80\x99" "er", gap); /* wide, dash, quote */
	check_string("e\xCC\x81t\xC3\xA9", gap);                              /* a combining accent */
	check_string("a\x02hit\x03 b", gap);                                   /* search-hit markers */
	check_string("x\xCD\xB8y \xF0\xB0\x80\x80", gap);     /* unassigned U+0378; U+30000 (CJK G) */
	char *db_path = build_store();
	sqlite3 *db;
	CHECK(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "open %s", db_path);
	check_store(db, gap);
	sqlite3_close(db);
	endwin();
	delscreen(scr);
	fclose(devnull);
	printf("%zu strings measured alike (%zu wider than a table's widest column)\n", nstrings,
	       noverflow);
	CHECK(nstrings > 1000, "only %zu strings in the store", nstrings);
	char *dir = xstrdup(db_path);
	*strrchr(dir, '/') = '\0';
	unlink(db_path);
	rmdir(dir);
	free(dir);
	free(db_path);
	return CHECK_EXIT();
}
