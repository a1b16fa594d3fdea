#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pairoff/regfile.h"

static const char not_regular[] = "not a regular file";
static const char too_large[] = "too large (over 4 MiB)";

/* fd, checked and back in blocking mode, as a stream; closes fd on failure. */
static FILE *checked_stream(int fd, off_t max_bytes, const char *mode, const char **why)
{
	struct stat sb;
	const char *bad = NULL;
	if (fstat(fd, &sb) != 0)
		bad = strerror(errno);
	else if (!S_ISREG(sb.st_mode))
		bad = not_regular;
	else if (max_bytes > 0 && sb.st_size > max_bytes)
		bad = too_large;
	int flags = fcntl(fd, F_GETFL);
	FILE *fp = NULL;
	if (!bad && flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0)
		fp = fdopen(fd, mode);
	if (!fp) {
		*why = bad ? bad : strerror(errno);
		close(fd);
		errno = 0;
	}
	return fp;
}

FILE *regfile_open_read(const char *path, off_t max_bytes, const char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	return checked_stream(fd, max_bytes, "r", why);
}

FILE *regfile_open_write(const char *path, int overwrite, const char **why)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		*why = not_regular;
		errno = 0;
		return NULL;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC | O_NOCTTY |
		      (overwrite ? 0 : O_EXCL), 0666);
	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	FILE *fp = checked_stream(fd, 0, "w", why);
	if (fp && overwrite && ftruncate(fileno(fp), 0) != 0) {
		*why = strerror(errno);
		fclose(fp);
		return NULL;
	}
	return fp;
}
