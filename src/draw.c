#include "config.h"

/* Drawing helpers shared by the views: every string from a report reaches
 * the terminal through draw_text, which is where control characters die and
 * where wide characters are measured, so nothing is cut mid-character. */

#include <string.h>
#include <wchar.h>

#include "pairoff/draw.h"

/* Decodes one UTF-8 character at s into *wc; returns its length (at least 1;
 * invalid bytes give U+FFFD). */
static size_t decode(const unsigned char *s, wchar_t *wc)
{
	unsigned c = s[0];
	size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 :
		     (c & 0xF8) == 0xF0 ? 4 : 0;
	if (len == 0) {
		*wc = 0xFFFD;
		return 1;
	}
	unsigned long v = len == 1 ? c : c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*wc = 0xFFFD;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	static const unsigned long min_for_len[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (v < min_for_len[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		v = 0xFFFD;
	*wc = (wchar_t)v;
	return len;
}

static bool is_control(wchar_t wc)
{
	return wc < 0x20 || (wc >= 0x7F && wc < 0xA0) || wc == 0x2028 || wc == 0x2029 ||
	       (wc >= 0x202A && wc <= 0x202E) || (wc >= 0x2066 && wc <= 0x2069);
}

/* Columns of wc as drawn: -1 for a character we drop. */
static int char_cols(wchar_t wc)
{
	if (is_control(wc))
		return -1;
	int n = wcwidth(wc);
	return n < 0 ? 1 : n;   /* unknown to the locale: drawn as '?' */
}

struct run {
	WINDOW *w;
	wchar_t buf[128];
	int n;
	attr_t attr;
};

static void run_flush(struct run *r)
{
	if (r->n == 0)
		return;
	wattrset(r->w, r->attr);
	waddnwstr(r->w, r->buf, r->n);
	r->n = 0;
}

static void run_put(struct run *r, wchar_t wc, attr_t attr)
{
	if (attr != r->attr || r->n == (int)(sizeof(r->buf) / sizeof(r->buf[0])))
		run_flush(r);
	r->attr = attr;
	r->buf[r->n++] = wc;
}

int draw_text(WINDOW *w, const char *s, int max_cols, attr_t attr, bool marks, attr_t hit_attr)
{
	struct run r = { .w = w, .n = 0, .attr = attr };
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	int used = 0;
	bool hit = false;
	while (*p && used < max_cols) {
		if (marks && (*p == 0x02 || *p == 0x03)) {
			hit = *p++ == 0x02;
			continue;
		}
		wchar_t wc;
		p += decode(p, &wc);
		int cols = char_cols(wc);
		if (cols < 0)
			continue;
		if (cols > 0 && wcwidth(wc) < 0)
			wc = L'?';
		if (used + cols > max_cols) {   /* a wide char that does not fit */
			run_put(&r, L' ', hit ? hit_attr : attr);
			used++;
			break;
		}
		if (cols == 0 && used == 0)
			continue;               /* a combining mark with nothing to sit on */
		run_put(&r, wc, hit ? hit_attr : attr);
		used += cols;
	}
	run_flush(&r);
	return used;
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	int cols = 0;
	while (*p) {
		if (*p == 0x02 || *p == 0x03) {
			p++;
			continue;
		}
		wchar_t wc;
		p += decode(p, &wc);
		int n = char_cols(wc);
		if (n > 0)
			cols += n;
	}
	return cols;
}

void draw_spaces(WINDOW *w, int n, attr_t attr)
{
	static const wchar_t blanks[] = L"                                ";
	wattrset(w, attr);
	while (n > 0) {
		int k = n < 32 ? n : 32;
		waddnwstr(w, blanks, k);
		n -= k;
	}
}

/* How a cut is marked: set once the locale is known (draw_init). */
static bool ellipsis_utf8;

void draw_init(bool utf8)
{
	ellipsis_utf8 = utf8;
}

int draw_text_cut(WINDOW *w, const char *s, int max_cols, attr_t attr)
{
	if (max_cols <= 0)
		return 0;
	if (text_width(s) <= max_cols)
		return draw_text(w, s, max_cols, attr, false, attr);
	int used = draw_text(w, s, max_cols - 1, attr, false, attr);
	return used + draw_text(w, ellipsis_utf8 ? "\u2026" : "~", 1, attr, false, attr);
}

void draw_cell(WINDOW *w, const char *s, int width, bool right, attr_t attr)
{
	if (width <= 0)
		return;
	int tw = text_width(s);
	if (!right && tw > width) {   /* never a name cut without a mark */
		draw_cell_cut(w, s, width, ellipsis_utf8, attr);
		return;
	}
	if (right && tw < width)
		draw_spaces(w, width - tw, attr);
	int used = draw_text(w, s, width, attr, false, attr);
	if (!right || tw >= width)
		draw_spaces(w, width - used, attr);
}

void draw_cell_cut(WINDOW *w, const char *s, int width, bool utf8, attr_t attr)
{
	if (width <= 0)
		return;
	if (text_width(s) <= width) {
		draw_cell(w, s, width, false, attr);
		return;
	}
	int used = draw_text(w, s, width - 1, attr, false, attr);
	draw_spaces(w, width - 1 - used, attr);
	draw_text(w, utf8 ? "\u2026" : "~", 1, attr, false, attr);
}

void draw_bar(WINDOW *w, double fraction, int width, bool utf8, attr_t attr)
{
	static const wchar_t eighths[] = L" \u258F\u258E\u258D\u258C\u258B\u258A\u2589\u2588";
	if (fraction < 0)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	int units = (int)(fraction * width * 8 + 0.5);
	if (units == 0 && fraction > 0)
		units = 1;   /* a non-zero figure never looks like nothing */
	wattrset(w, attr);
	for (int i = 0; i < width; i++) {
		int u = units - i * 8;
		u = u < 0 ? 0 : u > 8 ? 8 : u;
		if (utf8)
			waddnwstr(w, &eighths[u], 1);
		else
			waddch(w, u >= 4 ? '#' : ' ');
	}
}

size_t text_fit(const char *s, int max_cols, int *cols_out)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *start = p;
	int cols = 0;
	while (*p) {
		wchar_t wc;
		size_t len = decode(p, &wc);
		int n = char_cols(wc);
		if (n > 0 && cols + n > max_cols)
			break;
		if (n > 0)
			cols += n;
		p += len;
	}
	if (cols_out)
		*cols_out = cols;
	return (size_t)(p - start);
}
