#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/tui.h"
enum status tui_run(struct store *s, const struct settings *st, const struct tui_options *opt) { (void)s; (void)st; (void)opt; return ST_TERMINAL; }
