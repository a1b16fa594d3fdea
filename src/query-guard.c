#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "pairoff/query-guard.h"

/* Words and quoted phrases: what FTS5 matches one by one. */
static size_t count_terms(const char *q)
{
	size_t n = 0;
	bool in_word = false, in_quote = false;
	for (; *q; q++) {
		if (*q == '"')
			in_quote = !in_quote;
		bool space = !in_quote && (*q == ' ' || *q == '\t' || *q == '\n');
		if (!space && !in_word)
			n++;
		in_word = !space;
	}
	return n;
}

enum status query_guard_search(const char *fts_query)
{
	size_t len = strlen(fts_query);
	if (len > QUERY_MAX_BYTES)
		return status_set(ST_USAGE, "search query too long (%zu bytes; at most %d)", len,
				  QUERY_MAX_BYTES);
	size_t terms = count_terms(fts_query);
	if (terms > QUERY_MAX_TERMS)
		return status_set(ST_USAGE, "search query of too many words (%zu; at most %d)",
				  terms, QUERY_MAX_TERMS);
	return ST_OK;
}
