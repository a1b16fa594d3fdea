#ifndef PAIROFF_UTIL_H
#define PAIROFF_UTIL_H

/* Allocation helpers that abort with a message on exhaustion (htop's XUtils),
 * a growable array helper and a growable string buffer. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Out of memory, the x* functions run the hooks added here (last added
 * first) and exit with status 7 (ST_NOMEM). A hook must only undo: remove
 * a temporary file, restore the terminal. add false removes hook. */
void xalloc_on_failure(void (*hook)(void), bool add);

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *items (of *cap elements of elem_size bytes) so that it holds at least
 * need elements; capacity doubles so appends are amortised O(1). */
void array_reserve(void *items, size_t *cap, size_t need, size_t elem_size);
#define ARRAY_PUSH(items, count, cap) \
	(array_reserve(&(items), &(cap), (count) + 1, sizeof(*(items))), &(items)[(count)++])

/* The number of elements of an array (an array, not a pointer to one). */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A NUL-terminated growable string. */
struct strbuf {
	char *data;     /* owned; NULL until the first append */
	size_t len;
	size_t cap;
};
void strbuf_append(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s); /* s NULL appends nothing */
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *strbuf_steal(struct strbuf *sb);   /* returns the string ("" if empty); sb is reset */
void strbuf_free(struct strbuf *sb);

/* v in decimal into buf (at least 24 bytes); returns buf. By hand, not
 * snprintf: a pane formats thousands of numbers, and snprintf was a fifth
 * of the slowest pane's time. */
char *format_i64(char *buf, int64_t v);

bool str_starts_with(const char *s, const char *prefix);
/* s as one shell word, quoted only when it needs to be ('it'\''s'). Owned. */
char *str_shell_word(const char *s);
bool str_ends_with(const char *s, const char *suffix);
char *str_trim(char *s);                 /* trims ASCII white space in place */
int str_casecmp_ascii(const char *a, const char *b);
/* Orders two strings that may be NULL: NULL is a value of its own, equal
 * to NULL only and before every string ("" included); else as strcmp.
 * Equality is str_cmp(a, b) == 0. */
int str_cmp(const char *a, const char *b);
/* The 64-bit FNV-1a hash of n bytes at s: the hash maps and the repeated
 * block search share it. */
uint64_t hash_bytes(const char *s, size_t n);

#endif
