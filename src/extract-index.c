#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* A string-keyed map of row indexes for the links of a report, so that
 * adding a link (merged with its statement on the same line) and asking a
 * donor's partner stay constant-time however many links a report has (a
 * link is one fact per line that states it: 100,000 section headings are
 * 100,000 facts). */

static void map_grow(struct xmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	char **keys = xcalloc(cap, sizeof(*keys));
	size_t *vals = xcalloc(cap, sizeof(*vals));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = hash_bytes(m->keys[i], strlen(m->keys[i])) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
}

/* The slot of key: its own, or the empty one where it would go. */
static size_t slot_of(const struct xmap *m, const char *key)
{
	size_t j = hash_bytes(key, strlen(key)) & (m->cap - 1);
	while (m->keys[j] && strcmp(m->keys[j], key) != 0)
		j = (j + 1) & (m->cap - 1);
	return j;
}

size_t xmap_get(const struct xmap *m, const char *key)
{
	if (!m->cap)
		return XMAP_NONE;
	size_t j = slot_of(m, key);
	return m->keys[j] ? m->vals[j] : XMAP_NONE;
}

void xmap_put(struct xmap *m, const char *key, size_t value)
{
	if ((m->n + 1) * 2 > m->cap)
		map_grow(m);
	size_t j = slot_of(m, key);
	if (!m->keys[j]) {
		m->keys[j] = xstrdup(key);
		m->n++;
	}
	m->vals[j] = value;
}

void xmap_free(struct xmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
