#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/extract.h"
const char *fund_category_name(enum fund_category c) { (void)c; return "other"; }
enum status extract_report(const struct report *r, const struct gazetteer *g, struct extraction *out) { (void)r; (void)g; (void)out; return ST_OK; }
void extraction_free(struct extraction *x) { (void)x; }
