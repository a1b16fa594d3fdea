#include "config.h"

/* `pairoff map [--year Y]`: the browser's tile map (M) as text, for a
 * script or a report. The tiles stand in their grid places, each its short
 * name and a shade glyph of the aid it gave or received in the year, then
 * a legend of the shades and a key of the tiles with their figures. Tiles,
 * figures, shades and glyphs are query_map's (src/query-map.c), as the
 * browser draws them; nothing is reckoned here. The machine formats print
 * query_map's rows as they are. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/cli.h"
#include "pairoff/placename.h"
#include "pairoff/query.h"
#include "pairoff/store.h"
#include "pairoff/text.h"
#include "pairoff/util.h"

#define TILE_PITCH 7        /* as the browser: a mark, the name, the shade, a mark, a blank */
#define TILE_PITCH_NARROW 5 /* on a narrow terminal: the name, the shade, a blank */
#define MAP_WIDTH 80        /* piped output is laid out for a page this wide */
#define KEY_GAP 3           /* blanks between two columns of the key */
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* What the page needs besides the rows. */
struct map_page {
	const struct qtable *tiles;
	int year;               /* 0: every year */
	bool utf8;              /* Chinese tile names and block shades */
	enum names_mode names;
	enum money_unit unit;
	size_t width;           /* columns to fit */
};

static int take_year(void *data, const char *cmd, int c, const char *arg)
{
	(void)c;
	return cli_parse_year(cmd, "year", arg, data);
}

/* A year without aid would print an empty map: "nothing found" with the
 * years that have some. */
static enum status check_year(struct store *s, int year)
{
	struct qtable years;
	enum status st = query_map_years(s, &years);
	struct strbuf list = {0};
	bool found = false;
	for (size_t i = 0; st == ST_OK && i < years.nrows; i++) {
		found |= qtable_int(&years, i, 0) == year;
		strbuf_printf(&list, "%s%s", i ? ", " : "", qtable_get(&years, i, 0));
	}
	if (st == ST_OK && !found)
		st = status_set(ST_NOT_FOUND, "map: no aid on record in %d (years with aid: %s)", year,
				list.data ? list.data : "none");
	strbuf_free(&list);
	qtable_free(&years);
	return st;
}

static const char *cell(const struct qtable *t, size_t row, const char *col)
{
	int c = qtable_col(t, col);
	return c < 0 ? NULL : qtable_get(t, row, (size_t)c);
}

static int cell_int(const struct qtable *t, size_t row, const char *col)
{
	const char *s = cell(t, row, col);
	return s ? atoi(s) : 0;
}

static int grid_cols(const struct qtable *t)
{
	int n = 0;
	for (size_t i = 0; i < t->nrows; i++)
		if (cell_int(t, i, "tile_col") + 1 > n)
			n = cell_int(t, i, "tile_col") + 1;
	return n;
}

static const char *tile_name(const struct map_page *p, size_t row)
{
	return query_map_tile_name(cell(p->tiles, row, "abbr_zh"), cell(p->tiles, row, "code"), p->utf8);
}

/* The grid, a line per row of tiles and a blank line between, as the
 * browser lays it out (tile row r on line 2r, a row without tiles blank);
 * the rows come sorted by tile_row, tile_col. */
static void print_grid(const struct map_page *p, int pitch)
{
	const struct qtable *t = p->tiles;
	int mark = pitch == TILE_PITCH;   /* the blank where the browser marks a tile */
	int lines = 0;
	for (size_t i = 0; i < t->nrows; ) {
		int row = cell_int(t, i, "tile_row"), at = 0;
		struct strbuf line = {0};
		for (; i < t->nrows && cell_int(t, i, "tile_row") == row; i++) {
			int x = cell_int(t, i, "tile_col") * pitch + mark;
			strbuf_printf(&line, "%*s%s%s", x > at ? x - at : 0, "", tile_name(p, i),
				      query_map_shade_glyph(cell_int(t, i, "shade"), p->utf8));
			at = x + 4;
		}
		while (line.len && line.data[line.len - 1] == ' ')   /* a tile without aid */
			line.data[--line.len] = '\0';
		for (; lines < 2 * row; lines++)
			putchar('\n');
		printf("%s\n", line.data ? line.data : "");
		lines++;
		strbuf_free(&line);
	}
}

/* "░░ to 45,400,000": each shade with the largest figure among its tiles,
 * read off the rows. */
static void print_shades(const struct map_page *p)
{
	struct strbuf sb = {0};
	strbuf_puts(&sb, "Shades, by quarter of the tiles with aid:");
	for (int shade = 1; shade <= 4; shade++) {
		long long top = -1;
		for (size_t i = 0; i < p->tiles->nrows; i++)
			if (cell_int(p->tiles, i, "shade") == shade && cell(p->tiles, i, "aid_yuan"))
				top = MAX(top, qtable_int(p->tiles, i, (size_t)qtable_col(p->tiles, "aid_yuan")));
		char money[48];
		if (top >= 0)
			strbuf_printf(&sb, "  %s to %s", query_map_shade_glyph(shade, p->utf8),
				      money_format_fixed(top, p->unit, money, sizeof(money)));
	}
	strbuf_printf(&sb, "  (%s)", money_unit_name(p->unit));
	output_wrapped(stdout, sb.data, "  ", 0, 2, p->width);
	strbuf_free(&sb);
}

/* One entry of the key: "沪 Shanghai  gave 534,800,000". */
struct key_entry {
	char *name;       /* owned: the tile's name and the place's */
	const char *role; /* "gave" or "received", query_map's */
	long long aid_yuan;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key_entry *x = a, *y = b;
	if (x->aid_yuan != y->aid_yuan)
		return x->aid_yuan < y->aid_yuan ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* The tiles with aid, the most first. */
static size_t key_entries(const struct map_page *p, struct key_entry **out)
{
	const struct qtable *t = p->tiles;
	struct key_entry *e = xcalloc(t->nrows ? t->nrows : 1, sizeof(*e));
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const char *aid = cell(t, i, "aid_yuan"), *role = cell(t, i, "role");
		if (!aid || !role)
			continue;
		char shown[256];
		e[n].name = xasprintf("%s %s", tile_name(p, i),
				      placename_shown(p->names, p->utf8, cell(t, i, "name"),
						      cell(t, i, "name_zh"), shown, sizeof(shown)));
		e[n].role = role;
		e[n].aid_yuan = strtoll(aid, NULL, 10);
		n++;
	}
	qsort(e, n, sizeof(*e), cmp_key);
	*out = e;
	return n;
}

/* The key in as many columns as fit, filled down: the names, the roles and
 * the figures each in a column as wide as its widest. */
static void print_key(const struct map_page *p)
{
	struct key_entry *e;
	size_t n = key_entries(p, &e), name_w = 0, role_w = 0, fig_w = 0;
	char money[48];
	for (size_t i = 0; i < n; i++) {
		name_w = MAX(name_w, (size_t)text_width(e[i].name));
		role_w = MAX(role_w, strlen(e[i].role));
		fig_w = MAX(fig_w, strlen(money_format_fixed(e[i].aid_yuan, p->unit, money, sizeof(money))));
	}
	size_t entry_w = name_w + 1 + role_w + 1 + fig_w;
	size_t ncols = MAX((size_t)1, (p->width + KEY_GAP) / (entry_w + KEY_GAP));
	size_t nlines = (n + ncols - 1) / ncols;
	if (n) {
		char *head = xasprintf("Aid given or received (%s), the most first:", money_unit_name(p->unit));
		putchar('\n');
		output_wrapped(stdout, head, " ", 0, 2, p->width);
		free(head);
	}
	for (size_t line = 0; line < nlines; line++) {
		for (size_t c = 0; c < ncols && line + c * nlines < n; c++) {
			const struct key_entry *k = &e[line + c * nlines];
			if (entry_w > p->width) {   /* too narrow: the figure under the name */
				printf("%s\n  %s %s", k->name, k->role,
				       money_format_fixed(k->aid_yuan, p->unit, money, sizeof(money)));
				continue;
			}
			printf("%*s%s%*s %-*s %*s", c ? KEY_GAP : 0, "", k->name,
			       (int)(name_w - (size_t)text_width(k->name)), "", (int)role_w, k->role, (int)fig_w,
			       money_format_fixed(k->aid_yuan, p->unit, money, sizeof(money)));
		}
		putchar('\n');
	}
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

/* The tiles without aid, by name, so that every tile of the grid is told. */
static void print_no_aid(const struct map_page *p)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < p->tiles->nrows; i++) {
		if (cell(p->tiles, i, "aid_yuan"))
			continue;
		char shown[256];
		strbuf_printf(&sb, "%s%s %s", sb.data ? ", " : "No aid on record: ", tile_name(p, i),
			      placename_shown(p->names, p->utf8, cell(p->tiles, i, "name"),
					      cell(p->tiles, i, "name_zh"), shown, sizeof(shown)));
	}
	if (sb.data) {
		putchar('\n');
		output_wrapped(stdout, sb.data, ", ", 0, 2, p->width);
	}
	strbuf_free(&sb);
}

static void print_map(const struct map_page *p)
{
	int ncols = grid_cols(p->tiles);
	int pitch = (size_t)(ncols * TILE_PITCH) <= p->width ? TILE_PITCH : TILE_PITCH_NARROW;
	char *head = p->year ? xasprintf("Aid given or received, %d", p->year)
			     : xstrdup("Aid given or received, every year");
	output_wrapped(stdout, head, " ", 0, 2, p->width);
	free(head);
	putchar('\n');
	if ((size_t)(ncols * pitch) <= p->width + 1) {
		print_grid(p, pitch);
	} else {
		head = xasprintf("(the map needs %d columns; the tiles:)", ncols * pitch - 1);
		output_wrapped(stdout, head, " ", 0, 2, p->width);
		free(head);
	}
	printf("\n");
	print_shades(p);
	print_key(p);
	print_no_aid(p);
}

int cli_cmd_map(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	int year = 0;
	int code = cli_parse_options(argc, argv, ":y:", longopts, take_year, &year, 0);
	if (code)
		return code;
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	if (st != ST_OK)
		return cli_fail(st);
	struct qtable t;
	st = year ? check_year(s, year) : ST_OK;
	if (st != ST_OK) {
		store_close(s);
		return cli_fail(st);
	}
	st = query_map(s, year, &t);
	store_close(s);
	if (st == ST_OK && t.nrows == 0)
		st = status_set(ST_NOT_FOUND, "map: no region has a tile (the gazetteer's tile key)");
	if (st != ST_OK) {
		qtable_free(&t);
		return cli_fail(st);
	}
	if (ctx->format == OUT_TABLE) {
		output_make_inert(&t);   /* the page is printed with printf */
		size_t width = output_width(stdout);
		struct map_page p = { &t, year, text_locale_utf8(), ctx->settings.names,
				      ctx->settings.unit, width ? width : MAP_WIDTH };
		print_map(&p);
	} else {
		output_print(stdout, &t, ctx->format);
	}
	qtable_free(&t);
	return cli_finish_output();
}
