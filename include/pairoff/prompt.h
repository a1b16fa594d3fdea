#ifndef PAIROFF_PROMPT_H
#define PAIROFF_PROMPT_H

/* The one-line editor on the status line, export and copy (src/tui-prompt.c).
 * prompt_key returns what it wants done (a search, an overlay, the answer
 * to the reload question) for the main loop to do. */

#include <stddef.h>
#include <wchar.h>

#include "pairoff/complete.h"
#include "pairoff/view.h"

struct tui;

#define PROMPT_MAX 1024   /* characters; longer input (a huge paste) is cut */

enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_EXPORT, PROMPT_OVERWRITE,
		   PROMPT_RELOAD, PROMPT_PLACE, PROMPT_FIND };

/* The one-line editor on the status line (search, filter, file names). */
struct prompt {
	enum prompt_kind kind;
	wchar_t buf[PROMPT_MAX + 1];
	size_t len, cur;
	char *path;               /* owned: the file an overwrite question is about */
	bool truncated;           /* input was cut at PROMPT_MAX */
	struct qtable *places;    /* owned: the gazetteer's places while a place prompt is open */
	struct completion *cands; /* owned: the places Tab steps through, best first; NULL
	                           * until Tab is pressed, again after an edit */
	size_t ncands, cand;      /* how many, and which one the input shows */
};

void prompt_start(struct tui *t, enum prompt_kind kind, const char *initial);
/* Frees what an open prompt holds (the browser may end with one open). */
void prompt_free(struct prompt *p);
enum result prompt_key(struct tui *t, int ch, bool is_func);
/* Draws the prompt in the status window and leaves the cursor on it. */
void prompt_draw(struct tui *t, WINDOW *w, int width);
/* Copies text, or the selected row when text is NULL, with OSC 52 (written
 * after the next doupdate) and into a file (src/clipboard.c); the status
 * line says what was done. */
enum result tui_copy(struct tui *t, const char *text);

/* Encodes the wide prompt text as UTF-8 (owned). */
char *prompt_text(const struct prompt *p);

#endif
