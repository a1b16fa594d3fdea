#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pairoff/util.h"

/* What to undo before exiting for want of memory (issue 15, item 4). */
#define MAX_FAILURE_HOOKS 4
static void (*failure_hooks[MAX_FAILURE_HOOKS])(void);

void xalloc_on_failure(void (*hook)(void), bool add)
{
	for (size_t i = 0; i < MAX_FAILURE_HOOKS; i++) {
		if (add && !failure_hooks[i]) {
			failure_hooks[i] = hook;
			return;
		}
		if (!add && failure_hooks[i] == hook)
			failure_hooks[i] = NULL;
	}
}

/* Exit status 7, as documented, after the hooks (a temporary store, the
 * terminal); _exit, because nothing else can be trusted to run without
 * memory, and another thread may be inside SQLite. */
static void out_of_memory(void)
{
	for (size_t i = MAX_FAILURE_HOOKS; i-- > 0;)
		if (failure_hooks[i])
			failure_hooks[i]();
	static const char msg[] = "pairoff: out of memory\n";
	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	_exit(7);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		out_of_memory();
	size_t bytes = nmemb * size;
	void *p = realloc(ptr, bytes != 0 ? bytes : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	sb.data = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(sb.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return sb.data;
}

void array_reserve(void *items, size_t *cap, size_t need, size_t elem_size)
{
	void **p = items;
	if (need <= *cap)
		return;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need)
		ncap *= 2;
	*p = xreallocarray(*p, ncap, elem_size);
	*cap = ncap;
}

void strbuf_append(struct strbuf *sb, const char *s, size_t n)
{
	size_t need = sb->len + n + 1;
	if (!sb->data || need > sb->cap) {
		/* grown here, not by array_reserve: its void ** would hide from the
		 * analyser (and the aliasing rules) that data is set */
		size_t ncap = sb->data && sb->cap ? sb->cap : 16;
		while (ncap < need)
			ncap *= 2;
		sb->data = xreallocarray(sb->data, ncap, 1);
		sb->cap = ncap;
	}
	if (n)
		memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
	/* NULL appends nothing: a cell of a crafted store may be NULL anywhere */
	if (s)
		strbuf_append(sb, s, strlen(s));
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	array_reserve(&sb->data, &sb->cap, sb->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *strbuf_steal(struct strbuf *sb)
{
	char *s = sb->data ? sb->data : xstrdup("");
	sb->data = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

bool str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

char *str_trim(char *s)
{
	char *start = s;
	while (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n')
		start++;
	size_t len = strlen(start);
	while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t' ||
			   start[len - 1] == '\r' || start[len - 1] == '\n'))
		len--;
	memmove(s, start, len);
	s[len] = '\0';
	return s;
}

int str_casecmp_ascii(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (*a >= 'A' && *a <= 'Z') ? *a + 32 : (unsigned char)*a;
		int cb = (*b >= 'A' && *b <= 'Z') ? *b + 32 : (unsigned char)*b;
		if (ca != cb || ca == 0)
			return ca - cb;
	}
}

char *format_i64(char *buf, int64_t v)
{
	char tmp[24];
	size_t n = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	size_t k = 0;
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = '\0';
	return buf;
}

char *str_shell_word(const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		   "0123456789_./+,:=@%-") == strlen(s))
		return xstrdup(s);
	struct strbuf sb = {0};
	strbuf_puts(&sb, "'");
	for (; *s; s++)
		if (*s == '\'')
			strbuf_puts(&sb, "'\\''");
		else
			strbuf_append(&sb, s, 1);
	strbuf_puts(&sb, "'");
	return strbuf_steal(&sb);
}

int str_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}
