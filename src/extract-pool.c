#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* The strings of a report's facts. A report of a hundred thousand facts
 * gave each its own copies of its donor's and recipient's names and of its
 * whole sentence: most of an import's memory (a 20 MB report took 220 MB).
 * Here they are packed into large blocks, freed together by
 * extraction_free; a short string (a place's name, a level, a unit) is
 * kept once, and the facts of one sentence share its copy. */

#define POOL_BLOCK ((size_t)64 * 1024)
#define POOL_BIG (POOL_BLOCK / 4)  /* longer strings get a block of their own */
#define POOL_NAME_MAX 64           /* strings up to this length are interned */
#define POOL_NAMES 1024            /* slots of the name table (a power of two) */
#define POOL_RECENT 8              /* long strings remembered for sharing */

struct pool_block {
	struct pool_block *next;
	size_t used, cap;
	char data[];
};

struct xpool {
	struct pool_block *blocks;         /* owned list; the first is filled */
	const char *names[POOL_NAMES];     /* short strings in the pool, by hash
	                                    * (a slot keeps the latest) */
	const char *recent[POOL_RECENT];   /* long strings lately copied */
	size_t recent_len[POOL_RECENT];
	size_t next_recent;
};

static struct pool_block *block_new(size_t cap, struct pool_block *next)
{
	struct pool_block *b = xmalloc(sizeof(*b) + cap);
	b->next = next;
	b->used = 0;
	b->cap = cap;
	return b;
}

/* Room for n bytes. A big string's block goes second in the list, so the
 * block being filled stays first. */
static char *pool_alloc(struct xpool *p, size_t n)
{
	if (n > POOL_BIG) {
		struct pool_block *b = block_new(n, p->blocks ? p->blocks->next : NULL);
		if (p->blocks)
			p->blocks->next = b;
		else
			p->blocks = b;
		b->used = n;
		return b->data;
	}
	if (!p->blocks || p->blocks->cap - p->blocks->used < n)
		p->blocks = block_new(POOL_BLOCK, p->blocks);
	char *s = p->blocks->data + p->blocks->used;
	p->blocks->used += n;
	return s;
}

static char *pool_copy(struct xpool *p, const char *s, size_t n)
{
	char *d = pool_alloc(p, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *shared_name(struct xpool *p, const char *s, size_t n)
{
	const char **slot = &p->names[hash_bytes(s, n) & (POOL_NAMES - 1)];
	if (*slot && strncmp(*slot, s, n) == 0 && (*slot)[n] == '\0')
		return (char *)*slot;
	char *d = pool_copy(p, s, n);
	*slot = d;
	return d;
}

static char *shared_recent(struct xpool *p, const char *s, size_t n)
{
	for (size_t i = 0; i < POOL_RECENT; i++)
		if (p->recent[i] && p->recent_len[i] == n && memcmp(p->recent[i], s, n) == 0)
			return (char *)p->recent[i];
	char *d = pool_copy(p, s, n);
	p->recent[p->next_recent] = d;
	p->recent_len[p->next_recent] = n;
	p->next_recent = (p->next_recent + 1) % POOL_RECENT;
	return d;
}

char *xpool_strndup(struct extraction *x, const char *s, size_t n)
{
	if (!x->pool)
		x->pool = xcalloc(1, sizeof(*x->pool));
	const char *nul = memchr(s, '\0', n);
	if (nul)
		n = (size_t)(nul - s);
	return n <= POOL_NAME_MAX ? shared_name(x->pool, s, n) : shared_recent(x->pool, s, n);
}

char *xpool_strdup(struct extraction *x, const char *s)
{
	return xpool_strndup(x, s ? s : "", s ? strlen(s) : 0);
}

void xpool_free(struct xpool *p)
{
	if (!p)
		return;
	while (p->blocks) {
		struct pool_block *next = p->blocks->next;
		free(p->blocks);
		p->blocks = next;
	}
	free(p);
}
