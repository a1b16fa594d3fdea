#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/cli.h"
#include <stdio.h>
int cli_main(int argc, char **argv) { (void)argc; (void)argv; fputs("pairoff: not written yet\n", stderr); return 3; }
enum status cli_open_store(struct cli_ctx *ctx, struct store **out) { (void)ctx; (void)out; return ST_STORE; }
int cli_fail(enum status st) { return status_exit_code(st); }
