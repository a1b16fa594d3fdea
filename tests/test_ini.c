/* Unit tests of src/ini.c, the one INI reader of the config and the
 * gazetteer: entries in file order with their lines (continued lines
 * included), the value rules (quotes, comments, empty values, the last of
 * a key given twice) and the first bad line of a file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pairoff/ini.h"
#include "pairoff/util.h"

#include "check.h"

/* Reads len bytes of text as an INI file (through a real file, as the
 * config and the gazetteer are read). */
static enum status read_text(const char *text, size_t len, struct ini **ini, int *error_line)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = xasprintf("%s/pairoff-ini-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	FILE *fp = fopen(path, "r");
	if (!fp)
		abort();
	enum status st = ini_read(fp, path, ini, error_line);
	fclose(fp);
	unlink(path);
	free(path);
	return st;
}

static struct ini *read_ok(const char *text)
{
	struct ini *ini = NULL;
	int line = -1;
	CHECK(read_text(text, strlen(text), &ini, &line) == ST_OK, "read: %s", status_detail(ST_CONFIG));
	CHECK(line == 0, "no error line, got %d", line);
	return ini;
}

static void check_entry(const struct ini_entry *e, const char *section, const char *key,
			const char *value, int line)
{
	CHECK_STR(e->section, section, "section");
	CHECK((key == NULL) == (e->key == NULL), "key %s", key ? key : "(none)");
	if (key && e->key)
		CHECK_STR(e->key, key, "key");
	CHECK((value == NULL) == (e->value == NULL), "value %s", value ? value : "(none)");
	if (value && e->value)
		CHECK_STR(e->value, value, "value");
	CHECK(e->line == line, "%s:%s on line %d, not %d", section, key ? key : "", e->line, line);
}

static void test_order_and_lines(void)
{
	struct ini *ini = read_ok("; a comment\n[Sec One]\nKey = Value\n\n# another\n[b]\n"
				  "long = first \\\n  second\nafter = 1\n");
	size_t n;
	const struct ini_entry *e = ini_entries(ini, &n);
	CHECK(n == 5, "five entries, got %zu", n);
	if (n == 5) {
		check_entry(&e[0], "sec one", NULL, NULL, 2);
		check_entry(&e[1], "sec one", "key", "Value", 3);
		check_entry(&e[2], "b", NULL, NULL, 6);
		check_entry(&e[3], "b", "long", "first   second", 7);
		check_entry(&e[4], "b", "after", "1", 9);
	}
	ini_free(ini);
}

static void test_values(void)
{
	struct ini *ini = read_ok("[v]\nquoted = \"Made-up; Town\" \nsingle = 'it'\nplain = word ; note\n"
				  "hash = a#b\nempty =\nemptyq = \"\"\nspaced =   two  words  \n"
				  "twice = 1\ntwice = 2\n");
	const struct ini_entry *e;
	CHECK((e = ini_find(ini, "v", "quoted")) && strcmp(e->value, "Made-up; Town") == 0, "quoted");
	CHECK((e = ini_find(ini, "v", "single")) && strcmp(e->value, "it") == 0, "single quotes");
	CHECK((e = ini_find(ini, "v", "plain")) && strcmp(e->value, "word") == 0, "comment cut");
	CHECK((e = ini_find(ini, "v", "hash")) && strcmp(e->value, "a") == 0, "cut at #");
	CHECK((e = ini_find(ini, "v", "empty")) && strcmp(e->value, "") == 0, "key =");
	CHECK((e = ini_find(ini, "v", "emptyq")) && strcmp(e->value, "") == 0, "key = \"\"");
	CHECK((e = ini_find(ini, "v", "spaced")) && strcmp(e->value, "two  words") == 0, "trimmed");
	CHECK((e = ini_find(ini, "v", "twice")) && strcmp(e->value, "2") == 0 && e->line == 10,
	      "a key given twice: the last");
	CHECK(ini_find(ini, "v", "missing") == NULL && ini_find(ini, "w", "plain") == NULL, "not found");
	ini_free(ini);
}

static void test_key_before_section(void)
{
	struct ini *ini = read_ok("early = 1\n[s]\nlate = 2\n");
	size_t n;
	const struct ini_entry *e = ini_entries(ini, &n);
	CHECK(n == 3, "three entries, got %zu", n);
	if (n == 3) {
		check_entry(&e[0], "", "early", "1", 1);
		check_entry(&e[2], "s", "late", "2", 3);
	}
	ini_free(ini);
}

static void expect_error(const char *text, size_t len, int want_line)
{
	struct ini *ini = (struct ini *)&ini;
	int line = -1;
	enum status st = read_text(text, len, &ini, &line);
	CHECK(st == ST_CONFIG && ini == NULL, "a bad file fails: %d", st);
	CHECK(line == want_line, "error on line %d, got %d", want_line, line);
	char *needle = xasprintf(":%d: syntax error", want_line);
	CHECK(strstr(status_detail(st), needle) != NULL, "detail: %s", status_detail(st));
	free(needle);
}

#define EXPECT_ERROR(text, line) expect_error(text, sizeof(text) - 1, line)

static void test_errors(void)
{
	EXPECT_ERROR("[a]\nx = 1\nnot a line\n", 3);
	EXPECT_ERROR("[open\nx = 1\n", 1);
	EXPECT_ERROR("[a]\n= v\n", 2);
	EXPECT_ERROR("[a]\nx = \\\n1\nbad\n", 4);     /* after a continued line */
	EXPECT_ERROR("[a]\nx = 1\n\0 = 2\n", 3);     /* a NUL byte */
}

int main(void)
{
	test_order_and_lines();
	test_values();
	test_key_before_section();
	test_errors();
	return CHECK_EXIT();
}
