#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pairoff/inert.h"
#include "pairoff/output.h"
#include "pairoff/text.h"
#include "pairoff/util.h"

/* Search snippets mark hits with these bytes (see query.h). Every format
 * strips them; only a table written to a colour terminal shows them, bold. */
#define HIT_START '\x02'
#define HIT_END '\x03'

/* Table cells are never narrower than this when fitted to a terminal. */
#define MIN_FIT_WIDTH 10
/* Columns are padded to this width at most: a 20 MB cell padded every row
 * of its column to 20 MB (7.4 GB of output). Piped, a longer cell is
 * printed whole past it; on a terminal it ends in "…". */
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

/* --- display width (src/text.c) ------------------------------------------- */

/* text_width as a size, for the sums of a table's columns. */
static size_t width_of(const char *s)
{
	return (size_t)text_width(s);
}

/* --- column kinds ------------------------------------------------------------ */

/* "44", "-3", "3.5" (a count of kilometres): a number as JSON writes one. */
static bool is_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t i = strspn(p, "0123456789");
	if (i == 0 || i > 18 || (p[0] == '0' && i > 1))
		return false;
	if (p[i] == '.') {
		size_t decimals = strspn(p + i + 1, "0123456789");
		if (decimals == 0)
			return false;
		i += 1 + decimals;
	}
	return p[i] == '\0';
}

/* A column whose non-NULL cells are all numbers (and which has one). */
static bool column_is_numeric(const struct qtable *t, size_t col)
{
	bool any = false;
	for (size_t r = 0; r < t->nrows; r++) {
		const char *v = qtable_get(t, r, col);
		if (!v)
			continue;
		if (!is_number(v))
			return false;
		any = true;
	}
	return any;
}

/* --- table ------------------------------------------------------------------ */

/* Narrowest width a wrapped name is given before columns are left out, and
 * the share of a name column's cells that should fit without wrapping when
 * the room is shared out (the few longest names wrap, the rest stay whole). */
#define MIN_WRAP_WIDTH 12
#define WRAP_SHARE_PERCENT 90

/* How each column is shown. */
struct table_style {
	size_t *widths;        /* owned; display width of each column */
	bool *numeric;         /* owned; right-aligned columns */
	bool *wrap;            /* owned; names wrapped onto more lines */
	bool *shown;           /* owned; false: left out to fit */
	bool fitted;           /* cells are cut or wrapped to widths; else whole */
	bool bold_hits;        /* show snippet hits in bold (colour terminal) */
	bool ascii;            /* no UTF-8 in the locale: a cut cell ends in "..." */
};

size_t output_width(FILE *fp)
{
	if (!isatty(fileno(fp)))
		return 0;
	struct winsize ws;
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	long n = cols ? strtol(cols, NULL, 10) : 0;
	return n > 0 && n < 100000 ? (size_t)n : 80;
}

/* The layout's entry for a column; an unlisted column is cut and left out
 * first. */
static struct output_column column_fit(const struct output_layout *layout, const char *name)
{
	for (size_t i = 0; layout && i < layout->ncolumns; i++)
		if (strcmp(layout->columns[i].name, name) == 0)
			return layout->columns[i];
	return (struct output_column){ name, FIT_CUT, MIN_FIT_WIDTH, layout ? INT_MAX : 0, false };
}

static bool is_amount(const struct output_layout *layout, const char *name)
{
	return str_ends_with(name, "_yuan") || column_fit(layout, name).grouped;
}

/* s with every run of more than three digits grouped by thousands
 * ("180000000 180200000" -> "180,000,000 180,200,000"); a run that is part
 * of a word or a decimal is left as it is. Owned. */
static char *group_thousands(const char *s)
{
	struct strbuf sb = {0};
	const char *p = s;
	while (*p) {
		size_t n = strspn(p, "0123456789");
		bool word = p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '.' || p[-1] == ',');
		if (n == 0) {
			strbuf_append(&sb, p++, 1);
			continue;
		}
		bool tail = isalnum((unsigned char)p[n]) || p[n] == '.' || p[n] == ',';
		for (size_t i = 0; i < n; i++) {
			if (i && !word && !tail && (n - i) % 3 == 0)
				strbuf_puts(&sb, ",");
			strbuf_append(&sb, p + i, 1);
		}
		p += n;
	}
	return strbuf_steal(&sb);
}

/* A copy of t whose amounts have their digits grouped, for people. */
static void group_amounts(const struct qtable *t, const struct output_layout *layout,
			  struct qtable *out)
{
	bool *amount = xcalloc(t->ncols ? t->ncols : 1, sizeof(*amount));
	char **cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(*cells));
	for (size_t c = 0; c < t->ncols; c++)
		amount[c] = is_amount(layout, t->headers[c]);
	qtable_init(out, t->ncols, (const char *const *)t->headers);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = qtable_get(t, r, c);
			cells[c] = amount[c] && v ? group_thousands(v) : v ? xstrdup(v) : NULL;
		}
		qtable_add_row(out, (const char *const *)cells);
		for (size_t c = 0; c < t->ncols; c++)
			free(cells[c]);
	}
	free(cells);
	free(amount);
}

/* Narrows the widest column, one column of width at a time, until the table
 * fits the terminal, so the long columns share the room; cells that do not
 * fit end in "…". Columns stop at floor wide. */
static void fit_widths(size_t *widths, const bool *shown, size_t ncols, size_t columns,
		       size_t floor)
{
	size_t total = 0, n = 0;
	for (size_t c = 0; c < ncols; c++)
		if (shown[c]) {
			total += widths[c];
			n++;
		}
	total += n ? 2 * (n - 1) : 0;
	while (total > columns) {
		size_t widest = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (shown[c] && (widest == ncols || widths[c] > widths[widest]))
				widest = c;
		if (widest == ncols || widths[widest] <= floor)
			return;
		widths[widest]--;
		total--;
	}
}

/* --- fitting a table with a layout --- */

/* What the fitting knows of a column. */
struct column_room {
	struct output_column fit;
	size_t natural;        /* its widest cell or header */
	size_t least;          /* narrowest it may be */
	size_t comfort;        /* the width that keeps most cells whole */
};

static size_t longest_word(const char *s)
{
	size_t best = 0;
	while (s && *s) {
		size_t n = strcspn(s, " ");
		char *word = xstrndup(s, n);
		size_t w = width_of(word);
		free(word);
		if (w > best)
			best = w;
		s += n + (s[n] == ' ');
	}
	return best;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The width that keeps WRAP_SHARE_PERCENT of the column's cells whole. */
static size_t share_width(const struct qtable *t, size_t c)
{
	if (t->nrows == 0)
		return 0;
	size_t *w = xcalloc(t->nrows, sizeof(*w));
	for (size_t r = 0; r < t->nrows; r++)
		w[r] = width_of(qtable_get(t, r, c));
	qsort(w, t->nrows, sizeof(*w), cmp_size);
	size_t share = w[(t->nrows - 1) * WRAP_SHARE_PERCENT / 100];
	free(w);
	return share;
}

static void measure(const struct qtable *t, const struct output_layout *layout, size_t c,
		    size_t natural, struct column_room *room)
{
	room->fit = column_fit(layout, t->headers[c]);
	room->natural = natural;
	size_t head = width_of(t->headers[c]), share = share_width(t, c);
	if (room->fit.fit == FIT_WRAP) {
		size_t word = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			size_t lw = longest_word(qtable_get(t, r, c));
			word = lw > word ? lw : word;
		}
		room->least = word > head ? word : head;
		if (room->least < MIN_WRAP_WIDTH)
			room->least = MIN_WRAP_WIDTH;
		room->comfort = share > head ? share : head;
	} else if (room->fit.fit == FIT_CUT) {
		room->least = room->fit.min_width > 0 ? (size_t)room->fit.min_width : MIN_FIT_WIDTH;
		/* a long text (a quote) must not take the room of the names */
		room->comfort = share < 3 * room->least ? share : 3 * room->least;
	} else {
		room->least = room->comfort = natural;
	}
	if (room->least > natural)
		room->least = natural;
	if (room->comfort > natural)
		room->comfort = natural;
	if (room->comfort < room->least)
		room->comfort = room->least;
}

static size_t total_width(const size_t *widths, const bool *shown, size_t ncols)
{
	size_t total = 0, n = 0;
	for (size_t c = 0; c < ncols; c++)
		if (shown[c]) {
			total += widths[c];
			n++;
		}
	return total + (n ? 2 * (n - 1) : 0);
}

/* Leaves out columns, the highest drop first (the rightmost of equals),
 * until the others fit with the names at their comfortable width and the
 * cut columns at their narrowest. */
static void drop_columns(const struct column_room *room, struct table_style *ts, size_t ncols,
			 size_t width)
{
	for (size_t c = 0; c < ncols; c++)
		ts->widths[c] = room[c].fit.fit == FIT_WRAP ? room[c].comfort : room[c].least;
	while (total_width(ts->widths, ts->shown, ncols) > width) {
		size_t worst = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (ts->shown[c] && room[c].fit.drop > 0 &&
			    (worst == ncols || room[c].fit.drop >= room[worst].fit.drop))
				worst = c;
		if (worst == ncols)
			return;
		ts->shown[worst] = false;
	}
}

/* Narrows the widest name, one column at a time, down to its narrowest,
 * until the table fits. */
static void narrow_names(const struct column_room *room, struct table_style *ts, size_t ncols,
			 size_t width)
{
	while (total_width(ts->widths, ts->shown, ncols) > width) {
		size_t widest = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (ts->shown[c] && room[c].fit.fit == FIT_WRAP && ts->widths[c] > room[c].least &&
			    (widest == ncols || ts->widths[c] > ts->widths[widest]))
				widest = c;
		if (widest == ncols)
			return;
		ts->widths[widest]--;
	}
}

/* Widens the shown columns of the kind asked, one column at a time in
 * turn, each up to its goal, while there is room. */
static size_t widen(const struct column_room *room, struct table_style *ts, size_t ncols,
		    size_t left, enum output_fit kind, bool to_natural)
{
	bool grew = true;
	while (left > 0 && grew) {
		grew = false;
		for (size_t c = 0; c < ncols && left > 0; c++) {
			size_t goal = to_natural ? room[c].natural : room[c].comfort;
			if (ts->shown[c] && room[c].fit.fit == kind && ts->widths[c] < goal) {
				ts->widths[c]++;
				left--;
				grew = true;
			}
		}
	}
	return left;
}

/* Cut columns grow whole, the most useful (lowest drop) first, each up to
 * its comfortable width or its widest, so that the quote of a listing is
 * the one that stays short. */
static size_t widen_cut(const struct column_room *room, struct table_style *ts, size_t ncols,
			size_t left, bool to_natural)
{
	bool *done = xcalloc(ncols, sizeof(*done));
	for (;;) {
		size_t best = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (ts->shown[c] && !done[c] && room[c].fit.fit == FIT_CUT &&
			    (best == ncols || room[c].fit.drop < room[best].fit.drop))
				best = c;
		if (best == ncols)
			break;
		done[best] = true;
		size_t goal = to_natural ? room[best].natural : room[best].comfort;
		size_t more = goal > ts->widths[best] ? goal - ts->widths[best] : 0;
		more = more < left ? more : left;
		ts->widths[best] += more;
		left -= more;
	}
	free(done);
	return left;
}

/* Columns are left out (the layout's least useful first) until the rest fit
 * with the names at the width that keeps most of them whole, then names are
 * narrowed if they must. The room left goes to the names up to that width,
 * to the cut columns up to theirs (the most useful first), to the names up
 * to their longest, and last to the cut columns up to their longest. */
static void fit_layout(const struct qtable *t, const struct output_layout *layout,
		       const size_t *natural, size_t width, struct table_style *ts)
{
	struct column_room *room = xcalloc(t->ncols, sizeof(*room));
	for (size_t c = 0; c < t->ncols; c++) {
		measure(t, layout, c, natural[c], &room[c]);
		ts->wrap[c] = room[c].fit.fit == FIT_WRAP;
	}
	drop_columns(room, ts, t->ncols, width);
	narrow_names(room, ts, t->ncols, width);
	size_t used = total_width(ts->widths, ts->shown, t->ncols);
	if (used > width) {
		/* even the columns always shown do not fit: narrow the widest */
		fit_widths(ts->widths, ts->shown, t->ncols, width, 1);
	} else {
		size_t left = widen(room, ts, t->ncols, width - used, FIT_WRAP, false);
		left = widen_cut(room, ts, t->ncols, left, false);
		left = widen(room, ts, t->ncols, left, FIT_WRAP, true);
		widen_cut(room, ts, t->ncols, left, true);
	}
	free(room);
}

/* --- printing --- */

/* Prints at most width columns of s (followed by "…", or "..." in ASCII,
 * when cut); returns the
 * columns used. s is inert (output_print_fit): a control left would be
 * dropped, as text_width counts it no column. */
static size_t put_cell_text(FILE *fp, const char *s, size_t width, const struct table_style *ts)
{
	if (width == 0)
		return 0;
	bool cut = width_of(s) > width, bold_hits = ts->bold_hits;
	const char *mark = !ts->ascii ? "\xE2\x80\xA6" : width > 3 ? "..." : ".";
	size_t mark_w = strlen(mark) == 3 && ts->ascii ? 3 : 1;
	size_t budget = cut ? width - mark_w : width, used = 0;
	bool in_hit = false;
	while (s && *s) {
		if (*s == HIT_START || *s == HIT_END) {
			in_hit = *s == HIT_START;
			if (bold_hits)
				fputs(in_hit ? "\033[1m" : "\033[22m", fp);
			s++;
			continue;
		}
		uint32_t cp;
		size_t len = text_decode(s, 4, &cp);
		size_t w = (size_t)text_char_width(cp);
		if (used + w > budget)
			break;
		if (len == 1 && cp == 0xFFFD)
			fputs("\xEF\xBF\xBD", fp); /* an invalid byte */
		else if (!text_is_control(cp))
			fwrite(s, 1, len, fp);
		used += w;
		s += len;
	}
	if (bold_hits && in_hit)
		fputs("\033[22m", fp);
	if (cut) {
		fputs(mark, fp);
		used += mark_w;
	}
	return used;
}

static void pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

/* The lines of a name wrapped at spaces to width columns; a word wider than
 * that is broken where the width ends. NULL-terminated, owned. */
struct lines {
	char **line;           /* owned; each owned */
	size_t n, cap;
};

static void lines_push(struct lines *l, struct strbuf *sb)
{
	if (l->n + 2 > l->cap)
		l->line = xreallocarray(l->line, l->cap = l->cap ? 2 * l->cap : 4, sizeof(*l->line));
	l->line[l->n++] = strbuf_steal(sb);
	l->line[l->n] = NULL;
}

/* Appends a word wider than the width, a piece per line. */
static void break_word(struct lines *l, struct strbuf *sb, size_t *used, const char *word,
		       size_t width)
{
	while (*word) {
		uint32_t cp;
		size_t len = text_decode(word, 4, &cp);
		size_t w = (size_t)text_char_width(cp);
		if (*used && *used + w > width) {
			lines_push(l, sb);
			*used = 0;
		}
		strbuf_append(sb, word, len);
		*used += w;
		word += len;
	}
}

static char **wrap_name(const char *s, size_t width)
{
	struct lines l = {0};
	struct strbuf sb = {0};
	size_t used = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		if (n == 0) {
			s++;
			continue;
		}
		char *word = xstrndup(s, n);
		size_t w = width_of(word);
		if (used && used + 1 + w <= width) {
			strbuf_puts(&sb, " ");
			used++;
		} else if (used) {
			lines_push(&l, &sb);
			used = 0;
		}
		if (w <= width - used) {
			strbuf_puts(&sb, word);
			used += w;
		} else {
			break_word(&l, &sb, &used, word, width);
		}
		free(word);
		s += n;
	}
	lines_push(&l, &sb);
	return l.line;
}

static void put_cell(FILE *fp, const struct table_style *ts, size_t c, const char *v, bool last)
{
	size_t width = ts->widths[c];
	size_t room = ts->fitted ? width : (size_t)-1;   /* piped: whole */
	if (ts->numeric[c]) {
		size_t w = width_of(v);
		pad(fp, w < width ? width - w : 0);
		put_cell_text(fp, v, room, ts);
	} else {
		size_t used = put_cell_text(fp, v, room, ts);
		if (!last)
			pad(fp, used < width ? width - used : 0);
	}
	if (!last)
		fputs("  ", fp);
}

/* One row, on as many lines as its longest wrapped name takes. */
static void put_row(FILE *fp, const struct table_style *ts, size_t ncols,
		    const char *const *cells)
{
	char ***wrapped = xcalloc(ncols, sizeof(*wrapped));
	size_t height = 1, last = 0;
	for (size_t c = 0; c < ncols; c++) {
		if (!ts->shown[c])
			continue;
		last = c;
		if (ts->fitted && ts->wrap[c] && cells[c] && width_of(cells[c]) > ts->widths[c]) {
			wrapped[c] = wrap_name(cells[c], ts->widths[c]);
			size_t n = 0;
			while (wrapped[c][n])
				n++;
			height = n > height ? n : height;
		}
	}
	const char **v = xcalloc(ncols, sizeof(*v));
	for (size_t line = 0; line < height; line++) {
		size_t end = 0;   /* the last column with text on this line */
		for (size_t c = 0; c <= last; c++) {
			v[c] = line == 0 && cells[c] ? cells[c] : "";
			if (wrapped[c]) {
				size_t n = 0;
				while (n < line && wrapped[c][n])
					n++;
				v[c] = wrapped[c][n] ? wrapped[c][n] : "";
			}
			if (ts->shown[c] && *v[c])
				end = c;
		}
		for (size_t c = 0; c <= end; c++)
			if (ts->shown[c])
				put_cell(fp, ts, c, v[c], c == end);
		fputc('\n', fp);
	}
	free(v);
	for (size_t c = 0; c < ncols; c++) {
		for (size_t i = 0; wrapped[c] && wrapped[c][i]; i++)
			free(wrapped[c][i]);
		free(wrapped[c]);
	}
	free(wrapped);
}

static void print_table(FILE *fp, const struct qtable *t, const struct output_layout *layout,
			size_t width)
{
	if (t->ncols == 0)
		return;
	struct qtable shown;
	group_amounts(t, layout, &shown);
	struct table_style ts = {
		.widths = xcalloc(t->ncols, sizeof(size_t)),
		.numeric = xcalloc(t->ncols, sizeof(bool)),
		.wrap = xcalloc(t->ncols, sizeof(bool)),
		.shown = xcalloc(t->ncols, sizeof(bool)),
		.fitted = width > 0,
	};
	size_t *natural = xcalloc(t->ncols, sizeof(size_t));
	for (size_t c = 0; c < t->ncols; c++) {
		ts.numeric[c] = column_is_numeric(t, c);
		ts.shown[c] = true;
		natural[c] = width_of(shown.headers[c]);
		for (size_t r = 0; r < shown.nrows; r++) {
			size_t w = width_of(qtable_get(&shown, r, c));
			if (w > natural[c])
				natural[c] = w;
		}
		if (natural[c] > MAX_CELL_WIDTH)
			natural[c] = MAX_CELL_WIDTH;
		ts.widths[c] = natural[c];
	}
	if (width && layout)
		fit_layout(&shown, layout, natural, width, &ts);
	else if (width)
		fit_widths(ts.widths, ts.shown, t->ncols, width, MIN_FIT_WIDTH);
	ts.ascii = !text_locale_utf8();
	if (isatty(fileno(fp))) {
		const char *no_color = getenv("NO_COLOR");
		ts.bold_hits = !(no_color && *no_color);
	}
	put_row(fp, &ts, t->ncols, (const char *const *)shown.headers);
	for (size_t r = 0; r < shown.nrows; r++)
		put_row(fp, &ts, t->ncols, (const char *const *)shown.cells + r * t->ncols);
	qtable_free(&shown);
	free(natural);
	free(ts.widths);
	free(ts.numeric);
	free(ts.wrap);
	free(ts.shown);
}

/* --- prose wrapped to a width --------------------------------------------- */

/* Where the next piece goes: the column reached and whether it starts a line. */
struct wrap_state {
	FILE *fp;
	size_t col, indent, width;
	bool fresh;            /* nothing on the line yet (after the indent) */
};

static void wrap_newline(struct wrap_state *ws)
{
	fputc('\n', ws->fp);
	pad(ws->fp, ws->indent);
	ws->col = ws->indent;
	ws->fresh = true;
}

/* Puts piece (n bytes) after joiner, or on a new line when it does not fit. */
static void wrap_piece(struct wrap_state *ws, const char *joiner, const char *piece, size_t n)
{
	char *text = xstrndup(piece, n);
	size_t w = width_of(text), jw = ws->fresh ? 0 : width_of(joiner);
	if (!ws->fresh && ws->col + jw + w > ws->width) {
		wrap_newline(ws);
		jw = 0;
	}
	if (!ws->fresh)
		fputs(joiner, ws->fp);
	fputs(text, ws->fp);
	ws->col += jw + w;
	ws->fresh = false;
	free(text);
}

/* Puts an item of a list; one too long for a line of its own goes by words. */
static void wrap_item(struct wrap_state *ws, const char *sep, const char *item, size_t n)
{
	char *text = xstrndup(item, n);
	size_t w = width_of(text);
	free(text);
	size_t here = ws->col + (ws->fresh ? 0 : width_of(sep)) + w;
	if (here <= ws->width || (!ws->fresh && ws->indent + w <= ws->width)) {
		wrap_piece(ws, sep, item, n);
		return;
	}
	for (size_t i = 0; i < n;) {   /* by words, the first after sep */
		size_t k = i;
		while (k < n && item[k] != ' ')
			k++;
		if (k > i)
			wrap_piece(ws, i == 0 ? sep : " ", item + i, k - i);
		i = k + 1;
	}
}

void output_wrapped(FILE *fp, const char *text, const char *sep, size_t at, size_t indent,
		    size_t width)
{
	if (width == 0 || at + width_of(text) <= width) {
		fputs(text, fp);
		fputc('\n', fp);
		return;
	}
	struct wrap_state ws = { fp, at, indent, width, true };
	size_t seplen = strlen(sep);
	const char *p = text;
	while (*p) {
		const char *end = strstr(p, sep);
		size_t n = end ? (size_t)(end - p) : strlen(p);
		wrap_item(&ws, sep, p, n);
		p += n + (end ? seplen : 0);
	}
	fputc('\n', fp);
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


/* A JSON string: quote, backslash and control characters escaped, invalid
 * UTF-8 replaced by U+FFFD so the output always parses. */
static void put_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t len = 1;
		uint32_t cp;
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
		else if ((len = text_decode(s, 4, &cp)) == 1 && cp == 0xFFFD)
			fputs("\xEF\xBF\xBD", fp); /* an invalid byte */
		else if (text_is_control(cp)) /* valid in JSON (C1, bidi, separators), but a
		                               * terminal would act on it */
			fprintf(fp, "\\u%04x", (unsigned)cp);
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
		numeric[c] = column_is_numeric(t, c);
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

void output_make_inert(struct qtable *t)
{
	unsigned flags = INERT_MARKS | inert_locale_flags();
	for (size_t c = 0; c < t->ncols; c++)
		inert_replace(&t->headers[c], flags);
	/* a row's cells share one block (qtable_add_row): a row with anything
	 * to clean is added again, cleaned, and the table rebuilt */
	struct qtable clean;
	qtable_init(&clean, t->ncols, (const char *const *)t->headers);
	char **row = xcalloc(t->ncols ? t->ncols : 1, sizeof(*row));
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			row[c] = v && !inert_is_clean(v, flags) ? inert_dup(v, flags) : NULL;
		}
		const char **cells = xcalloc(t->ncols ? t->ncols : 1, sizeof(*cells));
		for (size_t c = 0; c < t->ncols; c++)
			cells[c] = row[c] ? row[c] : t->cells[r * t->ncols + c];
		qtable_add_row(&clean, cells);
		free(cells);
		for (size_t c = 0; c < t->ncols; c++)
			free(row[c]);
	}
	free(row);
	qtable_free(t);
	*t = clean;
}

void output_print(FILE *fp, const struct qtable *t, enum output_format fmt)
{
	output_print_fit(fp, t, fmt, NULL, output_width(fp));
}

void output_print_fit(FILE *fp, const struct qtable *t, enum output_format fmt,
		      const struct output_layout *layout, size_t width)
{
	struct qtable safe;
	switch (fmt) {
	case OUT_TABLE:
		inert_copy(t, INERT_MARKS | inert_locale_flags(), &safe);
		print_table(fp, &safe, layout, width);
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
