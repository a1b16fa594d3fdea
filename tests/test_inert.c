/* Unit tests of src/inert.c: what is removed, what is kept, and that a
 * stray sequence never eats a line break or the text after it. */

#include "config.h"

#include <stdlib.h>

#include "check.h"
#include "pairoff/inert.h"

static void check_inert(const char *in, unsigned flags, const char *want, int line)
{
	char *got = inert_dup(in, flags);
	check_str(got, want, in, __FILE__, line);
	free(got);
}
#define INERT(in, flags, want) check_inert(in, flags, want, __LINE__)

static void test_sequences(void)
{
	INERT("a\033[2Jb", 0, "ab");
	INERT("a\033]52;c;cHduZWQ=\007b", 0, "ab");
	INERT("a\033]0;title\033\\b", 0, "ab");
	INERT("a\033Pq#0\033\\b", 0, "ab");
	INERT("a\033(Bb", 0, "ab");
	INERT("a\302\2332Jb", 0, "ab");              /* C1 CSI */
	INERT("a\302\2350;t\007b", 0, "ab");         /* C1 OSC */
	INERT("a\302\205b", 0, "ab");                /* NEL */
	INERT("a\342\200\256b\342\201\246c\342\200\250d", 0, "abcd");
	INERT("a\233b", 0, "a\357\277\275b");         /* raw 0x9B: invalid UTF-8 */
	INERT("a\001\177b", 0, "ab");
	INERT("\033", 0, "");
}

static void test_never_swallows(void)
{
	/* unterminated: only the introducer goes */
	INERT("a\033]0;never ended\nnext line", INERT_NEWLINES, "a0;never ended\nnext line");
	INERT("x\033[1\n2m", INERT_NEWLINES, "x1\n2m");
	/* a string sequence longer than its limit is not removed whole */
	char *long_osc = malloc(10000);
	memcpy(long_osc, "\033]52;c;", 7);
	memset(long_osc + 7, 'A', 9000);
	strcpy(long_osc + 9007, "\007tail");
	char *got = inert_dup(long_osc, 0);
	CHECK(strstr(got, "tail") != NULL && strlen(got) > 9000, "a long OSC keeps its text");
	free(got);
	free(long_osc);
}

static void test_flags_and_notes(void)
{
	INERT("a\tb\nc\002d\003", 0, "a b cd");
	INERT("a\tb\nc\002d\003", INERT_TABS | INERT_NEWLINES | INERT_MARKS, "a\tb\nc\002d\003");
	INERT("ok \344\270\255\346\226\207", 0, "ok \344\270\255\346\226\207");
	CHECK(inert_is_clean("plain text\n", INERT_NEWLINES), "plain text is clean");
	CHECK(!inert_is_clean("a\033[m", 0), "an escape is not clean");

	struct strbuf sb = { 0 };
	struct inert_notes notes = { 0 };
	const char *text = "one\ntwo \033[31mred\033[0m\nthree \033]0;x\n";
	inert_append(&sb, text, strlen(text), INERT_NEWLINES, &notes);
	CHECK_STR(sb.data, "one\ntwo red\nthree 0;x\n", "text with notes");
	CHECK(notes.n == 2, "two notes, got %zu", notes.n);
	if (notes.n == 2) {
		CHECK(notes.items[0].line_no == 2 && notes.items[0].count == 2 &&
		      notes.items[0].bytes == 9, "line 2: two CSIs, 9 bytes");
		CHECK(notes.items[1].line_no == 3, "line 3: the OSC introducer");
	}
	inert_notes_free(&notes);
	strbuf_free(&sb);
}

int main(void)
{
	test_sequences();
	test_never_swallows();
	test_flags_and_notes();
	return CHECK_EXIT();
}
