/* Unit tests of the copy's OSC 52: the plain sequence, and inside tmux the
 * same wrapped for tmux's passthrough, with every ESC doubled. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/clipboard.h"

#include "check.h"

static void test_plain(void)
{
	struct strbuf osc = {0};
	clipboard_osc52(&osc, "hi", false);
	CHECK(osc.len == strlen("\033]52;c;aGk=\a") && memcmp(osc.data, "\033]52;c;aGk=\a", osc.len) == 0,
	      "plain OSC 52 of \"hi\"");
	strbuf_free(&osc);
	clipboard_osc52(&osc, "", false);
	CHECK(osc.len == strlen("\033]52;c;\a"), "empty text");
	strbuf_free(&osc);
}

static void test_tmux(void)
{
	static const char want[] = "\033]52;c;YWJj\a"
				   "\033Ptmux;\033\033]52;c;YWJj\a\033\\";
	struct strbuf osc = {0};
	clipboard_osc52(&osc, "abc", true);
	CHECK(osc.len == sizeof(want) - 1 && memcmp(osc.data, want, osc.len) == 0,
	      "tmux: the plain sequence, then the wrapped one (%zu bytes)", osc.len);
	strbuf_free(&osc);
}

int main(void)
{
	test_plain();
	test_tmux();
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return CHECK_EXIT();
}
