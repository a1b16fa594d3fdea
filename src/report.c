#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/report.h"
enum status report_read(const char *path, struct report **out) { (void)path; (void)out; return status_set(ST_DATA, "report reader not written yet"); }
enum status report_parse(const char *name, const char *buf, size_t len, struct report **out) { (void)name; (void)buf; (void)len; (void)out; return ST_DATA; }
void report_free(struct report *r) { (void)r; }
bool report_line(const struct report *r, int line_no, const char **start, size_t *len) { (void)r; (void)line_no; (void)start; (void)len; return false; }
