#ifndef PAIROFF_DRAW_H
#define PAIROFF_DRAW_H

/* Drawing helpers (src/draw.c): UTF-8 text, cells, bars in a curses window.
 * A browser-only header: it includes curses. */

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "pairoff/text.h"   /* text_width: columns as draw_text draws them */

/* Draws UTF-8 text at the cursor in at most max_cols columns: control
 * characters and escape sequences are dropped, invalid bytes shown as U+FFFD,
 * a wide character that does not fit is replaced by a space; with marks,
 * bytes \x02/\x03 switch hit_attr on and off. Returns the columns used. */
int draw_text(WINDOW *w, const char *s, int max_cols, attr_t attr, bool marks, attr_t hit_attr);
/* Tells the helpers whether the terminal shows UTF-8 (the mark of a cut). */
void draw_init(bool utf8);
/* Draws s in exactly width columns, padded (right-aligned when right); left-
 * aligned text too wide is cut and ends with an ellipsis, as draw_cell_cut. */
void draw_cell(WINDOW *w, const char *s, int width, bool right, attr_t attr);
/* draw_text in at most max_cols columns, text too wide cut and ended with an
 * ellipsis; returns the columns used. */
int draw_text_cut(WINDOW *w, const char *s, int max_cols, attr_t attr);
void draw_spaces(WINDOW *w, int n, attr_t attr);
/* Bytes of the longest prefix of s that fits in max_cols columns. */
size_t text_fit(const char *s, int max_cols, int *cols_out);
/* Draws s in exactly width columns, left-aligned; text too wide is cut
 * and ends with an ellipsis ("\u2026", or "~" without utf8). */
void draw_cell_cut(WINDOW *w, const char *s, int width, bool utf8, attr_t attr);
/* A bar of value/max of width columns (eighth blocks when utf8). */
void draw_bar(WINDOW *w, double fraction, int width, bool utf8, attr_t attr);

#endif
