#ifndef PAIROFF_CLI_H
#define PAIROFF_CLI_H

/* The command line: global options, subcommands, exit codes (0 ok, 1 nothing
 * found, 2 usage, 3+ data or system errors; one line on stderr for each
 * failure). Every pane of the browser has a subcommand twin. */

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

int cli_main(int argc, char **argv);

/* Opens the store of ctx, building it from the bundled reports first when it
 * does not exist yet and is the default one (config or XDG path). A store
 * named by --db or $PAIROFF_DB that does not exist is ST_IO, "no store at
 * PATH; run `pairoff --db PATH import`", and nothing is created. */
enum status cli_open_store(struct cli_ctx *ctx, struct store **out);

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

/* Subcommands of src/cli-facts.c; argv[0] is the subcommand name, options
 * already past the global ones. Each returns an exit status. */
int cli_cmd_regions(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_pairs(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_funds(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_indicators(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_totals(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_pane(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_show(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_anomalies(struct cli_ctx *ctx, int argc, char **argv);
/* src/cli-matrix.c: the comparison matrix. */
int cli_cmd_matrix(struct cli_ctx *ctx, int argc, char **argv);

#endif
