#include "config.h"

/* The files around an import (issue 15, item 6): one import at a time per
 * store (an flock on a lock file beside it), the temporary files that a
 * killed import left behind, and the mode, owner and group that a rebuilt
 * store keeps from the store it replaces. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pairoff/util.h"
#include "store-internal.h"

/* --- the lock ----------------------------------------------------------------- */

/* The lock file is removed by its holder before it lets go, so none is left
 * beside the store; a process that locked a file that was then removed (or
 * replaced) tries again on the new one. */
enum status store_lock_take(const char *db_path, struct store_lock *lock)
{
	lock->path = xasprintf("%s.lock", db_path);
	lock->fd = -1;
	for (int tries = 0; tries < 100; tries++) {
		int fd = open(lock->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0)
			break;
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			int err = errno;
			close(fd);
			if (err == EWOULDBLOCK) {
				free(lock->path);
				lock->path = NULL;
				return status_set(ST_STORE, "%s: another import into this store is "
						  "running; try again when it has ended", db_path);
			}
			errno = err;
			break;
		}
		struct stat held, now;
		if (fstat(fd, &held) == 0 && stat(lock->path, &now) == 0 &&
		    held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
			lock->fd = fd;
			return ST_OK;
		}
		close(fd);   /* the holder before us removed it: lock the new one */
	}
	enum status st = status_set(ST_IO, "%s: cannot lock the store for the import: %s",
				    lock->path, strerror(errno));
	free(lock->path);
	lock->path = NULL;
	return st;
}

void store_lock_release(struct store_lock *lock)
{
	if (lock->fd >= 0) {
		unlink(lock->path);
		close(lock->fd);
	}
	free(lock->path);
	lock->path = NULL;
	lock->fd = -1;
}

/* --- temporary files of imports that were killed ------------------------------ */

/* The pid in "<base>.<pid>.XXXXXX.tmp", or 0 when name is not such a file. */
static long temp_pid(const char *name, const char *base)
{
	size_t blen = strlen(base);
	if (strncmp(name, base, blen) != 0 || name[blen] != '.' || !str_ends_with(name, ".tmp"))
		return 0;
	char *end;
	long pid = strtol(name + blen + 1, &end, 10);
	if (pid <= 0 || *end != '.' || strlen(end) != strlen(".XXXXXX.tmp"))
		return 0;
	return pid;
}

static bool process_gone(long pid)
{
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void store_remove_stale_temps(const char *db_path)
{
	const char *slash = strrchr(db_path, '/');
	char *dir = !slash ? xstrdup(".") : slash == db_path ? xstrdup("/") :
		xstrndup(db_path, (size_t)(slash - db_path));
	const char *base = slash ? slash + 1 : db_path;
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		long pid = temp_pid(de->d_name, base);
		if (pid == 0 || !process_gone(pid))
			continue;
		/* only a regular file of ours, never what a link points to */
		struct stat sb;
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_uid == geteuid())
			unlinkat(dirfd(d), de->d_name, 0);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* --- mode, owner and group --------------------------------------------------- */

void store_keep_mode(const char *db_path, int fd)
{
	struct stat old;
	if (stat(db_path, &old) != 0 || !S_ISREG(old.st_mode))
		return;
	/* the owner only for root, the group where the user may: failures are
	 * fine, the new store then has the user's own */
	if (fchown(fd, geteuid() == 0 ? old.st_uid : (uid_t)-1, old.st_gid) != 0 &&
	    geteuid() == 0)
		(void)!fchown(fd, (uid_t)-1, old.st_gid);
	fchmod(fd, old.st_mode & 07777);
}
