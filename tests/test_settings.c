/* Unit tests of src/settings.c: compiled-in defaults, every key's values
 * reaching struct settings, bad values keeping the default, NO_COLOR, and
 * warnings with file and line (written to a memory stream here). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pairoff/settings.h"
#include "pairoff/util.h"

#include "check.h"


static char *write_config(const char *text)
{
	char *path = xstrdup("/tmp/pairoff-settings.XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	return path;
}

/* Loads text as a config file; returns the warnings printed (owned). */
static char *load(struct settings *st, const char *text)
{
	char *path = write_config(text);
	char *warnings = NULL;
	size_t len = 0;
	FILE *warn_fp = open_memstream(&warnings, &len);
	settings_defaults(st);
	enum status rc = settings_load(st, path, true, warn_fp);
	fclose(warn_fp);
	CHECK(rc == ST_OK, "settings_load of an existing file returns %d", rc);
	unlink(path);
	free(path);
	return warnings;
}

static void test_defaults(void)
{
	struct settings st;
	unsetenv("NO_COLOR");
	settings_defaults(&st);
	CHECK(st.db_path == NULL && st.gazetteer_path == NULL, "no default paths");
	CHECK(st.unit == UNIT_YUAN, "default unit yuan");
	CHECK(!st.mouse, "mouse off by default");
	CHECK(st.color, "colour on by default");
	CHECK(st.theme && strcmp(st.theme, "default") == 0, "default theme");
	CHECK(st.start_pane == PANE_PROVINCES, "start in provinces");
	settings_free(&st);
}

static void test_values(void)
{
	struct settings st;
	setenv("HOME", "/home/u", 1);
	char *w = load(&st,
		       "[store]\n"
		       "path = ~/stores/p.db\n"
		       "gazetteer = /etc/regions.ini\n"
		       "[UI]\n"
		       "Unit = Million\n"
		       "mouse = yes\n"
		       "color = off\n"
		       "theme = \"Mono\"\n"
		       "start_pane = funds\n");
	CHECK(strcmp(w, "") == 0, "no warnings: [%s]", w);
	CHECK(st.db_path && strcmp(st.db_path, "/home/u/stores/p.db") == 0, "path with ~: %s",
	      st.db_path ? st.db_path : "(null)");
	CHECK(st.gazetteer_path && strcmp(st.gazetteer_path, "/etc/regions.ini") == 0, "gazetteer");
	CHECK(st.unit == UNIT_MILLION, "unit million");
	CHECK(st.mouse, "mouse yes");
	CHECK(!st.color, "color off");
	CHECK(st.theme && strcmp(st.theme, "mono") == 0, "theme mono, lower case: %s", st.theme);
	CHECK(st.start_pane == PANE_FUNDS, "start_pane funds");
	free(w);
	settings_free(&st);
}

static void test_bad_values(void)
{
	struct settings st;
	char *w = load(&st,
		       "[ui]\n"
		       "unit = furlongs\n"
		       "\n"
		       "start_pane = sideways\n"
		       "mouse = true\n");
	CHECK(st.unit == UNIT_YUAN, "bad unit keeps the default");
	CHECK(st.start_pane == PANE_PROVINCES, "bad pane keeps the default");
	CHECK(st.mouse, "a good key next to bad ones still applies");
	CHECK(strstr(w, ":2: bad value 'furlongs' for 'ui:unit' (expected yuan|wan|million)") != NULL,
	      "unit warning with line 2: [%s]", w);
	CHECK(strstr(w, ":4: bad value 'sideways' for 'ui:start_pane'") != NULL,
	      "pane warning with line 4: [%s]", w);
	free(w);
	settings_free(&st);
}

static void test_continuation_lines(void)
{
	struct settings st;
	/* A value continued with a backslash: the next key's line is still right. */
	char *w = load(&st, "[ui]\ntheme = de\\\nfault\nnope = 1\n");
	CHECK(strstr(w, ":4: unknown key 'ui:nope'") != NULL, "line after a continuation: [%s]", w);
	free(w);
	settings_free(&st);
}

static void test_no_color(void)
{
	struct settings st;
	setenv("NO_COLOR", "1", 1);
	char *w = load(&st, "[ui]\ncolor = true\n");
	CHECK(!st.color, "NO_COLOR wins over the config");
	free(w);
	settings_free(&st);
	setenv("NO_COLOR", "", 1);
	settings_defaults(&st);
	CHECK(st.color, "an empty NO_COLOR does not count");
	settings_free(&st);
	unsetenv("NO_COLOR");
}

static void test_missing(void)
{
	struct settings st;
	settings_defaults(&st);
	CHECK(settings_load(&st, "/nonexistent/pairoff.ini", false, NULL) == ST_OK,
	      "a missing default config is fine");
	CHECK(settings_load(&st, "/nonexistent/pairoff.ini", true, NULL) == ST_CONFIG,
	      "a missing --config file is an error");
	CHECK(strstr(status_detail(ST_CONFIG), "/nonexistent/pairoff.ini") != NULL,
	      "the error names the file");
	settings_free(&st);
}

int main(void)
{
	test_defaults();
	test_values();
	test_bad_values();
	test_continuation_lines();
	test_no_color();
	test_missing();
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return CHECK_EXIT();
}
