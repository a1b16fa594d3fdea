#ifndef PAIROFF_CLIPBOARD_H
#define PAIROFF_CLIPBOARD_H

/* The browser's copy (y): the text goes to the terminal's clipboard as an
 * OSC 52 sequence, which no program can know reached it (a terminal may
 * ignore it, tmux keeps it only with set-clipboard on), and to a file, so
 * that it can always be found. No curses here: the browser writes the
 * sequence after its next frame. */

#include <stdbool.h>
#include <stddef.h>

#include "pairoff/util.h"

/* The file the copied text is saved in:
 * $XDG_STATE_HOME/pairoff/clipboard.txt (~/.local/state/...). Owned. */
char *clipboard_file(void);

/* Appends to osc the OSC 52 sequence that sets the clipboard to text and,
 * when in_tmux, the same sequence wrapped for tmux's passthrough (DCS
 * "tmux;" with every ESC doubled), which reaches the terminal outside tmux
 * when tmux has allow-passthrough on. */
void clipboard_osc52(struct strbuf *osc, const char *text, bool in_tmux);

/* Copies text (already inert): the sequences into osc, the text into
 * clipboard_file() (its directory made, mode 0700). in_tmux is whether
 * the browser runs inside tmux ($TMUX). Returns the message for the status
 * line, which says what was done and what it needs (owned). */
char *clipboard_copy(const char *text, struct strbuf *osc, bool in_tmux);

#endif
