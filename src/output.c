#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "pairoff/inert.h"
#include "pairoff/output.h"
#include "pairoff/util.h"

/* Search snippets mark hits with these bytes (see query.h). Every format
 * strips them; only a table written to a colour terminal shows them, bold. */
#define HIT_START '\x02'
#define HIT_END '\x03'

/* Table cells are never narrower than this when fitted to a terminal. */
#define MIN_FIT_WIDTH 10
/* Nor wider than this anywhere: a 20 MB cell padded every row of its
 * column to 20 MB (7.4 GB of output). Longer cells end in "…". */
#define MAX_CELL_WIDTH 400

static const char *const format_names[] = {
	[OUT_TABLE] = "table", [OUT_TSV] = "tsv", [OUT_CSV] = "csv", [OUT_JSON] = "json",
};

enum status output_format_parse(const char *name, enum output_format *fmt)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (str_casecmp_ascii(name, format_names[i]) == 0) {
			*fmt = (enum output_format)i;
			return ST_OK;
		}
	}
	return status_set(ST_USAGE, "unknown format '%s' (expected table, tsv, csv or json)", name);
}

/* --- UTF-8 and display width ---------------------------------------------- */

/* Decodes the character at s (len bytes, already checked valid). */
static unsigned int utf8_decode(const unsigned char *s, size_t len)
{
	if (len == 1)
		return s[0];
	unsigned int cp = s[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	return cp;
}

/* East Asian wide ranges, for when the C library cannot tell (C locale). */
static bool is_wide_fallback(unsigned int cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

static int codepoint_width(unsigned int cp)
{
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	return is_wide_fallback(cp) ? 2 : 1;
}

/* Length in bytes (>= 1) and display width of the character at s; an invalid
 * byte counts as one column (it is printed as U+FFFD). */
static size_t char_at(const char *s, int *width)
{
	size_t len = utf8_valid_len((const unsigned char *)s, strnlen(s, 4));
	if (len == 0) {
		*width = 1;
		return 1;
	}
	*width = codepoint_width(utf8_decode((const unsigned char *)s, len));
	return len;
}

static size_t text_width(const char *s)
{
	size_t width = 0;
	while (s && *s) {
		int w;
		if (*s == HIT_START || *s == HIT_END) {
			s++;
			continue;
		}
		s += char_at(s, &w);
		width += (size_t)w;
	}
	return width;
}

/* --- column kinds ------------------------------------------------------------ */

static bool is_integer(const char *s)
{
	const char *p = s + (*s == '-');
	size_t n = strlen(p);
	if (n == 0 || n > 18 || (p[0] == '0' && n > 1))
		return false;
	return strspn(p, "0123456789") == n;
}

/* A column whose non-NULL cells are all integers (and which has one). */
static bool column_is_integer(const struct qtable *t, size_t col)
{
	bool any = false;
	for (size_t r = 0; r < t->nrows; r++) {
		const char *v = qtable_get(t, r, col);
		if (!v)
			continue;
		if (!is_integer(v))
			return false;
		any = true;
	}
	return any;
}

/* --- table ------------------------------------------------------------------ */

struct table_style {
	size_t *widths;        /* owned; display width of each column */
	bool *numeric;         /* owned; right-aligned columns */
	bool bold_hits;        /* show snippet hits in bold (colour terminal) */
};

static size_t terminal_columns(FILE *fp)
{
	struct winsize ws;
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	long n = cols ? strtol(cols, NULL, 10) : 0;
	return n > 0 ? (size_t)n : 80;
}

/* Narrows the widest column, one column of width at a time, until the table
 * fits the terminal, so the long columns share the room; cells that do not
 * fit end in "…". */
static void fit_widths(size_t *widths, size_t ncols, size_t columns)
{
	size_t total = 2 * (ncols - 1);
	for (size_t c = 0; c < ncols; c++)
		total += widths[c];
	while (total > columns) {
		size_t widest = 0;
		for (size_t c = 1; c < ncols; c++)
			if (widths[c] > widths[widest])
				widest = c;
		if (widths[widest] <= MIN_FIT_WIDTH)
			return;
		widths[widest]--;
		total--;
	}
}

/* Prints at most width columns of s (followed by "…" when cut), turning
 * line breaks and other controls into spaces; returns the columns used. */
static size_t put_cell_text(FILE *fp, const char *s, size_t width, bool bold_hits)
{
	if (width == 0)
		return 0;
	bool cut = text_width(s) > width;
	size_t budget = cut ? width - 1 : width, used = 0;
	bool in_hit = false;
	while (s && *s) {
		if (*s == HIT_START || *s == HIT_END) {
			in_hit = *s == HIT_START;
			if (bold_hits)
				fputs(in_hit ? "\033[1m" : "\033[22m", fp);
			s++;
			continue;
		}
		int w;
		size_t len = char_at(s, &w);
		if (used + (size_t)w > budget)
			break;
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			fputc(' ', fp);
		else if (utf8_valid_len((const unsigned char *)s, len) == 0)
			fputs("\xEF\xBF\xBD", fp);
		else
			fwrite(s, 1, len, fp);
		used += (size_t)w;
		s += len;
	}
	if (bold_hits && in_hit)
		fputs("\033[22m", fp);
	if (cut) {
		fputs("\xE2\x80\xA6", fp);
		used++;
	}
	return used;
}

static void pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

static void put_row(FILE *fp, const struct table_style *ts, size_t ncols,
		    const char *const *cells)
{
	for (size_t c = 0; c < ncols; c++) {
		const char *v = cells[c] ? cells[c] : "";
		bool last = c + 1 == ncols;
		if (ts->numeric[c]) {
			size_t w = text_width(v);
			pad(fp, w < ts->widths[c] ? ts->widths[c] - w : 0);
			put_cell_text(fp, v, ts->widths[c], ts->bold_hits);
		} else {
			size_t used = put_cell_text(fp, v, ts->widths[c], ts->bold_hits);
			if (!last)
				pad(fp, ts->widths[c] - used);
		}
		if (!last)
			fputs("  ", fp);
	}
	fputc('\n', fp);
}

static void print_table(FILE *fp, const struct qtable *t)
{
	if (t->ncols == 0)
		return;
	struct table_style ts = {
		.widths = xcalloc(t->ncols, sizeof(size_t)),
		.numeric = xcalloc(t->ncols, sizeof(bool)),
	};
	for (size_t c = 0; c < t->ncols; c++) {
		ts.widths[c] = text_width(t->headers[c]);
		ts.numeric[c] = column_is_integer(t, c);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t w = text_width(qtable_get(t, r, c));
			if (w > ts.widths[c])
				ts.widths[c] = w;
		}
		if (ts.widths[c] > MAX_CELL_WIDTH)
			ts.widths[c] = MAX_CELL_WIDTH;
	}
	if (isatty(fileno(fp))) {
		fit_widths(ts.widths, t->ncols, terminal_columns(fp));
		const char *no_color = getenv("NO_COLOR");
		ts.bold_hits = !(no_color && *no_color);
	}
	put_row(fp, &ts, t->ncols, (const char *const *)t->headers);
	for (size_t r = 0; r < t->nrows; r++)
		put_row(fp, &ts, t->ncols, (const char *const *)t->cells + r * t->ncols);
	free(ts.widths);
	free(ts.numeric);
}

/* --- tsv, csv ---------------------------------------------------------------- */

/* TSV cannot quote, so tab, line breaks and backslash are written as the
 * two-character escapes \t \n \r \\ (the convention of PostgreSQL's COPY and
 * of most TSV readers). */
static void put_tsv_field(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case HIT_START: case HIT_END: break;
		default: fputc(*s, fp); break;
		}
	}
}

static bool csv_needs_quotes(const char *s)
{
	return s[strcspn(s, ",\"\r\n")] != '\0' || s[0] == ' ' ||
	       (s[0] && s[strlen(s) - 1] == ' ');
}

/* RFC 4180: quoted when it holds a comma, quote or line break, with quotes
 * doubled; records end in CRLF. */
static void put_csv_field(FILE *fp, const char *s)
{
	if (!s)
		return;
	bool quoted = csv_needs_quotes(s);
	if (quoted)
		fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		if (*s != HIT_START && *s != HIT_END)
			fputc(*s, fp);
	}
	if (quoted)
		fputc('"', fp);
}

static void print_delimited(FILE *fp, const struct qtable *t, bool csv)
{
	void (*put)(FILE *, const char *) = csv ? put_csv_field : put_tsv_field;
	const char *sep = csv ? "," : "\t", *eol = csv ? "\r\n" : "\n";
	for (size_t c = 0; c < t->ncols; c++) {
		fputs(c ? sep : "", fp);
		put(fp, t->headers[c]);
	}
	fputs(eol, fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			fputs(c ? sep : "", fp);
			put(fp, qtable_get(t, r, c));
		}
		fputs(eol, fp);
	}
}

/* --- json ---------------------------------------------------------------------- */

/* Characters valid in JSON that a terminal would act on: C1 controls,
 * bidirectional controls, line and paragraph separators. */
static bool json_must_escape(unsigned int cp)
{
	return (cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/* A JSON string: quote, backslash and control characters escaped, invalid
 * UTF-8 replaced by U+FFFD so the output always parses. */
static void put_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t len = 1;
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c == (unsigned char)HIT_START || c == (unsigned char)HIT_END)
			;
		else if (c < 0x20 || c == 0x7F)
			fprintf(fp, "\\u%04x", c);
		else if ((len = utf8_valid_len((const unsigned char *)s, strnlen(s, 4))) == 0) {
			fputs("\xEF\xBF\xBD", fp);
			len = 1;
		} else if (json_must_escape(utf8_decode((const unsigned char *)s, len)))
			fprintf(fp, "\\u%04x", utf8_decode((const unsigned char *)s, len));
		else
			fwrite(s, 1, len, fp);
		s += len;
	}
	fputc('"', fp);
}

static void print_json(FILE *fp, const struct qtable *t)
{
	bool *numeric = xcalloc(t->ncols ? t->ncols : 1, sizeof(bool));
	for (size_t c = 0; c < t->ncols; c++)
		numeric[c] = column_is_integer(t, c);
	fputs(t->nrows ? "[\n" : "[", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("  {", fp);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = qtable_get(t, r, c);
			fputs(c ? ", " : "", fp);
			put_json_string(fp, t->headers[c]);
			fputs(": ", fp);
			if (!v)
				fputs("null", fp);
			else if (numeric[c])
				fputs(v, fp);
			else
				put_json_string(fp, v);
		}
		fputs(r + 1 < t->nrows ? "},\n" : "}\n", fp);
	}
	fputs("]\n", fp);
	free(numeric);
}

/* An inert copy of t (src/inert.c): no cell that came from a report, a file
 * name or a crafted store can act on the terminal or on whatever later shows
 * a tsv or csv file. */
static void inert_copy(const struct qtable *t, unsigned flags, struct qtable *out)
{
	char **cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(*cells));
	for (size_t c = 0; c < t->ncols; c++)
		cells[c] = inert_dup(t->headers[c], flags);
	qtable_init(out, t->ncols, (const char *const *)cells);
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			free(cells[c]);
			cells[c] = r < t->nrows ? inert_dup(qtable_get(t, r, c), flags) : NULL;
		}
		if (r < t->nrows)
			qtable_add_row(out, (const char *const *)cells);
	}
	free(cells);
}

void output_print(FILE *fp, const struct qtable *t, enum output_format fmt)
{
	struct qtable safe;
	switch (fmt) {
	case OUT_TABLE:
		inert_copy(t, INERT_MARKS, &safe);
		print_table(fp, &safe);
		qtable_free(&safe);
		break;
	case OUT_TSV:
	case OUT_CSV:
		inert_copy(t, INERT_NEWLINES | INERT_TABS, &safe);
		print_delimited(fp, &safe, fmt == OUT_CSV);
		qtable_free(&safe);
		break;
	case OUT_JSON:
		print_json(fp, t);
		break;
	}
}
