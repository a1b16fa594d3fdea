#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/store.h"
#include "store-internal.h"
sqlite3 *store_db(struct store *s) { (void)s; return NULL; }
sqlite3_stmt *store_prepare(struct store *s, const char *sql) { (void)s; (void)sql; return NULL; }
enum status store_open(const char *db_path, struct store **out) { (void)db_path; (void)out; return ST_STORE; }
void store_close(struct store *s) { (void)s; }
const char *store_path(const struct store *s) { (void)s; return ""; }
enum status store_import(const char *db_path, const char *const *paths, size_t npaths, const char *gazetteer_path, struct import_summary *summary) { (void)db_path; (void)paths; (void)npaths; (void)gazetteer_path; (void)summary; return ST_STORE; }
