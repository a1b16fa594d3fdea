#ifndef PAIROFF_INERT_H
#define PAIROFF_INERT_H

/* Text made inert for a terminal or a text export (issue 15, items 2 and 3).
 * Every string that came from outside (file names, report text, config keys
 * and values, a crafted store, arguments) passes through here where it is
 * written to a terminal or a tsv/csv file, so no byte of it can act as a
 * control: escape sequences (ESC or the C1 forms U+009B, U+009D, ...) are
 * removed whole when complete, or their introducer alone when not (so an
 * unterminated "ESC ]" never swallows the text after it, and nothing eats a
 * line break or more than a sequence's legal length); other C0 controls,
 * DEL, C1 controls (U+0080-U+009F), the bidirectional embeddings, overrides
 * and isolates (U+202A-U+202E, U+2066-U+2069) and the line and paragraph
 * separators (U+2028, U+2029) are removed; invalid UTF-8 becomes U+FFFD.
 * JSON output keeps its own escaping (\uXXXX) instead. */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "pairoff/util.h"

enum inert_flags {
	INERT_NEWLINES = 1 << 0,  /* keep \n (else it becomes a space) */
	INERT_TABS = 1 << 1,      /* keep \t (else it becomes a space) */
	INERT_MARKS = 1 << 2,     /* keep the search hit markers \x02 and \x03 */
	INERT_ASCII = 1 << 3,     /* beyond ASCII, text_ascii_of's stand-ins: a terminal
	                           * without UTF-8 could take a UTF-8 byte 0x80-0x9F for
	                           * a C1 control, and shows the rest as garbage */
};

/* The flags a page for people needs in the locale in force: INERT_ASCII
 * when the locale does not write UTF-8, else none. */
unsigned inert_locale_flags(void);

/* What was removed or replaced, and where (for the import's anomalies). */
struct inert_note {
	int line_no;              /* 1-based line of the text */
	const char *what;         /* static; "an escape sequence (CSI)", ... */
	size_t count;             /* how many on that line */
	size_t bytes;             /* bytes removed or replaced */
};

struct inert_notes {
	struct inert_note *items; /* owned */
	size_t n, cap;
	size_t dropped;           /* notes beyond INERT_MAX_NOTES, not kept */
};
#define INERT_MAX_NOTES 100

/* Appends s[0..n) to sb, made inert. notes (may be NULL) receives what was
 * removed, line by line (lines counted from 1 at s). */
void inert_append(struct strbuf *sb, const char *s, size_t n, unsigned flags,
		  struct inert_notes *notes);
/* The same, s starting at line first_line of a longer text: a report read
 * in parts (report_stream_next) notes each part's lines where they are in
 * the file. No sequence removed whole spans a line end, so a text cut after
 * line ends is made inert part by part exactly as it would be whole. */
void inert_append_at(struct strbuf *sb, const char *s, size_t n, unsigned flags,
		     struct inert_notes *notes, int first_line);
/* An inert copy of s (NULL gives NULL). */
char *inert_dup(const char *s, unsigned flags);
/* Writes s made inert. */
void inert_fputs(FILE *fp, const char *s, unsigned flags);
/* Replaces *s (owned, may be NULL) by an inert copy. */
void inert_replace(char **s, unsigned flags);
void inert_notes_free(struct inert_notes *notes);

/* True if s is inert already (inert_dup would copy it unchanged), so that
 * a writer can tell without copying. */
bool inert_is_clean(const char *s, unsigned flags);

#endif
