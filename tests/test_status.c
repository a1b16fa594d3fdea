/* Unit test of src/status.c: a failure's detail belongs to the thread that
 * recorded it. The import reads reports on a second thread while the main
 * one writes the store (src/import.c); each may fail, and neither may
 * overwrite or read the other's detail. */
#include "config.h"

#include <pthread.h>

#include "pairoff/status.h"

#include "check.h"

/* On a thread of its own: starts with no detail, keeps what it sets. */
static void *other_thread(void *arg)
{
	(void)arg;
	CHECK_STR(status_detail(ST_DATA), "invalid data", "a new thread starts without the main thread's detail");
	status_set(ST_IO, "reading thread: %s", "report.txt: binary file");
	CHECK_STR(status_detail(ST_IO), "reading thread: report.txt: binary file", "the thread's own detail");
	return NULL;
}

int main(void)
{
	CHECK_STR(status_detail(ST_STORE), "store error", "no detail yet: the status's message");
	status_set(ST_STORE, "main thread: %d", 42);
	pthread_t t;
	CHECK(pthread_create(&t, NULL, other_thread, NULL) == 0, "pthread_create");
	pthread_join(t, NULL);
	CHECK_STR(status_detail(ST_STORE), "main thread: 42", "the main thread's detail is its own");
	status_clear();
	CHECK_STR(status_detail(ST_IO), "input/output error", "cleared");
	CHECK(status_exit_code(ST_USAGE) == 2 && status_exit_code(ST_NOT_FOUND) == 1, "exit codes");
	return CHECK_EXIT();
}
