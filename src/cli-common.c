#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pairoff/cli-common.h"
#include "pairoff/import.h"
#include "pairoff/inert.h"
#include "pairoff/paths.h"
#include "pairoff/store.h"
#include "pairoff/util.h"

/* What every subcommand shares (src/cli.c, src/cli-facts.c, src/cli-matrix.c):
 * failing with one line and an exit code, opening the store (building it on
 * first use), parsing a subcommand's options. */

/* --- failing ------------------------------------------------------------------ */

/* Prints "pairoff: <detail>" as one line: a detail (a file name, a query, a
 * crafted store's text) is made inert (src/inert.c), line breaks spaces. */
int cli_fail(enum status st)
{
	if (st == ST_OK)
		return 0;
	fputs("pairoff: ", stderr);
	inert_fputs(stderr, status_detail(st), inert_locale_flags());
	fputc('\n', stderr);
	return status_exit_code(st);
}

int cli_usage_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cli_fail(status_set(ST_USAGE, "%s (see pairoff --help)", msg));
}

int cli_finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(status_set(ST_IO, "write error: %s", strerror(errno)));
	return 0;
}

/* --- the store ------------------------------------------------------------------ */

static const char *gazetteer_path(const struct cli_ctx *ctx, char **owned)
{
	if (ctx->settings.gazetteer_path)
		return ctx->settings.gazetteer_path;
	*owned = paths_gazetteer();
	return *owned;
}

enum status cli_import_paths(struct cli_ctx *ctx, const char *const *paths, size_t npaths,
			     struct import_summary *sum)
{
	char *created;
	if (paths_make_parent(ctx->db_path, &created) != 0)
		return status_set(ST_IO, "%s: cannot create its directory: %s", ctx->db_path,
				  strerror(errno));
	char *gaz_owned = NULL;
	enum status st = import_run(ctx->db_path, paths, npaths,
				      gazetteer_path(ctx, &gaz_owned), sum);
	free(gaz_owned);
	if (st != ST_OK)   /* a failed import leaves no directory behind */
		paths_remove_created(ctx->db_path, created);
	free(created);
	return st;
}

/* Every query of the command line has a time limit (a crafted store can
 * hold a view that never ends); a signal ends the process as usual. */
static enum status open_with_limit(struct cli_ctx *ctx, struct store **out)
{
	enum status st = store_open(ctx->db_path, out);
	if (st == ST_OK) {
		struct store_cancel cancel = {
			.time_limit_ms = ctx->settings.query_time_limit * 1000L,
		};
		store_set_cancel(*out, &cancel);
	}
	return st;
}

/* A store of an older schema is rebuilt from the report texts it holds, in
 * a private directory, by an ordinary (atomic) import: the old store stays
 * as it was until the new one replaces it. */
static enum status upgrade_store(struct cli_ctx *ctx, int version)
{
	char *dir = xasprintf("%s/pairoff-upgrade.XXXXXX", paths_tmp_dir());
	if (!mkdtemp(dir)) {
		enum status st = status_set(ST_IO, "%s: %s", dir, strerror(errno));
		free(dir);
		return st;
	}
	fprintf(stderr, "pairoff: %s has schema version %d; rebuilding it (version %d) from the "
		"reports it holds\n", ctx->db_path, version, STORE_SCHEMA_VERSION);
	enum status st = store_save_reports(ctx->db_path, dir);
	struct import_summary sum;
	const char *paths[] = { dir };
	if (st == ST_OK)
		st = cli_import_paths(ctx, paths, 1, &sum);
	paths_remove_tree(dir);
	free(dir);
	return st;
}

/* A store the user named (a typo, often) is not built on a look-up: that
 * would leave a store, and maybe directories, where nobody asked for one. */
static enum status no_store(const struct cli_ctx *ctx)
{
	char *word = str_shell_word(ctx->db_path);
	enum status st = strcmp(ctx->db_named_by, "--db") == 0 ?
		status_set(ST_IO, "no store at %s; run `pairoff --db %s import`", ctx->db_path, word) :
		status_set(ST_IO, "no store at %s (%s); run `pairoff import`", ctx->db_path,
			   ctx->db_named_by);
	free(word);
	return st;
}

enum status cli_open_store(struct cli_ctx *ctx, struct store **out)
{
	enum status st = open_with_limit(ctx, out);
	int version = st == ST_STORE ? store_schema_version(ctx->db_path) : 0;
	if (version > 0 && version < STORE_SCHEMA_VERSION) {
		st = upgrade_store(ctx, version);
		return st == ST_OK ? open_with_limit(ctx, out) : st;
	}
	if (st != ST_NOT_FOUND)
		return st;
	if (ctx->db_named_by)
		return no_store(ctx);
	/* First use: build the store from the bundled reports. */
	if (isatty(STDERR_FILENO))
	{
		fputs("pairoff: building ", stderr);
		inert_fputs(stderr, ctx->db_path, inert_locale_flags());
		fputs(" from the bundled reports\n", stderr);
	}
	char *reports = paths_reports_dir();
	const char *paths[] = { reports };
	struct import_summary sum;
	st = cli_import_paths(ctx, paths, 1, &sum);
	free(reports);
	return st == ST_OK ? open_with_limit(ctx, out) : st;
}

/* --- subcommand options ------------------------------------------------------------ */

int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, int *exit_code)
{
	opterr = 0;
	int c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?' || c == ':') {
		/* an unknown letter inside "-village" leaves optind on that word,
		 * and argv[optind - 1] may be the subcommand itself */
		char letter[3] = { '-', (char)optopt, '\0' };
		const char *arg = c == ':' || !optopt ? argv[optind - 1] :
				  optopt < 0x20 || optopt >= 0x7F ? "?" : letter;
		*exit_code = c == ':' ?
			cli_usage_error("%s: option '%s' needs an argument", argv[0], arg) :
			cli_usage_error("%s: unknown option '%s' (put -- before words that "
					"begin with -)", argv[0], arg);
		return '?';
	}
	return c;
}

int cli_parse_options(int argc, char **argv, const char *shortopts, const struct option *longopts,
		      cli_option_fn take, void *data, int max_operands)
{
	int c, code = 0;
	optind = 0;
	while ((c = cli_getopt(argc, argv, shortopts, longopts, &code)) != -1) {
		if (c == '?')
			return code;
		if ((code = take(data, argv[0], c, optarg)) != 0)
			return code;
	}
	if (argc - optind > max_operands)
		return cli_usage_error("%s: unexpected argument '%s'", argv[0], argv[optind + max_operands]);
	return 0;
}

int cli_parse_year(const char *cmd, const char *opt, const char *arg, int *year)
{
	char *end;
	errno = 0;
	long y = strtol(arg, &end, 10);
	if (errno || end == arg || *end || y < 1900 || y > 2100)
		return cli_usage_error("%s: bad --%s '%s' (expected a year such as 2009)", cmd, opt, arg);
	*year = (int)y;
	return 0;
}
