#include "config.h"

#include <langinfo.h>
#include <string.h>
#include <wchar.h>

#include "pairoff/text.h"
#include "pairoff/util.h"

/* The search-hit markers of the query layer, drawn as a highlight. */
enum { HIT_MARK_START = 0x02, HIT_MARK_END = 0x03 };

size_t text_valid_len(const unsigned char *s, size_t avail)
{
	if (avail == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t need;
	unsigned int min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4; min = 0x10000;
	} else {
		return 0;
	}
	if (avail < need)
		return 0;
	unsigned int cp = c & (0x7F >> need);
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need;
}

size_t text_decode(const char *s, size_t avail, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = text_valid_len(u, avail);
	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	uint32_t c = len == 1 ? u[0] : (uint32_t)(u[0] & (0x7F >> len));
	for (size_t i = 1; i < len; i++)
		c = (c << 6) | (u[i] & 0x3F);
	*cp = c;
	return len;
}

size_t text_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool text_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* East Asian wide ranges, for when the C library cannot tell (C locale). */
static bool is_wide_fallback(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

int text_char_width(uint32_t cp)
{
	if (text_is_control(cp))
		return 0;
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	return is_wide_fallback(cp) ? 2 : 1;
}

int text_width(const char *s)
{
	int width = 0;
	while (s && *s) {
		if (*s == HIT_MARK_START || *s == HIT_MARK_END) {
			s++;
			continue;
		}
		uint32_t cp;
		s += text_decode(s, 4, &cp);
		width += text_char_width(cp);
	}
	return width;
}

bool text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

char text_ascii_fold(uint32_t cp)
{
	/* U+00C0-U+00FF, in order: À Á ... ß, à á ... ÿ */
	static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
	static const struct { uint32_t cp; char ascii; } other[] = {
		{ 0x00A0, ' ' }, { 0x2018, '\'' }, { 0x2019, '\'' }, { 0x201A, '\'' }, { 0x2032, '\'' },
		{ 0x201C, '"' }, { 0x201D, '"' }, { 0x201E, '"' }, { 0x2033, '"' }, { 0x2010, '-' },
		{ 0x2011, '-' }, { 0x2012, '-' }, { 0x2013, '-' }, { 0x2014, '-' }, { 0x2015, '-' },
		{ 0x2212, '-' }, { 0x3010, '[' }, { 0x3011, ']' }, { 0x300A, '<' }, { 0x300B, '>' },
		{ 0xFF08, '(' }, { 0xFF09, ')' }, { 0xFF0C, ',' }, { 0x3001, ',' }, { 0x3002, '.' },
		{ 0xFF1A, ':' }, { 0xFF1B, ';' }, { 0x01D6, 'u' }, { 0x01D8, 'u' }, { 0x01DA, 'u' },
		{ 0x01DC, 'u' }, { 0x0101, 'a' }, { 0x0113, 'e' }, { 0x012B, 'i' }, { 0x014D, 'o' },
		{ 0x016B, 'u' }, { 0x01CE, 'a' }, { 0x011B, 'e' }, { 0x01D0, 'i' }, { 0x01D2, 'o' },
		{ 0x01D4, 'u' },
	};
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (other[i].cp == cp)
			return other[i].ascii;
	return 0;
}

/* pairoff's own signs beyond ASCII and what a terminal without UTF-8 shows
 * instead: arrows, the pager's angles, the ellipsis, the middle dot, the
 * multiplication sign and the sort triangles. */
static const struct { uint32_t cp; const char *ascii; } ascii_signs[] = {
	{ 0x2192, "->" }, { 0x21E2, "~>" }, { 0x2190, "<-" }, { 0x203A, ">" }, { 0x2039, "<" },
	{ 0x2026, "..." }, { 0x00B7, "-" }, { 0x00D7, "x" }, { 0x25BC, "v" }, { 0x25B2, "^" },
};

static const char *ascii_sign(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(ascii_signs) / sizeof(ascii_signs[0]); i++)
		if (ascii_signs[i].cp == cp)
			return ascii_signs[i].ascii;
	return NULL;
}

char *text_ascii_signs(const char *s)
{
	struct strbuf sb = {0};
	for (const char *p = s ? s : ""; *p; ) {
		uint32_t cp;
		size_t len = text_decode(p, 4, &cp);
		const char *sign = ascii_sign(cp);
		if (sign)
			strbuf_puts(&sb, sign);
		else
			strbuf_append(&sb, p, len);
		p += len;
	}
	return strbuf_steal(&sb);
}

const char *text_ascii_of(uint32_t cp, char buf[2])
{
	const char *sign = ascii_sign(cp);
	if (sign)
		return sign;
	buf[0] = cp < 0x80 ? (char)cp : text_ascii_fold(cp) ? text_ascii_fold(cp) : '?';
	buf[1] = '\0';
	return buf;
}
