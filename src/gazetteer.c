#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/gazetteer.h"
enum status gazetteer_load(const char *path, struct gazetteer **out) { (void)path; (void)out; return ST_CONFIG; }
void gazetteer_free(struct gazetteer *g) { (void)g; }
size_t gazetteer_count(const struct gazetteer *g) { (void)g; return 0; }
const struct region *gazetteer_region(const struct gazetteer *g, size_t idx) { (void)g; (void)idx; return NULL; }
size_t gazetteer_lookup(const struct gazetteer *g, const char *name) { (void)g; (void)name; return GAZ_NONE; }
size_t gazetteer_match(const struct gazetteer *g, const char *text, size_t *match_len, size_t *alias) { (void)g; (void)text; (void)match_len; (void)alias; return GAZ_NONE; }
size_t gazetteer_province_of(const struct gazetteer *g, size_t idx) { (void)g; (void)idx; return GAZ_NONE; }
