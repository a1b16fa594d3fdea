#include "config.h"

/* What an import may replace (issue 15, item 1). An import renames a new
 * store over the store path, so a mistaken or planted path must never turn
 * a device, a FIFO, someone's file or a file behind a planted link into a
 * database. The rule: only a regular file whose header says it is a pairoff
 * store (application id, schema version 1 or later, read successfully), or
 * no file at all, may be replaced. A symbolic link is resolved once, and only
 * outside a world-writable sticky directory (/tmp), where anyone may have
 * planted it; its target is then checked by the same rule. No check opens
 * anything but a regular file, so a FIFO or a device is never opened. */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pairoff/paths.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The SQLite header: magic, user_version (schema) at 60, application_id at 68. */
#define HEADER_BYTES 100
#define HEADER_USER_VERSION 60
#define HEADER_APPLICATION_ID 68
static const char sqlite_magic[16] = "SQLite format 3";

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const char *file_kind(mode_t mode)
{
	return S_ISDIR(mode) ? "a directory" : S_ISCHR(mode) ? "a character device" :
	       S_ISBLK(mode) ? "a block device" : S_ISFIFO(mode) ? "a FIFO" :
	       S_ISSOCK(mode) ? "a socket" : S_ISLNK(mode) ? "a symbolic link" :
	       "not a regular file";
}

static enum status refuse(const char *path, const char *why)
{
	return status_set(ST_STORE, "%s: %s, not a pairoff store; refusing to replace it",
			  path, why);
}

/* Reads the first HEADER_BYTES of the regular file path (whose lstat is sb),
 * without following a link and only if it is still that file. */
static enum status read_header(const char *path, const struct stat *sb,
			       unsigned char head[HEADER_BYTES])
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return status_set(ST_STORE, "%s: cannot read it (%s); refusing to replace it",
				  path, strerror(errno));
	struct stat fsb;
	size_t got = 0;
	ssize_t n = 1;
	if (fstat(fd, &fsb) == 0 && S_ISREG(fsb.st_mode) && fsb.st_ino == sb->st_ino &&
	    fsb.st_dev == sb->st_dev)
		while (got < HEADER_BYTES && (n = read(fd, head + got, HEADER_BYTES - got)) > 0)
			got += (size_t)n;
	else
		n = 0, errno = 0;
	int err = errno;
	close(fd);
	if (n < 0)
		return status_set(ST_STORE, "%s: cannot read it (%s); refusing to replace it",
				  path, strerror(err));
	if (got == 0 && fsb.st_size == 0)
		return refuse(path, "an empty file");
	if (got < HEADER_BYTES)
		return refuse(path, "a short or changing file");
	return ST_OK;
}

/* A regular file that is a pairoff store of any schema version, or nothing. */
static enum status check_entry(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT)
			return ST_OK;
		return status_set(ST_STORE, "%s: cannot check it (%s); refusing to replace it",
				  path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return refuse(path, file_kind(sb.st_mode));
	unsigned char head[HEADER_BYTES];
	enum status st = read_header(path, &sb, head);
	if (st != ST_OK)
		return st;
	if (memcmp(head, sqlite_magic, sizeof(sqlite_magic)) != 0)
		return refuse(path, "not an SQLite database");
	if (be32(head + HEADER_APPLICATION_ID) != STORE_APPLICATION_ID)
		return refuse(path, "an SQLite database of another program");
	if (be32(head + HEADER_USER_VERSION) < 1)
		return refuse(path, "an SQLite database without a pairoff schema version");
	return ST_OK;
}

/* The target of the link at path, relative targets taken from its directory. */
static enum status link_target(const char *path, const char *dir, char **target)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	if (n <= 0 || n >= (ssize_t)sizeof(buf) - 1)
		return status_set(ST_STORE, "%s: cannot read the symbolic link (%s); refusing to "
				  "replace it", path, n < 0 ? strerror(errno) : "too long");
	buf[n] = '\0';
	*target = buf[0] == '/' ? xstrdup(buf) : xasprintf("%s/%s", dir, buf);
	return ST_OK;
}

/* Resolves the link at path once and checks its target. */
static enum status check_link(const char *path, char **target)
{
	char *dir = paths_dir_of(path);
	struct stat dsb;
	enum status st = ST_OK;
	if (stat(dir, &dsb) != 0 || ((dsb.st_mode & S_ISVTX) && (dsb.st_mode & S_IWOTH)))
		st = status_set(ST_STORE, "%s: a symbolic link in a world-writable directory, "
				"which anyone may have planted; refusing to follow it (give the "
				"store's real path)", path);
	if (st == ST_OK)
		st = link_target(path, dir, target);
	free(dir);
	if (st != ST_OK)
		return st;
	struct stat sb;
	int found = lstat(*target, &sb) == 0 ? 1 : errno == ENOENT ? 0 : -1;
	if (found == 0 || (found == 1 && S_ISLNK(sb.st_mode)))
		st = status_set(ST_STORE, "%s: a symbolic link to %s; refusing to replace "
				"what it points to (give the store's real path)", path,
				found ? "another link" : "nothing");
	if (st == ST_OK)
		st = check_entry(*target);
	if (st != ST_OK) {
		free(*target);
		*target = NULL;
	}
	return st;
}

enum status store_guard_target(const char *db_path, char **target)
{
	struct stat sb;
	*target = NULL;
	if (lstat(db_path, &sb) == 0 && S_ISLNK(sb.st_mode))
		return check_link(db_path, target);
	enum status st = check_entry(db_path);
	if (st == ST_OK)
		*target = xstrdup(db_path);
	return st;
}
