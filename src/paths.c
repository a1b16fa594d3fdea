#include "config.h"

#include <dirent.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pairoff/paths.h"
#include "pairoff/util.h"

/* A non-empty environment variable, or NULL: an empty value counts as unset,
 * as the XDG base directory specification asks. */
static const char *env_nonempty(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* True when the running executable lives under the build tree, so that
 * `./pairoff` in a build directory finds the source tree's data/ without an
 * install. Both sides are resolved, as the build directory may be reached
 * through a symbolic link. */
static bool running_from_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *build = realpath(PAIROFF_BUILDDIR, NULL);
	if (!build)
		return false;
	size_t len = strlen(build);
	bool inside = strncmp(exe, build, len) == 0 && exe[len] == '/';
	free(build);
	return inside;
}

char *paths_data_dir(void)
{
	const char *dir = env_nonempty("PAIROFF_DATADIR");
	if (dir)
		return xstrdup(dir);
	if (running_from_build_tree())
		return xstrdup(PAIROFF_SRC_DATADIR);
	return xstrdup(PKGDATADIR);
}

static char *data_file(const char *name)
{
	char *dir = paths_data_dir();
	char *path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

char *paths_reports_dir(void)
{
	return data_file("reports");
}

char *paths_gazetteer(void)
{
	return data_file("regions.ini");
}

/* $HOME, or the password database when HOME is unset (cron, some sshd setups). */
static const char *home_dir(void)
{
	const char *home = env_nonempty("HOME");
	if (home)
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "/";
}

/* $XDG_name_HOME/pairoff/file, or ~/fallback/pairoff/file. A relative XDG
 * value is ignored, as the specification says. */
static char *xdg_file(const char *xdg_var, const char *fallback, const char *file)
{
	const char *base = env_nonempty(xdg_var);
	if (base && base[0] == '/')
		return xasprintf("%s/pairoff/%s", base, file);
	return xasprintf("%s/%s/pairoff/%s", home_dir(), fallback, file);
}

char *paths_default_db(void)
{
	const char *db = env_nonempty("PAIROFF_DB");
	if (db)
		return xstrdup(db);
	return xdg_file("XDG_DATA_HOME", ".local/share", "pairoff.db");
}

char *paths_default_config(void)
{
	return xdg_file("XDG_CONFIG_HOME", ".config", "config.ini");
}

char *paths_state_file(const char *name)
{
	return xdg_file("XDG_STATE_HOME", ".local/state", name);
}

int paths_make_parent(const char *file_path, char **created)
{
	if (created)
		*created = NULL;
	char *dir = xstrdup(file_path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	/* mkdir -p: create each missing component in turn. */
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (created && !*created)
				*created = xstrdup(dir);
		} else if (errno != EEXIST) {
			int err = errno;
			free(dir);
			errno = err;
			return -1;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	struct stat sb;
	int rc = 0;
	if (stat(dir, &sb) != 0)
		rc = -1;
	else if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	int err = errno;
	free(dir);
	errno = err;
	return rc;
}

const char *paths_tmp_dir(void)
{
	const char *t = getenv("TMPDIR");
	return t && *t == '/' ? t : "/tmp";
}

void paths_remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

void paths_remove_created(const char *file_path, const char *created)
{
	if (!created)
		return;
	char *dir = xstrdup(file_path);
	size_t top = strlen(created);
	for (char *slash = strrchr(dir, '/'); slash && slash != dir; slash = strrchr(dir, '/')) {
		*slash = '\0';
		if (strlen(dir) < top || rmdir(dir) != 0)
			break;
	}
	free(dir);
}

char *paths_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && path[1] == '/' && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}
