#ifndef PAIROFF_REPORT_H
#define PAIROFF_REPORT_H

/* Report reader: turns one text report of the East-West pairing-off series into
 * title, sections, paragraphs (with topic and 1-based line numbers) and
 * one-number-per-line tables. It knows the series' layout, never its content:
 * it must work on a report of the series it has never seen.
 *
 * Layout rules (see src/report.c for the details):
 *  - the title is the first non-blank line (the file name when there is
 *    none, or when that line is prose: a sentence, a topic, a long line);
 *  - a section starts at a heading line naming a pair ("<Donor> - <Recipient>
 *    Pairing-off Poverty Alleviation"); text before the first heading
 *    belongs to an implicit section titled like the report;
 *  - a paragraph is one non-blank line; its topic is the 【...】 lead-in, also
 *    when the opening bracket is missing ("Labor cooperation】 ...");
 *  - the parenthesised attribution line that ends a section is its source;
 *  - the web-page footer (Chinese address/copyright lines) is dropped;
 *  - a block of text that the file repeats whole is kept once;
 *  - runs of short lines holding labels and numbers form a table. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pairoff/inert.h"

#include "pairoff/status.h"

#define REPORT_NO_SECTION ((size_t)-1)

struct report_section {
	char *title;           /* owned; heading text, trimmed */
	int line_no;           /* line of the heading (0 for the implicit first section) */
	int end_line;          /* last line that belongs to the section */
	char *source;          /* owned, may be NULL; attribution without the parentheses */
	int source_line;       /* 0 when there is no source */
};

struct report_paragraph {
	size_t section;        /* index into report.sections */
	int line_no;           /* 1-based line in the file */
	char *topic;           /* owned, may be NULL; lead-in without the brackets */
	bool topic_bracket_missing; /* "Topic】 text" without the opening 【 */
	char *text;            /* owned; the whole paragraph, trimmed, sanitized; NULL
	                        * once dropped (report_paragraph_drop_text) */
	const char *body;      /* the text after the topic lead-in (text itself without a
	                        * topic): the end of text, not a copy */
	size_t text_off, text_len; /* where text lies in the report's text */
	size_t body_off;       /* where body starts in text, once text is dropped */
};

struct report_table {
	size_t section;        /* index into report.sections */
	int line_no;           /* first line of the table (its first label) */
	int end_line;          /* last line of the table */
	char *title;           /* owned, may be NULL; the caption line above it */
	char *unit;            /* owned, may be NULL; "ten thousand Yuan" */
	int64_t unit_yuan;     /* yuan per cell unit (10000 for ten thousand yuan); 0 if unknown */
	char *corner;          /* owned, may be NULL; the label above the row labels ("Types") */
	char *note;            /* owned, may be NULL; "Note: ..." line under the table */
	int note_line;
	size_t nrows, ncols;
	char **col_labels;     /* owned, ncols strings */
	char **row_labels;     /* owned, nrows strings */
	int *row_lines;        /* owned, nrows line numbers of the row labels */
	char **cells;          /* owned, nrows*ncols strings, row-major, as written */
	double *values;        /* owned, nrows*ncols numeric values of cells */
	int *cell_lines;       /* owned, nrows*ncols line numbers */
};

struct report {
	char *path;            /* owned; path it was read from */
	char *file_name;       /* owned; base name, e.g. "shanghai-yunnan-2009.txt" */
	char *title;           /* owned */
	int year;              /* the year the report covers (most cited "In YYYY"), 0 if unknown */
	char *text;            /* owned; whole file, sanitized UTF-8, line ends normalised to \n;
	                        * NULL while spilled (report_spill_text) */
	size_t text_len;
	FILE *text_file;       /* owned, NULL unless spilled; the text, in an unlinked file */
	int line_count;
	struct report_section *sections;   /* owned */
	size_t nsections;
	struct report_paragraph *paragraphs; /* owned, in file order */
	size_t nparagraphs;
	struct report_table *tables;       /* owned */
	size_t ntables;
	int footer_line;       /* first line of the dropped footer, 0 if none */
	int repeat_from, repeat_to; /* lines of a repeated block that was dropped, 0 if none */
	size_t nbracket_missing; /* topics whose opening 【 is missing */
	struct inert_notes stripped; /* owned; what sanitizing the text removed, by line */
	size_t *line_starts;   /* owned, may be NULL; offset in text of each of the
	                        * line_count lines, so report_line() is O(1) */
	int first_line;        /* lines of the file before this part of it (a report
	                        * read in parts, report_stream_next); 0 when whole */
	bool continues;        /* sections[0] goes on from the part before: its
	                        * heading (line_no) is there */
};

/* Reads and parses the file at path. Errors: ST_IO (missing, unreadable, a
 * directory, not a regular file; a FIFO is refused without blocking),
 * ST_DATA (binary content: NUL bytes; a file over 256 MiB).
 * On success *out owns a report to be freed with report_free(). */
enum status report_read(const char *path, struct report **out);

/* Parses an in-memory report; name is used as file_name. Never fails on text:
 * invalid UTF-8 is replaced, CRLF/CR line ends are accepted. */
enum status report_parse(const char *name, const char *buf, size_t len, struct report **out);

void report_free(struct report *r);

/* Moves r's text into an unlinked temporary file in dir, out of memory:
 * an import reads a large report's text back piece by piece
 * (report_text_piece) when it stores it. When the file cannot be written
 * (a full disk, a file-size limit) the text stays in memory. */
void report_spill_text(struct report *r, const char *dir);
/* Copies up to n bytes of r's text from offset off into buf, from memory
 * or from the file it was spilled to; returns how many (0 past the end),
 * or (size_t)-1 when the file cannot be read. */
size_t report_text_piece(const struct report *r, size_t off, char *buf, size_t n);

/* Frees the text of every paragraph (their topics stay), which
 * report_paragraph_text reads back from the report's text: an import
 * holds a large report's paragraphs in memory one at a time. */
void report_drop_paragraph_texts(struct report *r);
/* The text of paragraph i, or with body true its body: its own, or else
 * read back from the report's text into *buf (of *cap bytes, grown as
 * needed; the caller frees it). NULL when a spilled text cannot be read. */
const char *report_paragraph_text(const struct report *r, size_t i, bool body, char **buf,
				  size_t *cap);

/* Frees r's paragraphs (nparagraphs becomes 0), once a reader is done with
 * them: an import that has stored a large report's paragraphs. */
void report_drop_paragraphs(struct report *r);

/* A report too large to hold whole, read in parts (src/import.c). Each
 * part ends at a line end within part_bytes (between two lines of prose
 * when its second half has one, so that no table is cut), unless one line
 * is longer (a line is never cut), and is a
 * report of its own lines, whose line numbers count in the whole file:
 * later parts carry the first part's title and year (a part has no title
 * line, and the header lines that date a report are in the first), the
 * section in force where the part before ended (sections[0], continues
 * set) and whether a pair heading came yet; the footer is looked for in
 * the last part only, a repeated block within one part only. What
 * sanitizing removed is kept for the whole file (report_stream_notes), not
 * in each part. The file is read as it goes; the errors are report_read's,
 * a NUL byte found in the part it is in. */
struct report_stream;
enum status report_stream_open(const char *path, size_t part_bytes, struct report_stream **out);
/* The next part into *out (to be freed with report_free), or NULL after
 * the last; a file of no bytes gives one empty part. */
enum status report_stream_next(struct report_stream *s, struct report **out);
size_t report_stream_parts(const struct report_stream *s); /* parts read so far */
int report_stream_lines(const struct report_stream *s);    /* their lines */
const char *report_stream_title(const struct report_stream *s); /* NULL before a part */
const struct inert_notes *report_stream_notes(const struct report_stream *s);
void report_stream_close(struct report_stream *s);

/* The text of line line_no (1-based) as a pointer into r->text and its length;
 * returns false when the line does not exist. */
bool report_line(const struct report *r, int line_no, const char **start, size_t *len);

/* Whether a 【topic】 lead-in heads a section's overview ("Overview",
 * "General overview"): its money sums up the section's. */
bool report_topic_is_overview(const char *topic);
/* Whether a topic may tell again the money of the others: one that sums
 * up (an overview, a review, the achievements), an event's (a meeting, a
 * visit, a signing, the two sides' joint one), money's own (funds,
 * finance) or the programme's name (counterpart support). Only sums under
 * two other topics of one section are two (src/flows.c). */
bool report_topic_sums_up(const char *topic);

#endif
