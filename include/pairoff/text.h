#ifndef PAIROFF_TEXT_H
#define PAIROFF_TEXT_H

/* UTF-8 text (src/text.c): the one decoder and the one display-width rule of
 * the program. The command line's tables (src/output.c), the browser
 * (src/draw.c, the prompt) and the import all decode and measure through
 * here, so a name or a quote takes as many columns in a table as on screen. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length (1..4) of the valid UTF-8 sequence at s, which has avail bytes,
 * or 0 when the bytes there are not valid UTF-8 (a stray continuation byte,
 * an overlong form, a surrogate, past U+10FFFF, cut short). */
size_t text_valid_len(const unsigned char *s, size_t avail);

/* Decodes the character at s (avail >= 1 bytes) into *cp and returns its
 * length, at least 1. A byte that does not start a valid sequence decodes
 * to U+FFFD, one byte long (as inert_append replaces it). A NUL-terminated
 * s may be given any avail >= 1: decoding never reads past the NUL. */
size_t text_decode(const char *s, size_t avail, uint32_t *cp);

/* Writes cp (at most U+10FFFF) as UTF-8 into out; returns its length, 1..4. */
size_t text_encode(uint32_t cp, char out[4]);

/* Characters never shown: C0 and C1 controls, DEL, the bidirectional
 * embeddings, overrides and isolates, the line and paragraph separators
 * (inert text has none; the browser drops any it is given). */
bool text_is_control(uint32_t cp);

/* Columns cp takes on a terminal: 0 for a control or a combining mark; what
 * the C library's wcwidth says when it knows cp; else 2 in the East Asian
 * wide ranges and 1 elsewhere (a C locale knows no more than ASCII, yet the
 * terminal may well show CJK two columns wide). */
int text_char_width(uint32_t cp);

/* Display width of UTF-8 text s (NULL is ""): the sum of text_char_width
 * over its characters, an invalid byte one column (U+FFFD), the search-hit
 * markers \x02 and \x03 none. */
int text_width(const char *s);

/* Whether the locale (set by main) writes UTF-8: else a terminal shows the
 * characters beyond ASCII as "?", and pairoff writes ASCII instead. */
bool text_locale_utf8(void);

/* A copy of s (owned) with pairoff's own signs beyond ASCII written in
 * ASCII, for a terminal without UTF-8: arrows ("->", "~>", "<-"), the
 * breadcrumb's and the pager's angles, the ellipsis ("..."), the middle dot,
 * the multiplication sign ("x") and the sort triangles ("v", "^"). Other
 * text is kept as it is. */
char *text_ascii_signs(const char *s);

/* An ASCII stand-in of the same width for a character of report text that
 * a terminal without UTF-8 cannot show, or 0 for none (then a '?'): curly
 * quotes, dashes, no-break spaces, CJK brackets and punctuation (a '[' for
 * a double-width bracket: the caller pads it), Latin letters with marks. */
char text_ascii_fold(uint32_t cp);

/* What a terminal without UTF-8 is given for cp, for the command line's
 * pages: pairoff's own sign in ASCII (text_ascii_signs), else the ASCII
 * stand-in of text_ascii_fold, else "?". Static or in buf. */
const char *text_ascii_of(uint32_t cp, char buf[2]);

#endif
