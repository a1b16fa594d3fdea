/* idmap: store ids to array indexes (see include/pairoff/idmap.h). */

#include "pairoff/idmap.h"

#include "pairoff/util.h"

#include <stdlib.h>

void idmap_init(struct idmap *m, size_t n)
{
	size_t slots = 16;
	while (slots < 2 * n)
		slots *= 2;
	m->keys = xcalloc(slots, sizeof(*m->keys));
	m->vals = xcalloc(slots, sizeof(*m->vals));
	m->mask = slots - 1;
}

/* The slot of key, or the empty slot where it would go. At most half the
 * slots are ever full, so the probe ends. */
static size_t slot_of(const struct idmap *m, int64_t key)
{
	size_t i = (size_t)((uint64_t)key * 0x9E3779B97F4A7C15u >> 17) & m->mask;
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & m->mask;
	return i;
}

bool idmap_put(struct idmap *m, int64_t key, size_t val)
{
	if (key <= 0)
		return false;
	size_t i = slot_of(m, key);
	if (m->keys[i])
		return false;
	m->keys[i] = key;
	m->vals[i] = val;
	return true;
}

size_t idmap_get(const struct idmap *m, int64_t key, size_t missing)
{
	if (key <= 0)
		return missing;
	size_t i = slot_of(m, key);
	return m->keys[i] ? m->vals[i] : missing;
}

void idmap_free(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->mask = 0;
}
