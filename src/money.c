#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pairoff/money.h"
#include "pairoff/util.h"

static const struct {
	const char *key;
	const char *name;
	int64_t divisor;
} units[UNIT_COUNT] = {
	[UNIT_YUAN] = { "yuan", "yuan", 1 },
	[UNIT_WAN] = { "wan", "10k yuan", 10000 },
	[UNIT_MILLION] = { "million", "million yuan", 1000000 },
};

const char *money_unit_name(enum money_unit u)
{
	return units[u < UNIT_COUNT ? u : UNIT_YUAN].name;
}

const char *money_unit_key(enum money_unit u)
{
	return units[u < UNIT_COUNT ? u : UNIT_YUAN].key;
}

enum status money_unit_parse(const char *key, enum money_unit *u)
{
	for (int i = 0; i < UNIT_COUNT; i++) {
		if (str_casecmp_ascii(key, units[i].key) == 0) {
			*u = (enum money_unit)i;
			return ST_OK;
		}
	}
	return status_set(ST_USAGE, "unknown money unit '%s' (yuan, wan, million)", key);
}

enum money_unit money_unit_next(enum money_unit u)
{
	return (enum money_unit)((u + 1) % UNIT_COUNT);
}

/* Writes the digits of v with thousands separators. */
static void group_digits(uint64_t v, char *buf, size_t size)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%" PRIu64, v);
	size_t out = 0;
	for (int i = 0; i < n && out + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[out++] = ',';
		buf[out++] = digits[i];
	}
	buf[out] = '\0';
}

char *money_format(int64_t amount_yuan, enum money_unit u, char *buf, size_t size)
{
	int64_t div = units[u < UNIT_COUNT ? u : UNIT_YUAN].divisor;
	uint64_t mag = amount_yuan < 0 ? (uint64_t)0 - (uint64_t)amount_yuan : (uint64_t)amount_yuan;
	uint64_t whole = mag / (uint64_t)div, frac = mag % (uint64_t)div;
	char grouped[40];
	group_digits(whole, grouped, sizeof(grouped));
	char fracs[16] = "";
	if (frac) {
		/* as many decimals as the divisor has zeros, trailing zeros cut, at most 4 */
		int places = 0;
		for (int64_t d = div; d > 1; d /= 10)
			places++;
		char digits[24];
		snprintf(digits, sizeof(digits), "%0*" PRIu64, places > 8 ? 8 : places, frac);
		fracs[0] = '.';
		memcpy(fracs + 1, digits, sizeof(fracs) - 2 < strlen(digits) + 1 ? sizeof(fracs) - 2 : strlen(digits) + 1);
		fracs[sizeof(fracs) - 1] = '\0';
		size_t len = strlen(fracs);
		if (len > 5)
			len = 5;
		while (len > 1 && fracs[len - 1] == '0')
			len--;
		fracs[len == 1 ? 0 : len] = '\0';
	}
	snprintf(buf, size, "%s%s%s", amount_yuan < 0 ? "-" : "", grouped, fracs);
	return buf;
}

/* Decimals a column of figures shows in each unit: whole yuan; wan to
 * the tenth (1,000 yuan), million to the hundredth (10,000 yuan, one wan,
 * the unit most reports count in). */
static int fixed_places(enum money_unit u)
{
	return u == UNIT_MILLION ? 2 : u == UNIT_WAN ? 1 : 0;
}

char *money_format_fixed(int64_t amount_yuan, enum money_unit u, char *buf, size_t size)
{
	int64_t div = units[u < UNIT_COUNT ? u : UNIT_YUAN].divisor;
	int places = fixed_places(u);
	int64_t step = div;   /* yuan per last decimal shown */
	for (int i = 0; i < places; i++)
		step /= 10;
	uint64_t mag = amount_yuan < 0 ? (uint64_t)0 - (uint64_t)amount_yuan : (uint64_t)amount_yuan;
	uint64_t steps = (mag + (uint64_t)step / 2) / (uint64_t)step;
	uint64_t scale = (uint64_t)(div / step);
	char grouped[40];
	group_digits(steps / scale, grouped, sizeof(grouped));
	if (places)
		snprintf(buf, size, "%s%s.%0*" PRIu64, amount_yuan < 0 ? "-" : "", grouped, places, steps % scale);
	else
		snprintf(buf, size, "%s%s", amount_yuan < 0 ? "-" : "", grouped);
	return buf;
}

bool money_plausible(int64_t amount_yuan)
{
	return amount_yuan >= 0 && amount_yuan <= MONEY_MAX_PLAUSIBLE_YUAN;
}

int64_t money_add(int64_t a, int64_t b)
{
	int64_t sum;
	if (__builtin_add_overflow(a, b, &sum))
		return a > 0 ? INT64_MAX : INT64_MIN;
	return sum;
}
