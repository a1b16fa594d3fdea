#ifndef PAIROFF_QUERY_GUARD_H
#define PAIROFF_QUERY_GUARD_H

/* Limits on what a search may ask (issue 15, item 4): FTS5's work grows with
 * the square of a query's terms (1,600 repeated words took 26 s), and no
 * reader needs more than a few dozen words to find a paragraph. */

#include "pairoff/status.h"

#define QUERY_MAX_BYTES 512
#define QUERY_MAX_TERMS 32

/* ST_USAGE with a message saying the limit when fts_query is too long or
 * has too many terms (words, quoted phrases counted once). */
enum status query_guard_search(const char *fts_query);

#endif
