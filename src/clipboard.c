#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/clipboard.h"
#include "pairoff/paths.h"
#include "pairoff/regfile.h"

char *clipboard_file(void)
{
	return paths_state_file("clipboard.txt");
}

static void base64(struct strbuf *out, const unsigned char *s, size_t n)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char q[4] = { digits[(v >> 18) & 63], digits[(v >> 12) & 63],
			      i + 1 < n ? digits[(v >> 6) & 63] : '=', i + 2 < n ? digits[v & 63] : '=' };
		strbuf_append(out, q, 4);
	}
}

void clipboard_osc52(struct strbuf *osc, const char *text, bool in_tmux)
{
	struct strbuf seq = {0};
	strbuf_puts(&seq, "\033]52;c;");
	base64(&seq, (const unsigned char *)text, strlen(text));
	strbuf_puts(&seq, "\a");
	/* plain: tmux with set-clipboard on keeps it and passes it on; any
	 * other terminal reads it itself */
	strbuf_append(osc, seq.data, seq.len);
	if (in_tmux) {
		strbuf_puts(osc, "\033Ptmux;");
		for (size_t i = 0; i < seq.len; i++)
			strbuf_append(osc, seq.data[i] == '\033' ? "\033\033" : &seq.data[i],
				      seq.data[i] == '\033' ? 2 : 1);
		strbuf_puts(osc, "\033\\");
	}
	strbuf_free(&seq);
}

/* Saves text in path; NULL or why it could not (static or strerror). */
static const char *save(const char *path, const char *text)
{
	if (paths_make_parent(path, NULL) != 0)
		return strerror(errno);
	const char *why = NULL;
	FILE *fp = regfile_open_write(path, 1, &why);
	if (!fp)
		return why;
	fputs(text, fp);
	fputc('\n', fp);
	bool failed = ferror(fp) != 0;
	int saved_errno = errno;
	failed |= fclose(fp) != 0;
	return failed ? strerror(saved_errno ? saved_errno : errno) : NULL;
}

/* path with the home directory written "~" (a status line is short). */
static char *short_path(const char *path)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;
	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		return xasprintf("~%s", path + n);
	return xstrdup(path);
}

char *clipboard_copy(const char *text, struct strbuf *osc, bool in_tmux)
{
	clipboard_osc52(osc, text, in_tmux);
	char *path = clipboard_file();
	const char *why = save(path, text);
	char *shown = short_path(path);
	/* what tmux needs first: a status line is cut at the terminal's edge */
	char *msg = xasprintf("OSC 52 sent %s; %s %s%s%s",
			      in_tmux ? "via tmux (needs set-clipboard on)" : "(if the terminal allows it)",
			      why ? "not saved in" : "copy in", shown, why ? ": " : "", why ? why : "");
	free(shown);
	free(path);
	return msg;
}
