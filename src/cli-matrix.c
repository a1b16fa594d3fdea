#include "config.h"

/* `pairoff matrix`: the browser's comparison matrix (m) on the command line,
 * the same rows from the same query (query_matrix), in any format. */

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/cli.h"
#include "pairoff/query.h"
#include "pairoff/store.h"
#include "pairoff/util.h"

/* A measure the matrix knows, checked before the store is opened (or built). */
static int check_measure(const char *measure)
{
	struct strbuf sb = { 0 };
	for (size_t i = 0; query_matrix_measure(i); i++) {
		if (strcmp(query_matrix_measure(i), measure) == 0) {
			strbuf_free(&sb);
			return 0;
		}
		strbuf_printf(&sb, "%s%s", i ? ", " : "", query_matrix_measure(i));
	}
	int code = cli_usage_error("matrix: unknown measure '%s' (expected one of %s)", measure, sb.data);
	strbuf_free(&sb);
	return code;
}

static int take_matrix_option(void *data, const char *cmd, int c, const char *arg)
{
	struct matrix_request *rq = data;
	if (c == 'm')
		rq->measure = arg;
	else if (c == 'b' && strcmp(arg, "donor") == 0)
		rq->by = MATRIX_BY_DONOR;
	else if (c == 'b' && strcmp(arg, "recipient") == 0)
		rq->by = MATRIX_BY_RECIPIENT;
	else if (c == 'b')
		return cli_usage_error("%s: bad --by '%s' (expected donor or recipient)", cmd, arg);
	else
		return cli_parse_year(cmd, c == 'F' ? "from" : "to", arg,
				      c == 'F' ? &rq->from_year : &rq->to_year);
	return 0;
}

/* Returns 0, or the exit status of a usage error. */
static int parse_matrix_args(int argc, char **argv, struct matrix_request *rq)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "measure", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	int code = cli_parse_options(argc, argv, ":b:F:T:m:", longopts, take_matrix_option, rq, 0);
	if (code)
		return code;
	if (rq->from_year && rq->to_year && rq->from_year > rq->to_year)
		return cli_usage_error("matrix: --from %d is after --to %d", rq->from_year, rq->to_year);
	return check_measure(rq->measure);
}

int cli_cmd_matrix(struct cli_ctx *ctx, int argc, char **argv)
{
	struct matrix_request rq = { .by = MATRIX_BY_DONOR, .measure = "aid" };
	int code = parse_matrix_args(argc, argv, &rq);
	if (code)
		return code;
	struct store *s;
	enum status st = cli_open_store(ctx, &s);
	if (st != ST_OK)
		return cli_fail(st);
	struct qtable t;
	st = query_matrix(s, &rq, &t);
	store_close(s);
	if (st != ST_OK)
		return cli_fail(st);
	if (t.nrows == 0) {
		qtable_free(&t);
		return cli_fail(status_set(ST_NOT_FOUND, "no %s figures in these years", rq.measure));
	}
	output_print_fit(stdout, &t, ctx->format, NULL, output_width(stdout));
	qtable_free(&t);
	return cli_finish_output();
}
