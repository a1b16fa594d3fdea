/* Unit tests of the qtable helpers and the four output formats: escaping and
 * quoting in each, JSON numbers and nulls, hit markers stripped, and table
 * columns aligned by display width (CJK takes two columns); and the
 * browser's money figures, fixed decimals per unit. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/money.h"
#include "pairoff/output.h"
#include "pairoff/query.h"

#include "check.h"



/* Prints t in fmt into a string (owned by the caller). */
static char *render(const struct qtable *t, enum output_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	output_print(fp, t, fmt);
	fclose(fp);
	return buf;
}

/* Three columns: a text with every character that needs escaping, an
 * integer column with a NULL, and a snippet with hit markers. */
static void make_table(struct qtable *t)
{
	static const char *const headers[] = { "name", "line", "snippet" };
	qtable_init(t, 3, headers);
	const char *row1[] = { "a,b \"q\"\tx\\y", "12", "the \x02hit\x03 here" };
	const char *row2[] = { "two\nlines", NULL, NULL };
	const char *row3[] = { "\xE4\xB8\xAD\xE6\x96\x87", "-3", "\x01" };
	qtable_add_row(t, row1);
	qtable_add_row(t, row2);
	qtable_add_row(t, row3);
}

static void test_qtable(void)
{
	struct qtable t;
	make_table(&t);
	CHECK(t.nrows == 3 && t.ncols == 3, "size %zu x %zu", t.nrows, t.ncols);
	CHECK(qtable_col(&t, "line") == 1, "column index of line");
	CHECK(qtable_col(&t, "nope") == -1, "unknown column");
	CHECK(qtable_int(&t, 0, 1) == 12, "int cell");
	CHECK(qtable_int(&t, 1, 1) == 0, "NULL cell as int");
	CHECK(qtable_get(&t, 1, 1) == NULL, "NULL cell kept");
	CHECK(qtable_get(&t, 9, 0) == NULL, "row out of range");
	/* qtable_int reads digits by hand: it must say what strtoll says */
	static const char *const ints[] = { "0", "-7", "123abc", "-", "", " 42", "+5", "x1",
		"999999999999999999", "-999999999999999999", "9223372036854775807",
		"-9223372036854775808", "99999999999999999999", "007" };
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		struct qtable one;
		static const char *const h[] = { "n" };
		qtable_init(&one, 1, h);
		qtable_add_row(&one, &ints[i]);
		CHECK(qtable_int(&one, 0, 0) == strtoll(ints[i], NULL, 10), "qtable_int(\"%s\")", ints[i]);
		qtable_free(&one);
	}
	/* Growth past the first allocation keeps earlier rows. */
	for (int i = 0; i < 100; i++) {
		const char *row[] = { "x", "1", "y" };
		qtable_add_row(&t, row);
	}
	CHECK(t.nrows == 103, "rows after growth %zu", t.nrows);
	CHECK_STR(qtable_get(&t, 2, 0), "\xE4\xB8\xAD\xE6\x96\x87", "row 2 after growth");
	qtable_free(&t);
	CHECK(t.cells == NULL && t.nrows == 0, "freed table is reset");
}

static void test_format_parse(void)
{
	enum output_format f = OUT_TABLE;
	CHECK(output_format_parse("json", &f) == ST_OK && f == OUT_JSON, "json");
	CHECK(output_format_parse("CSV", &f) == ST_OK && f == OUT_CSV, "CSV in capitals");
	CHECK(output_format_parse("tsv", &f) == ST_OK && f == OUT_TSV, "tsv");
	CHECK(output_format_parse("table", &f) == ST_OK && f == OUT_TABLE, "table");
	CHECK(output_format_parse("xml", &f) == ST_USAGE, "xml is a usage error");
	CHECK(strstr(status_detail(ST_USAGE), "'xml'") != NULL, "detail names the format: %s",
	      status_detail(ST_USAGE));
}

static void test_tsv(void)
{
	struct qtable t;
	make_table(&t);
	char *out = render(&t, OUT_TSV);
	CHECK_STR(out,
		  "name\tline\tsnippet\n"
		  "a,b \"q\"\\tx\\\\y\t12\tthe hit here\n"
		  "two\\nlines\t\t\n"
		  "\xE4\xB8\xAD\xE6\x96\x87\t-3\t\n", "tsv");  /* \x01 removed (issue 15) */
	free(out);
	qtable_free(&t);
}

static void test_csv(void)
{
	struct qtable t;
	make_table(&t);
	char *out = render(&t, OUT_CSV);
	CHECK_STR(out,
		  "name,line,snippet\r\n"
		  "\"a,b \"\"q\"\"\tx\\y\",12,the hit here\r\n"
		  "\"two\nlines\",,\r\n"
		  "\xE4\xB8\xAD\xE6\x96\x87,-3,\r\n", "csv");  /* \x01 removed (issue 15) */
	free(out);
	qtable_free(&t);
}

static void test_json(void)
{
	struct qtable t;
	make_table(&t);
	char *out = render(&t, OUT_JSON);
	CHECK_STR(out,
		  "[\n"
		  "  {\"name\": \"a,b \\\"q\\\"\\tx\\\\y\", \"line\": 12, \"snippet\": \"the hit here\"},\n"
		  "  {\"name\": \"two\\nlines\", \"line\": null, \"snippet\": null},\n"
		  "  {\"name\": \"\xE4\xB8\xAD\xE6\x96\x87\", \"line\": -3, \"snippet\": \"\\u0001\"}\n"
		  "]\n", "json");
	free(out);
	qtable_free(&t);

	/* A column with a non-integer stays a string; an empty table is []. */
	static const char *const headers[] = { "v" };
	qtable_init(&t, 1, headers);
	const char *a[] = { "007" }, *b[] = { "7" };
	qtable_add_row(&t, a);
	qtable_add_row(&t, b);
	out = render(&t, OUT_JSON);
	CHECK_STR(out, "[\n  {\"v\": \"007\"},\n  {\"v\": \"7\"}\n]\n", "leading zero is text");
	free(out);
	qtable_free(&t);
	qtable_init(&t, 1, headers);
	out = render(&t, OUT_JSON);
	CHECK_STR(out, "[]\n", "empty json");
	free(out);
	qtable_free(&t);
}

static void test_json_invalid_utf8(void)
{
	static const char *const headers[] = { "v" };
	struct qtable t;
	qtable_init(&t, 1, headers);
	const char *row[] = { "a\xFF" "b" };
	qtable_add_row(&t, row);
	char *out = render(&t, OUT_JSON);
	CHECK_STR(out, "[\n  {\"v\": \"a\xEF\xBF\xBD" "b\"}\n]\n", "invalid UTF-8 replaced");
	free(out);
	qtable_free(&t);
}

/* Table: columns padded to the widest cell by display width, integer
 * columns right-aligned, line breaks shown as spaces, markers dropped. */
static void test_table(void)
{
	static const char *const headers[] = { "place", "n", "note" };
	struct qtable t;
	qtable_init(&t, 3, headers);
	/* octal escapes end after three digits, so no literal is split in two */
	const char *r1[] = { "\xE4\xB8\xAD\xE6\x96\x87", "5", "\002a\003 b" };
	const char *r2[] = { "Pu\342\200\231er", "120", "x\ny" };
	const char *r3[] = { NULL, NULL, "z" };
	qtable_add_row(&t, r1);
	qtable_add_row(&t, r2);
	qtable_add_row(&t, r3);
	char *out = render(&t, OUT_TABLE);
	CHECK_STR(out,
		  "place    n  note\n"
		  "\xE4\xB8\xAD\xE6\x96\x87     5  a b\n"
		  "Pu\xE2\x80\x99" "er  120  x y\n"
		  "            z\n", "table");
	free(out);
	qtable_free(&t);
}

/* Prints t as a table fitted to width (0: whole, as piped). Owned. */
static char *render_fit(const struct qtable *t, const struct output_layout *layout, size_t width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	output_print_fit(fp, t, OUT_TABLE, layout, width);
	fclose(fp);
	return buf;
}

/* Made-up places: two names, a year, an amount, a source and a quote. */
static const struct output_column fit_columns[] = {
	{ "donor", FIT_WRAP, 0, 0, false },
	{ "recipient", FIT_WRAP, 0, 0, false },
	{ "year", FIT_WHOLE, 0, 0, false },
	{ "amount_yuan", FIT_WHOLE, 0, 0, false },
	{ "report", FIT_CUT, 8, 2, false },
	{ "level", FIT_WHOLE, 0, 3, false },
	{ "quote", FIT_CUT, 10, 4, false },
};
static const struct output_layout fit_layout = { fit_columns, 7 };

static void make_fit_table(struct qtable *t)
{
	static const char *const headers[] = {
		"donor", "recipient", "year", "amount_yuan", "report", "level", "quote",
	};
	qtable_init(t, 7, headers);
	const char *r1[] = { "Eastport City", "Hilltown County", "2011", "6600000",
			     "eastport-hilltown-2011.txt", "county",
			     "In 2011 Eastport City gave 6.6 million yuan to Hilltown County for roads." };
	const char *r2[] = { "Eastport Harbour Shipping and Logistics Group", "Upper Valley Autonomous County",
			     "2012", "-1234", "eastport-hilltown-2012.txt", "county", "A short one." };
	const char *r3[] = { "Seaside", "Hilltown", "2013", "0", "seaside.txt", "province", NULL };
	qtable_add_row(t, r1);
	qtable_add_row(t, r2);
	qtable_add_row(t, r3);
}

/* Display width of each line; the largest. */
static size_t widest_line(const char *s)
{
	size_t best = 0, w = 0;
	for (; *s; s++) {
		if (*s == '\n') {
			best = w > best ? w : best;
			w = 0;
		} else if (((unsigned char)*s & 0xC0) != 0x80) {
			w++;
		}
	}
	return w > best ? w : best;
}

/* Fitted to a terminal: names are never cut, they wrap at spaces; the quote
 * goes before the names narrow; amounts are grouped by thousands. Piped
 * (width 0) everything is whole. */
static void test_table_fit(void)
{
	struct qtable t;
	make_fit_table(&t);
	char *out = render_fit(&t, &fit_layout, 0);
	CHECK(strstr(out, "In 2011 Eastport City gave 6.6 million yuan to Hilltown County for roads.") != NULL,
	      "piped: the quote is whole:\n%s", out);
	CHECK(strstr(out, "Eastport Harbour Shipping and Logistics Group") != NULL, "piped: names whole");
	CHECK(strstr(out, "6,600,000") != NULL && strstr(out, "-1,234") != NULL, "amounts grouped:\n%s", out);
	CHECK(strstr(out, "\xE2\x80\xA6") == NULL, "piped: nothing cut:\n%s", out);
	free(out);

	for (size_t width = 40; width <= 120; width += 20) {
		out = render_fit(&t, &fit_layout, width);
		CHECK(widest_line(out) <= width, "fitted to %zu: a line of %zu:\n%s", width,
		      widest_line(out), out);
		/* every word of every name is on the page, none cut */
		static const char *const words[] = { "Eastport", "Harbour", "Shipping", "Logistics",
						     "Group", "Upper", "Valley", "Autonomous", "Hilltown",
						     "County", "Seaside", NULL };
		for (size_t i = 0; words[i]; i++)
			CHECK(strstr(out, words[i]) != NULL, "fitted to %zu: %s is missing:\n%s", width,
			      words[i], out);
		CHECK(strstr(out, "6,600,000") != NULL, "fitted to %zu: the amount is whole", width);
		free(out);
	}
	/* At 80 the quote is the column that goes; at 220 nothing does. */
	out = render_fit(&t, &fit_layout, 80);
	CHECK(strstr(out, "quote") == NULL, "at 80 the quote goes first:\n%s", out);
	CHECK(strstr(out, "level") != NULL, "at 80 the level stays:\n%s", out);
	free(out);
	out = render_fit(&t, &fit_layout, 220);
	CHECK(strstr(out, "for roads.") != NULL, "at 220 the quote is whole:\n%s", out);
	CHECK(strstr(out, "Eastport Harbour Shipping and Logistics Group") != NULL,
	      "at 220 the long name is on one line:\n%s", out);
	CHECK(strstr(out, " \n") == NULL, "no trailing spaces after an empty last cell:\n%s", out);
	free(out);
	/* Narrow: a long name wraps onto lines of its own, the row's other
	 * cells on its first line, no trailing spaces. */
	out = render_fit(&t, &fit_layout, 50);
	CHECK(strstr(out, "Eastport Harbour Shipping and Logistics Group") == NULL, "at 50 the long name wraps");
	CHECK(strstr(out, " \n") == NULL, "no trailing spaces:\n%s", out);
	free(out);
	qtable_free(&t);
}

/* Digits are grouped in amounts only, and only whole numbers. */
static void test_group_thousands(void)
{
	static const char *const headers[] = { "aid_yuan", "figures", "note" };
	static const struct output_column cols[] = { { "figures", FIT_CUT, 0, 0, true } };
	static const struct output_layout layout = { cols, 1 };
	struct qtable t;
	qtable_init(&t, 3, headers);
	const char *r1[] = { "1234567", "180000000 180200000", "12345" };
	const char *r2[] = { "999", "1.5 x2000", "x" };
	qtable_add_row(&t, r1);
	qtable_add_row(&t, r2);
	char *out = render_fit(&t, &layout, 0);
	CHECK_STR(out,
		  " aid_yuan  figures                  note\n"
		  "1,234,567  180,000,000 180,200,000  12345\n"
		  "      999  1.5 x2000                x\n", "grouped amounts");
	free(out);
	char *tsv = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&tsv, &len);
	output_print_fit(fp, &t, OUT_TSV, &layout, 80);
	fclose(fp);
	CHECK(strstr(tsv, "1234567\t180000000 180200000") != NULL, "tsv keeps the digits:\n%s", tsv);
	free(tsv);
	qtable_free(&t);
}

/* Every figure of a unit has its decimals: a column lines up at the point. */
static void test_money_fixed(void)
{
	static const struct {
		long long yuan;
		enum money_unit unit;
		const char *want;
	} cases[] = {
		{ 62801, UNIT_YUAN, "62,801" },
		{ 62801, UNIT_WAN, "6.3" },
		{ 10000, UNIT_WAN, "1.0" },
		{ 99500, UNIT_WAN, "10.0" },      /* rounded half up, carried */
		{ 99499, UNIT_WAN, "9.9" },
		{ 255000000, UNIT_MILLION, "255.00" },
		{ 1234567890, UNIT_MILLION, "1,234.57" },
		{ 4999, UNIT_MILLION, "0.00" },
		{ 5000, UNIT_MILLION, "0.01" },
		{ -15000, UNIT_WAN, "-1.5" },
		{ 0, UNIT_MILLION, "0.00" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[48];
		CHECK_STR(money_format_fixed(cases[i].yuan, cases[i].unit, buf, sizeof(buf)), cases[i].want,
			  "money_format_fixed");
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_qtable();
	test_format_parse();
	test_tsv();
	test_csv();
	test_json();
	test_json_invalid_utf8();
	test_table();
	test_table_fit();
	test_group_thousands();
	test_money_fixed();
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return CHECK_EXIT();
}
