/* Unit tests of src/paths.c: the default store and config under the XDG
 * variables or HOME, PAIROFF_DB and PAIROFF_DATADIR, the build-tree data
 * directory, and mkdir -p of a store's directory. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pairoff/paths.h"
#include "pairoff/util.h"

static int failures;

static void check_path(char *got, const char *want, const char *what, int line)
{
	if (!got || strcmp(got, want) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: FAIL: %s: got [%s], want [%s]\n", __FILE__, line, what,
			got ? got : "(null)", want);
	}
	free(got);
}
#define CHECK_PATH(got, want, what) check_path(got, want, what, __LINE__)

#define CHECK(cond, what) do { \
	if (!(cond)) { \
		failures++; \
		fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, what); \
	} \
} while (0)

static void test_defaults(void)
{
	unsetenv("PAIROFF_DB");
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/u", 1);
	CHECK_PATH(paths_default_db(), "/home/u/.local/share/pairoff/pairoff.db", "db under HOME");
	CHECK_PATH(paths_default_config(), "/home/u/.config/pairoff/config.ini", "config under HOME");

	setenv("XDG_DATA_HOME", "/xdg/data", 1);
	setenv("XDG_CONFIG_HOME", "/xdg/config", 1);
	CHECK_PATH(paths_default_db(), "/xdg/data/pairoff/pairoff.db", "db under XDG_DATA_HOME");
	CHECK_PATH(paths_default_config(), "/xdg/config/pairoff/config.ini", "config under XDG");

	/* The XDG specification: empty or relative values are ignored. */
	setenv("XDG_DATA_HOME", "", 1);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	CHECK_PATH(paths_default_db(), "/home/u/.local/share/pairoff/pairoff.db", "empty XDG_DATA_HOME");
	CHECK_PATH(paths_default_config(), "/home/u/.config/pairoff/config.ini", "relative XDG_CONFIG_HOME");

	setenv("PAIROFF_DB", "/tmp/some.db", 1);
	CHECK_PATH(paths_default_db(), "/tmp/some.db", "PAIROFF_DB wins");
	setenv("PAIROFF_DB", "", 1);
	CHECK_PATH(paths_default_db(), "/home/u/.local/share/pairoff/pairoff.db", "empty PAIROFF_DB");
}

static void test_data_dir(void)
{
	setenv("PAIROFF_DATADIR", "/opt/pairoff-data", 1);
	CHECK_PATH(paths_data_dir(), "/opt/pairoff-data", "PAIROFF_DATADIR");
	CHECK_PATH(paths_reports_dir(), "/opt/pairoff-data/reports", "reports under PAIROFF_DATADIR");
	CHECK_PATH(paths_gazetteer(), "/opt/pairoff-data/regions", "gazetteer under PAIROFF_DATADIR");
	/* This test runs from the build tree, so the data is the source tree's. */
	unsetenv("PAIROFF_DATADIR");
	CHECK_PATH(paths_data_dir(), PAIROFF_SRC_DATADIR, "build tree uses the source data");
}

static void test_make_parent(void)
{
	char tmpl[] = "/tmp/pairoff-paths.XXXXXX";
	char *dir = mkdtemp(tmpl);
	CHECK(dir != NULL, "mkdtemp");
	if (!dir)
		return;
	char *file = xasprintf("%s/a/b/c/store.db", dir);
	CHECK(paths_make_parent(file, NULL) == 0, "mkdir -p of a/b/c");
	char *made = xasprintf("%s/a/b/c", dir);
	struct stat sb;
	CHECK(stat(made, &sb) == 0 && S_ISDIR(sb.st_mode), "a/b/c is a directory");
	CHECK(paths_make_parent(file, NULL) == 0, "existing directories are fine");
	CHECK(paths_make_parent("store.db", NULL) == 0, "a bare file name needs no directory");

	/* A regular file where a directory should be: ENOTDIR, not a crash. */
	char *plain = xasprintf("%s/plain", dir);
	FILE *fp = fopen(plain, "w");
	if (fp)
		fclose(fp);
	char *under = xasprintf("%s/plain/x/store.db", dir);
	errno = 0;
	CHECK(paths_make_parent(under, NULL) == -1 && errno == ENOTDIR, "directory under a file");
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(under);
	free(plain);
	free(made);
	free(file);
}

/* "~/x" is the home directory's x (the config's paths, the browser's
 * export file name); nothing else is touched. */
static void test_expand_home(void)
{
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("HOME", "/home/someone", 1);
	CHECK_PATH(paths_expand_home("~/out.csv"), "/home/someone/out.csv", "~/ is $HOME");
	CHECK_PATH(paths_expand_home("~other/out.csv"), "~other/out.csv", "~user is not expanded");
	setenv("HOME", "", 1);
	CHECK_PATH(paths_expand_home("~/out.csv"), "~/out.csv", "an empty $HOME expands nothing");
	if (home)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	free(home);
}

/* One NULL-safe comparison (pairoff/util.h): NULL equals NULL only and
 * comes before every string, "" included. */
static void test_str_cmp(void)
{
	CHECK(str_cmp(NULL, NULL) == 0, "NULL == NULL");
	CHECK(str_cmp(NULL, "") < 0 && str_cmp("", NULL) > 0, "NULL before \"\"");
	CHECK(str_cmp("a", "b") < 0 && str_cmp("b", "a") > 0 && str_cmp("a", "a") == 0, "as strcmp");
}

int main(void)
{
	test_defaults();
	test_data_dir();
	test_make_parent();
	test_expand_home();
	test_str_cmp();
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
