#include "config.h"

/* Drawing helpers shared by the views: every string from a report reaches
 * the terminal through draw_text, which is where control characters die and
 * where wide characters are measured, so nothing is cut mid-character. */

#include <string.h>
#include <wchar.h>

#include "pairoff/draw.h"

/* Columns of wc as drawn: -1 for a character we drop. */
static int char_cols(wchar_t wc)
{
	return text_is_control((uint32_t)wc) ? -1 : text_char_width((uint32_t)wc);
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
		uint32_t cp;
		p += text_decode((const char *)p, 4, &cp);
		wchar_t wc = (wchar_t)cp;
		int cols = char_cols(wc);
		if (cols < 0)
			continue;
		/* unknown to the locale: an ASCII stand-in or a '?', as wide */
		bool unknown = cols > 0 && wcwidth(wc) < 0;
		if (unknown)
			wc = text_ascii_fold(cp) ? (wchar_t)text_ascii_fold(cp) : L'?';
		if (used + cols > max_cols) {   /* a wide char that does not fit */
			run_put(&r, L' ', hit ? hit_attr : attr);
			used++;
			break;
		}
		if (cols == 0 && used == 0)
			continue;               /* a combining mark with nothing to sit on */
		run_put(&r, wc, hit ? hit_attr : attr);
		if (unknown && cols == 2)
			run_put(&r, L' ', hit ? hit_attr : attr);
		used += cols;
	}
	run_flush(&r);
	return used;
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
		uint32_t cp;
		size_t len = text_decode((const char *)p, 4, &cp);
		int n = char_cols((wchar_t)cp);
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
