/* A pty recorder for the benchmarks: runs a command on a pseudo-terminal of a
 * given size, counts the bytes it writes for its first screen and for each key
 * sent afterwards, and reports when the first screen was complete and the
 * child's peak RSS.
 *
 * usage: ptyrec COLSxLINES QUIET_MS KEYS -- COMMAND [ARG...]
 * KEYS is a comma-separated list of Down, Up, Left, Right, Enter, Esc or a
 * single character, each sent once and followed by QUIET_MS of silence;
 * KEY*N sends N of them in one write (a burst: a held key, a paste), and
 * KEY*N@MS sends N of them MS milliseconds apart; =TEXT sends TEXT in one
 * write, reported as one key. After the last key
 * ptyrec notes the child's resident memory, sends 'Q' and waits for exit.
 * Output is made for tests/bench.sh, one "name value" per line:
 *   first-paint-ms 9.8     (exec to the end of the first burst of output, i.e.
 *   first-paint-bytes 2100  the last byte before a 25 ms pause after 256 bytes)
 *   first-screen-ms 12.3   (exec to the last byte before 10 x QUIET_MS of silence:
 *   first-screen-bytes 2345 the screen complete, work put off till after it included)
 *   key Down 87
 *   burst Down 20 1450     (N keys sent at once: the bytes they cost together)
 *   spaced Down 20 2900 310 (N keys MS apart: all their bytes, and the most
 *                            one key cost, its bytes until the next was sent)
 *   rss-kb 5800            (the child's resident memory after the last key)
 *   cpu-ms 41.2            (the child's user + system time, all of its life)
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
	return name[0] == '=' && name[1] ? name + 1 : name;
}

static pid_t child;
static void settle(pid_t pid);

/* Output until the child is idle: QUIET_MS of silence, and then no CPU
 * used for 100 ms (a slow query makes no output while it runs), and any
 * output that brought. */
static long drain_idle(int fd, int quiet_ms)
{
	long total = drain(fd, quiet_ms, NULL, NULL);
	settle(child);
	return total + drain(fd, quiet_ms, NULL, NULL);
}

/* Bytes the child writes within ms milliseconds. */
static long read_for(int fd, double ms)
{
	long total = 0;
	char buf[65536];
	double end = now_ms() + ms;
	for (double left = ms; left > 0; left = end - now_ms()) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int n = poll(&p, 1, (int)(left + 0.999));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		ssize_t got = read(fd, buf, sizeof buf);
		if (got <= 0)
			break;
		total += got;
	}
	return total;
}

/* KEY*N: N keys in one write. */
static void send_burst(int fd, const char *name, int n, int quiet_ms)
{
	const char *seq = key_bytes(name);
	size_t len = strlen(seq);
	char *all = malloc(len * (size_t)n + 1);
	if (!all)
		return;
	for (int i = 0; i < n; i++)
		memcpy(all + len * (size_t)i, seq, len);
	if (write(fd, all, len * (size_t)n) >= 0)
		printf("burst %s %d %ld\n", name, n, drain_idle(fd, quiet_ms));
	free(all);
}

/* KEY*N@MS: N keys MS milliseconds apart; the output after the last one
 * until QUIET_MS of silence counts for it. */
static void send_spaced(int fd, const char *name, int n, int gap_ms, int quiet_ms)
{
	const char *seq = key_bytes(name);
	long total = 0, most = 0;
	for (int i = 0; i < n; i++) {
		if (write(fd, seq, strlen(seq)) < 0)
			return;
		long got = i < n - 1 ? read_for(fd, gap_ms) : drain_idle(fd, quiet_ms);
		total += got;
		most = got > most ? got : most;
	}
	printf("spaced %s %d %ld %ld\n", name, n, total, most);
}

static void send_keys(int fd, char *keys, int quiet_ms)
{
	char *save = NULL;
	for (char *k = strtok_r(keys, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		char *star = strchr(k, '*');
		if (star && star != k) {
			*star = '\0';
			int n = atoi(star + 1);
			char *at = strchr(star + 1, '@');
			if (at)
				send_spaced(fd, k, n, atoi(at + 1), quiet_ms);
			else
				send_burst(fd, k, n, quiet_ms);
			continue;
		}
		const char *seq = key_bytes(k);
		if (write(fd, seq, strlen(seq)) < 0)
			break;
		printf("key %s %ld\n", k, drain(fd, quiet_ms, NULL, NULL));
	}
}

/* The CPU time pid has used, in clock ticks (-1 when unknown). */
static long cpu_ticks(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	const char *p = strrchr(buf, ')');   /* the command name may hold spaces */
	unsigned long utime, stime;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
		return -1;
	return (long)(utime + stime);
}

/* Waits until pid has used no CPU for 100 ms (at most 5 s): work it does
 * without output (a query after a pause) is over before its memory is read. */
static void settle(pid_t pid)
{
	long before = cpu_ticks(pid);
	for (int i = 0; i < 50; i++) {
		struct timespec ts = { 0, 100 * 1000000L };
		nanosleep(&ts, NULL);
		long now = cpu_ticks(pid);
		if (now == before)
			break;
		before = now;
	}
}

/* The resident memory of pid now, in KiB (-1 when unknown). */
static long rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	while (fgets(line, sizeof line, fp))
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	fclose(fp);
	return kb;
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
	child = pid;
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
	settle(pid);
	printf("rss-kb %ld\n", rss_kb(pid));
	if (write(fd, "Q", 1) < 0)
		kill(pid, SIGTERM);
	drain(fd, quiet_ms, NULL, NULL);
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("ptyrec: wait4");
		return 3;
	}
	printf("cpu-ms %.2f\n", (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
	printf("maxrss-kb %ld\nexit %d\n", ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
