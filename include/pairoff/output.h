#ifndef PAIROFF_OUTPUT_H
#define PAIROFF_OUTPUT_H

/* Prints a qtable as an aligned table (UTF-8 width aware), TSV, CSV (RFC 4180)
 * or JSON (an array of objects). */

#include <stdio.h>

#include "pairoff/query.h"
#include "pairoff/status.h"

enum output_format { OUT_TABLE, OUT_TSV, OUT_CSV, OUT_JSON };

/* How a column of a table gives way when the table is fitted to a terminal
 * narrower than it (the table format only; piped output and the other
 * formats are always whole). */
enum output_fit {
	FIT_CUT,      /* cut to fit, ending in "…", down to min_width */
	FIT_WRAP,     /* a name: never cut, wrapped at spaces onto more lines */
	FIT_WHOLE,    /* a short field (a year, a count): whole or left out */
};

struct output_column {
	const char *name;       /* the column's header */
	enum output_fit fit;
	int min_width;          /* FIT_CUT: the narrowest worth showing (0: 10) */
	int drop;               /* 0: always shown; else left out when the table
	                         * does not fit, the highest first */
	bool grouped;           /* an amount or count: digits grouped by thousands */
};

/* A table's columns for a terminal. Columns of the table not listed are
 * left out first; columns listed but not in the table are ignored. */
struct output_layout {
	const struct output_column *columns;
	size_t ncolumns;
};

/* Prints text (one line of prose, already inert) on fp for a person: with
 * width 0 as it is; else wrapped so that no line passes width columns,
 * continuation lines indented by indent spaces. at is the column the text
 * starts at. Lines break between the items of a list joined by sep (such
 * as " · "), else between words; a word is never cut. Ends the line. */
void output_wrapped(FILE *fp, const char *text, const char *sep, size_t at, size_t indent,
		    size_t width);

/* Parses "table", "tsv", "csv", "json"; ST_USAGE otherwise. */
enum status output_format_parse(const char *name, enum output_format *fmt);

/* The width a table on fp is fitted to: the terminal's columns when fp is a
 * terminal ($COLUMNS when the terminal cannot tell, else 80), 0 when it is
 * not (a pipe or a file: printed whole). */
size_t output_width(FILE *fp);

/* Makes every header and cell of t inert in place (line breaks become
 * spaces, hit markers kept; ASCII stand-ins where the locale has no UTF-8,
 * as table output has), for a page for people printed without output_print. */
void output_make_inert(struct qtable *t);

/* output_print_fit with no layout, at output_width(fp). */
void output_print(FILE *fp, const struct qtable *t, enum output_format fmt);

/* Prints t in fmt. In the table format, amounts (columns named *_yuan, and
 * those the layout marks grouped) have their digits grouped by thousands ("6,600,000"),
 * and when width is not 0 the table is fitted to it: with a layout, the
 * columns give way as it says (a name wraps, never cut; the least useful
 * columns go first); without one, the widest column is narrowed until the
 * table fits. Search hits are bold only when fp is a colour terminal. */
void output_print_fit(FILE *fp, const struct qtable *t, enum output_format fmt,
		      const struct output_layout *layout, size_t width);

#endif
