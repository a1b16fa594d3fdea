/* An LD_PRELOAD shim for tests/bad-input.sh: a SIGINT arrives right after
 * a rename(2) has put a new store in place, as a Ctrl-C at the last moment
 * of an import would (issue 15, item 6). */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>

int rename(const char *from, const char *to)
{
	int (*real_rename)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	int rc = real_rename(from, to);
	raise(SIGINT);
	return rc;
}
