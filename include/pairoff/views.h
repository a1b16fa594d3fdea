#ifndef PAIROFF_VIEWS_H
#define PAIROFF_VIEWS_H

/* The views (src/view-*.c), each a table of callbacks over the view engine
 * (pairoff/view.h), and the constructors of those opened with an argument. */

#include "pairoff/view.h"

extern const struct view_ops provinces_ops, partners_ops, funds_ops, source_ops, search_ops,
	help_ops, anomalies_ops, sources_ops, place_ops, matrix_ops, map_ops;

/* The source view of ref and the search results of query (src/view-source.c,
 * src/view-search.c); NULL with a message on ctx when there is nothing to show. */
struct view *view_source_new(struct view_ctx *ctx, const struct source_ref *ref);
/* Marks words (a phrase: "east west" marks "East-West" too) wherever they
 * occur in source view v; prefix: the last word may go on. Returns how many
 * times they occur on the line the view opened at. */
size_t view_source_mark(struct view *v, const char *words, bool prefix);
struct view *view_search_new(struct view_ctx *ctx, const char *query);
/* The statements of one money flow to pick from (src/view-sources.c):
 * all_sources is the query's "report:line report:line ..." of the flow,
 * quote the span to highlight in each, what the header line saying which
 * money they state. NULL when all_sources names no statement. */
struct view *view_sources_new(struct view_ctx *ctx, const char *all_sources, const char *quote,
			      const char *what);
/* The screen of one place (src/view-place.c): name any spelling or a
 * qualified label ("Wushan County (Chongqing)"). NULL with a message on ctx
 * when it names no place or several. */
struct view *view_place_new(struct view_ctx *ctx, const char *name);
/* The comparison matrix (src/view-matrix.c): aid per donor and year to
 * start with; never NULL (a failed load says so on ctx). */
struct view *view_matrix_new(struct view_ctx *ctx);
/* The tile map of the provincial-level regions (src/view-map.c), the
 * province select selected (NULL: the first with aid); never NULL. */
struct view *view_map_new(struct view_ctx *ctx, const char *select);
#endif
