#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/output.h"
enum status output_format_parse(const char *name, enum output_format *fmt) { (void)name; (void)fmt; return ST_USAGE; }
void output_print(FILE *fp, const struct qtable *t, enum output_format fmt) { (void)fp; (void)t; (void)fmt; }
