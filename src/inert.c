#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/inert.h"
#include "pairoff/text.h"

/* The longest control sequence removed whole. A CSI is a few parameters;
 * a string sequence (OSC, DCS, ...) can carry a title or a clipboard, which
 * a report never needs. Beyond these, the sequence counts as unterminated. */
#define CSI_MAX 64
#define STRING_MAX 4096

static const char what_csi[] = "an escape sequence (CSI)";
static const char what_string[] = "an escape sequence (OSC, DCS, APC, PM or SOS)";
static const char what_esc[] = "an escape sequence";
static const char what_open[] = "the introducer of an unterminated escape sequence";
static const char what_control[] = "a control character";
static const char what_c1[] = "a C1 control character";
static const char what_bidi[] = "a bidirectional control or line separator";
static const char what_invalid[] = "invalid UTF-8 (replaced by U+FFFD)";

/* One step of the scan: len bytes at s, kept or not. */
struct step {
	size_t len;
	const char *what;      /* NULL: keep the bytes (or the replacement) */
	const char *put;       /* replacement text, or NULL */
	char one[2];           /* a one-character replacement, when not put */
};

/* The step's replacement text, or NULL. */
static const char *step_put(const struct step *st)
{
	return st->put ? st->put : st->one[0] ? st->one : NULL;
}

static bool is_csi_param(unsigned char c)
{
	return c >= 0x20 && c <= 0x3F;
}

/* A CSI whose parameters start at s[i]: its whole length, or 0 if it does
 * not end (in a final byte 0x40-0x7E) within CSI_MAX bytes. */
static size_t csi_len(const unsigned char *s, size_t avail, size_t i)
{
	while (i < avail && i < CSI_MAX && is_csi_param(s[i]))
		i++;
	return i < avail && i < CSI_MAX && s[i] >= 0x40 && s[i] <= 0x7E ? i + 1 : 0;
}

/* A string sequence whose body starts at s[i], ended by BEL, ESC \ or ST
 * (U+009C): its whole length, or 0 if it does not end within STRING_MAX
 * bytes or a line break or another control comes first. */
static size_t string_len(const unsigned char *s, size_t avail, size_t i)
{
	for (; i < avail && i < STRING_MAX; i++) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1B)
			return i + 1 < avail && s[i + 1] == '\\' ? i + 2 : 0;
		if (s[i] == 0xC2 && i + 1 < avail && s[i + 1] == 0x9C)
			return i + 2;
		if (s[i] < 0x20 || s[i] == 0x7F)
			return 0;
	}
	return 0;
}

static bool is_string_intro(unsigned char c)
{
	return c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X';
}

/* ESC at s[0]. */
static struct step escape_step(const unsigned char *s, size_t avail)
{
	size_t n = 0;
	if (avail >= 2 && s[1] == '[')
		n = csi_len(s, avail, 2);
	else if (avail >= 2 && is_string_intro(s[1]))
		n = string_len(s, avail, 2);
	else {
		/* ESC, intermediates (0x20-0x2F), a final byte (0x30-0x7E) */
		size_t i = 1;
		while (i < avail && i < 4 && s[i] >= 0x20 && s[i] <= 0x2F)
			i++;
		n = i < avail && s[i] >= 0x30 && s[i] <= 0x7E ? i + 1 : 0;
		return (struct step){ .len = n ? n : 1, .what = n ? what_esc : what_control, .put = NULL };
	}
	if (n)
		return (struct step){ .len = n, .what = s[1] == '[' ? what_csi : what_string, .put = NULL };
	return (struct step){ .len = 2, .what = what_open, .put = NULL };
}

/* The C1 introducers CSI (U+009B) and OSC, DCS, APC, PM, SOS as two bytes
 * C2 xx at s[0]. */
static struct step c1_step(const unsigned char *s, size_t avail)
{
	size_t n = 0;
	if (s[1] == 0x9B)
		n = csi_len(s, avail, 2);
	else if (s[1] == 0x9D || s[1] == 0x90 || s[1] == 0x9F || s[1] == 0x9E || s[1] == 0x98)
		n = string_len(s, avail, 2);
	else
		return (struct step){ .len = 2, .what = what_c1, .put = NULL };
	if (n)
		return (struct step){ .len = n, .what = s[1] == 0x9B ? what_csi : what_string, .put = NULL };
	return (struct step){ .len = 2, .what = what_open, .put = NULL };
}

static struct step next_step(const unsigned char *s, size_t avail, unsigned flags)
{
	unsigned char c = s[0];
	if (c == 0x1B)
		return escape_step(s, avail);
	if (c == '\n')
		return (struct step){ .len = 1, .what = NULL, .put = flags & INERT_NEWLINES ? NULL : " " };
	if (c == '\t')
		return (struct step){ .len = 1, .what = NULL, .put = flags & INERT_TABS ? NULL : " " };
	if ((c == 0x02 || c == 0x03) && (flags & INERT_MARKS))
		return (struct step){ .len = 1, .what = NULL, .put = NULL };
	if (c < 0x20 || c == 0x7F)
		return (struct step){ .len = 1, .what = what_control, .put = NULL };
	size_t len = text_valid_len(s, avail);
	if (len == 0)
		return (struct step){ .len = 1, .what = what_invalid,
				      .put = flags & INERT_ASCII ? "?" : "\xEF\xBF\xBD" };
	if (len == 2 && c == 0xC2 && s[1] < 0xA0)
		return c1_step(s, avail);
	uint32_t cp;
	if (len == 3 && text_decode((const char *)s, len, &cp) == 3 && text_is_control(cp)) /* 3 bytes: bidi or a separator */
		return (struct step){ .len = 3, .what = what_bidi, .put = NULL };
	if (flags & INERT_ASCII) {
		text_decode((const char *)s, len, &cp);
		struct step st = { len, NULL, NULL, { 0 } };
		const char *ascii = text_ascii_of(cp, st.one);
		if (ascii != st.one)   /* a sign's static text; else st.one holds it */
			st.put = ascii;
		return st;
	}
	return (struct step){ .len = len, .what = NULL, .put = NULL };
}

static void note_add(struct inert_notes *notes, int line_no, const char *what, size_t bytes)
{
	if (notes->n) {
		struct inert_note *last = &notes->items[notes->n - 1];
		if (last->line_no == line_no && last->what == what) {
			last->count++;
			last->bytes += bytes;
			return;
		}
	}
	if (notes->n >= INERT_MAX_NOTES) {
		notes->dropped++;
		return;
	}
	*ARRAY_PUSH(notes->items, notes->n, notes->cap) =
		(struct inert_note){ line_no, what, 1, bytes };
}

void inert_append(struct strbuf *sb, const char *s, size_t n, unsigned flags,
		  struct inert_notes *notes)
{
	inert_append_at(sb, s, n, flags, notes, 1);
}

void inert_append_at(struct strbuf *sb, const char *str, size_t n, unsigned flags,
		     struct inert_notes *notes, int first_line)
{
	const unsigned char *s = (const unsigned char *)str;
	array_reserve(&sb->data, &sb->cap, sb->len + n + 1, 1);
	sb->data[sb->len] = '\0';
	int line_no = first_line;
	size_t i = 0, kept = 0;   /* s[kept..i) is clean and not yet appended */
	while (i < n) {
		/* printable ASCII, most of any text, passes as it is */
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		struct step st = next_step(s + i, n - i, flags);
		const char *put = step_put(&st);
		if (!st.what && !put) {
			line_no += s[i] == '\n';
			i += st.len;
			continue;
		}
		strbuf_append(sb, str + kept, i - kept);
		if (put)
			strbuf_puts(sb, put);
		if (st.what && notes)
			note_add(notes, line_no, st.what, st.len);
		line_no += s[i] == '\n';
		i += st.len;
		kept = i;
	}
	strbuf_append(sb, str + kept, i - kept);
}

char *inert_dup(const char *s, unsigned flags)
{
	if (!s)
		return NULL;
	struct strbuf sb = { 0 };
	inert_append(&sb, s, strlen(s), flags, NULL);
	return strbuf_steal(&sb);
}

bool inert_is_clean(const char *s, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		struct step st = next_step(p + i, n - i, flags);
		if (st.what || step_put(&st))
			return false;
		i += st.len;
	}
	return true;
}

void inert_fputs(FILE *fp, const char *s, unsigned flags)
{
	if (!s)
		return;
	if (inert_is_clean(s, flags)) {
		fputs(s, fp);
		return;
	}
	char *safe = inert_dup(s, flags);
	fputs(safe, fp);
	free(safe);
}

void inert_replace(char **s, unsigned flags)
{
	if (!*s || inert_is_clean(*s, flags))
		return;
	char *safe = inert_dup(*s, flags);
	free(*s);
	*s = safe;
}

void inert_notes_free(struct inert_notes *notes)
{
	free(notes->items);
	memset(notes, 0, sizeof(*notes));
}

unsigned inert_locale_flags(void)
{
	return text_locale_utf8() ? 0 : INERT_ASCII;
}
