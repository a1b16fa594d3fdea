#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/cli.h"
#include "pairoff/extract.h"
#include "pairoff/inert.h"
#include "pairoff/money.h"
#include "pairoff/query.h"
#include "pairoff/store.h"
#include "pairoff/text.h"
#include "pairoff/util.h"

/* The fact subcommands: regions, pairs, funds, indicators, show, anomalies. Each is the
 * command-line twin of a browser pane: it resolves its region arguments
 * (unknown ones fail with a suggestion, exit 1), runs one query and prints it
 * in the chosen format. No SQL here. */

/* How many place pairs `show` lists before pointing at `pairs`, so that the
 * whole page fits a terminal. */
#define SHOW_MAX_PAIRS 12
/* On a narrow terminal, text beside figures gets at least this many
 * columns, or lines of its own. */
#define SHOW_MIN_TEXT 20

/* Opens the store, runs fill (a query bound to its arguments), and prints
 * the table; an empty result is "nothing found" (exit 1) with empty_msg. */
struct listing {
	const char *empty_msg;
	enum status (*fill)(struct store *s, const void *args, struct qtable *out);
	const void *args;
	const struct output_layout *layout;   /* on a terminal; NULL: the generic fit */
};

static int run_listing(struct cli_ctx *ctx, const struct listing *l)
{
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	if (st != ST_OK)
		return cli_fail(st);
	struct qtable t;
	st = l->fill(s, l->args, &t);
	store_close(s);
	if (st != ST_OK)
		return cli_fail(st);
	if (t.nrows == 0) {
		qtable_free(&t);
		return cli_fail(status_set(ST_NOT_FOUND, "%s", l->empty_msg));
	}
	output_print_fit(stdout, &t, ctx->format, l->layout, output_width(stdout));
	qtable_free(&t);
	return cli_finish_output();
}

/* An option whose value is kept as it is, in the const char * at data. */
static int take_string_option(void *data, const char *cmd, int c, const char *arg)
{
	(void)cmd;
	(void)c;
	*(const char **)data = arg;
	return 0;
}

/* --- regions ---------------------------------------------------------------------- */

static enum status fill_regions(struct store *s, const void *args, struct qtable *out)
{
	return query_regions(s, args, out);
}

int cli_cmd_regions(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "side", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *side = NULL;
	int code = cli_parse_options(argc, argv, ":s:", longopts, take_string_option, &side, 0);
	if (code)
		return code;
	if (side && strcmp(side, "east") != 0 && strcmp(side, "west") != 0 &&
	    strcmp(side, "central") != 0)
		return cli_usage_error("regions: bad --side '%s' (expected east, west or central)", side);
	struct listing l = { "no regions in the store", fill_regions, side, NULL };
	return run_listing(ctx, &l);
}

/* --- pairs ---------------------------------------------------------------------- */

/* The pairings on a terminal: the two places whole (wrapped when long),
 * the quote shortened first, then left out with the basis, the level and
 * the end year. */
static const struct output_column pairs_columns[] = {
	{ "donor", FIT_WRAP, 0, 0, false },
	{ "recipient", FIT_WRAP, 0, 0, false },
	{ "level", FIT_WHOLE, 0, 3, false },
	{ "since", FIT_WHOLE, 0, 0, false },
	{ "until", FIT_WHOLE, 0, 2, false },
	{ "report", FIT_CUT, 16, 1, false },
	{ "line", FIT_WHOLE, 0, 1, false },
	{ "basis", FIT_WHOLE, 0, 4, false },
	{ "quote", FIT_CUT, 20, 5, false },
};
static const struct output_layout pairs_layout = { pairs_columns, ARRAY_LEN(pairs_columns) };

struct pairs_args {
	const char *region, *in, *basis;
};

static enum status fill_pairs(struct store *s, const void *args, struct qtable *out)
{
	const struct pairs_args *a = args;
	return query_pairs(s, a->region, a->in, a->basis, out);
}

/* "wushan: 2 places: ..." on stderr before the pairings of each, so that a
 * reader knows the name meant more than one place. */
static void note_namesakes(struct cli_ctx *ctx, const struct pairs_args *a)
{
	struct store *s;
	struct qtable t;
	if (!a->region || cli_open_store(ctx, &s) != ST_OK)
		return;
	if (query_region_places(s, a->region, a->in, &t) == ST_OK && t.nrows > 1) {
		fprintf(stderr, "pairoff: %s: %zu places:", a->region, t.nrows);
		for (size_t i = 0; i < t.nrows; i++)
			fprintf(stderr, "%s %s", i ? "," : "", qtable_get(&t, i, 1));
		fputc('\n', stderr);
	}
	qtable_free(&t);
	store_close(s);
}

static int take_pairs_option(void *data, const char *cmd, int c, const char *arg)
{
	struct pairs_args *a = data;
	(void)cmd;
	if (c == 'b')
		a->basis = arg;
	else
		a->in = arg;
	return 0;
}

int cli_cmd_pairs(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "basis", required_argument, NULL, 'b' },
		{ "in", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	struct pairs_args a = { 0 };
	int code = cli_parse_options(argc, argv, ":b:i:", longopts, take_pairs_option, &a, 1);
	if (code)
		return code;
	if (a.basis && pair_basis_parse(a.basis) < 0)
		return cli_usage_error("pairs: bad --basis '%s' (expected stated or evidence)", a.basis);
	a.region = optind < argc ? argv[optind] : NULL;
	if (a.in && !a.region)
		return cli_usage_error("pairs: --in needs a REGION");
	note_namesakes(ctx, &a);
	char *msg = a.region ? xasprintf("no pairings involve '%s'", a.region)
			     : xstrdup("no pairings in the store");
	struct listing l = { msg, fill_pairs, &a, &pairs_layout };
	int code2 = run_listing(ctx, &l);
	free(msg);
	return code2;
}

/* --- funds ---------------------------------------------------------------------- */

/* The filters of the money listings: --donor, --recipient, --year, and
 * for totals --by province. Returns 0, or the exit status of a usage error. */
struct money_filters {
	const char *donor, *recipient;
	const char *kind;       /* indicators: --kind */
	int year;
	bool by_province;
};

/* The filters a subcommand takes are the letters of its shortopts. */
struct money_parse {
	struct money_filters *filters;
	const char *shortopts;
};

static int take_money_filter(void *data, const char *cmd, int c, const char *arg)
{
	const struct money_parse *mp = data;
	struct money_filters *a = mp->filters;
	if (!strchr(mp->shortopts, c))
		return cli_usage_error("%s: unknown option '--%s'", cmd, c == 'b' ? "by" : "kind");
	if (c == 'k')
		a->kind = arg;
	else if (c == 'd')
		a->donor = arg;
	else if (c == 'r')
		a->recipient = arg;
	else if (c == 'b' && strcmp(arg, "province") == 0)
		a->by_province = true;
	else if (c == 'b')
		return cli_usage_error("%s: bad --by '%s' (expected province)", cmd, arg);
	else
		return cli_parse_year(cmd, "year", arg, &a->year);
	return 0;
}

static int parse_money_filters(int argc, char **argv, const char *shortopts, struct money_filters *a)
{
	static const struct option longopts[] = {
		{ "donor", required_argument, NULL, 'd' },
		{ "recipient", required_argument, NULL, 'r' },
		{ "year", required_argument, NULL, 'y' },
		{ "by", required_argument, NULL, 'b' },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	memset(a, 0, sizeof(*a));
	struct money_parse mp = { a, shortopts };
	return cli_parse_options(argc, argv, shortopts, longopts, take_money_filter, &mp, 0);
}

/* The money flows on a terminal: who gave whom how much in which year
 * first; the flow's bookkeeping (ids, spans, other figures) goes first. */
static const struct output_column funds_columns[] = {
	{ "donor", FIT_WRAP, 0, 0, false },
	{ "recipient", FIT_WRAP, 0, 0, false },
	{ "year", FIT_WHOLE, 0, 0, false },
	{ "kind", FIT_WHOLE, 0, 0, false },
	{ "amount_yuan", FIT_WHOLE, 0, 0, true },
	{ "report", FIT_CUT, 16, 2, false },
	{ "line", FIT_WHOLE, 0, 3, false },
	{ "quote", FIT_CUT, 20, 4, false },
	{ "period", FIT_WHOLE, 0, 5, false },
	{ "category", FIT_WHOLE, 0, 6, false },
	{ "sources", FIT_WHOLE, 0, 7, false },
	{ "from_year", FIT_WHOLE, 0, 8, false },
	{ "figures", FIT_CUT, 12, 9, true },
	{ "approx", FIT_WHOLE, 0, 10, false },
	{ "flow", FIT_WHOLE, 0, 11, false },
	{ "part_of", FIT_WHOLE, 0, 12, false },
	{ "all_sources", FIT_CUT, 12, 13, false },
};
static const struct output_layout funds_layout = { funds_columns, ARRAY_LEN(funds_columns) };

static enum status fill_funds(struct store *s, const void *args, struct qtable *out)
{
	const struct money_filters *a = args;
	return query_funds(s, a->donor, a->recipient, a->year, out);
}

int cli_cmd_funds(struct cli_ctx *ctx, int argc, char **argv)
{
	struct money_filters a;
	int code = parse_money_filters(argc, argv, ":d:r:y:", &a);
	if (code)
		return code;
	struct listing l = { "no money facts match", fill_funds, &a, &funds_layout };
	return run_listing(ctx, &l);
}

/* --- indicators ------------------------------------------------------------------ */

/* The counts on a terminal: who did how much of what, in which year. */
static const struct output_column indicators_columns[] = {
	{ "donor", FIT_WRAP, 0, 0, false },
	{ "recipient", FIT_WRAP, 0, 0, false },
	{ "year", FIT_WHOLE, 0, 0, false },
	{ "kind", FIT_WHOLE, 0, 1, false },
	{ "value", FIT_WHOLE, 0, 0, true },
	{ "unit", FIT_CUT, 10, 0, false },
	{ "report", FIT_CUT, 16, 2, false },
	{ "line", FIT_WHOLE, 0, 3, false },
	{ "quote", FIT_CUT, 20, 4, false },
	{ "from_year", FIT_WHOLE, 0, 5, false },
	{ "sources", FIT_WHOLE, 0, 6, false },
	{ "approx", FIT_WHOLE, 0, 7, false },
	{ "all_sources", FIT_CUT, 12, 8, false },
};
static const struct output_layout indicators_layout = {
	indicators_columns, ARRAY_LEN(indicators_columns),
};

static enum status fill_indicators(struct store *s, const void *args, struct qtable *out)
{
	const struct money_filters *a = args;
	return query_indicators(s, a->donor, a->recipient, a->year, a->kind, out);
}

/* "cadres, trained, ..., other": the vocabulary, for a usage message. Owned. */
static char *kind_list(void)
{
	struct strbuf sb = { 0 };
	for (size_t k = 0; k < IND_NKINDS; k++)
		strbuf_printf(&sb, "%s%s", k ? ", " : "", indicator_kind_name((enum indicator_kind)k));
	return strbuf_steal(&sb);
}

int cli_cmd_indicators(struct cli_ctx *ctx, int argc, char **argv)
{
	struct money_filters a;
	int code = parse_money_filters(argc, argv, ":d:r:y:k:", &a);
	if (code)
		return code;
	if (a.kind && indicator_kind_parse(a.kind) == IND_NKINDS) {
		char *kinds = kind_list();
		int rc = cli_usage_error("indicators: bad --kind '%s' (expected one of %s)", a.kind, kinds);
		free(kinds);
		return rc;
	}
	struct listing l = { "no indicators match", fill_indicators, &a, &indicators_layout };
	return run_listing(ctx, &l);
}

/* --- totals ---------------------------------------------------------------------- */

/* A pair's money per year on a terminal; the list of sources goes first. */
static const struct output_column totals_columns[] = {
	{ "donor", FIT_WRAP, 0, 0, false },
	{ "recipient", FIT_WRAP, 0, 0, false },
	{ "year", FIT_WHOLE, 0, 0, false },
	{ "aid_yuan", FIT_WHOLE, 0, 0, true },
	{ "investment_yuan", FIT_WHOLE, 0, 1, true },
	{ "facts", FIT_WHOLE, 0, 2, false },
	{ "sources", FIT_CUT, 16, 3, false },
};
static const struct output_layout totals_layout = { totals_columns, ARRAY_LEN(totals_columns) };

static enum status fill_totals(struct store *s, const void *args, struct qtable *out)
{
	const struct money_filters *a = args;
	return query_totals(s, a->donor, a->recipient, a->year, a->by_province, out);
}

int cli_cmd_totals(struct cli_ctx *ctx, int argc, char **argv)
{
	struct money_filters a;
	int code = parse_money_filters(argc, argv, ":d:r:y:b:", &a);
	if (code)
		return code;
	struct listing l = { "no money totals match", fill_totals, &a, &totals_layout };
	return run_listing(ctx, &l);
}

/* --- pane: the browser's panes, row for row ------------------------------------------ */

struct pane_args {
	const char *pane;
	const char *a, *b;      /* its arguments: a province; a donor and a recipient */
	const char *kind;       /* the provinces pane's count ([ui] indicator), NULL for none */
};

static enum status fill_pane(struct store *s, const void *args, struct qtable *out)
{
	const struct pane_args *p = args;
	if (strcmp(p->pane, "provinces") == 0)
		return query_pane_provinces(s, true, p->kind, out);
	if (strcmp(p->pane, "partners") == 0)
		return query_pane_partners(s, p->a, true, out);
	if (strcmp(p->pane, "place") == 0)
		return query_pane_place(s, p->a, out);
	return query_pane_funds(s, p->a, p->b, out);
}

/* Region arguments resolved to canonical names, as the browser passes them. */
static enum status resolve_pane_args(struct cli_ctx *ctx, const char *a, const char *b, char **ca,
				     char **cb)
{
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	if (st != ST_OK)
		return st;
	st = a ? query_region_resolve(s, a, ca) : ST_OK;
	if (st == ST_OK && b)
		st = query_region_resolve(s, b, cb);
	store_close(s);
	return st;
}

int cli_cmd_pane(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct { const char *name; int nargs; } panes[] = {
		{ "provinces", 0 }, { "partners", 1 }, { "funds", 2 }, { "place", 1 },
	};
	if (argc < 2)
		return cli_usage_error("pane: missing PANE (provinces, partners PROVINCE, funds DONOR RECIPIENT, place PLACE)");
	size_t k = 0;
	while (k < ARRAY_LEN(panes) && strcmp(panes[k].name, argv[1]) != 0)
		k++;
	if (k == ARRAY_LEN(panes))
		return cli_usage_error("pane: unknown pane '%s' (provinces, partners, funds, place)", argv[1]);
	if (argc - 2 != panes[k].nargs)
		return cli_usage_error("pane %s: expected %d argument%s", argv[1], panes[k].nargs,
				       panes[k].nargs == 1 ? "" : "s");
	char *a = NULL, *b = NULL;
	enum status st = resolve_pane_args(ctx, argc > 2 ? argv[2] : NULL, argc > 3 ? argv[3] : NULL,
					   &a, &b);
	if (st != ST_OK)
		return cli_fail(st);
	const char *kind = ctx->settings.indicator;
	struct pane_args p = { argv[1], a, b, kind && strcmp(kind, "none") != 0 ? kind : NULL };
	struct listing l = { "the pane is empty", fill_pane, &p, NULL };
	int code = run_listing(ctx, &l);
	free(a);
	free(b);
	return code;
}

/* --- anomalies ---------------------------------------------------------------------- */

static enum status fill_anomalies(struct store *s, const void *args, struct qtable *out)
{
	(void)args;
	return query_anomalies(s, out);
}

int cli_cmd_anomalies(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error("anomalies: unexpected argument '%s'", argv[1]);
	struct listing l = { "no anomalies recorded", fill_anomalies, NULL, NULL };
	return run_listing(ctx, &l);
}

/* --- show ------------------------------------------------------------------------ */

/* What `show` gathers about one region. */
struct show_data {
	char *name;             /* owned; canonical name */
	struct qtable regions;  /* owned; every region: types, sides, parents */
	struct qtable pairs;    /* owned; pairs involving the region or places under it */
	struct qtable funds;    /* owned; money facts with the region on either side */
	struct qtable counts;   /* owned; indicator years with the region on either side */
	size_t self;            /* row of the region in regions */
};

static const char *cell(const struct qtable *t, size_t row, const char *col)
{
	int c = qtable_col(t, col);
	return c < 0 ? NULL : qtable_get(t, row, (size_t)c);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static size_t region_row(const struct qtable *regions, const char *name)
{
	for (size_t i = 0; i < regions->nrows; i++)
		if (strcmp(or_empty(cell(regions, i, "name")), name) == 0)
			return i;
	return (size_t)-1;
}

static bool is_provincial(const struct qtable *regions, const char *name)
{
	size_t row = region_row(regions, name);
	const char *type = row == (size_t)-1 ? NULL : cell(regions, row, "type");
	return type && (strcmp(type, "province") == 0 || strcmp(type, "municipality") == 0 ||
			strcmp(type, "autonomous region") == 0);
}

static bool is_partner_row(const struct show_data *d, size_t row)
{
	return is_provincial(&d->regions, or_empty(cell(&d->pairs, row, "donor"))) &&
	       is_provincial(&d->regions, or_empty(cell(&d->pairs, row, "recipient")));
}

/* The pair totals the region takes part in, as donor or recipient, each row
 * once: the same figures as `pairoff totals` and the browser. */
static enum status gather_funds(struct store *s, struct show_data *d)
{
	struct qtable given, received;
	enum status st = query_totals(s, d->name, NULL, 0, false, &given);
	if (st != ST_OK)
		return st;
	st = query_totals(s, NULL, d->name, 0, false, &received);
	if (st != ST_OK) {
		qtable_free(&given);
		return st;
	}
	for (size_t i = 0; i < received.nrows; i++)
		qtable_add_row(&given, (const char *const *)received.cells + i * received.ncols);
	qtable_free(&received);
	d->funds = given;
	return ST_OK;
}

/* The pairs' years of counts the region takes part in, given and received. */
static enum status gather_counts(struct store *s, struct show_data *d)
{
	struct qtable given, received;
	enum status st = query_indicator_years(s, d->name, NULL, &given);
	if (st != ST_OK)
		return st;
	st = query_indicator_years(s, NULL, d->name, &received);
	if (st != ST_OK) {
		qtable_free(&given);
		return st;
	}
	for (size_t i = 0; i < received.nrows; i++)
		qtable_add_row(&given, (const char *const *)received.cells + i * received.ncols);
	qtable_free(&received);
	d->counts = given;
	return ST_OK;
}

static void show_data_free(struct show_data *d)
{
	free(d->name);
	qtable_free(&d->regions);
	qtable_free(&d->pairs);
	qtable_free(&d->funds);
	qtable_free(&d->counts);
}

static enum status gather_show(struct store *s, const char *arg, struct show_data *d)
{
	memset(d, 0, sizeof(*d));
	enum status st = query_region_resolve(s, arg, &d->name);
	if (st != ST_OK)
		return st;
	if ((st = query_regions(s, NULL, &d->regions)) != ST_OK)
		return st;
	d->self = region_row(&d->regions, d->name);
	if ((st = query_pairs(s, d->name, NULL, NULL, &d->pairs)) != ST_OK)
		return st;
	if ((st = gather_funds(s, d)) != ST_OK)
		return st;
	return gather_counts(s, d);
}

/* The page of `show` is printed with printf, so what came from the store
 * is made inert first (src/inert.c). */
static void inert_show(struct show_data *d)
{
	inert_replace(&d->name, inert_locale_flags());
	output_make_inert(&d->regions);
	output_make_inert(&d->pairs);
	output_make_inert(&d->funds);
	output_make_inert(&d->counts);
}

/* The page of `show` for people. Piped (width 0) it is as wide as it takes;
 * on a terminal it is fitted to width columns: pairs grouped under their
 * report, figures in columns as wide as their widest, and the rest wrapped
 * with a hanging indent, so that no line passes the edge and no name is cut. */

/* A pair's "A -> B", its years and its source. Owned. */
struct pair_text {
	char *arrow, *span;
	const char *report, *line;
};

static struct pair_text pair_text(const struct show_data *d, size_t row)
{
	const struct qtable *p = &d->pairs;
	const char *since = cell(p, row, "since"), *until = cell(p, row, "until");
	return (struct pair_text){
		.arrow = xasprintf("%s -> %s", or_empty(cell(p, row, "donor")),
				   or_empty(cell(p, row, "recipient"))),
		.span = since && until ? xasprintf("%s-%s", since, until)
			: since ? xasprintf("since %s", since)
			: until ? xasprintf("until %s", until) : xstrdup(""),
		.report = or_empty(cell(p, row, "report")),
		.line = or_empty(cell(p, row, "line")),
	};
}

static void pair_text_free(struct pair_text *pt)
{
	free(pt->arrow);
	free(pt->span);
}

static size_t text_cols(const char *s)
{
	return (size_t)text_width(s);
}

static size_t max_size(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* The widest line a pair takes in the wide layout. */
static size_t pair_line_width(const struct pair_text *pt)
{
	return 2 + max_size(44, text_cols(pt->arrow)) + 1 + max_size(12, text_cols(pt->span)) + 1 +
	       text_cols(pt->report) + 1 + strlen(pt->line);
}

static void print_pair_line(const struct pair_text *pt)
{
	printf("  %-44s %-12s %s:%s\n", pt->arrow, pt->span, pt->report, pt->line);
}

/* The narrow layout: pairs under their report, the line number first, the
 * years next and the names last, wrapped when they must be. */
static void print_pairs_grouped(const struct pair_text *pts, size_t n, size_t width)
{
	size_t line_w = 0, span_w = 0;
	for (size_t i = 0; i < n; i++) {
		line_w = max_size(line_w, strlen(pts[i].line));
		span_w = max_size(span_w, text_cols(pts[i].span));
	}
	bool *done = xcalloc(n ? n : 1, sizeof(*done));
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		/* "report, line:" names what the numbers below are, when it fits */
		bool room = width == 0 || 2 + text_cols(pts[i].report) + 7 <= width;
		printf("  %s%s\n", pts[i].report, room ? ", line:" : "");
		for (size_t j = i; j < n; j++) {
			if (done[j] || strcmp(pts[j].report, pts[i].report) != 0)
				continue;
			done[j] = true;
			printf("    %*s  ", (int)line_w, pts[j].line);
			if (span_w)
				printf("%-*s  ", (int)span_w, pts[j].span);
			size_t at = 4 + line_w + 2 + (span_w ? span_w + 2 : 0);
			output_wrapped(stdout, pts[j].arrow, " ", at, at + 2, width);
		}
	}
	free(done);
}

/* rows[0..n) of the pairs, in the layout that fits width. */
static void print_pair_rows(const struct show_data *d, const size_t *rows, size_t n, size_t width)
{
	struct pair_text *pts = xcalloc(n ? n : 1, sizeof(*pts));
	bool fits = true;
	for (size_t i = 0; i < n; i++) {
		pts[i] = pair_text(d, rows[i]);
		fits &= width == 0 || pair_line_width(&pts[i]) <= width;
	}
	if (fits)
		for (size_t i = 0; i < n; i++)
			print_pair_line(&pts[i]);
	else
		print_pairs_grouped(pts, n, width);
	for (size_t i = 0; i < n; i++)
		pair_text_free(&pts[i]);
	free(pts);
}

static void print_heading(const struct show_data *d, size_t width)
{
	const struct qtable *r = &d->regions;
	const char *type = d->self == (size_t)-1 ? NULL : cell(r, d->self, "type");
	const char *side = d->self == (size_t)-1 ? NULL : cell(r, d->self, "side");
	const char *parent = d->self == (size_t)-1 ? NULL : cell(r, d->self, "parent");
	struct strbuf sb = {0};
	strbuf_printf(&sb, "%s (%s", d->name, type ? type : "place");
	if (parent)
		strbuf_printf(&sb, " in %s", parent);
	if (side)
		strbuf_printf(&sb, ", %s side", side);
	strbuf_puts(&sb, ")");
	output_wrapped(stdout, sb.data, " ", 0, 2, width);
	strbuf_free(&sb);
}

/* A note of two lines (split at "\n"); joined and wrapped when the
 * terminal is narrower than they are. */
static void print_note(const char *note, size_t width)
{
	const char *nl = strchr(note, '\n');
	if (width == 0 || max_size(text_cols(note) - text_cols(nl), text_cols(nl + 1)) <= width) {
		printf("%s\n", note);
		return;
	}
	char *joined = xstrdup(note);
	joined[nl - note] = ' ';
	output_wrapped(stdout, joined, " ", 0, 0, width);
	free(joined);
}

static void print_pairs_text(const struct show_data *d, size_t width)
{
	size_t *rows = xcalloc(d->pairs.nrows ? d->pairs.nrows : 1, sizeof(*rows));
	size_t partners = 0, places = 0;
	for (size_t i = 0; i < d->pairs.nrows; i++)
		if (is_partner_row(d, i))
			rows[partners++] = i;
	printf("\nPartners\n");
	if (partners == 0)
		printf("  (none stated)\n");
	print_pair_rows(d, rows, partners, width);
	size_t shown = 0;
	for (size_t i = 0; i < d->pairs.nrows; i++)
		if (!is_partner_row(d, i) && places++ < SHOW_MAX_PAIRS)
			rows[shown++] = i;
	printf("\nPlace pairs (%zu)\n", places);
	print_pair_rows(d, rows, shown, width);
	if (places > shown) {
		char *more = xasprintf("  ... %zu more: pairoff pairs '%s'", places - shown, d->name);
		output_wrapped(stdout, more, " ", 0, 6, width);
		free(more);
	}
	free(rows);
}

/* The money columns: as wide as their widest figure on a terminal, the
 * fixed widths of the wide page when piped. */
static void money_widths(const struct qtable *f, enum money_unit unit, size_t width, int *aid_w,
			 int *inv_w)
{
	*aid_w = 16;
	*inv_w = 17;
	if (width == 0)
		return;
	*aid_w = (int)strlen("aid");
	*inv_w = (int)strlen("investment");
	for (size_t row = 0; row < f->nrows; row++) {
		char buf[64];
		int n = (int)strlen(money_format(qtable_int(f, row, (size_t)qtable_col(f, "aid_yuan")),
						 unit, buf, sizeof(buf)));
		*aid_w = n > *aid_w ? n : *aid_w;
		n = (int)strlen(money_format(qtable_int(f, row, (size_t)qtable_col(f, "investment_yuan")),
					     unit, buf, sizeof(buf)));
		*inv_w = n > *inv_w ? n : *inv_w;
	}
}

static void print_funds_text(const struct show_data *d, enum money_unit unit, size_t width)
{
	const struct qtable *f = &d->funds;
	char *note = xasprintf("Money by year (%s; aid by the pairs' own totals, investment beside it;\n"
			       "spans, cumulative and planned figures: pairoff funds)", money_unit_name(unit));
	printf("\n");
	print_note(note, width);
	free(note);
	if (f->nrows == 0)
		printf("  (none stated)\n");
	int aid_w, inv_w;
	money_widths(f, unit, width, &aid_w, &inv_w);
	if (f->nrows)
		printf("  year %*s %*s  pair\n", aid_w, "aid", inv_w, "investment");
	for (size_t row = 0; row < f->nrows; row++) {
		char aid[64], inv[64];
		money_format(qtable_int(f, row, (size_t)qtable_col(f, "aid_yuan")), unit, aid, sizeof(aid));
		money_format(qtable_int(f, row, (size_t)qtable_col(f, "investment_yuan")), unit, inv,
			     sizeof(inv));
		const char *facts = or_empty(cell(f, row, "facts"));
		char *pair = xasprintf("%s -> %s (%s fact%s)", or_empty(cell(f, row, "donor")),
				       or_empty(cell(f, row, "recipient")), facts,
				       strcmp(facts, "1") == 0 ? "" : "s");
		printf("  %-4s %*s %*s", or_empty(cell(f, row, "year")), aid_w, aid, inv_w, inv);
		size_t at = 2 + 4 + 1 + (size_t)aid_w + 1 + (size_t)inv_w + 2;
		if (width && at + SHOW_MIN_TEXT > width) {   /* the pair on lines of its own */
			printf("\n%7s", "");
			at = 7;
		} else {
			printf("  ");
		}
		output_wrapped(stdout, pair, " ", at, at + 2, width);
		free(pair);
	}
	if (f->nrows) {
		char *every = xasprintf("  (every flow: pairoff funds --donor or --recipient '%s')", d->name);
		output_wrapped(stdout, every, " ", 0, 3, width);
		free(every);
	}
}

static void print_counts_text(const struct show_data *d, size_t width)
{
	const struct qtable *c = &d->counts;
	printf("\n");
	print_note("What was done, by year (the largest count of each kind;\n"
		   "every count with its source: pairoff indicators)", width);
	if (c->nrows == 0)
		printf("  (none stated)\n");
	/* the summaries' separator as inert_show left it in this locale */
	char *sep = inert_dup(" \xC2\xB7 ", inert_locale_flags());
	for (size_t row = 0; row < c->nrows; row++) {
		char *text = xasprintf("%s -> %s: %s", or_empty(cell(c, row, "donor")),
				       or_empty(cell(c, row, "recipient")), or_empty(cell(c, row, "summary")));
		printf("  %-4s ", or_empty(cell(c, row, "year")));
		output_wrapped(stdout, text, sep, 7, 9, width);
		free(text);
	}
	free(sep);
}

/* --- show in the machine formats: one table, a row per line of the page --- */

static const char *const show_headers[] = {
	"section", "name", "detail", "year", "until", "amount_yuan", "investment_yuan", "count",
	"report", "line", "sources",
};

static void add_show_row(struct qtable *t, const char *section, const char *name,
			 const char *detail, const char *year, const char *until,
			 const char *amount, const char *investment, const char *count,
			 const char *report, const char *line, const char *sources)
{
	const char *cells[] = { section, name, detail, year, until, amount, investment, count,
				report, line, sources };
	qtable_add_row(t, cells);
}

static void add_pair_rows(struct qtable *t, const struct show_data *d)
{
	const struct qtable *p = &d->pairs;
	for (size_t i = 0; i < p->nrows; i++) {
		char *arrow = xasprintf("%s -> %s", or_empty(cell(p, i, "donor")),
					or_empty(cell(p, i, "recipient")));
		add_show_row(t, is_partner_row(d, i) ? "partner" : "pair", arrow,
			     cell(p, i, "level"), cell(p, i, "since"), cell(p, i, "until"),
			     NULL, NULL, NULL, cell(p, i, "report"), cell(p, i, "line"), NULL);
		free(arrow);
	}
}

static void add_fund_rows(struct qtable *t, const struct show_data *d)
{
	const struct qtable *f = &d->funds;
	for (size_t row = 0; row < f->nrows; row++) {
		char *arrow = xasprintf("%s -> %s", or_empty(cell(f, row, "donor")),
					or_empty(cell(f, row, "recipient")));
		add_show_row(t, "funds", arrow, "aid", cell(f, row, "year"), NULL,
			     cell(f, row, "aid_yuan"), cell(f, row, "investment_yuan"),
			     cell(f, row, "facts"), NULL, NULL, cell(f, row, "sources"));
		free(arrow);
	}
}

static void add_count_rows(struct qtable *t, const struct show_data *d)
{
	const struct qtable *c = &d->counts;
	for (size_t row = 0; row < c->nrows; row++) {
		char *arrow = xasprintf("%s -> %s", or_empty(cell(c, row, "donor")),
					or_empty(cell(c, row, "recipient")));
		add_show_row(t, "indicators", arrow, cell(c, row, "summary"), cell(c, row, "year"), NULL, NULL,
			     NULL, cell(c, row, "facts"), NULL, NULL, cell(c, row, "sources"));
		free(arrow);
	}
}

static void print_show_table(const struct show_data *d, enum output_format fmt)
{
	struct qtable t;
	qtable_init(&t, ARRAY_LEN(show_headers), show_headers);
	const struct qtable *r = &d->regions;
	bool known = d->self != (size_t)-1;
	add_show_row(&t, "region", d->name, known ? cell(r, d->self, "type") : NULL,
		     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	add_pair_rows(&t, d);
	add_fund_rows(&t, d);
	add_count_rows(&t, d);
	output_print(stdout, &t, fmt);
	qtable_free(&t);
}

static int show_place(struct cli_ctx *ctx, const char *name);

int cli_cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	const char *in = NULL;
	int code = cli_parse_options(argc, argv, ":i:", longopts, take_string_option, &in, 1);
	if (code)
		return code;
	if (optind >= argc)
		return cli_usage_error("show: missing REGION");
	/* "--in Gansu" is the qualified form "Wushan (Gansu)" */
	char *name = in ? xasprintf("%s (%s)", argv[optind], in) : xstrdup(argv[optind]);
	int rc = show_place(ctx, name);
	free(name);
	return rc;
}

static int show_place(struct cli_ctx *ctx, const char *name)
{
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	if (st != ST_OK)
		return cli_fail(st);
	struct show_data d;
	st = gather_show(s, name, &d);
	store_close(s);
	if (st != ST_OK) {
		show_data_free(&d);
		return cli_fail(st);
	}
	if (ctx->format == OUT_TABLE) {
		inert_show(&d);
		size_t width = output_width(stdout);
		print_heading(&d, width);
		print_pairs_text(&d, width);
		print_funds_text(&d, ctx->settings.unit, width);
		print_counts_text(&d, width);
	} else {
		print_show_table(&d, ctx->format);
	}
	show_data_free(&d);
	return cli_finish_output();
}
