#ifndef PAIROFF_REGFILE_H
#define PAIROFF_REGFILE_H

/* Opening the small files pairoff reads whole (the config, the gazetteer)
 * and writes (exports), so that a device, a FIFO or a huge file named by
 * mistake or malice is refused before a byte is read or written, instead of
 * hanging (a FIFO without a writer or reader) or growing memory without
 * bound (/dev/zero). Issue 15, item 8. */

#include <stdio.h>
#include <sys/types.h>

/* The largest config or gazetteer read (the bundled gazetteer is ~60 kB). */
#define REGFILE_MAX_INI_BYTES (4L << 20)

/* Opens path for reading when it is a regular file of at most max_bytes,
 * without blocking. On failure returns NULL, *why is a static phrase
 * ("not a regular file", "larger than 4 MiB", strerror) and errno is the
 * open's error (ENOENT for a missing file) or 0. */
FILE *regfile_open_read(const char *path, off_t max_bytes, const char **why);

/* Opens path for writing (O_CREAT; O_EXCL unless overwrite) only when what
 * is or comes there is a regular file, without blocking on a FIFO. */
FILE *regfile_open_write(const char *path, int overwrite, const char **why);

#endif
