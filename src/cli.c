#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pairoff/cli.h"
#include "pairoff/import.h"
#include "pairoff/paths.h"
#include "pairoff/query.h"
#include "pairoff/store.h"
#include "pairoff/tui.h"
#include "pairoff/util.h"

/* --- subcommand options ------------------------------------------------------------ */

/* Removes every --format FMT / --format=FMT / -f FMT before a "--" from a
 * subcommand's arguments and applies it, so any subcommand takes --format
 * after its name without parsing it itself. Returns 0 or an exit status. */
static int take_format(struct cli_ctx *ctx, int *argc, char **argv)
{
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i], *value = NULL;
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
			if (i + 1 >= *argc)
				return cli_usage_error("option '%s' needs an argument", a);
			value = argv[++i];
		} else if (str_starts_with(a, "--format=")) {
			value = a + strlen("--format=");
		} else {
			argv[out++] = argv[i];
			continue;
		}
		enum status st = output_format_parse(value, &ctx->format);
		if (st != ST_OK)
			return cli_fail(st);
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

/* --- import, reports, search ------------------------------------------------------ */

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	int c, code = 0;
	optind = 0;
	while ((c = cli_getopt(argc, argv, "+:", longopts, &code)) != -1)
		if (c == '?')
			return code;
	char *bundled = NULL;
	const char *const *paths = (const char *const *)argv + optind;
	size_t npaths = (size_t)(argc - optind);
	if (npaths == 0) {
		bundled = paths_reports_dir();
		paths = (const char *const *)&bundled;
		npaths = 1;
	}
	struct import_summary sum;
	enum status st = cli_import_paths(ctx, paths, npaths, &sum);
	free(bundled);
	if (st != ST_OK)
		return cli_fail(st);
	printf("imported %zu reports: %zu sections, %zu paragraphs, %zu tables, %zu pairs, "
	       "%zu funds, %zu anomalies in %ld ms\n", sum.reports, sum.sections,
	       sum.paragraphs, sum.tables, sum.pairs, sum.funds, sum.anomalies, sum.elapsed_ms);
	return cli_finish_output();
}

/* Prints t in the chosen format (on a terminal, fitted by layout when not
 * NULL), then closes the store. */
static int print_and_close(struct store *s, struct qtable *t, enum output_format fmt,
			   const struct output_layout *layout)
{
	output_print_fit(stdout, t, fmt, layout, output_width(stdout));
	qtable_free(t);
	store_close(s);
	return cli_finish_output();
}

/* The reports on a terminal: the file name whole, the title shortened,
 * the counts left out from the least telling. */
static const struct output_column reports_columns[] = {
	{ "report", FIT_WHOLE, 0, 0, false },
	{ "title", FIT_CUT, 20, 0, false },
	{ "year", FIT_WHOLE, 0, 0, false },
	{ "sections", FIT_WHOLE, 0, 3, false },
	{ "paragraphs", FIT_WHOLE, 0, 2, false },
	{ "tables", FIT_WHOLE, 0, 4, false },
	{ "lines", FIT_WHOLE, 0, 1, false },
};
static const struct output_layout reports_layout = {
	reports_columns, sizeof(reports_columns) / sizeof(reports_columns[0]),
};

static int cmd_reports(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error("reports: unexpected argument '%s'", argv[1]);
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	if (st != ST_OK)
		return cli_fail(st);
	struct qtable t;
	st = query_reports(s, &t);
	if (st == ST_OK && t.nrows == 0) {
		qtable_free(&t);
		st = status_set(ST_NOT_FOUND, "%s: no reports in the store", ctx->db_path);
	}
	if (st != ST_OK) {
		store_close(s);
		return cli_fail(st);
	}
	return print_and_close(s, &t, ctx->format, &reports_layout);
}

/* The search table for people leaves out the whole paragraph, which the
 * other formats carry for programs. */
static void drop_paragraph(struct qtable *t)
{
	int drop = qtable_col(t, "paragraph");
	if (drop < 0)
		return;
	struct qtable slim;
	const char **cells = xcalloc(t->ncols, sizeof(*cells));
	size_t n = 0;
	for (size_t c = 0; c < t->ncols; c++)
		if ((int)c != drop)
			cells[n++] = t->headers[c];
	qtable_init(&slim, n, cells);
	for (size_t r = 0; r < t->nrows; r++) {
		n = 0;
		for (size_t c = 0; c < t->ncols; c++)
			if ((int)c != drop)
				cells[n++] = qtable_get(t, r, c);
		qtable_add_row(&slim, cells);
	}
	free(cells);
	qtable_free(t);
	*t = slim;
}

/* Joins the words of the query with spaces, as the shell split them. */
static char *join_words(int argc, char **argv)
{
	struct strbuf sb = {0};
	for (int i = 0; i < argc; i++) {
		if (i)
			strbuf_puts(&sb, " ");
		strbuf_puts(&sb, argv[i]);
	}
	return strbuf_steal(&sb);
}

static int parse_limit(const char *arg, size_t *limit)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (errno || *end || end == arg || n < 0)
		return cli_usage_error("search: bad --limit '%s' (expected a number, 0 for all)", arg);
	*limit = (size_t)n;
	return 0;
}

static int cmd_search(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "limit", required_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	size_t limit = 0;
	int c, code = 0;
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":n:", longopts, &code)) != -1)
		if (c == '?' || (c == 'n' && (code = parse_limit(optarg, &limit)) != 0))
			return code;
	char *query = join_words(argc - optind, argv + optind);
	if (!*str_trim(query)) {
		free(query);
		return cli_usage_error("search: missing QUERY");
	}
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	struct qtable t;
	if (st == ST_OK && (st = query_search(s, query, limit, &t)) != ST_OK)
		store_close(s);
	free(query);
	if (st != ST_OK)
		return cli_fail(st);
	if (ctx->format == OUT_TABLE)
		drop_paragraph(&t);
	return print_and_close(s, &t, ctx->format, NULL);
}

/* --- the browser -------------------------------------------------------------------- */

/* Global flags that only the browser reads. */
struct browser_flags {
	bool mouse;
	const char *dump_keys;
	const char *at;           /* --at PATH, NULL if not given */
};

static int run_browser(struct cli_ctx *ctx, const struct browser_flags *bf)
{
	if (!bf->dump_keys && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cli_fail(status_set(ST_USAGE, "not a terminal; use a subcommand "
					   "(see pairoff --help)"));
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	if (st != ST_OK)
		return cli_fail(st);
	struct tui_options opt = {
		.mouse = bf->mouse || ctx->settings.mouse,
		.dump_keys = bf->dump_keys,
		.at = bf->at ? bf->at : ctx->settings.start_at,
		.at_named_by = bf->at ? "--at" : "[ui] start_at",
	};
	st = bf->dump_keys ? tui_dump(s, &ctx->settings, &opt) : tui_run(s, &ctx->settings, &opt);
	store_close(s);
	return cli_fail(st);
}

/* --- help ------------------------------------------------------------------------------ */

struct command {
	const char *name;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
	const char *args;
	const char *help;
};

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv);

static const struct command commands[] = {
	{ "import", cmd_import, "[FILE|DIR...]",
	  "build the store (default: bundled reports)" },
	{ "reports", cmd_reports, "", "list the reports in the store" },
	{ "search", cmd_search, "[--limit N] QUERY...",
	  "full-text search: report, line, snippet" },
	{ "regions", cli_cmd_regions, "[--side east|west|central]",
	  "places, with their Chinese names and pinyin" },
	{ "pairs", cli_cmd_pairs, "[REGION]",
	  "who is paired with whom, since when" },
	{ "funds", cli_cmd_funds, "[--donor R] [--recipient R] [--year Y]",
	  "money flows in yuan, each once, with their sources" },
	{ "indicators", cli_cmd_indicators, "[--donor R] [--recipient R] [--year Y] [--kind K]",
	  "cadres sent, people trained, schools built, ..., with sources" },
	{ "totals", cli_cmd_totals, "[--donor R] [--recipient R] [--year Y] [--by province]",
	  "each pair's aid and investment per year" },
	{ "matrix", cli_cmd_matrix, "[--by donor|recipient] [--from Y] [--to Y] [--measure M]",
	  "aid (investment, a count) per donor or recipient and year" },
	{ "map", cli_cmd_map, "[--year Y]",
	  "the tile map of aid given or received, as text" },
	{ "show", cli_cmd_show, "REGION", "one screen about a place" },
	{ "pane", cli_cmd_pane, "provinces|partners P|funds D R|place P",
	  "a browser pane's rows, as the browser has them" },
	{ "anomalies", cli_cmd_anomalies, "", "what the importer corrected or doubted" },
	{ "help", cmd_help, "", "show this help" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_help(FILE *fp)
{
	fputs("Usage: pairoff [OPTION...] [COMMAND [ARG...]]\n"
	      "Browse the reports on China's East-West pairing-off poverty alleviation.\n"
	      "With no command, pairoff starts the browser (it needs a terminal).\n"
	      "\nCommands:\n", fp);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		int n = fprintf(fp, "  %s %s", commands[i].name, commands[i].args);
		if (n >= 36) {
			fputc('\n', fp);
			n = 0;
		}
		fprintf(fp, "%*s%s\n", 36 - n, "", commands[i].help);
	}
	fputs("\nOptions (before the command; --format also after it):\n"
	      "  --db PATH                         the store (default: $PAIROFF_DB, else\n"
	      "                                    $XDG_DATA_HOME/pairoff/pairoff.db)\n"
	      "  --config PATH                     config file (default:\n"
	      "                                    $XDG_CONFIG_HOME/pairoff/config.ini)\n"
	      "  -f, --format table|tsv|csv|json   output format of listings (default table)\n"
	      "  --mouse                           mouse support in the browser\n"
	      "  --at PATH                         open the browser at a province, a pair,\n"
	      "                                    a year or a place (Zhejiang/Sichuan/2009)\n"
	      "  --help-config                     print the config in force\n"
	      "  --help-keys                       list the browser's key bindings\n"
	      "  -h, --help                        show this help\n"
	      "  -V, --version                     show the version\n"
	      "\nExit status: 0 ok, 1 nothing found, 2 usage error, 3 or more data or\n"
	      "system error. See pairoff(1).\n", fp);
}

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	print_help(stdout);
	return cli_finish_output();
}

static const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* "pairoff COMMAND --help": the command's line of the help. */
static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

static int command_help(const struct command *cmd)
{
	printf("Usage: pairoff [OPTION...] %s %s\n%s.\n"
	       "Takes --format table|tsv|csv|json. See pairoff --help and pairoff(1).\n",
	       cmd->name, cmd->args, cmd->help);
	return cli_finish_output();
}

/* --- global options ---------------------------------------------------------------- */

enum { OPT_DB = 256, OPT_CONFIG, OPT_MOUSE, OPT_HELP_CONFIG, OPT_HELP_KEYS, OPT_DUMP_KEYS, OPT_AT };

/* What the global options ask for besides the context. */
struct globals {
	struct browser_flags browser;
	bool help, version, help_config, help_keys;
	const char *help_keys_format; /* --help-keys=man: the man page's list; NULL */
	const char *db;        /* --db, NULL if not given */
};

static int parse_globals(int argc, char **argv, struct cli_ctx *ctx, struct globals *g)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "format", required_argument, NULL, 'f' },
		{ "mouse", no_argument, NULL, OPT_MOUSE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "help-config", no_argument, NULL, OPT_HELP_CONFIG },
		{ "help-keys", optional_argument, NULL, OPT_HELP_KEYS },
		{ "at", required_argument, NULL, OPT_AT },
		/* Feeds keys to the browser and dumps the screen (tests, benchmarks). */
		{ "dump-keys", required_argument, NULL, OPT_DUMP_KEYS },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:f:hV", longopts, NULL)) != -1) {
		enum status st;
		switch (c) {
		case OPT_DB: g->db = optarg; break;
		case OPT_CONFIG: ctx->config_path = optarg; break;
		case 'f':
			if ((st = output_format_parse(optarg, &ctx->format)) != ST_OK)
				return cli_fail(st);
			break;
		case OPT_MOUSE: g->browser.mouse = true; break;
		case 'h': g->help = true; break;
		case 'V': g->version = true; break;
		case OPT_HELP_CONFIG: g->help_config = true; break;
		case OPT_HELP_KEYS:
			g->help_keys = true;
			g->help_keys_format = optarg;
			if (optarg && strcmp(optarg, "man") != 0)
				return cli_usage_error("--help-keys takes no value but 'man', not '%s'", optarg);
			break;
		case OPT_AT: g->browser.at = optarg; break;
		case OPT_DUMP_KEYS: g->browser.dump_keys = optarg; break;
		case ':': return cli_usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: return cli_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	return 0;
}

/* --db, else $PAIROFF_DB, else [store] path, else the XDG default. */
static void resolve_db(struct cli_ctx *ctx, const struct globals *g)
{
	const char *env = getenv("PAIROFF_DB");
	if (g->db) {
		ctx->db_path = g->db;
		ctx->db_named_by = "--db";
	} else if (env && *env) {
		ctx->db_path = env;
		ctx->db_named_by = "$PAIROFF_DB";
	} else if (ctx->settings.db_path)
		ctx->db_path = ctx->settings.db_path;
	else
		ctx->db_path = ctx->db_path_owned = paths_default_db();
}

/* Loads the config; *source (owned) says for --help-config which file the
 * values come from. */
static int load_config(struct cli_ctx *ctx, char **source)
{
	char *owned = NULL;
	const char *path = ctx->config_path;
	if (!path)
		path = owned = paths_default_config();
	enum status st = settings_load(&ctx->settings, path, ctx->config_path != NULL, stderr);
	*source = access(path, R_OK) == 0 ? xstrdup(path) :
		xasprintf("none (no %s): the compiled-in defaults", path);
	free(owned);
	return st == ST_OK ? 0 : cli_fail(st);
}

/* --help-config and --help-keys: what is in force, the config read. */
static int print_config_help(const struct cli_ctx *ctx, const struct globals *g, const char *source)
{
	if (g->help_config)
		settings_print(stdout, &ctx->settings, source);
	else if (g->help_keys_format)
		action_print_man(stdout);
	else
		keymap_print(stdout, &ctx->settings.keymap);
	return cli_finish_output();
}

static int dispatch(struct cli_ctx *ctx, const struct globals *g, int argc, char **argv)
{
	if (argc == 0)
		return run_browser(ctx, &g->browser);
	if (g->browser.at)
		return cli_usage_error("--at opens the browser: it takes no command ('%s')", argv[0]);
	const struct command *cmd = command_find(argv[0]);
	if (!cmd)
		return cli_usage_error("unknown command '%s'", argv[0]);
	if (wants_help(argc, argv))
		return command_help(cmd);
	int code = take_format(ctx, &argc, argv);
	return code ? code : cmd->run(ctx, argc, argv);
}

int cli_main(int argc, char **argv)
{
	struct cli_ctx ctx = { .format = OUT_TABLE };
	struct globals g = {0};
	char *source = NULL;
	settings_defaults(&ctx.settings);
	int code = parse_globals(argc, argv, &ctx, &g);
	if (code == 0 && g.help) {
		print_help(stdout);
		code = cli_finish_output();
	} else if (code == 0 && g.version) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		code = cli_finish_output();
	} else if (code == 0 && (code = load_config(&ctx, &source)) == 0) {
		if (g.help_config || g.help_keys) {
			code = print_config_help(&ctx, &g, source);
		} else {
			resolve_db(&ctx, &g);
			code = dispatch(&ctx, &g, argc - optind, argv + optind);
		}
	}
	free(source);
	settings_free(&ctx.settings);
	free(ctx.db_path_owned);
	return code;
}
