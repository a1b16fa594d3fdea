#ifndef PAIROFF_CLI_COMMON_H
#define PAIROFF_CLI_COMMON_H

/* What the command line's files share (src/cli-common.c): the context the
 * global options fill, failing with one line on stderr and an exit code
 * (0 ok, 1 nothing found, 2 usage, 3+ data or system errors), opening the
 * store, parsing a subcommand's options. */

#include <stddef.h>

#include "pairoff/output.h"
#include "pairoff/settings.h"
#include "pairoff/status.h"

struct store;

struct cli_ctx {
	const char *db_path;      /* --db, $PAIROFF_DB, config or XDG default (resolved) */
	const char *db_named_by;  /* "--db" or "$PAIROFF_DB" when the user named the
	                           * store: a look-up then never builds it; NULL */
	const char *config_path;  /* --config or NULL */
	enum output_format format;
	struct settings settings;
	char *db_path_owned;      /* owned; backing storage for db_path when computed */
};

/* Opens the store of ctx, building it from the bundled reports first when it
 * does not exist yet and is the default one (config or XDG path). A store
 * named by --db or $PAIROFF_DB that does not exist is ST_IO, "no store at
 * PATH; run `pairoff --db PATH import`", and nothing is created. */
enum status cli_open_store(struct cli_ctx *ctx, struct store **out);

struct import_summary;
/* Imports paths into the store of ctx (import_run), creating its directory
 * first; a failed import leaves no directory behind. */
enum status cli_import_paths(struct cli_ctx *ctx, const char *const *paths, size_t npaths,
			     struct import_summary *sum);

/* Prints "pairoff: <detail>" for st on stderr and returns its exit code. */
int cli_fail(enum status st);

/* Records a usage error "MSG (see pairoff --help)", prints it, returns 2. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Flushes stdout; a failed write (disk full, closed pipe) is an error too.
 * Returns 0 or the exit status of the failure. */
int cli_finish_output(void);

struct option;
/* getopt_long over a subcommand's arguments (argv[0] is its name). Returns
 * the option, -1 at the end, or '?' with *exit_code set after printing a
 * usage error. */
int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, int *exit_code);

/* One option of a subcommand, as getopt_long gave it (c, optarg), to the
 * subcommand's handler; returns 0, or the exit status of a usage error. */
typedef int (*cli_option_fn)(void *data, const char *cmd, int c, const char *arg);

/* Parses every option of a subcommand (argv[0] its name) with take, then
 * checks that no argument is left beyond max_operands: "CMD: unexpected
 * argument 'X'". Returns 0 (optind at the first operand) or an exit status. */
int cli_parse_options(int argc, char **argv, const char *shortopts, const struct option *longopts,
		      cli_option_fn take, void *data, int max_operands);

/* arg as a year the reports can speak of (1900-2100) into *year; anything
 * else is "CMD: bad --OPT 'ARG' (expected a year such as 2009)". Returns 0
 * or the exit status of the usage error. */
int cli_parse_year(const char *cmd, const char *opt, const char *arg, int *year);

#endif
