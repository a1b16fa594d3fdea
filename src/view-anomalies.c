#include "config.h"

/* What the importer corrected (misspellings it resolved) or could not
 * reconcile (totals that do not add up), each with its source. */

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

static enum status anomalies_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)v;
	(void)key;
	enum status st = query_anomalies(ctx->store, out);
	if (st == ST_NOT_FOUND)
		st = ST_OK;
	return st;
}

static void anomalies_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	char *title = xasprintf("%zu anomal%s found by the importer (Enter: source)", v->rows->nrows,
				v->rows->nrows == 1 ? "y" : "ies");
	draw_cell(w, title, width, false, ctx->attrs[ROLE_HEADER]);
	free(title);
}

static void anomalies_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	int kind_w = width >= 50 ? 16 : 0;
	draw_cell(w, view_cell(v, row, "kind"), kind_w, false, base | (base == ctx->attrs[ROLE_NORMAL] ? A_BOLD : 0));
	draw_cell(w, view_cell(v, row, "message"), width - kind_w, false, base);
}

const struct view_ops anomalies_ops = {
	.name = "anomalies",
	.hint = "Enter source  f filter  e export  q back  ? help",
	.load = anomalies_load,
	.header = anomalies_header,
	.draw_row = anomalies_draw_row,
	.enter = view_enter_source,
	.source = view_row_source,
	.no_cache = true,
};
