#ifndef PAIROFF_IDMAP_H
#define PAIROFF_IDMAP_H

/* A map from store ids (positive integers) to array indexes, for the rules
 * that pair statements by id: a linear search per statement made a pair's
 * busiest year quadratic (hundreds of statements). Open addressing with a
 * fixed size, since the number of keys is known before the first put. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idmap {
	int64_t *keys;             /* owned; 0 marks an empty slot */
	size_t *vals;              /* owned */
	size_t mask;               /* slots - 1; slots is a power of two */
};

/* Room for up to n keys. */
void idmap_init(struct idmap *m, size_t n);
/* Maps key to val unless key is there already (the first put stays) or is
 * not positive; returns whether it was added. */
bool idmap_put(struct idmap *m, int64_t key, size_t val);
/* The value of key, or missing. */
size_t idmap_get(const struct idmap *m, int64_t key, size_t missing);
void idmap_free(struct idmap *m);

#endif
