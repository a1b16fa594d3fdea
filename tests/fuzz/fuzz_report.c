/* libFuzzer harness: the report reader on arbitrary bytes.
 * Every input is a possible report file; report_parse must never crash,
 * read out of bounds or leak, and what it returns must be self-consistent. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report *r = NULL;
	if (report_parse("fuzz.txt", (const char *)data, size, &r) == ST_OK && r) {
		check_report(r);
		report_free(r);
	}
	return 0;
}
