/* libFuzzer harness: report reader plus extractor with the real gazetteer.
 * The gazetteer is loaded once from PAIROFF_DATADIR (or the source tree's
 * data/ directory compiled in as PAIROFF_SRC_DATADIR). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/gazetteer.h"
#include "pairoff/report.h"
#include "pairoff/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gazetteer *fuzz_gaz;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("PAIROFF_DATADIR");
	char *path = xasprintf("%s/regions", dir && *dir ? dir : PAIROFF_SRC_DATADIR);
	if (gazetteer_load(path, &fuzz_gaz) != ST_OK) {
		fprintf(stderr, "fuzz_extract: cannot load %s\n", path);
		exit(1);
	}
	free(path);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report *r = NULL;
	if (report_parse("fuzz.txt", (const char *)data, size, &r) != ST_OK || !r)
		return 0;
	struct extraction x;
	memset(&x, 0, sizeof x);
	if (extract_report(r, fuzz_gaz, &x) == ST_OK) {
		for (size_t i = 0; i < x.npairs; i++)
			if (!x.pairs[i].donor || !x.pairs[i].recipient)
				abort();
		for (size_t i = 0; i < x.nfunds; i++)
			if (x.funds[i].line_no < 0 || x.funds[i].line_no > r->line_count)
				abort();
	}
	extraction_free(&x);
	report_free(r);
	return 0;
}
