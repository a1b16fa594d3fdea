/* libFuzzer harness: the report reader on arbitrary bytes.
 * Every input is a possible report file; report_parse must never crash,
 * read out of bounds or leak, and what it returns must be self-consistent;
 * so must the same file read in small parts (report_stream). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "pairoff/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_report(const struct report *r)
{
	/* Walk every line and paragraph so ASan sees each pointer used. */
	for (int i = 1; i <= r->line_count; i++) {
		const char *start;
		size_t len;
		if (report_line(r, i, &start, &len) && len > 0 && start[len - 1] == '\n')
			abort();
	}
	for (size_t i = 0; i < r->nparagraphs; i++)
		if (r->paragraphs[i].section >= r->nsections)
			abort();
	for (size_t i = 0; i < r->ntables; i++) {
		const struct report_table *t = &r->tables[i];
		for (size_t c = 0; c < t->nrows * t->ncols; c++)
			if (t->cells[c] == NULL)
				abort();
	}
}

/* The same bytes read in parts (a report over REPORT_PART_BYTES in the
 * import), parts of 64 to 1,087 bytes by the first byte: every part must be
 * as consistent as a whole report, the parts' lines must follow one another,
 * and together they must hold as many lines as the whole file parsed once. */
static char stream_path[64];

static void check_stream(const uint8_t *data, size_t size, int whole_lines)
{
	FILE *fp = fopen(stream_path, "wb");
	if (!fp)
		abort();
	if (size && fwrite(data, 1, size, fp) != size)
		abort();
	if (fclose(fp) != 0)
		abort();
	struct report_stream *rs = NULL;
	size_t part_bytes = 64 + (size ? (size_t)data[0] * 4 : 0);
	if (report_stream_open(stream_path, part_bytes, &rs) != ST_OK)
		return;
	int lines = 0;
	struct report *part = NULL;
	enum status st;
	while ((st = report_stream_next(rs, &part)) == ST_OK && part) {
		check_report(part);
		if (part->first_line != lines)
			abort();
		lines += part->line_count;
		report_free(part);
		part = NULL;
	}
	if (st == ST_OK && (lines != report_stream_lines(rs) || (whole_lines >= 0 && lines != whole_lines)))
		abort();
	report_stream_close(rs);
}

static void remove_stream_file(void)
{
	unlink(stream_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(stream_path, sizeof stream_path, "/tmp/pairoff-fuzz-report.%ld", (long)getpid());
	atexit(remove_stream_file);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report *r = NULL;
	int whole_lines = -1;
	if (report_parse("fuzz.txt", (const char *)data, size, &r) == ST_OK && r) {
		check_report(r);
		whole_lines = r->line_count;
		report_free(r);
	}
	check_stream(data, size, whole_lines);
	return 0;
}
