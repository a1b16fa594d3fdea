#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/query.h"
enum status query_region_resolve(struct store *s, const char *name, char **canonical) { (void)s; (void)name; (void)canonical; return ST_NOT_FOUND; }
enum status query_regions(struct store *s, const char *side, struct qtable *out) { (void)s; (void)side; (void)out; return ST_STORE; }
enum status query_pairs(struct store *s, const char *region, struct qtable *out) { (void)s; (void)region; (void)out; return ST_STORE; }
enum status query_funds(struct store *s, const char *donor, const char *recipient, int year, struct qtable *out) { (void)s; (void)donor; (void)recipient; (void)year; (void)out; return ST_STORE; }
enum status query_anomalies(struct store *s, struct qtable *out) { (void)s; (void)out; return ST_STORE; }
