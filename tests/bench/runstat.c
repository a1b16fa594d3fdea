/* Runs a command and reports its wall time, CPU time and peak RSS, for the
 * benchmarks (where /usr/bin/time may be missing or differ).
 *
 * usage: runstat OUTFILE COMMAND [ARG...]
 * Writes "wall_ms cpu_ms maxrss_kb exit_status" as one line to OUTFILE; the
 * command's own output goes where runstat's goes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: runstat OUTFILE COMMAND [ARG...]\n");
		return 2;
	}
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 3;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror("runstat: exec");
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runstat: wait4");
		return 3;
	}
	double wall = now_ms() - t0;
	FILE *out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 3;
	}
	fprintf(out, "%.2f %.2f %ld %d\n", wall, tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime), ru.ru_maxrss,
		WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return fclose(out) == 0 ? 0 : 3;
}
