#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/settings.h"
void settings_defaults(struct settings *st) { (void)st; }
enum status settings_load(struct settings *st, const char *path, bool must_exist, FILE *warn_fp) { (void)st; (void)path; (void)must_exist; (void)warn_fp; return ST_OK; }
void settings_free(struct settings *st) { (void)st; }
void settings_print_keys(FILE *fp) { (void)fp; }
