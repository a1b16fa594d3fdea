#ifndef PAIROFF_OUTPUT_H
#define PAIROFF_OUTPUT_H

/* Prints a qtable as an aligned table (UTF-8 width aware), TSV, CSV (RFC 4180)
 * or JSON (an array of objects). */

#include <stdio.h>

#include "pairoff/query.h"
#include "pairoff/status.h"

enum output_format { OUT_TABLE, OUT_TSV, OUT_CSV, OUT_JSON };

/* Parses "table", "tsv", "csv", "json"; ST_USAGE otherwise. */
enum status output_format_parse(const char *name, enum output_format *fmt);
void output_print(FILE *fp, const struct qtable *t, enum output_format fmt);

#endif
