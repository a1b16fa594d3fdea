#ifndef PAIROFF_STATUS_H
#define PAIROFF_STATUS_H

/* One status enum for every fallible function, with a message table (tig's
 * STATUS_CODE_INFO). A function that fails also records a one-line detail
 * (file, line, what) with status_set(); the CLI prints it as
 * "pairoff: <detail>" and the TUI shows it on its status line. */

#define STATUS_CODES(_) \
	_(OK,          0, "success") \
	_(NOT_FOUND,   1, "nothing found") \
	_(USAGE,       2, "usage error") \
	_(IO,          3, "input/output error") \
	_(DATA,        4, "invalid data") \
	_(STORE,       5, "store error") \
	_(CONFIG,      6, "configuration error") \
	_(NOMEM,       7, "out of memory") \
	_(INTERRUPTED, 8, "interrupted") \
	_(TERMINAL,    9, "terminal error")

enum status {
#define STATUS_ENUM(name, code, msg) ST_##name = code,
	STATUS_CODES(STATUS_ENUM)
#undef STATUS_ENUM
};

const char *status_name(enum status st);
/* Exit status for a status: 0 ok, 1 not found, 2 usage, 3.. data/system errors. */
int status_exit_code(enum status st);

/* Records the detail of the last failure (printf-style) and returns st, so a
 * caller can write `return status_set(ST_IO, "%s: %s", path, strerror(errno));`.
 * The detail is the calling thread's own: another thread neither sees nor
 * overwrites it. */
enum status status_set(enum status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The detail recorded last, or the generic message of st when none was. */
const char *status_detail(enum status st);
void status_clear(void);

#endif
