#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/cli.h"
int cli_cmd_regions(struct cli_ctx *ctx, int argc, char **argv) { (void)ctx; (void)argc; (void)argv; return 3; }
int cli_cmd_pairs(struct cli_ctx *ctx, int argc, char **argv) { (void)ctx; (void)argc; (void)argv; return 3; }
int cli_cmd_funds(struct cli_ctx *ctx, int argc, char **argv) { (void)ctx; (void)argc; (void)argv; return 3; }
int cli_cmd_show(struct cli_ctx *ctx, int argc, char **argv) { (void)ctx; (void)argc; (void)argv; return 3; }
int cli_cmd_anomalies(struct cli_ctx *ctx, int argc, char **argv) { (void)ctx; (void)argc; (void)argv; return 3; }
