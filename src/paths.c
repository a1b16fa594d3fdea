#include "config.h"

#include <dirent.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
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

/* The file the build writes at the top of the build tree, naming the source
 * tree's data directory (Makefile.am). It is never installed, and no build
 * path is compiled in, so an installed pairoff finds only PKGDATADIR. */
#define UNINSTALLED_MARK "uninstalled-datadir"

/* The data directory named by UNINSTALLED_MARK in dir, or NULL (owned). */
static char *mark_in(const char *dir)
{
	char *path = xasprintf("%s/" UNINSTALLED_MARK, dir);
	FILE *f = fopen(path, "r");
	free(path);
	if (!f)
		return NULL;
	char line[PATH_MAX];
	char *got = fgets(line, sizeof(line), f);
	fclose(f);
	if (!got || line[0] != '/')
		return NULL;
	line[strcspn(line, "\n")] = '\0';
	return xstrdup(line);
}

/* The source tree's data/ when the running executable is uninstalled: the
 * mark sits beside it (./pairoff) or one directory up (tests/test_paths).
 * NULL for an installed binary, which has no mark beside it. */
static char *uninstalled_data_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *data = NULL;
	for (int up = 0; up < 2 && !data; up++) {
		char *slash = strrchr(exe, '/');
		if (!slash || slash == exe)
			break;
		*slash = '\0';
		data = mark_in(exe);
	}
	return data;
}

char *paths_data_dir(void)
{
	const char *dir = env_nonempty("PAIROFF_DATADIR");
	if (dir)
		return xstrdup(dir);
	char *src = uninstalled_data_dir();
	return src ? src : xstrdup(PKGDATADIR);
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
	return data_file("regions");
}

static int cmp_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **paths_dir_files(const char *dir, const char *suffix, size_t *count)
{
	*count = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	const char *sep = str_ends_with(dir, "/") ? "" : "/";
	for (struct dirent *de; (de = readdir(d)) != NULL;)
		if (de->d_name[0] != '.' && str_ends_with(de->d_name, suffix))
			*ARRAY_PUSH(names, n, cap) = xasprintf("%s%s%s", dir, sep, de->d_name);
	closedir(d);
	if (n > 1)   /* one dir and sep for all: sorting the paths sorts the names */
		qsort(names, n, sizeof(*names), cmp_strings);
	*count = n;
	return names ? names : xcalloc(1, sizeof(*names));
}

void paths_free_list(char **list, size_t count)
{
	for (size_t i = 0; list && i < count; i++)
		free(list[i]);
	free(list);
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

char *paths_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

char *paths_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && path[1] == '/' && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}
