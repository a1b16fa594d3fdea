#ifndef PAIROFF_CLI_H
#define PAIROFF_CLI_H

/* The command line: global options, subcommands, exit codes (0 ok, 1 nothing
 * found, 2 usage, 3+ data or system errors; one line on stderr for each
 * failure). Every pane of the browser has a subcommand twin. */

#include "pairoff/cli-common.h"

int cli_main(int argc, char **argv);

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
/* src/cli-map.c: the tile map as text. */
int cli_cmd_map(struct cli_ctx *ctx, int argc, char **argv);

#endif
