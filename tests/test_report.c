#include "config.h"

/* Unit tests of the report reader: the five bundled reports (sections,
 * topics, sources, the 2009 fund table, footer, repeated text, line numbers
 * checked against the file read independently) and made-up inputs for the
 * edge cases (empty, CRLF, CR, BOM, no headings, invalid UTF-8, a 1 MB line,
 * NUL bytes, directories, FIFOs, missing files, 100,000 sections).
 * Prints "ok N - ..." / "not ok N - ..." and exits non-zero on a failure. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pairoff/report.h"
#include "pairoff/text.h"
#include "pairoff/util.h"

static int tests_run, tests_failed;
static char tmpdir[512];

static bool check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool check(bool ok, const char *fmt, ...)
{
	va_list ap;
	tests_run++;
	if (!ok)
		tests_failed++;
	printf("%s %d - ", ok ? "ok" : "not ok", tests_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return ok;
}

/* The source tree: $top_srcdir under make check, else the one configured. */
static const char *top_dir(void)
{
	const char *top = getenv("top_srcdir");
	return top && *top ? top : PAIROFF_SRC_DATADIR "/..";
}

static const char *data_dir(void)
{
	static char dir[1024];
	snprintf(dir, sizeof(dir), "%s/data", top_dir());
	return dir;
}

static struct report *read_bundled(const char *name)
{
	char path[1200];
	snprintf(path, sizeof(path), "%s/reports/%s", data_dir(), name);
	struct report *r = NULL;
	enum status st = report_read(path, &r);
	if (!check(st == ST_OK && r, "read %s (%s)", name, st == ST_OK ? "ok" : status_detail(st)))
		return NULL;
	return r;
}

static struct report *parse_str(const char *name, const char *text)
{
	struct report *r = NULL;
	enum status st = report_parse(name, text, strlen(text), &r);
	check(st == ST_OK && r, "parse %s", name);
	return r;
}

/* ---- helpers over a parsed report ---------------------------------------- */

static bool has_section(const struct report *r, const char *title, int line_no)
{
	for (size_t i = 0; i < r->nsections; i++)
		if (strcmp(r->sections[i].title, title) == 0 && r->sections[i].line_no == line_no)
			return true;
	return false;
}

static const struct report_paragraph *para_at(const struct report *r, int line_no)
{
	for (size_t i = 0; i < r->nparagraphs; i++)
		if (r->paragraphs[i].line_no == line_no)
			return &r->paragraphs[i];
	return NULL;
}

static size_t count_topics(const struct report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nparagraphs; i++)
		n += r->paragraphs[i].topic != NULL;
	return n;
}

static size_t count_missing(const struct report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nparagraphs; i++)
		n += r->paragraphs[i].topic_bracket_missing;
	return n;
}

/* Whether s holds a Han ideograph (the footer's script). */
static bool has_han(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	for (; *u; u++) {
		if (*u == 0xE4 || (*u >= 0xE5 && *u <= 0xE9))
			return true;
	}
	return false;
}

static bool valid_utf8(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = text_valid_len((const unsigned char *)s + i, n - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/* The file's lines, read independently of the reader. */
struct file_lines {
	char **line;
	size_t n, cap;
};

static void file_lines_read(const char *name, struct file_lines *fl)
{
	char path[1200];
	snprintf(path, sizeof(path), "%s/reports/%s", data_dir(), name);
	memset(fl, 0, sizeof(*fl));
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t got;
	while ((got = getline(&buf, &cap, f)) >= 0) {
		if (got > 0 && buf[got - 1] == '\n')
			buf[got - 1] = '\0';
		*ARRAY_PUSH(fl->line, fl->n, fl->cap) = xstrdup(buf);
	}
	free(buf);
	fclose(f);
}

static void file_lines_free(struct file_lines *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->line[i]);
	free(fl->line);
}

/* Every paragraph, heading, source and table cell is found on the line its
 * line number names, both in the file read here and through report_line. */
static void check_line_numbers(const struct report *r, const char *name)
{
	struct file_lines fl;
	file_lines_read(name, &fl);
	size_t bad = 0, bad_api = 0;
	for (size_t i = 0; i < r->nparagraphs; i++) {
		const struct report_paragraph *p = &r->paragraphs[i];
		const char *s;
		size_t len;
		if (p->line_no < 1 || (size_t)p->line_no > fl.n || !strstr(fl.line[p->line_no - 1], p->text))
			bad++;
		if (!report_line(r, p->line_no, &s, &len) || !memmem(s, len, p->text, strlen(p->text)))
			bad_api++;
	}
	check(bad == 0, "%s: %zu paragraphs on their file lines (%zu wrong)", name, r->nparagraphs, bad);
	check(bad_api == 0, "%s: report_line agrees for every paragraph (%zu wrong)", name, bad_api);
	bad = 0;
	for (size_t i = 0; i < r->nsections; i++) {
		const struct report_section *sec = &r->sections[i];
		if (sec->line_no > 0 && ((size_t)sec->line_no > fl.n || !strstr(fl.line[sec->line_no - 1], sec->title)))
			bad++;
		if (sec->source_line > 0 && ((size_t)sec->source_line > fl.n || !strchr(fl.line[sec->source_line - 1], '(')))
			bad++;
		if (sec->end_line < sec->line_no)
			bad++;
	}
	check(bad == 0, "%s: section headings and sources on their lines (%zu wrong)", name, bad);
	check(r->line_count == (int)fl.n, "%s: line count %d == %zu lines in the file", name, r->line_count, fl.n);
	const char *s;
	size_t len;
	check(!report_line(r, 0, &s, &len) && !report_line(r, r->line_count + 1, &s, &len),
	      "%s: report_line refuses lines 0 and %d", name, r->line_count + 1);
	file_lines_free(&fl);
}

static void check_no_footer(const struct report *r, const char *name, int footer_line)
{
	size_t han = 0, late = 0;
	for (size_t i = 0; i < r->nparagraphs; i++) {
		han += has_han(r->paragraphs[i].text);
		late += r->paragraphs[i].line_no >= footer_line;
	}
	check(r->footer_line == footer_line, "%s: footer starts at line %d (got %d)", name, footer_line, r->footer_line);
	check(han == 0 && late == 0, "%s: no paragraph holds the Chinese footer (%zu Han, %zu after it)", name, han, late);
}

/* ---- the bundled reports ------------------------------------------------- */

static void test_2012_sections(const struct report *r)
{
	check(strcmp(r->title, "East-West Pairing-off Cooperation for Poverty Reduction") == 0,
	      "2012: title is the first line (%s)", r->title);
	check(r->year == 2012, "2012: year 2012 (got %d)", r->year);
	/* An overview headed "Overview", then 15 pair sections. */
	check(r->nsections == 16, "2012: 16 sections (got %zu)", r->nsections);
	check(r->nsections > 0 && strcmp(r->sections[0].title, "Overview") == 0 && r->sections[0].line_no == 3,
	      "2012: first section is the Overview at line 3");
	check(has_section(r, "Beijing - Inner Mongolia Autonomous Region Pairing-off Poverty Alleviation", 21),
	      "2012: Beijing - Inner Mongolia section at line 21");
	check(has_section(r, "Tianjin-Gansu Pairing-off Poverty Alleviation", 43), "2012: Tianjin-Gansu at line 43");
	check(has_section(r, "Qingdao -Guizhou Pairing-off Poverty Alleviation", 283), "2012: Qingdao -Guizhou at line 283");
	check(has_section(r, "Zhejiang \xE2\x80\x93 Sichuan Pairing-off Poverty Alleviation", 147),
	      "2012: Zhejiang - Sichuan (en dash) at line 147");
	check(has_section(r, "Zhuhai \xE2\x80\x93 Sichuan Liangshan Yi Autonomous Prefecture Pairing-off Poverty Alleviation", 367),
	      "2012: last section Zhuhai - Liangshan at line 367");
	static const int heading_lines[16] = {
		3, 21, 43, 63, 95, 125, 147, 183, 205, 221, 241, 257, 283, 303, 325, 367,
	};
	size_t bad = 0;
	for (size_t i = 0; i < 16; i++)
		bad += i >= r->nsections || r->sections[i].line_no != heading_lines[i];
	check(bad == 0, "2012: all 16 headings on the lines counted by hand (%zu wrong)", bad);
}

static void test_2012_paragraphs(const struct report *r)
{
	/* A prose line that names a pair is not a heading. */
	const struct report_paragraph *p349 = para_at(r, 349);
	check(p349 && !p349->topic, "2012: line 349 (prose naming a pair) stays a paragraph");
	check(r->nparagraphs == 141, "2012: 141 paragraphs (got %zu)", r->nparagraphs);
	check(count_topics(r) == 115, "2012: 115 topics (got %zu)", count_topics(r));
	check(r->nbracket_missing == 6 && count_missing(r) == 6, "2012: 6 topics miss their opening bracket (got %zu)",
	      r->nbracket_missing);
	const struct report_paragraph *p49 = para_at(r, 49);
	check(p49 && p49->topic && strcmp(p49->topic, "Cooperation agreement signing") == 0 && p49->topic_bracket_missing &&
	      strncmp(p49->body, "From August 5", 13) == 0, "2012: line 49 topic without opening bracket, body after it");
	const struct report_paragraph *p23 = para_at(r, 23);
	check(p23 && p23->topic && strcmp(p23->topic, "Overview") == 0 && !p23->topic_bracket_missing &&
	      strncmp(p23->body, "In 2012,", 8) == 0 && strncmp(p23->text, "\xE3\x80\x90Overview", 11) == 0,
	      "2012: line 23 topic Overview, text keeps the lead-in, body does not");
	const struct report_paragraph *p77 = para_at(r, 77);
	check(p77 && p77->topic && strcmp(p77->topic, "Intelligence support") == 0,
	      "2012: topic after a no-break space indent (line 77)");
}

static void test_2012_sources(const struct report *r)
{
	size_t with_source = 0;
	for (size_t i = 0; i < r->nsections; i++)
		with_source += r->sections[i].source != NULL;
	check(with_source == 16, "2012: every section has its source (got %zu)", with_source);
	if (r->nsections == 16) {
		check(strcmp(r->sections[0].source, "Department of International Cooperation, LGOP") == 0 &&
		      r->sections[0].source_line == 17, "2012: overview source at line 17");
		check(strcmp(r->sections[7].source, "Dong Jianwu, Fujian Provincial Poverty Alleviation Office") == 0 &&
		      r->sections[7].source_line == 201, "2012: malformed '(Name, (Office)' source cleaned (%s)",
		      r->sections[7].source);
		check(strcmp(r->sections[8].source, "Li Dong, Shandong Provincial Office of Counterpart Support") == 0 &&
		      r->sections[8].source_line == 219, "2012: source without closing parenthesis (%s)", r->sections[8].source);
		check(strcmp(r->sections[12].source, "Qingdao City Domestic Economic Cooperation Office") == 0,
		      "2012: no-break spaces inside a source collapsed (%s)", r->sections[12].source);
		check(r->sections[1].end_line == 39 && r->sections[15].end_line == 389,
		      "2012: section end lines (%d, %d)", r->sections[1].end_line, r->sections[15].end_line);
	}
	bool paren_para = false;
	for (size_t i = 0; i < r->nparagraphs; i++)
		paren_para |= r->paragraphs[i].text[0] == '(';
	check(!paren_para, "2012: no attribution left among the paragraphs");
	size_t in_sec = 0;
	for (size_t i = 0; i < r->nparagraphs; i++) {
		const struct report_paragraph *p = &r->paragraphs[i];
		if (p->section < r->nsections && p->line_no > r->sections[p->section].line_no &&
		    p->line_no <= r->sections[p->section].end_line)
			in_sec++;
	}
	check(in_sec == r->nparagraphs, "2012: every paragraph lies inside its section (%zu of %zu)", in_sec, r->nparagraphs);
}

static void test_2012(void)
{
	const char *name = "east-west-pairing-2012.txt";
	struct report *r = read_bundled(name);
	if (!r)
		return;
	test_2012_sections(r);
	test_2012_paragraphs(r);
	test_2012_sources(r);
	check(r->repeat_from == 0 && r->ntables == 0, "2012: no repeat, no table");
	check_no_footer(r, "2012", 395);
	check_line_numbers(r, name);
	report_free(r);
}

static void test_2009_table(const struct report *r)
{
	static const char *const cols[] = {
		"New rural construction", "Industrial development", "Social undertakings", "Total",
	};
	static const char *const rows[] = {
		"Wenshan Prefecture", "Honghe Prefecture", "Pu\xE2\x80\x99" "er City", "Diqing Prefecture",
		"De\xE2\x80\x99" "ang Nationality", "Dulong Nationality", "Others", "Total",
	};
	static const double cells[8][4] = {
		{ 3270, 350, 550, 4170 }, { 2820, 460, 550, 3830 }, { 3000, 240, 550, 3790 },
		{ 1300, 420, 1370, 3090 }, { 400, 0, 0, 400 }, { 2000, 0, 0, 2000 },
		{ 150, 360, 230, 740 }, { 12940, 1830, 3250, 18020 },
	};
	if (!check(r->ntables == 1, "2009: one table (got %zu)", r->ntables))
		return;
	const struct report_table *t = &r->tables[0];
	check(t->nrows == 8 && t->ncols == 4, "2009: table is 8 rows x 4 columns (got %zux%zu)", t->nrows, t->ncols);
	check(t->unit && strcmp(t->unit, "ten thousand Yuan") == 0 && t->unit_yuan == 10000,
	      "2009: unit ten thousand Yuan = 10000 yuan");
	check(t->title && strcmp(t->title, "Shanghai\xE2\x80\x99s funding for aid projects in Yunnan in 2009") == 0,
	      "2009: caption");
	check(t->corner && strcmp(t->corner, "Types") == 0, "2009: corner label Types");
	check(t->note && strncmp(t->note, "Note: Not including", 19) == 0 && t->note_line == 107, "2009: note at line 107");
	check(t->line_no == 17 && t->end_line == 105 && t->section == 0, "2009: table lines 17-105 in section 0 (%d-%d)",
	      t->line_no, t->end_line);
	if (t->nrows != 8 || t->ncols != 4)
		return;
	size_t bad = 0;
	for (size_t c = 0; c < 4; c++)
		bad += strcmp(t->col_labels[c], cols[c]) != 0;
	check(bad == 0, "2009: column labels");
	bad = 0;
	for (size_t row = 0; row < 8; row++) {
		bad += strcmp(t->row_labels[row], rows[row]) != 0;
		bad += t->row_lines[row] != 27 + 10 * (int)row;
		for (size_t c = 0; c < 4; c++) {
			size_t k = row * 4 + c;
			char want[32];
			snprintf(want, sizeof(want), "%.0f", cells[row][c]);
			bad += t->values[k] != cells[row][c] || strcmp(t->cells[k], want) != 0;
			bad += t->cell_lines[k] != 29 + 10 * (int)row + 2 * (int)c;
		}
	}
	check(bad == 0, "2009: all 32 cells, row labels and their line numbers (%zu wrong)", bad);
	double sum[4] = { 0 };
	for (size_t row = 0; row + 1 < 8; row++)
		for (size_t c = 0; c < 4; c++)
			sum[c] += t->values[row * 4 + c];
	check(sum[0] == t->values[28] && sum[3] == t->values[31] && strcmp(t->row_labels[7], "Total") == 0,
	      "2009: totals row sums the rows above it");
	bool leaked = false;
	for (size_t i = 0; i < r->nparagraphs; i++)
		leaked |= r->paragraphs[i].line_no >= 13 && r->paragraphs[i].line_no <= 107;
	check(!leaked, "2009: no table line is a paragraph");
}

static void test_2009_shanghai(void)
{
	const char *name = "shanghai-yunnan-2009.txt";
	struct report *r = read_bundled(name);
	if (!r)
		return;
	check(r->nsections == 1 && r->sections[0].line_no == 1 &&
	      strcmp(r->sections[0].title, "Shanghai-Yunnan Pairing-off Poverty Alleviation") == 0,
	      "2009 SY: the title line is the heading of its single section");
	check(r->year == 2009, "2009 SY: year 2009 (got %d)", r->year);
	check(r->nsections == 1 && r->sections[0].source && r->sections[0].source_line == 165 &&
	      strncmp(r->sections[0].source, "Liu Jun,", 8) == 0, "2009 SY: source at line 165");
	check(r->nparagraphs == 33, "2009 SY: 33 paragraphs (got %zu)", r->nparagraphs);
	check(count_topics(r) == 11 && r->nbracket_missing == 0, "2009 SY: 11 topics (got %zu)", count_topics(r));
	test_2009_table(r);
	check_no_footer(r, "2009 SY", 167);
	check_line_numbers(r, name);
	report_free(r);
}

static void test_small_reports(void)
{
	struct report *r = read_bundled("zhejiang-sichuan-2009.txt");
	if (r) {
		check(r->nsections == 1 && r->sections[0].line_no == 1 &&
		      strcmp(r->sections[0].title, "Zhejiang-Sichuan Pairing-off Poverty Alleviation") == 0,
		      "2009 ZS: one section headed by the title");
		check(r->nparagraphs == 12 && count_topics(r) == 6, "2009 ZS: 12 paragraphs, 6 topics (got %zu, %zu)",
		      r->nparagraphs, count_topics(r));
		check(r->sections[0].source_line == 27 && r->year == 2009, "2009 ZS: source line 27, year 2009");
		check_no_footer(r, "2009 ZS", 33);
		check_line_numbers(r, "zhejiang-sichuan-2009.txt");
		report_free(r);
	}
	r = read_bundled("shandong-chongqing-2010.txt");
	if (r) {
		check(r->nsections == 1 && strcmp(r->sections[0].title, "Shandong \xE2\x80\x93 Chongqing Pairing-off Poverty Alleviation") == 0,
		      "2010 SC: one section headed by the title");
		check(r->nparagraphs == 12 && count_topics(r) == 5, "2010 SC: 12 paragraphs, 5 topics (got %zu, %zu)",
		      r->nparagraphs, count_topics(r));
		check(r->sections[0].source == NULL && r->sections[0].end_line == 25, "2010 SC: no source, ends at line 25");
		/* "in 1996" appears once, 2010 is the year of the events reported. */
		check(r->year == 2010, "2010 SC: year 2010 (got %d)", r->year);
		check_no_footer(r, "2010 SC", 27);
		check_line_numbers(r, "shandong-chongqing-2010.txt");
		report_free(r);
	}
}

static void test_2018_repeat(void)
{
	const char *name = "shanghai-yunnan-partner-aid-2018.txt";
	struct report *r = read_bundled(name);
	if (!r)
		return;
	check(strcmp(r->title, "Shanghai's partner aid to Yunnan") == 0, "2018: title");
	check(r->repeat_from == 18 && r->repeat_to == 31, "2018: repeated lines 18-31 dropped (got %d-%d)",
	      r->repeat_from, r->repeat_to);
	/* 17 lines, less the title and two blank lines, are the unique text. */
	check(r->nparagraphs == 14, "2018: 14 paragraphs, the text once (got %zu)", r->nparagraphs);
	size_t dup = 0, late = 0;
	for (size_t i = 0; i < r->nparagraphs; i++) {
		late += r->paragraphs[i].line_no > 17;
		for (size_t j = i + 1; j < r->nparagraphs; j++)
			dup += strcmp(r->paragraphs[i].text, r->paragraphs[j].text) == 0;
	}
	check(dup == 0 && late == 0, "2018: no paragraph twice, none from the copy (%zu dup, %zu late)", dup, late);
	check(r->nsections == 1 && r->sections[0].line_no == 0 && strcmp(r->sections[0].title, r->title) == 0 &&
	      r->sections[0].end_line == 17, "2018: no heading, one implicit section titled like the report");
	check(r->year == 2018, "2018: year from the dateline (got %d)", r->year);
	check(r->footer_line == 0 && r->ntables == 0, "2018: no footer, no table");
	check_line_numbers(r, name);
	report_free(r);
}

/* ---- made-up inputs ------------------------------------------------------ */

static char *write_tmp(const char *name, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	return path;
}

static void test_empty(void)
{
	char *path = write_tmp("empty.txt", "", 0);
	struct report *r = NULL;
	enum status st = report_read(path, &r);
	check(st == ST_OK && r && r->nparagraphs == 0 && r->nsections == 0 && r->line_count == 0 && r->year == 0,
	      "empty file: valid, nothing in it");
	if (r) {
		const char *s;
		size_t len;
		check(strcmp(r->title, "empty.txt") == 0 && strcmp(r->file_name, "empty.txt") == 0 && !report_line(r, 1, &s, &len),
		      "empty file: titled by its file name, no line 1");
		report_free(r);
	}
	free(path);
	r = parse_str("blank", "\n \n\xC2\xA0\n\t\n");
	if (r) {
		check(r->nparagraphs == 0 && r->nsections == 0 && r->line_count == 4, "white space only: 4 lines, no text");
		report_free(r);
	}
}

static void check_line_ends(const char *what, const char *text)
{
	struct report *r = parse_str(what, text);
	if (!r)
		return;
	const struct report_paragraph *p = para_at(r, 3);
	check(r->line_count == 4 && strchr(r->text, '\r') == NULL, "%s: 4 lines, no CR left", what);
	check(r->nsections == 1 && strcmp(r->sections[0].title, "Aa-Bb Pairing-off Poverty Alleviation") == 0 &&
	      r->sections[0].line_no == 2, "%s: heading on line 2", what);
	check(p && p->topic && strcmp(p->topic, "Topic") == 0 && strcmp(p->body, "Body text.") == 0,
	      "%s: paragraph on line 3 with its topic", what);
	const char *s;
	size_t len;
	check(report_line(r, 4, &s, &len) && len == 10 && memcmp(s, "Last line.", 10) == 0, "%s: report_line(4)", what);
	report_free(r);
}

static void test_line_ends(void)
{
	check_line_ends("CRLF", "Title\r\nAa-Bb Pairing-off Poverty Alleviation\r\n\xE3\x80\x90Topic\xE3\x80\x91 Body text.\r\nLast line.\r\n");
	check_line_ends("CR", "Title\rAa-Bb Pairing-off Poverty Alleviation\r\xE3\x80\x90Topic\xE3\x80\x91 Body text.\rLast line.");
	check_line_ends("BOM+LF", "\xEF\xBB\xBFTitle\nAa-Bb Pairing-off Poverty Alleviation\n\xE3\x80\x90Topic\xE3\x80\x91 Body text.\nLast line.\n");
	struct report *r = parse_str("bom", "\xEF\xBB\xBFTitle\nText.\n");
	if (r) {
		check(strcmp(r->title, "Title") == 0, "BOM: not part of the title");
		report_free(r);
	}
}

static void test_no_headings(void)
{
	struct report *r = parse_str("plain", "A plain title\n\nFirst paragraph of text.\n\nSecond paragraph here.\n");
	if (!r)
		return;
	check(r->nsections == 1 && r->sections[0].line_no == 0 && strcmp(r->sections[0].title, "A plain title") == 0,
	      "no headings: implicit section titled like the report");
	check(r->nparagraphs == 2 && r->paragraphs[0].section == 0 && r->paragraphs[0].line_no == 3 &&
	      r->paragraphs[1].line_no == 5 && r->sections[0].end_line == 5, "no headings: both paragraphs in it");
	check(r->year == 0, "no year mentioned: year 0");
	report_free(r);
	r = parse_str("notitle.txt", "\xE3\x80\x90Topic\xE3\x80\x91 The file starts with a paragraph.\nAnother one.\n");
	if (r) {
		check(strcmp(r->title, "notitle.txt") == 0 && r->nparagraphs == 2 && r->paragraphs[0].line_no == 1 &&
		      r->nsections == 1 && strcmp(r->sections[0].title, "notitle.txt") == 0,
		      "a first line of prose is kept as a paragraph; the file name titles the report");
		report_free(r);
	}
}

static void test_invalid_utf8(void)
{
	struct report *r = parse_str("bad-utf8", "Title \xFF\n\xC3\x28 broken \xE2\x82 text \x1B[31mred\x1B[0m end\n");
	if (!r)
		return;
	bool ok = valid_utf8(r->text) && valid_utf8(r->title);
	for (size_t i = 0; i < r->nparagraphs; i++)
		ok = ok && valid_utf8(r->paragraphs[i].text);
	check(ok, "invalid UTF-8: all text valid after the read");
	check(r->nparagraphs == 1 && strstr(r->paragraphs[0].text, "\xEF\xBF\xBD") && !strchr(r->paragraphs[0].text, 0x1B),
	      "invalid UTF-8: replaced with U+FFFD, escape sequences gone");
	report_free(r);
}

static void test_big_line(void)
{
	size_t n = 1 << 20;
	char *buf = xmalloc(n + 32);
	memcpy(buf, "Title\n", 6);
	for (size_t i = 0; i < n; i++)
		buf[6 + i] = "abcdefg "[i % 8];
	buf[6] = 'X';
	memcpy(buf + 6 + n, "\nEnd.\n", 7);
	char *path = write_tmp("big.txt", buf, strlen(buf));
	struct report *r = NULL;
	enum status st = report_read(path, &r);
	if (check(st == ST_OK && r, "1 MB line: read")) {
		const char *s;
		size_t len;
		check(r->nparagraphs == 2 && strlen(r->paragraphs[0].text) == n - 1 && r->paragraphs[0].line_no == 2,
		      "1 MB line: one paragraph of %zu bytes", n - 1);
		check(report_line(r, 2, &s, &len) && len == n, "1 MB line: report_line gives it whole");
		report_free(r);
	}
	free(path);
	free(buf);
}

static void test_errors(void)
{
	struct report *r = NULL;
	char *path = write_tmp("nul.txt", "Title\nText\0more\n", 16);
	enum status st = report_read(path, &r);
	check(st == ST_DATA && !r && strstr(status_detail(st), "binary file (NUL byte)") && strstr(status_detail(st), path),
	      "NUL byte: ST_DATA (%s)", status_detail(st));
	free(path);

	st = report_read(tmpdir, &r);
	check(st == ST_IO && !r && strstr(status_detail(st), "directory") && strstr(status_detail(st), tmpdir),
	      "directory: ST_IO (%s)", status_detail(st));

	path = xasprintf("%s/does-not-exist.txt", tmpdir);
	st = report_read(path, &r);
	check(st == ST_IO && !r && strstr(status_detail(st), path) && !strchr(status_detail(st), '\n'),
	      "missing file: ST_IO one line (%s)", status_detail(st));
	free(path);

	path = xasprintf("%s/fifo", tmpdir);
	if (mkfifo(path, 0600) == 0) {
		st = report_read(path, &r);   /* must not block waiting for a writer */
		check(st == ST_IO && !r && strstr(status_detail(st), "not a regular file"), "FIFO: ST_IO without blocking (%s)",
		      status_detail(st));
		unlink(path);
	}
	free(path);

	if (geteuid() != 0) {
		path = write_tmp("secret.txt", "x\n", 2);
		chmod(path, 0);
		st = report_read(path, &r);
		check(st == ST_IO && !r, "unreadable file: ST_IO (%s)", status_detail(st));
		unlink(path);
		free(path);
	}
}

/* The topics that sum up the others' work (their money restates theirs). */
static void test_topics_that_sum_up(void)
{
	check(report_topic_sums_up("Overview"), "an overview");
	check(report_topic_sums_up("Review of the pairing"), "a review");
	check(report_topic_sums_up("Main achievements"), "achievements");
	check(report_topic_sums_up("The 3rd joint cooperation of A and B"), "a joint one");
	check(!report_topic_sums_up("Poverty alleviation by education"), "an activity");
	check(report_topic_sums_up("Exchange visits") && report_topic_sums_up("Investment of anti-poverty funds"),
	      "an event's, money's own");
	check(!report_topic_sums_up("Revisited infrastructure") && !report_topic_sums_up("Refunding schools"),
	      "a word only where one starts");
	check(!report_topic_sums_up(NULL), "no topic");
	check(report_topic_is_overview("General overview") && !report_topic_is_overview("Review"),
	      "an overview is one kind of them");
}

static void test_topics_and_sources(void)
{
	const char *text =
		"Report\n"
		"Cc - Dd Pairing-off Poverty Alleviation\n"
		"Short lead\xE3\x80\x91 Body one.\n"
		"This is a long sentence that goes on and on well past the limit for a lead-in phrase\xE3\x80\x91 no topic.\n"
		"A sentence with \xE3\x80\x90" "brackets\xE3\x80\x91 inside it is not a topic either.\n"
		"In short, a clause\xE3\x80\x91 is no topic.\n"
		"(1) A numbered point in parentheses ends here.\n"
		"Ee-Ff Cooperation\n"
		"Some text of the second section.\n"
		"(Someone, Some Office\n";
	struct report *r = parse_str("topics", text);
	if (!r)
		return;
	const struct report_paragraph *p3 = para_at(r, 3), *p4 = para_at(r, 4), *p5 = para_at(r, 5), *p6 = para_at(r, 6);
	check(p3 && p3->topic && strcmp(p3->topic, "Short lead") == 0 && p3->topic_bracket_missing &&
	      strcmp(p3->body, "Body one.") == 0 && r->nbracket_missing == 1, "missing bracket: short lead-in is a topic");
	check(p4 && !p4->topic && strcmp(p4->body, p4->text) == 0, "missing bracket: a long lead-in is not a topic");
	check(p5 && !p5->topic, "brackets inside a sentence: no topic");
	const struct report_paragraph *p7 = para_at(r, 7);
	check(p6 && !p6->topic, "missing bracket: a clause with a comma is not a topic");
	check(p7 && r->nsections == 2 && r->sections[0].source == NULL, "numbered '(1) ...' sentence is not a source");
	check(r->nsections == 2 && r->sections[1].source && strcmp(r->sections[1].source, "Someone, Some Office") == 0 &&
	      r->sections[1].source_line == 10 && r->nparagraphs == 6, "unclosed attribution ends the last section");
	report_free(r);
}

static void test_footer_and_repeat(void)
{
	const char *text =
		"Title line\n"
		"A paragraph mentioning \xE4\xB8\xAD\xE5\x9B\xBD in passing, which is not a footer line.\n"
		"Second paragraph.\n"
		"\n"
		"\xE6\x89\xAB\xE6\x8F\x8F\xE4\xB8\x8B\xE8\xBD\xBD\n"
		"\xC2\xA0\n"
		"\xE7\x89\x88\xE6\x9D\x83\xC2\xA9 ICP 12345\xE5\x8F\xB7\n";
	struct report *r = parse_str("footer", text);
	if (r) {
		check(r->footer_line == 5 && r->nparagraphs == 2 && r->line_count == 7, "made-up footer dropped from line 5");
		report_free(r);
	}
	struct strbuf sb = {0};
	strbuf_puts(&sb, "Title\n");
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < 4; i++)
			strbuf_printf(&sb, "Paragraph %d of the copied text, long enough to count as text to keep.\n", i);
		if (pass == 0)
			strbuf_puts(&sb, "\n0\n0\n0\n");
	}
	r = parse_str("repeat", sb.data);
	if (r) {
		check(r->repeat_from == 10 && r->repeat_to == 13 && r->nparagraphs == 7,
		      "made-up repeat: second copy (lines 10-13) dropped, short '0' lines kept (%d-%d, %zu)",
		      r->repeat_from, r->repeat_to, r->nparagraphs);
		report_free(r);
	}
	strbuf_free(&sb);
}

static void test_tables(void)
{
	const char *text =
		"Title\n"
		"Gg-Hh Pairing-off Poverty Alleviation\n"
		"Spending by county\n"
		"(Unit: million yuan)\n"
		"Item\nFunds\nLoans\n"
		"County A\n1,234.5\n12\n"
		"County B\n7\n0.5\n"
		"Note: made up.\n"
		"A sentence after the table, closing the section.\n"
		"Ii-Jj Pairing-off Poverty Alleviation\n"
		"Alpha\nBeta\n"
		"Row one\n1\n2\n"
		"Row two\n3\n4\n"
		"Row three\n5\n"
		"Text after the broken row.\n";
	struct report *r = parse_str("tables", text);
	if (!r)
		return;
	if (check(r->ntables == 2, "made-up tables: two found (got %zu)", r->ntables)) {
		const struct report_table *t = &r->tables[0];
		check(t->ncols == 2 && t->nrows == 2 && t->unit_yuan == 1000000 && strcmp(t->unit, "million yuan") == 0 &&
		      t->title && strcmp(t->title, "Spending by county") == 0 && t->corner && strcmp(t->corner, "Item") == 0,
		      "table 1: 2x2, million yuan, caption and corner");
		check(t->ncols == 2 && t->nrows == 2 && t->values[0] == 1234.5 && strcmp(t->cells[0], "1,234.5") == 0 &&
		      t->values[3] == 0.5 && t->note && t->note_line == 14 && t->section == 0,
		      "table 1: cells parsed with separators and decimals, note kept");
		t = &r->tables[1];
		check(t->ncols == 2 && t->nrows == 2 && !t->title && !t->unit && t->unit_yuan == 0 && !t->corner &&
		      strcmp(t->col_labels[0], "Alpha") == 0 && t->section == 1 && t->line_no == 17 && t->end_line == 24,
		      "table 2: no caption or unit, parsed from its shape, stops at a short row");
	}
	check(para_at(r, 25) && para_at(r, 26) && para_at(r, 27) && para_at(r, 15) && !para_at(r, 14) && r->nparagraphs == 4,
	      "made-up tables: lines that do not fit stay paragraphs");
	report_free(r);
}

static void check_unit(const char *unit, int64_t want)
{
	char *text = xasprintf("T\n(Unit: %s)\nKind\nA\nB\nX\n1\n2\nY\n3\n4\n", unit);
	struct report *r = parse_str(unit, text);
	if (r) {
		check(r->ntables == 1 && r->tables[0].unit_yuan == want, "unit '%s' = %lld yuan (got %lld)", unit,
		      (long long)want, r->ntables ? (long long)r->tables[0].unit_yuan : -1LL);
		report_free(r);
	}
	free(text);
}

static void test_units(void)
{
	check_unit("yuan", 1);
	check_unit("Yuan", 1);
	check_unit("ten thousand yuan", 10000);
	check_unit("10,000 yuan", 10000);
	check_unit("million yuan", 1000000);
	check_unit("hundred million yuan", 100000000);
	check_unit("100 million Yuan", 100000000);
	check_unit("billion yuan", 1000000000);
	check_unit("persons", 0);
	check_unit("1111111111 11111111150 yuan", 0);     /* overflow found by fuzzing */
}

static void test_year(void)
{
	struct report *r = parse_str("year-in", "T\nIn 2015, a.\nIn 2015, b.\nin 2015 c, and in 2014.\nSince 1999 and 1999.\n");
	if (r) {
		check(r->year == 2015, "year: most cited 'In YYYY' (got %d)", r->year);
		report_free(r);
	}
	r = parse_str("year-any", "T\nFrom 2001 to 2003 and 2003.\n");
	if (r) {
		check(r->year == 2003, "year: most frequent year as fallback (got %d)", r->year);
		report_free(r);
	}
}

static void test_more_layouts(void)
{
	const char *text =
		"Title\n"
		"Kk and Ll Pairing-off Cooperation\n"
		"Funds by year\n"
		"Types\n2008\n2009\nTotal\n"
		"Alpha\n1\n2\n3\n"
		"Beta\n4\n\xE2\x80\x94\n4\n"
		"Economic Cooperation and Exchange Office\n"
		"Pairing-off Cooperation between Oo and Pp\n"
		"Oo-Pp pairing-off cooperation went well in the year\n"
		"\xEF\xBC\x88Some Writer, Some Office\xEF\xBC\x89\n"
		"Copyright \xC2\xA9 2020 Some Site. All rights reserved.\n";
	struct report *r = parse_str("layouts", text);
	if (!r)
		return;
	check(r->nsections == 2 && r->sections[0].line_no == 2 && r->sections[1].line_no == 17 &&
	      strcmp(r->sections[1].title, "Pairing-off Cooperation between Oo and Pp") == 0,
	      "'<A> and <B> Pairing-off' lines are headings; an office name or a plain sentence is not");
	if (check(r->ntables == 1, "year columns: one table (got %zu)", r->ntables)) {
		const struct report_table *t = &r->tables[0];
		check(t->ncols == 3 && t->nrows == 2 && t->corner && strcmp(t->corner, "Types") == 0 &&
		      strcmp(t->col_labels[0], "2008") == 0 && strcmp(t->col_labels[2], "Total") == 0 &&
		      strcmp(t->row_labels[0], "Alpha") == 0 && t->title && strcmp(t->title, "Funds by year") == 0,
		      "year columns: the years are column labels, not a row");
		check(t->ncols == 3 && t->nrows == 2 && strcmp(t->cells[4], "\xE2\x80\x94") == 0 && t->values[4] == 0 &&
		      t->values[5] == 4, "a dash cell is kept as written, value 0");
	}
	check(r->nparagraphs == 2 && r->paragraphs[0].line_no == 16 && r->paragraphs[1].line_no == 18,
	      "office name and sentence lines stay paragraphs");
	check(r->nsections == 2 && r->sections[1].source && strcmp(r->sections[1].source, "Some Writer, Some Office") == 0,
	      "attribution in fullwidth parentheses is the source");
	check(r->footer_line == 20, "an English copyright line at the end is footer (got %d)", r->footer_line);
	report_free(r);
}

static void test_caption_unit_and_sources(void)
{
	const char *text =
		"Title\n"
		"Mm-Nn Pairing-off Poverty Alleviation\n"
		"Aid by county in 2011 (Unit: 100 million yuan)\n"
		"Kind\nGrants\nLoans\n"
		"One\n1.5\n2\n"
		"Two\n3\n4.25\n"
		"Source: made-up office\n"
		"(Aa (Bb) Cc, (Dd Office)\n";
	struct report *r = parse_str("caption-unit", text);
	if (!r)
		return;
	if (check(r->ntables == 1, "unit in caption: one table")) {
		const struct report_table *t = &r->tables[0];
		check(t->unit_yuan == 100000000 && t->unit && strcmp(t->unit, "100 million yuan") == 0 && t->title &&
		      strcmp(t->title, "Aid by county in 2011") == 0, "unit at the end of the caption split from it");
		check(t->note && strcmp(t->note, "Source: made-up office") == 0 && t->note_line == 13,
		      "a 'Source:' line under the table is its note");
	}
	check(r->nsections == 1 && r->sections[0].source && strcmp(r->sections[0].source, "Aa (Bb) Cc, Dd Office") == 0,
	      "only the unmatched parenthesis of a source is dropped (%s)",
	      r->nsections && r->sections[0].source ? r->sections[0].source : "none");
	check(r->nparagraphs == 0, "nothing else is a paragraph (got %zu)", r->nparagraphs);
	report_free(r);
}

/* A made-up report in the series' layout that the rules were not tuned on:
 * CRLF line ends, an em dash and an "and" pair heading, a table with year
 * columns, a dash cell and a unit in hundred millions, Chinese footer. */
static void test_unseen(void)
{
	char *path = xasprintf("%s/tests/data/report/unseen-crlf.txt", top_dir());
	struct report *r = NULL;
	enum status st = report_read(path, &r);
	free(path);
	if (!check(st == ST_OK && r, "unseen: read (%s)", st == ST_OK ? "ok" : status_detail(st)))
		return;
	check(r->nsections == 3 && r->line_count == 66 && r->year == 2031, "unseen: 3 sections, 66 lines, year 2031");
	check(r->nsections == 3 && strcmp(r->sections[0].title, "Overview") == 0 && r->sections[1].line_no == 10 &&
	      strcmp(r->sections[2].title, "Gamma and Delta Pairing-off Cooperation") == 0,
	      "unseen: Overview, em-dash pair and 'and' pair headings");
	check(r->nsections == 3 && r->sections[1].source && strcmp(r->sections[1].source, "Sample Writer, Alpha Provincial Sample Office") == 0 &&
	      r->sections[2].source && strcmp(r->sections[2].source, "Another Writer, Gamma Sample Office") == 0,
	      "unseen: malformed sources cleaned");
	check(r->nparagraphs == 5 && r->nbracket_missing == 1 && para_at(r, 14) && para_at(r, 14)->topic_bracket_missing,
	      "unseen: 5 paragraphs, the missing-bracket topic on line 14");
	if (check(r->ntables == 1, "unseen: one table")) {
		const struct report_table *t = &r->tables[0];
		check(t->nrows == 3 && t->ncols == 3 && t->unit_yuan == 100000000 && t->section == 1 &&
		      strcmp(t->col_labels[1], "2031") == 0 && t->values[8] == 4.5 && t->cell_lines[8] == 50 &&
		      strcmp(t->cells[4], "\xE2\x80\x94") == 0 && t->note_line == 52,
		      "unseen: year-column table read whole");
	}
	check(r->footer_line == 64, "unseen: footer from line 64 (got %d)", r->footer_line);
	report_free(r);
}

static char *letters(unsigned v)
{
	char buf[16];
	size_t n = 0;
	do {
		buf[n++] = (char)('a' + v % 26);
		v /= 26;
	} while (v && n < sizeof(buf) - 1);
	buf[n] = '\0';
	return xstrdup(buf);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_many_sections(void)
{
	const unsigned nsec = 100000;
	struct strbuf sb = {0};
	strbuf_puts(&sb, "Generated report\n");
	for (unsigned i = 0; i < nsec; i++) {
		char *a = letters(i), *b = letters(i + 7);
		strbuf_printf(&sb, "X%s-Y%s Pairing-off Poverty Alleviation\n\xE3\x80\x90T\xE3\x80\x91 Item %u.\n", a, b, i);
		free(a);
		free(b);
	}
	double t0 = now();
	struct report *r = parse_str("many", sb.data);
	double secs = now() - t0;
	if (r) {
		check(r->nsections == nsec && r->nparagraphs == nsec && r->paragraphs[nsec - 1].section == nsec - 1 &&
		      r->paragraphs[nsec - 1].line_no == (int)(2 * nsec + 1),
		      "100,000 sections of %zu bytes parsed in %.2f s", sb.len, secs);
		report_free(r);
	}
	strbuf_free(&sb);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);     /* keep the lines up to a crash */
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_report.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 99;
	}
	test_2012();
	test_2009_shanghai();
	test_small_reports();
	test_2018_repeat();
	test_unseen();
	test_empty();
	test_line_ends();
	test_no_headings();
	test_invalid_utf8();
	test_big_line();
	test_errors();
	test_topics_that_sum_up();
	test_topics_and_sources();
	test_footer_and_repeat();
	test_tables();
	test_more_layouts();
	test_caption_unit_and_sources();
	test_units();
	test_year();
	test_many_sections();

	static const char *const made[] = { "empty.txt", "big.txt", "nul.txt" };
	for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		char *path = xasprintf("%s/%s", tmpdir, made[i]);
		unlink(path);
		free(path);
	}
	rmdir(tmpdir);
	printf("1..%d\n", tests_run);
	if (tests_failed)
		fprintf(stderr, "%d of %d checks failed\n", tests_failed, tests_run);
	return tests_failed ? 1 : 0;
}
