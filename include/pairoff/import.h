#ifndef PAIROFF_IMPORT_H
#define PAIROFF_IMPORT_H

/* The import (src/import.c): report files in, a new store out.
 *
 * Import never writes the store in place: it builds a new database in a
 * temporary file in the same directory and renames it over the old one, so an
 * interrupted or failed import leaves the previous store untouched and readers
 * never see a half-built store. A second thread reads and extracts the next
 * report while this one stores the last. */

#include <stddef.h>

#include "pairoff/status.h"

struct import_summary {
	size_t reports, sections, paragraphs, tables;
	size_t pairs, funds, anomalies;
	size_t indicators;
	long elapsed_ms;
};

/* Builds a new store at db_path from the report files and directories in
 * paths (a directory means its *.txt files, sorted by name), with the
 * gazetteer at gazetteer_path, then renames it into place. Errors: ST_IO for
 * unreadable inputs or an unwritable directory, ST_DATA for a report that is
 * not text, ST_CONFIG for a bad gazetteer, ST_STORE for SQLite failures. On
 * any error the previous store at db_path is left as it was. */
enum status import_run(const char *db_path, const char *const *paths, size_t npaths,
		       const char *gazetteer_path, struct import_summary *summary);

#endif
