#include "config.h"

/* The tile map (M): the provincial-level regions as a grid of tiles in
 * their rough geographic places (the gazetteer's tile, abbr_zh and code),
 * each tile its one-character name (its two-letter code without UTF-8) and
 * a shade glyph for the aid it gave or received in the year shown, so that
 * it reads without colour. The selected tile is bracketed, its partners
 * starred (its recipients when it gives, its donors when it receives); a
 * side panel lists them with each pair's aid. The arrows move to the tile
 * in their direction, Y steps through the years, Enter opens the province
 * in the panes. Figures and shades are query_map's (src/query-map.c); the
 * view only places and formats them. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

#define TILE_W 6          /* mark, name (2), shade (2), mark */
#define TILE_PITCH 7      /* a blank between tiles */
#define PANEL_MIN 20      /* the side panel's least width */

struct map_view {
	int *years;           /* the years with aid, ascending */
	size_t nyears;
	long year_idx;        /* index into years, -1 for every year */
	struct qtable partners; /* of partners_of in the year shown */
	char *partners_of;    /* owned: whose partners are loaded, NULL for none */
	int partners_year;
	int nrows, ncols;     /* the grid's extent */
};

static struct map_view *mp(const struct view *v)
{
	return v->priv;
}

static int year_shown(const struct map_view *m)
{
	return m->year_idx < 0 ? 0 : m->years[m->year_idx];
}

static int cell_int(const struct view *v, size_t row, const char *col)
{
	const char *s = view_cell(v, row, col);
	return s ? atoi(s) : -1;
}

/* Loads the tiles for the year shown, the selection kept on its province. */
static enum status load_tiles(struct view_ctx *ctx, struct view *v)
{
	struct map_view *m = mp(v);
	struct qtable rows;
	enum status st = query_map(ctx->store, year_shown(m), &rows);
	if (st != ST_OK) {
		qtable_free(&rows);
		view_message(ctx, true, "%s", status_detail(st));
		return st;
	}
	view_replace_rows(v, &rows, "name");
	m->nrows = m->ncols = 0;
	for (size_t i = 0; i < v->rows->nrows; i++) {
		if (cell_int(v, i, "tile_row") + 1 > m->nrows)
			m->nrows = cell_int(v, i, "tile_row") + 1;
		if (cell_int(v, i, "tile_col") + 1 > m->ncols)
			m->ncols = cell_int(v, i, "tile_col") + 1;
	}
	return ST_OK;
}

/* The selected province's partners, loaded when the selection or the year
 * changed since the last draw. */
static void load_partners(struct view_ctx *ctx, struct view *v)
{
	struct map_view *m = mp(v);
	size_t row = list_selected(&v->list);
	const char *name = row == LIST_NONE ? NULL : view_cell(v, row, "name");
	if (name && m->partners_of && strcmp(name, m->partners_of) == 0 && m->partners_year == year_shown(m))
		return;
	qtable_free(&m->partners);   /* empty, as for no selection; the query sets it up */
	free(m->partners_of);
	m->partners_of = name ? xstrdup(name) : NULL;
	m->partners_year = year_shown(m);
	if (!name)
		return;
	enum status st = query_map_partners(ctx->store, name, year_shown(m), &m->partners);
	if (st != ST_OK)
		view_message(ctx, true, "%s", status_detail(st));
}

static bool is_partner(const struct map_view *m, const char *name)
{
	int c = qtable_col(&m->partners, "name");
	for (size_t i = 0; c >= 0 && name && i < m->partners.nrows; i++)
		if (str_cmp(qtable_get(&m->partners, i, (size_t)c), name) == 0)
			return true;
	return false;
}

static const char *tile_name(const struct view_ctx *ctx, const char *abbr, const char *code)
{
	return query_map_tile_name(abbr, code, ctx->utf8);
}

static const char *shade_glyph(const struct view_ctx *ctx, int shade)
{
	return query_map_shade_glyph(shade, ctx->utf8);
}

static void draw_tile(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, bool selected)
{
	struct map_view *m = mp(v);
	bool partner = is_partner(m, view_cell(v, row, "name"));
	attr_t a = selected ? ctx->attrs[ROLE_SELECT] : partner ? ctx->attrs[ROLE_HIT] : ctx->attrs[ROLE_NORMAL];
	draw_cell(w, selected ? "[" : partner ? "*" : " ", 1, false, a);
	draw_cell(w, tile_name(ctx, view_cell(v, row, "abbr_zh"), view_cell(v, row, "code")), 2, false, a);
	draw_cell(w, shade_glyph(ctx, cell_int(v, row, "shade")), 2, false, a);
	draw_cell(w, selected ? "]" : " ", 1, false, a);
}

/* A line of the side panel, cut to width. */
static void panel_line(WINDOW *w, int y, int x, int width, const char *text, bool utf8, attr_t a)
{
	wmove(w, y, x);
	draw_cell_cut(w, text, width, utf8, a);
}

static const char *year_text(const struct map_view *m, char *buf, size_t size)
{
	if (m->year_idx < 0)
		return "every year";
	snprintf(buf, size, "%d", year_shown(m));
	return buf;
}

/* One partner: its tile's name, its name, the pair's aid right-aligned. */
static void panel_partner(struct view_ctx *ctx, const struct map_view *m, size_t i, WINDOW *w, int y, int x,
			  int width)
{
	const struct qtable *p = &m->partners;
	char name[256], money[48] = "", *text;
	const char *yuan = qtable_get(p, i, 5);
	if (yuan)
		view_money(ctx, strtoll(yuan, NULL, 10), false, money, sizeof(money));
	text = xasprintf("%s %s", tile_name(ctx, qtable_get(p, i, 2), qtable_get(p, i, 3)),
			 view_name(ctx, qtable_get(p, i, 0), qtable_get(p, i, 1), name, sizeof(name)));
	int mw = text_width(money);
	wmove(w, y, x);
	draw_cell_cut(w, text, width - mw - 1 > 0 ? width - mw - 1 : width, ctx->utf8, ctx->attrs[ROLE_NORMAL]);
	if (width - mw - 1 > 0)
		draw_cell(w, money, mw + 1, true, ctx->attrs[ROLE_NORMAL]);
	free(text);
}

/* The side panel: the selected province, its year's aid, its partners. */
static void draw_panel(struct view_ctx *ctx, struct view *v, WINDOW *w, int y, int x, int height, int width)
{
	struct map_view *m = mp(v);
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE || width < 1)
		return;
	char name[256], money[48], yb[16], *line;
	attr_t n = ctx->attrs[ROLE_NORMAL];
	panel_line(w, y, x, width, view_name(ctx, view_cell(v, row, "name"), view_cell(v, row, "name_zh"), name,
					    sizeof(name)), ctx->utf8, ctx->attrs[ROLE_HEADING]);
	const char *role = view_cell(v, row, "role"), *aid = view_cell(v, row, "aid_yuan");
	if (aid && role)
		line = xasprintf("%s %s, %s", role, view_money(ctx, strtoll(aid, NULL, 10), false, money, sizeof(money)),
				 year_text(m, yb, sizeof(yb)));
	else
		line = xasprintf("no aid on record, %s", year_text(m, yb, sizeof(yb)));
	panel_line(w, y + 1, x, width, line, ctx->utf8, n);
	free(line);
	const char *side = view_cell(v, row, "side");
	bool gives = role ? strcmp(role, "gave") == 0 : side && strcmp(side, "east") == 0;
	size_t np = m->partners.nrows;
	line = xasprintf("%s (%zu, *):", np == 0 ? "No partners on record" : gives ? "Its recipients" : "Its donors", np);
	panel_line(w, y + 3, x, width, np ? line : "No partners on record", ctx->utf8, ctx->attrs[ROLE_HEADER]);
	free(line);
	int room = height - 4;
	for (size_t i = 0; i < np && (int)i < room; i++) {
		if ((int)i == room - 1 && np > (size_t)room) {
			line = xasprintf("... %zu more", np - i);
			panel_line(w, y + 4 + (int)i, x, width, line, ctx->utf8, ctx->attrs[ROLE_DIM]);
			free(line);
			break;
		}
		panel_partner(ctx, m, i, w, y + 4 + (int)i, x, width);
	}
}

/* The legend under the grid: what the marks and the shades say. */
static void draw_map_legend(struct view_ctx *ctx, struct view *v, WINDOW *w, int y, int x, int width)
{
	size_t row = list_selected(&v->list);
	const char *sel = row == LIST_NONE ? "??" : tile_name(ctx, view_cell(v, row, "abbr_zh"), view_cell(v, row, "code"));
	char *a = xasprintf("[%s] selected  *: its partners", sel);
	char *b = xasprintf("%s %s %s %s aid, by quarter; %s the most", shade_glyph(ctx, 1), shade_glyph(ctx, 2),
			    shade_glyph(ctx, 3), shade_glyph(ctx, 4), shade_glyph(ctx, 4));
	panel_line(w, y, x, width, a, ctx->utf8, ctx->attrs[ROLE_DIM]);
	panel_line(w, y + 1, x, width, b, ctx->utf8, ctx->attrs[ROLE_DIM]);
	free(a);
	free(b);
}

static void map_draw(struct view_ctx *ctx, struct view *v, WINDOW *w, int y, int x, int height, int width,
		     int *cy, int *cx)
{
	struct map_view *m = mp(v);
	load_partners(ctx, v);
	for (int i = 0; i < height; i++) {
		wmove(w, y + i, x);
		draw_spaces(w, width, ctx->attrs[ROLE_NORMAL]);
	}
	char yb[16], *head = xasprintf("Aid given or received, %s (Y: next year)", year_text(m, yb, sizeof(yb)));
	panel_line(w, y, x, width, head, ctx->utf8, ctx->attrs[ROLE_HEADER]);
	free(head);
	int grid_w = m->ncols * TILE_PITCH;
	int pitch = 1 + m->nrows * 2 + 2 <= height - 1 ? 2 : 1;
	if (grid_w > width || 1 + (m->nrows - 1) * pitch + 1 > height - 1) {
		panel_line(w, y + 1, x, width, "the map needs a larger terminal", ctx->utf8, ctx->attrs[ROLE_ERROR]);
		return;
	}
	size_t sel = list_selected(&v->list);
	for (size_t i = 0; i < v->rows->nrows; i++) {
		int ty = y + 2 + cell_int(v, i, "tile_row") * pitch, tx = x + cell_int(v, i, "tile_col") * TILE_PITCH;
		wmove(w, ty, tx);
		draw_tile(ctx, v, w, i, i == sel);
		if (i == sel) {
			*cy = ty;
			*cx = tx;
		}
	}
	int below = y + 2 + (m->nrows - 1) * pitch + 2;
	if (below + 1 < y + height)
		draw_map_legend(ctx, v, w, below, x, grid_w < width ? grid_w : width);
	if (width - grid_w - 1 >= PANEL_MIN)
		draw_panel(ctx, v, w, y + 2, x + grid_w + 1, height - 2, width - grid_w - 1);
}

/* The tile nearest in direction (dr, dc), within 45 degrees of it: the
 * nearest along it, then the nearest across it; row itself when there is
 * none that way (Right at the coast stays, never jumps a row). */
static size_t tile_toward(const struct view *v, size_t row, int dr, int dc)
{
	int r0 = cell_int(v, row, "tile_row"), c0 = cell_int(v, row, "tile_col");
	size_t best = row;
	int best_score = 0;
	for (size_t i = 0; i < v->rows->nrows; i++) {
		int r = cell_int(v, i, "tile_row") - r0, c = cell_int(v, i, "tile_col") - c0;
		int along = dr ? r * dr : c * dc, across = dr ? abs(c) : abs(r);
		if (along <= 0 || across > along)
			continue;
		int score = along + 2 * across;
		if (best == row || score < best_score) {
			best = i;
			best_score = score;
		}
	}
	return best;
}

static enum result move_tile(struct view *v, int dr, int dc)
{
	size_t row = list_selected(&v->list);
	if (row == LIST_NONE)
		return R_HANDLED;
	size_t to = tile_toward(v, row, dr, dc);
	if (to == row)
		return R_HANDLED;
	list_select_row(&v->list, to);
	return R_REDRAW;
}

static enum result next_year(struct view_ctx *ctx, struct view *v)
{
	struct map_view *m = mp(v);
	m->year_idx = m->year_idx + 1 >= (long)m->nyears ? -1 : m->year_idx + 1;
	load_tiles(ctx, v);
	char yb[16];
	view_message(ctx, false, "aid of %s", year_text(m, yb, sizeof(yb)));
	return R_REDRAW;
}

/* Enter: the province in the panes, its first partner selected. A
 * province without partners has no pair to open (a pair of it with
 * itself would read "Tibet -> Tibet"): the map stays and says so. */
static enum result map_enter(struct view_ctx *ctx, struct view *v)
{
	struct map_view *m = mp(v);
	size_t row = list_selected(&v->list);
	const char *name = row == LIST_NONE ? NULL : view_cell(v, row, "name");
	if (!name)
		return R_HANDLED;
	load_partners(ctx, v);
	if (m->partners.nrows == 0) {
		char buf[256];
		view_message(ctx, false, "%s: no partners on record, nothing to open",
			     view_name(ctx, name, view_cell(v, row, "name_zh"), buf, sizeof(buf)));
		return R_REDRAW;
	}
	const char *partner = qtable_get(&m->partners, 0, 0);
	bool donor = strcmp(qtable_get(&m->partners, 0, 4), "donor") == 0;
	return view_goto_pair(ctx, name, donor ? partner : name, donor ? name : partner);
}

static enum result map_action(struct view_ctx *ctx, struct view *v, enum action a)
{
	switch (a) {
	case ACT_MOVE_UP: return move_tile(v, -1, 0);
	case ACT_MOVE_DOWN: return move_tile(v, 1, 0);
	case ACT_TILE_LEFT: return move_tile(v, 0, -1);
	case ACT_TILE_RIGHT: return move_tile(v, 0, 1);
	case ACT_MAP_YEAR: return next_year(ctx, v);
	default: return R_UNHANDLED;
	}
}

static void map_free(struct view *v)
{
	struct map_view *m = mp(v);
	if (!m)
		return;
	qtable_free(&m->partners);
	free(m->partners_of);
	free(m->years);
	free(m);
}

const struct view_ops map_ops = {
	.name = "map",
	.hint = "arrows move  Y year  Enter panes  u unit  t names  M/q close",
	.draw = map_draw,
	.enter = map_enter,
	.action = map_action,
	.free = map_free,
	.no_filter = true,
};

static void load_years(struct view_ctx *ctx, struct map_view *m)
{
	struct qtable t;
	if (query_map_years(ctx->store, &t) == ST_OK && t.nrows) {
		m->years = xcalloc(t.nrows, sizeof(*m->years));
		for (size_t i = 0; i < t.nrows; i++)
			m->years[m->nyears++] = (int)qtable_int(&t, i, 0);
	}
	qtable_free(&t);
}

struct view *view_map_new(struct view_ctx *ctx, const char *select)
{
	struct view *v = view_new(&map_ops);
	struct map_view *m = xcalloc(1, sizeof(*m));
	m->year_idx = -1;
	qtable_init(&m->partners, 0, NULL);
	v->priv = m;
	v->title = xstrdup("map");
	load_years(ctx, m);
	if (load_tiles(ctx, v) != ST_OK)
		return v;
	/* the province asked for, else the first with aid, else the first */
	size_t first = LIST_NONE;
	for (size_t i = 0; select && first == LIST_NONE && i < v->rows->nrows; i++)
		if (str_cmp(view_cell(v, i, "name"), select) == 0)
			first = i;
	for (size_t i = 0; first == LIST_NONE && i < v->rows->nrows; i++)
		if (view_cell(v, i, "aid_yuan"))
			first = i;
	if (first == LIST_NONE && v->rows->nrows)
		first = 0;
	if (first != LIST_NONE)
		list_select_row(&v->list, first);
	return v;
}
