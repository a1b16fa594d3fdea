/* Fuzz regressions for make check: feeds every file of the given directories
 * (default: tests/fuzz/crashers and data/reports under $top_srcdir) through
 * the harness it is linked with: fuzz_extract (report_parse + extract_report
 * with the real gazetteer) or fuzz_store (crafted stores to the queries). A crash, a sanitizer report or an abort() in the harness's
 * consistency checks fails the test; so does finding no crasher at all,
 * since then the directory was not found. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pairoff/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fuzz_replay: cannot open %s\n", path);
		return -1;
	}
	struct strbuf sb = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_append(&sb, chunk, n);
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)(sb.data ? sb.data : ""), sb.len);
	strbuf_free(&sb);
	return 0;
}

/* Returns the number of regular files replayed, -1 on error. */
static long replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "fuzz_replay: cannot open directory %s\n", dir);
		return -1;
	}
	long count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(path) < 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(path);
	}
	closedir(d);
	return count;
}

int main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	const char *top = getenv("top_srcdir");
	if (!top || !*top)
		top = ".";
	char *crashers = xasprintf("%s/tests/fuzz/crashers", top);
	char *reports = xasprintf("%s/data/reports", top);
	long ncrash = replay_dir(crashers), nreports = replay_dir(reports);
	free(crashers);
	free(reports);
	if (ncrash < 0 || nreports <= 0) {
		fprintf(stderr, "fuzz_replay: %ld crashers, %ld reports replayed\n", ncrash, nreports);
		return 1;
	}
	printf("fuzz_replay: %ld crashers and %ld reports replayed\n", ncrash, nreports);
	return 0;
}
