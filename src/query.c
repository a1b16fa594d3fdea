#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/query.h"
void qtable_init(struct qtable *t, size_t ncols, const char *const *headers) { (void)t; (void)ncols; (void)headers; }
void qtable_add_row(struct qtable *t, const char *const *cells) { (void)t; (void)cells; }
const char *qtable_get(const struct qtable *t, size_t row, size_t col) { (void)t; (void)row; (void)col; return NULL; }
int qtable_col(const struct qtable *t, const char *name) { (void)t; (void)name; return -1; }
int64_t qtable_int(const struct qtable *t, size_t row, size_t col) { (void)t; (void)row; (void)col; return 0; }
void qtable_free(struct qtable *t) { (void)t; }
enum status query_reports(struct store *s, struct qtable *out) { (void)s; (void)out; return ST_STORE; }
enum status query_search(struct store *s, const char *q, size_t limit, struct qtable *out) { (void)s; (void)q; (void)limit; (void)out; return ST_STORE; }
enum status query_report_text(struct store *s, const char *f, char **text) { (void)s; (void)f; (void)text; return ST_STORE; }
