#ifndef PAIROFF_TESTS_CHECK_H
#define PAIROFF_TESTS_CHECK_H

/* The assertions of the C unit tests: each failed check prints file, line and
 * a message on stderr and is counted; main() ends with `return CHECK_EXIT();`. */

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		failures++; \
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

static inline void check_str(const char *got, const char *want, const char *what,
			     const char *file, int line)
{
	if (!got || strcmp(got, want) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: FAIL: %s\n--- got ---\n%s\n--- want ---\n%s\n",
			file, line, what, got ? got : "(null)", want);
	}
}
#define CHECK_STR(got, want, what) check_str(got, want, what, __FILE__, __LINE__)

#define CHECK_EXIT() (failures ? 1 : 0)

#endif
