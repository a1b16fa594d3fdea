/* A pty recorder for the benchmarks: runs a command on a pseudo-terminal of a
 * given size, counts the bytes it writes for its first screen and for each key
 * sent afterwards, and reports when the first screen was complete and the
 * child's peak RSS.
 *
 * usage: ptyrec COLSxLINES QUIET_MS KEYS -- COMMAND [ARG...]
 * KEYS is a comma-separated list of Down, Up, Left, Right, Enter, Esc or a
 * single character; after the last key ptyrec sends 'Q' and waits for exit.
 * Output is made for tests/bench.sh, one "name value" per line:
 *   first-paint-ms 9.8     (exec to the end of the first burst of output, i.e.
 *   first-paint-bytes 2100  the last byte before a 25 ms pause after 256 bytes)
 *   first-screen-ms 12.3   (exec to the last byte before 10 x QUIET_MS of silence:
 *   first-screen-bytes 2345 the screen complete, work put off till after it included)
 *   key Down 87
 *   maxrss-kb 6120
 *   exit 0 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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

/* The first paint: output until the first pause of PAINT_GAP_MS once more
 * than PAINT_MIN_BYTES came (curses sends its few setup bytes before the
 * program reads its data). */
#define PAINT_GAP_MS 25
#define PAINT_MIN_BYTES 256

struct burst {
	double paint_ms;       /* when the first burst ended */
	long paint_bytes;      /* bytes in it */
};

/* Reads from fd until quiet_ms pass without output (or EOF, or 10 s).
 * Returns the bytes read; *last is when the last byte came; when b is not
 * NULL, it gets the end and size of the first burst. */
static long drain(int fd, int quiet_ms, double *last, struct burst *b)
{
	long total = 0;
	double start = now_ms(), prev = 0;
	char buf[65536];
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int n = poll(&p, 1, quiet_ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		ssize_t got = read(fd, buf, sizeof buf);
		if (got <= 0)
			break;
		double t = now_ms();
		if (b && total > PAINT_MIN_BYTES && b->paint_bytes == 0 && t - prev >= PAINT_GAP_MS) {
			b->paint_ms = prev;
			b->paint_bytes = total;
		}
		total += got;
		prev = t;
		if (last)
			*last = t;
		if (t - start > 10000)
			break;
	}
	if (b && b->paint_bytes == 0) {
		b->paint_ms = prev;
		b->paint_bytes = total;
	}
	return total;
}

static const char *key_bytes(const char *name)
{
	static const struct { const char *name, *seq; } keys[] = {
		/* keypad-transmit mode of xterm, which curses switches on */
		{ "Down", "\033OB" }, { "Up", "\033OA" }, { "Right", "\033OC" },
		{ "Left", "\033OD" }, { "Enter", "\r" }, { "Esc", "\033" },
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(name, keys[i].name) == 0)
			return keys[i].seq;
	return name;
}

static void send_keys(int fd, char *keys, int quiet_ms)
{
	for (char *k = strtok(keys, ","); k; k = strtok(NULL, ",")) {
		const char *seq = key_bytes(k);
		if (write(fd, seq, strlen(seq)) < 0)
			break;
		printf("key %s %ld\n", k, drain(fd, quiet_ms, NULL, NULL));
	}
}

int main(int argc, char **argv)
{
	struct winsize ws = { 0 };
	int cols, lines;
	if (argc < 6 || strcmp(argv[4], "--") != 0 || sscanf(argv[1], "%dx%d", &cols, &lines) != 2) {
		fprintf(stderr, "usage: ptyrec COLSxLINES QUIET_MS KEYS -- COMMAND [ARG...]\n");
		return 2;
	}
	ws.ws_col = (unsigned short)cols;
	ws.ws_row = (unsigned short)lines;
	int quiet_ms = atoi(argv[2]), fd;
	double t0 = now_ms(), last = t0;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("ptyrec: forkpty");
		return 3;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[5], argv + 5);
		_exit(127);
	}
	/* the first screen may wait on a slow query: allow it ten quiet periods */
	struct burst b = { 0 };
	long first = drain(fd, 10 * quiet_ms, &last, &b);
	printf("first-paint-ms %.2f\nfirst-paint-bytes %ld\n", b.paint_ms - t0, b.paint_bytes);
	printf("first-screen-ms %.2f\nfirst-screen-bytes %ld\n", last - t0, first);
	if (*argv[3])
		send_keys(fd, argv[3], quiet_ms);
	if (write(fd, "Q", 1) < 0)
		kill(pid, SIGTERM);
	drain(fd, quiet_ms, NULL, NULL);
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("ptyrec: wait4");
		return 3;
	}
	printf("maxrss-kb %ld\nexit %d\n", ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
