#include "config.h"

/* The third column: funds for the selected pair by year. A year row carries
 * the year's total (counted once: the figures naming the recipient itself
 * per category, see year_total) and a bar; the figures themselves
 * follow, by category, each with its source. Multi-year totals get their own
 * "from-to" rows, marked as spans and kept out of the bars' scale. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/view.h"

enum { F_YEAR, F_FROM, F_CATEGORY, F_AMOUNT, F_APPROX, F_DONOR, F_RECIPIENT, F_TOP, F_REPORT,
       F_LINE, F_QUOTE };

static const char *const funds_headers[] = { "kind", "label", "year", "from_year", "category",
	"amount_yuan", "approx", "donor", "recipient", "report", "line", "quote", "group",
	"group_total", "span", "by_category" };

/* Columns of funds_headers, for the per-row calls of sorting (a lookup by
 * name per cell was a third of sorting 2,000 rows). */
enum { O_KIND, O_GROUP = 12, O_GROUP_TOTAL = 13 };

#define MAX_CATEGORIES 8

static long long cell_ll(const struct qtable *q, size_t row, size_t col)
{
	const char *s = qtable_get(q, row, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

static bool same_year_group(const struct qtable *q, size_t a, size_t b)
{
	const char *ya = qtable_get(q, a, F_YEAR), *yb = qtable_get(q, b, F_YEAR);
	const char *fa = qtable_get(q, a, F_FROM), *fb = qtable_get(q, b, F_FROM);
	fa = fa ? fa : ya;
	fb = fb ? fb : yb;
	return ((!ya && !yb) || (ya && yb && strcmp(ya, yb) == 0)) &&
	       ((!fa && !fb) || (fa && fb && strcmp(fa, fb) == 0));
}

struct year_total {
	long long amount;
	bool approx;
	size_t first;   /* the largest counted fact: the year row's source */
	struct {
		const char *name;   /* borrowed from the query's table */
		long long amount;
	} cats[MAX_CATEGORIES]; /* what each category adds to amount */
	int ncats;
};

static bool is_planned(const struct qtable *q, size_t i)
{
	const char *c = qtable_get(q, i, F_CATEGORY);
	return c && strcmp(c, "planned") == 0;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Counts fact i toward yt. */
static void count_fact(struct year_total *yt, const struct qtable *q, size_t i)
{
	yt->amount = money_add(yt->amount, cell_ll(q, i, F_AMOUNT));
	yt->approx |= cell_ll(q, i, F_APPROX) != 0;
	const char *cat = qtable_get(q, i, F_CATEGORY);
	int c = 0;
	while (c < yt->ncats && !same_text(yt->cats[c].name, cat))
		c++;
	if (c == yt->ncats && c < MAX_CATEGORIES)
		yt->cats[yt->ncats++].name = cat;
	if (c < MAX_CATEGORIES)
		yt->cats[c].amount = money_add(yt->cats[c].amount, cell_ll(q, i, F_AMOUNT));
	if (yt->first == LIST_NONE || cell_ll(q, i, F_AMOUNT) > cell_ll(q, yt->first, F_AMOUNT))
		yt->first = i;
}

/* The facts of one year group, read once into numbers: counting a year
 * compares facts by category, recipient and top flag, and a group holds
 * hundreds of facts at 1,000 reports (comparing the strings pair by pair
 * was a fifth of the first screen's CPU time at 1,000 reports). A class is
 * the offset of the first fact of the group with the same values, so a
 * fact is the first of its class when its class is itself. */
struct group_facts {
	size_t n;
	long long *amount;   /* owned; per fact */
	size_t *cat;         /* owned; class by category */
	size_t *cat_top;     /* owned; class by category and top flag */
	size_t *place;       /* owned; class by category, recipient and top flag */
	bool *top;           /* owned; the fact names the recipient itself */
};

/* The class of fact i among reps[0..*nreps) (facts of the group, offsets
 * from from) by same(); a new class (i itself) is appended to reps. */
static size_t fact_class(size_t *reps, size_t *nreps, size_t i,
			 bool (*same)(const struct qtable *, const struct group_facts *, size_t, size_t, size_t),
			 const struct qtable *q, const struct group_facts *g, size_t from)
{
	for (size_t r = 0; r < *nreps; r++)
		if (same(q, g, from, reps[r], i))
			return reps[r];
	reps[(*nreps)++] = i;
	return i;
}

static bool same_cat(const struct qtable *q, const struct group_facts *g, size_t from, size_t a, size_t b)
{
	(void)g;
	return same_text(qtable_get(q, from + a, F_CATEGORY), qtable_get(q, from + b, F_CATEGORY));
}

static bool same_cat_top(const struct qtable *q, const struct group_facts *g, size_t from, size_t a,
			 size_t b)
{
	(void)q;
	(void)from;
	return g->cat[a] == g->cat[b] && g->top[a] == g->top[b];
}

static bool same_place(const struct qtable *q, const struct group_facts *g, size_t from, size_t a,
		       size_t b)
{
	return g->cat_top[a] == g->cat_top[b] &&
	       same_text(qtable_get(q, from + a, F_RECIPIENT), qtable_get(q, from + b, F_RECIPIENT));
}

static void group_facts_read(struct group_facts *g, const struct qtable *q, size_t from, size_t to)
{
	size_t n = to - from;
	g->n = n;
	g->amount = xcalloc(n, sizeof(*g->amount));
	g->cat = xcalloc(n, sizeof(*g->cat));
	g->cat_top = xcalloc(n, sizeof(*g->cat_top));
	g->place = xcalloc(n, sizeof(*g->place));
	g->top = xcalloc(n, sizeof(*g->top));
	size_t *reps = xcalloc(3 * n + 1, sizeof(*reps));   /* the three class lists */
	size_t ncat = 0, ncat_top = 0, nplace = 0;
	for (size_t i = 0; i < n; i++) {
		g->amount[i] = cell_ll(q, from + i, F_AMOUNT);
		g->top[i] = cell_ll(q, from + i, F_TOP) != 0;
		g->cat[i] = fact_class(reps, &ncat, i, same_cat, q, g, from);
	}
	for (size_t i = 0; i < n; i++)
		g->cat_top[i] = fact_class(reps + ncat, &ncat_top, i, same_cat_top, q, g, from);
	for (size_t i = 0; i < n; i++)
		g->place[i] = fact_class(reps + ncat + ncat_top, &nplace, i, same_place, q, g, from);
	free(reps);
}

static void group_facts_free(struct group_facts *g)
{
	free(g->amount);
	free(g->cat);
	free(g->cat_top);
	free(g->place);
	free(g->top);
}

/* best[c] for every class c of cls: its largest fact (the first of equal
 * ones), or LIST_NONE for an offset that is no class. */
static size_t *largest_of_classes(const struct group_facts *g, const size_t *cls)
{
	size_t *best = xcalloc(g->n ? g->n : 1, sizeof(*best));
	for (size_t i = 0; i < g->n; i++)
		best[i] = LIST_NONE;
	for (size_t i = 0; i < g->n; i++)
		if (best[cls[i]] == LIST_NONE || g->amount[i] > g->amount[best[cls[i]]])
			best[cls[i]] = i;
	return best;
}

/* tops[c] for every category class c: its top-flagged class, or LIST_NONE. */
static size_t *top_classes(const struct group_facts *g)
{
	size_t *tops = xcalloc(g->n ? g->n : 1, sizeof(*tops));
	for (size_t i = 0; i < g->n; i++)
		tops[i] = LIST_NONE;
	for (size_t i = 0; i < g->n; i++)
		if (g->top[i])
			tops[g->cat[i]] = g->cat_top[i];
	return tops;
}

/* A year counted once: per category, the largest figure naming the
 * recipient itself (the reports repeat a headline figure and break it down
 * into parts, which must not be added to it); for a category with no such
 * figure, the largest figure of each place under it, added up. Planned
 * figures count only when nothing else is on record. */
static struct year_total year_total(const struct qtable *q, size_t from, size_t to)
{
	bool only_planned = true;
	for (size_t i = from; i < to; i++)
		only_planned &= is_planned(q, i);
	struct group_facts g;
	group_facts_read(&g, q, from, to);
	size_t *best_top = largest_of_classes(&g, g.cat_top);
	size_t *best_place = largest_of_classes(&g, g.place);
	size_t *tops = top_classes(&g);
	struct year_total yt = { .first = LIST_NONE };
	for (size_t i = 0; i < g.n; i++) {
		if (is_planned(q, from + i) && !only_planned)
			continue;
		size_t tc = tops[g.cat[i]];
		bool counted = tc != LIST_NONE ? i == best_top[tc] && g.cat_top[i] == i
					       : i == best_place[g.place[i]] && g.place[i] == i;
		if (counted)
			count_fact(&yt, q, from + i);
	}
	free(best_top);
	free(best_place);
	free(tops);
	group_facts_free(&g);
	return yt;
}

static void add_row(struct qtable *out, const char *kind, const char *label, const struct qtable *q,
		    size_t src, const char *amount, const char *approx, const char *category,
		    size_t group, long long group_total, bool span, const char *by_category)
{
	char g[32], gt[32];
	snprintf(g, sizeof(g), "%zu", group);
	snprintf(gt, sizeof(gt), "%lld", group_total);
	const char *cells[] = {
		kind, label, qtable_get(q, src, F_YEAR), qtable_get(q, src, F_FROM), category, amount,
		approx, qtable_get(q, src, F_DONOR), qtable_get(q, src, F_RECIPIENT),
		qtable_get(q, src, F_REPORT), qtable_get(q, src, F_LINE), qtable_get(q, src, F_QUOTE),
		g, gt, span ? "1" : "0", by_category,
	};
	qtable_add_row(out, cells);
}

/* Appends the year row and the fact rows of one year (or span) group. */
static void add_group(struct qtable *out, const struct qtable *q, size_t from, size_t to, size_t group)
{
	const char *year = qtable_get(q, from, F_YEAR), *fy = qtable_get(q, from, F_FROM);
	bool span = year && fy && strcmp(year, fy) != 0;
	char label[48];
	if (span)
		snprintf(label, sizeof(label), "%s-%s", fy, year);
	else
		snprintf(label, sizeof(label), "%s", year ? year : "undated");
	struct year_total yt = year_total(q, from, to);
	char amount[32];
	snprintf(amount, sizeof(amount), "%lld", yt.amount);
	struct strbuf by_cat = {0};
	for (int c = 0; c < yt.ncats; c++)
		strbuf_printf(&by_cat, "%s%s=%lld", c ? ";" : "", yt.cats[c].name ? yt.cats[c].name : "other",
			      yt.cats[c].amount);
	add_row(out, "year", label, q, yt.first == LIST_NONE ? from : yt.first, amount,
		yt.approx ? "1" : "0", span ? "span total" : "total", group, yt.amount, span,
		by_cat.data ? by_cat.data : "");
	strbuf_free(&by_cat);
	for (size_t i = from; i < to; i++)
		add_row(out, "fund", label, q, i, qtable_get(q, i, F_AMOUNT), qtable_get(q, i, F_APPROX),
			qtable_get(q, i, F_CATEGORY), group, yt.amount, span, NULL);
}

static enum status funds_load(struct tui *t, struct view *v, const char *key, struct qtable *out)
{
	(void)v;
	qtable_init(out, sizeof(funds_headers) / sizeof(funds_headers[0]), funds_headers);
	const char *sep = key ? strchr(key, '\x1f') : NULL;
	if (!sep)
		return ST_OK;
	char *donor = xstrndup(key, (size_t)(sep - key));
	struct qtable raw;
	enum status st = query_pane_funds(t->store, donor, sep + 1, &raw);
	free(donor);
	size_t group = 0;
	for (size_t from = 0, to; st == ST_OK && from < raw.nrows; from = to, group++) {
		for (to = from + 1; to < raw.nrows && same_year_group(&raw, from, to); to++)
			;
		add_group(out, &raw, from, to, group);
	}
	qtable_free(&raw);
	return st;
}

static bool is_year(const struct view *v, size_t row)
{
	const char *k = qtable_get(v->rows, row, O_KIND);
	return k && strcmp(k, "year") == 0;
}

static const char *const funds_sorts[] = { "year", "newest first", "amount", NULL };

static int funds_compare(void *ctx, size_t a, size_t b)
{
	struct view *v = ctx;
	long long ga = cell_ll(v->rows, a, O_GROUP), gb = cell_ll(v->rows, b, O_GROUP);
	if (ga != gb) {
		if (v->list.sort_key == 2) {
			long long ta = cell_ll(v->rows, a, O_GROUP_TOTAL);
			long long tb = cell_ll(v->rows, b, O_GROUP_TOTAL);
			if (ta != tb)
				return ta > tb ? -1 : 1;
		}
		return (v->list.sort_key == 1 ? gb < ga : ga < gb) ? -1 : 1;
	}
	if (is_year(v, a) != is_year(v, b))
		return is_year(v, a) ? -1 : 1;
	return 0;
}

/* The largest single-year total: the scale of the bars. */
static long long bar_scale(const struct view *v)
{
	long long max = 0;
	for (size_t i = 0; i < v->rows->nrows; i++)
		if (is_year(v, i) && view_cell_long(v, i, "span") == 0 && view_cell_long(v, i, "amount_yuan") > max)
			max = view_cell_long(v, i, "amount_yuan");
	return max;
}

struct funds_layout {
	int amount_cols;    /* widest figure in the current unit, set per draw */
	char cats[MAX_CATEGORIES][24]; /* categories of the year rows: the matrix columns */
	int ncats;          /* 0 when the pane is too narrow for the matrix */
};

static void funds_init(struct tui *t, struct view *v)
{
	(void)t;
	v->priv = xcalloc(1, sizeof(struct funds_layout));
}

static void funds_free(struct view *v)
{
	free(v->priv);
}

/* Columns of the widest figure in the current unit (at least 8). */
static int amount_cols(struct tui *t, const struct view *v)
{
	int widest = 8;
	char money[48];
	for (size_t i = 0; i < v->rows->nrows; i++) {
		tui_money(t, view_cell_long(v, i, "amount_yuan"), view_cell_long(v, i, "approx"), money, sizeof(money));
		if ((int)strlen(money) + 1 > widest)
			widest = (int)strlen(money) + 1;
	}
	return widest;
}

/* The amount category cat adds in a year row's "a=1;b=2" by_category, or -1. */
static long long category_amount(const char *by_category, const char *cat)
{
	size_t n = strlen(cat);
	for (const char *p = by_category; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
		if (strncmp(p, cat, n) == 0 && p[n] == '=')
			return strtoll(p + n + 1, NULL, 10);
	return -1;
}

static void add_category(struct funds_layout *fl, const char *cat, size_t len)
{
	for (int c = 0; c < fl->ncats; c++)
		if (strlen(fl->cats[c]) == len && strncmp(fl->cats[c], cat, len) == 0)
			return;
	if (fl->ncats < MAX_CATEGORIES && len < sizeof(fl->cats[0])) {
		memcpy(fl->cats[fl->ncats], cat, len);
		fl->cats[fl->ncats++][len] = '\0';
	}
}

/* The matrix columns: every category a year row counts, when they fit next
 * to the year, the total and a bar of at least 8 columns. */
static void matrix_layout(struct funds_layout *fl, const struct view *v, int width)
{
	fl->ncats = 0;
	for (size_t i = 0; i < v->rows->nrows; i++) {
		const char *bc = is_year(v, i) ? view_cell(v, i, "by_category") : NULL;
		for (const char *p = bc; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
			add_category(fl, p, strcspn(p, "=;"));
	}
	if (10 + (fl->ncats + 1) * fl->amount_cols + 8 > width)
		fl->ncats = 0;
}

static void matrix_header(struct tui *t, const struct funds_layout *fl, WINDOW *w, int width)
{
	attr_t a = t->attrs[ROLE_HEADER];
	draw_cell(w, "Year", 10, false, a);
	for (int c = 0; c < fl->ncats; c++) {   /* names cut to the column, one space apart */
		draw_spaces(w, 1, a);
		draw_cell(w, fl->cats[c], fl->amount_cols - 1, true, a);
	}
	draw_cell(w, "Total", fl->amount_cols, true, a);
	char *unit = xasprintf(" %s", money_unit_name(t->unit));
	draw_cell(w, unit, width - 10 - (fl->ncats + 1) * fl->amount_cols, false, a);
	free(unit);
}

static void funds_header(struct tui *t, struct view *v, WINDOW *w, int width)
{
	struct funds_layout *fl = v->priv;
	fl->amount_cols = amount_cols(t, v);   /* the rows below use it */
	matrix_layout(fl, v, width);
	if (fl->ncats) {
		matrix_header(t, fl, w, width);
		return;
	}
	char title[200];
	const char *sep = v->key ? strchr(v->key, '\x1f') : NULL;
	if (sep)
		snprintf(title, sizeof(title), "%.*s \u2192 %s, %s", (int)(sep - v->key), v->key, sep + 1,
			 money_unit_name(t->unit));
	else
		snprintf(title, sizeof(title), "Funds");
	draw_cell(w, title, width, false, t->attrs[ROLE_HEADER]);
}

/* A year row as a line of the year x category table, then the bar. */
static void draw_year_matrix(struct tui *t, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	const struct funds_layout *fl = v->priv;
	const char *bc = view_cell(v, row, "by_category");
	char money[48];
	draw_cell(w, view_cell(v, row, "label"), 10, false, base | A_BOLD);
	for (int c = 0; c < fl->ncats; c++) {
		long long amount = category_amount(bc, fl->cats[c]);
		draw_cell(w, amount < 0 ? "" : tui_money(t, amount, false, money, sizeof(money)),
			  fl->amount_cols, true, base);
	}
	tui_money(t, view_cell_long(v, row, "amount_yuan"), view_cell_long(v, row, "approx"), money, sizeof(money));
	draw_cell(w, money, fl->amount_cols, true, base | A_BOLD);
	int bar_w = width - 10 - (fl->ncats + 1) * fl->amount_cols - 1;
	long long scale = bar_scale(v);
	bool span = view_cell_long(v, row, "span") != 0;
	double frac = span || scale <= 0 ? 0 : (double)view_cell_long(v, row, "amount_yuan") / (double)scale;
	draw_spaces(w, 1, base);
	if (span)
		draw_cell(w, "(span)", bar_w, false, base);
	else
		draw_bar(w, frac, bar_w, t->utf8, t->attrs[ROLE_BAR]);
}

static void draw_year(struct tui *t, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	if (((struct funds_layout *)v->priv)->ncats) {
		draw_year_matrix(t, v, w, row, width, base);
		return;
	}
	char money[48];
	tui_money(t, view_cell_long(v, row, "amount_yuan"), view_cell_long(v, row, "approx"), money, sizeof(money));
	bool span = view_cell_long(v, row, "span") != 0;
	int label_w = span ? 10 : 6, amount_w = ((struct funds_layout *)v->priv)->amount_cols;
	int bar_w = width - label_w - amount_w - 1;
	draw_cell(w, view_cell(v, row, "label"), label_w, false, base | A_BOLD);
	if (bar_w >= 3) {
		long long scale = bar_scale(v);
		double frac = span || scale <= 0 ? 0 : (double)view_cell_long(v, row, "amount_yuan") / (double)scale;
		attr_t bar = base == t->attrs[ROLE_NORMAL] ? t->attrs[ROLE_BAR] : base;
		if (span)
			draw_cell(w, "(span)", bar_w, false, base);
		else
			draw_bar(w, frac, bar_w, t->utf8, bar);
		draw_spaces(w, 1, base);
	} else {
		amount_w = width - label_w;
	}
	draw_cell(w, money, amount_w, true, base | A_BOLD);
}

static void draw_fund(struct tui *t, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	char money[48];
	tui_money(t, view_cell_long(v, row, "amount_yuan"), view_cell_long(v, row, "approx"), money, sizeof(money));
	const char *donor = view_cell(v, row, "donor"), *rec = view_cell(v, row, "recipient");
	const char *sep = v->key ? strchr(v->key, '\x1f') : NULL;
	bool donor_differs = sep && donor && strncmp(v->key, donor, (size_t)(sep - v->key)) != 0;
	bool rec_differs = sep && rec && strcmp(sep + 1, rec) != 0;
	char *place = donor_differs ? xasprintf("%s \u2192 %s", donor, rec ? rec : "")
		    : xstrdup(rec_differs ? rec : "");
	int amount_w = ((struct funds_layout *)v->priv)->amount_cols, cat_w = width >= 40 ? 13 : width >= 30 ? 11 : 0;
	int place_w = width - 2 - cat_w - amount_w;
	draw_spaces(w, 2, base);
	draw_cell(w, view_cell(v, row, "category"), cat_w, false, base);
	if (place_w > 0)
		draw_cell(w, place, place_w, false, base | (base == t->attrs[ROLE_NORMAL] ? t->attrs[ROLE_DIM] : 0));
	draw_cell(w, money, place_w > 0 ? amount_w : width - 2 - cat_w, true, base);
	free(place);
}

static void funds_draw_row(struct tui *t, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	if (is_year(v, row))
		draw_year(t, v, w, row, width, base);
	else
		draw_fund(t, v, w, row, width, base);
}

/* The label, or the category: not the bar, whose block characters take
 * three bytes each to send. */
static int funds_select_cols(const struct view *v, size_t row, int width)
{
	int cols = !is_year(v, row) ? 15 : view_cell_long(v, row, "span") ? 10 : 6;
	return width < cols ? width : cols;
}

static char *funds_hay(struct view *v, size_t row)
{
	char *raw = xasprintf("%s %s %s %s", view_cell(v, row, "label") ? view_cell(v, row, "label") : "",
			      view_cell(v, row, "category") ? view_cell(v, row, "category") : "",
			      view_cell(v, row, "donor") ? view_cell(v, row, "donor") : "",
			      view_cell(v, row, "recipient") ? view_cell(v, row, "recipient") : "");
	char *folded = list_fold(raw);
	free(raw);
	return folded;
}

const struct view_ops funds_ops = {
	.name = "funds",
	.hint = "Enter source  Left back  u unit  s sort  e export  y copy  ? help",
	.init = funds_init,
	.free = funds_free,
	.load = funds_load,
	.header = funds_header,
	.draw_row = funds_draw_row,
	.select_cols = funds_select_cols,
	.compare = funds_compare,
	.sorts = funds_sorts,
	.hay = funds_hay,
	.enter = view_enter_source,
	.source = view_row_source,
};
