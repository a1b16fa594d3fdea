#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "pairoff/status.h"

static const struct {
	enum status st;
	const char *name;
} status_info[] = {
#define STATUS_INFO(name, code, msg) { ST_##name, msg },
	STATUS_CODES(STATUS_INFO)
#undef STATUS_INFO
};

/* The detail of the last failure, one per thread: the import's second
 * thread reads reports (and fails) while the main one writes the store. A
 * detail is read on the thread that set it; the import hands its reading
 * thread's detail over with the job (src/import.c). */
static _Thread_local char last_detail[1024];

const char *status_name(enum status st)
{
	for (size_t i = 0; i < sizeof(status_info) / sizeof(status_info[0]); i++)
		if (status_info[i].st == st)
			return status_info[i].name;
	return "unknown error";
}

int status_exit_code(enum status st)
{
	switch (st) {
	case ST_OK:
		return 0;
	case ST_NOT_FOUND:
		return 1;
	case ST_USAGE:
		return 2;
	default:
		return (int)st;
	}
}

void status_set_detail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_detail, sizeof(last_detail), fmt, ap);
	va_end(ap);
}

const char *status_detail(enum status st)
{
	return last_detail[0] ? last_detail : status_name(st);
}

void status_clear(void)
{
	last_detail[0] = '\0';
}
