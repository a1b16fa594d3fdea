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

/* Records the detail of the last failure (printf-style); status_set() is the
 * usual way to call it. The detail is the calling thread's own: another
 * thread neither sees nor overwrites it. */
void status_set_detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* status_set(st, fmt, ...) records the detail of the last failure and
 * evaluates to st, so a caller can write
 * `return status_set(ST_IO, "%s: %s", path, strerror(errno));`. A macro, so
 * that every caller, and the static analyser (make check-clang), sees that
 * the value is st; through status_value() so that a call whose value is
 * unused draws no warning. */
static inline enum status status_value(enum status st)
{
	return st;
}
#define status_set(st, ...) status_value((status_set_detail(__VA_ARGS__), (st)))
/* The detail recorded last, or the generic message of st when none was. */
const char *status_detail(enum status st);
void status_clear(void);

#endif
