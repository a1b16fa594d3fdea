#include "config.h"

/* Deep links (pairoff --at PATH, [ui] start_at, Ctrl-G): a path names a
 * spot of the browser as the panes show it, so that a look-up made in the
 * shell opens at the same spot and a spot found in the browser can be
 * pasted into a shell (less's +N, Datasette's URL per view):
 *
 *   PROVINCE                       the provinces pane, that row
 *   PROVINCE/PARTNER               the partners pane, that partner province
 *   PROVINCE/DONOR->RECIPIENT      the partners pane, that pair of places
 *   PROVINCE/PARTNER/YEAR          the funds pane of that pair, that year
 *   PLACE                          a place's own screen ("Wushan County
 *                                  (Chongqing)"), when it is no province
 *
 * Names are taken as the look-ups take them (src/query-facts.c: aliases,
 * case, apostrophes, "(PROVINCE)" qualifiers), and a name that is no such
 * row says so with the look-up's message before anything is drawn. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/at.h"
#include "pairoff/browser.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

#define AT_PARTS 3
#define PAIR_ARROW "->"

void at_target_free(struct at_target *at)
{
	free(at->province);
	free(at->partner);
	free(at->donor);
	free(at->recipient);
	free(at->place);
	memset(at, 0, sizeof(*at));
}

static bool cell_is(const struct qtable *q, size_t row, const char *col, const char *value)
{
	int c = qtable_col(q, col);
	const char *s = c < 0 ? NULL : qtable_get(q, row, (size_t)c);
	return s && value && strcmp(s, value) == 0;
}

static const char *cell(const struct qtable *q, size_t row, const char *col)
{
	int c = qtable_col(q, col);
	return c < 0 ? NULL : qtable_get(q, row, (size_t)c);
}

/* The row of q whose col is name as written, else as the look-ups resolve
 * it (an alias, another case); LIST_NONE with *st the look-up's status. */
static size_t find_named(struct store *s, const struct qtable *q, const char *col, const char *kind,
			 const char *name, enum status *st)
{
	*st = ST_OK;
	for (int pass = 0; pass < 2; pass++) {
		char *canonical = NULL;
		if (pass == 1 && (*st = query_region_resolve(s, name, &canonical)) != ST_OK)
			return LIST_NONE;
		for (size_t r = 0; r < q->nrows; r++)
			if ((!kind || cell_is(q, r, "kind", kind)) && cell_is(q, r, col, pass ? canonical : name)) {
				free(canonical);
				return r;
			}
		free(canonical);
	}
	return LIST_NONE;
}

/* The first part: a row of the provinces pane, else one place's screen. */
static enum status resolve_first(struct store *s, const char *name, bool alone, struct at_target *out)
{
	struct qtable provinces, places;
	enum status st = query_pane_provinces(s, false, NULL, &provinces);
	if (st != ST_OK)
		return st;
	size_t row = find_named(s, &provinces, "name", NULL, name, &st);
	if (row != LIST_NONE)
		out->province = xstrdup(cell(&provinces, row, "name"));
	qtable_free(&provinces);
	if (row != LIST_NONE)
		return ST_OK;
	if (st != ST_OK && st != ST_NOT_FOUND)
		return st;   /* several places share the name: the look-up lists them */
	st = query_region_places(s, name, NULL, &places);
	if (st == ST_OK && places.nrows > 1) {
		char *canonical = NULL;
		st = query_region_resolve(s, name, &canonical);   /* its message lists the namesakes */
		free(canonical);
	}
	if (st == ST_OK && !alone)
		st = status_set(ST_NOT_FOUND, "%s is no province of the provinces pane: a place opens "
				"alone (--at '%s')", cell(&places, 0, "label"), cell(&places, 0, "label"));
	if (st == ST_OK)
		out->place = xstrdup(cell(&places, 0, "label"));
	qtable_free(&places);
	return st;
}

/* "A, B, C" of col over the rows of kind (for a message). Owned. */
static char *names_of(const struct qtable *q, const char *col, const char *kind)
{
	struct strbuf sb = {0};
	for (size_t r = 0; r < q->nrows; r++)
		if (!kind || cell_is(q, r, "kind", kind))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", cell(q, r, col));
	return sb.data ? strbuf_steal(&sb) : xstrdup("none");
}

/* A pair row "DONOR->RECIPIENT" among the partners pane's rows. */
static size_t pair_row(struct store *s, const struct qtable *q, const char *text, enum status *st)
{
	const char *arrow = strstr(text, PAIR_ARROW);
	char *donor = str_trim(xstrndup(text, (size_t)(arrow - text)));
	char *recipient = str_trim(xstrdup(arrow + strlen(PAIR_ARROW)));
	char *d = NULL, *r = NULL;
	size_t found = LIST_NONE;
	for (size_t i = 0; i < q->nrows && found == LIST_NONE; i++)
		if (cell_is(q, i, "donor", donor) && cell_is(q, i, "recipient", recipient))
			found = i;
	*st = ST_OK;
	if (found == LIST_NONE && (*st = query_region_resolve(s, donor, &d)) == ST_OK &&
	    (*st = query_region_resolve(s, recipient, &r)) == ST_OK)
		for (size_t i = 0; i < q->nrows && found == LIST_NONE; i++)
			if (cell_is(q, i, "donor", d) && cell_is(q, i, "recipient", r))
				found = i;
	free(donor);
	free(recipient);
	free(d);
	free(r);
	return found;
}

/* The second part: a partner province, or a pair of places under it. */
static enum status resolve_partner(struct store *s, const char *name, struct at_target *out)
{
	struct qtable rows;
	enum status st = query_pane_partners(s, out->province, false, &rows);
	if (st != ST_OK)
		return st;
	size_t row = strstr(name, PAIR_ARROW) ? pair_row(s, &rows, name, &st)
		   : find_named(s, &rows, "partner", "partner", name, &st);
	if (st == ST_OK && row == LIST_NONE) {
		char *partners = names_of(&rows, "partner", "partner");
		st = strstr(name, PAIR_ARROW) ?
			status_set(ST_NOT_FOUND, "%s: no pair '%s' in its partners pane", out->province, name) :
			status_set(ST_NOT_FOUND, "%s has no partner '%s' (its partners: %s)", out->province,
				   name, partners);
		free(partners);
	}
	if (st == ST_OK) {
		out->partner = xstrdup(cell(&rows, row, "partner"));
		out->donor = xstrdup(cell(&rows, row, "donor"));
		out->recipient = xstrdup(cell(&rows, row, "recipient"));
	}
	qtable_free(&rows);
	return st;
}

/* Whether a funds row stands in a year (not with the span and cumulative
 * figures at the end). */
static bool in_year(const struct qtable *q, size_t row)
{
	return cell(q, row, "year") && !cell_is(q, row, "section", "span") &&
	       !cell_is(q, row, "section", "cumulative");
}

/* The third part: a year of the pair's funds pane. */
static enum status resolve_year(struct store *s, const char *text, struct at_target *out)
{
	char *end;
	long year = strtol(text, &end, 10);
	if (*end || end == text || year < 1000 || year > 9999)
		return status_set(ST_USAGE, "'%s' is no year (the third part of a path is a year: "
				  "Zhejiang/Sichuan/2009)", text);
	struct qtable rows;
	enum status st = query_pane_funds(s, out->donor, out->recipient, &rows);
	if (st != ST_OK)
		return st;
	struct strbuf years = {0};
	long last = 0;
	for (size_t r = 0; r < rows.nrows; r++) {
		long y = in_year(&rows, r) ? strtol(cell(&rows, r, "year"), NULL, 10) : 0;
		if (y == year)
			out->year = (int)year;
		else if (y && y != last)
			strbuf_printf(&years, "%s%ld", years.len ? ", " : "", y);
		last = y ? y : last;
	}
	if (!out->year)
		st = status_set(ST_NOT_FOUND, "%s \u2192 %s has nothing in %ld (its years: %s)", out->donor,
				out->recipient, year, years.data ? years.data : "none");
	strbuf_free(&years);
	qtable_free(&rows);
	return st;
}

enum status at_resolve(struct store *s, const char *path, struct at_target *out)
{
	memset(out, 0, sizeof(*out));
	char *parts[AT_PARTS + 1] = { 0 }, *copy = xstrdup(path);
	size_t n = 0;
	for (char *p = copy, *slash; p && n <= AT_PARTS; p = slash ? slash + 1 : NULL) {
		slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		parts[n++] = str_trim(p);
	}
	enum status st = ST_OK;
	if (n > AT_PARTS)
		st = status_set(ST_USAGE, "'%s': a path has at most three parts (Zhejiang/Sichuan/2009)", path);
	for (size_t i = 0; st == ST_OK && i < n; i++)
		if (!*parts[i])
			st = status_set(ST_USAGE, "'%s': an empty part (a path reads Zhejiang/Sichuan/2009)", path);
	if (st == ST_OK)
		st = resolve_first(s, parts[0], n == 1, out);
	if (st == ST_OK && n >= 2)
		st = resolve_partner(s, parts[1], out);
	if (st == ST_OK && n >= 3)
		st = resolve_year(s, parts[2], out);
	free(copy);
	if (st != ST_OK)
		at_target_free(out);
	return st;
}

/* --- applying a path and making one ------------------------------------------- */

/* Selects in v the first row matching (col, value) and, when given,
 * (col2, value2); false when none is visible. */
static bool select_where(struct view *v, const char *col, const char *value, const char *col2,
			 const char *value2)
{
	for (size_t r = 0; r < v->rows->nrows; r++)
		if (cell_is(v->rows, r, col, value) && (!col2 || cell_is(v->rows, r, col2, value2)) &&
		    list_select_row(&v->list, r))
			return true;
	return false;
}

/* The year's own row, else its first (a year with counts only). */
static void select_year(struct view *v, int year)
{
	char text[16];
	snprintf(text, sizeof(text), "%d", year);
	if (!select_where(v, "row", "year", "year", text))
		for (size_t r = 0; r < v->rows->nrows; r++)
			if (in_year(v->rows, r) && cell_is(v->rows, r, "year", text) && list_select_row(&v->list, r))
				break;
}

bool at_select(struct view *const column[3], const struct at_target *at, int pane)
{
	switch (pane) {
	case 0:
		select_where(column[0], "name", at->province, NULL, NULL);
		return true;
	case 1:
		if (!at->partner)
			return false;
		select_where(column[1], "donor", at->donor, "recipient", at->recipient);
		return true;
	case 2:
		if (!at->year)
			return false;
		select_year(column[2], at->year);
		return true;
	default:
		return false;
	}
}

/* The path part of the partners pane's selected row. */
static void partner_part(const struct view *v, size_t row, struct strbuf *sb)
{
	if (cell_is(v->rows, row, "kind", "partner"))
		strbuf_printf(sb, "/%s", view_cell(v, row, "partner"));
	else
		strbuf_printf(sb, "/%s%s%s", view_cell(v, row, "donor"), PAIR_ARROW, view_cell(v, row, "recipient"));
}

/* The topmost place screen open, or NULL. */
static const struct view *place_open(const struct tui *t)
{
	for (int i = t->depth - 1; i >= 0; i--)
		if (t->stack[i]->ops == &place_ops)
			return t->stack[i];
	return NULL;
}

char *at_path(struct tui *t)
{
	const struct view *place = place_open(t);
	if (place && place->key)
		return xstrdup(place->key);
	struct strbuf sb = {0};
	size_t row = list_selected(&t->column[0]->list);
	if (row == LIST_NONE)
		return xstrdup("");
	strbuf_puts(&sb, view_cell(t->column[0], row, "name"));
	struct view *partners = t->column[1], *funds = t->column[2];
	row = list_selected(&partners->list);
	if (t->focus >= 1 && row != LIST_NONE && view_cell(partners, row, "donor")) {
		partner_part(partners, row, &sb);
		row = list_selected(&funds->list);
		if (t->focus == 2 && row != LIST_NONE && in_year(funds->rows, row))
			strbuf_printf(&sb, "/%s", view_cell(funds, row, "year"));
	}
	return strbuf_steal(&sb);
}
