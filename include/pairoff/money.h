#ifndef PAIROFF_MONEY_H
#define PAIROFF_MONEY_H

/* Display of yuan amounts in the unit a person picked (`u` in the browser,
 * [ui] unit in the config). Stored amounts are always integer yuan. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/status.h"

enum money_unit { UNIT_YUAN, UNIT_WAN, UNIT_MILLION, UNIT_COUNT };

const char *money_unit_name(enum money_unit u);   /* "yuan", "10k yuan", "million yuan" */
const char *money_unit_key(enum money_unit u);    /* config spelling: yuan, wan, million */
enum status money_unit_parse(const char *key, enum money_unit *u);
enum money_unit money_unit_next(enum money_unit u);

/* Formats amount_yuan in unit u with thousands separators and as many
 * decimals as needed (at most 4), without the unit name: "180", "1,930",
 * "99.9093". Returns buf. */
char *money_format(int64_t amount_yuan, enum money_unit u, char *buf, size_t size);

/* Formats amount_yuan in unit u with a fixed number of decimals per unit
 * (none for yuan, one for wan, two for million), rounded half away from
 * zero, so that the figures of a column line up at the decimal point:
 * "1,930", "0.2", "62.80".
 * Returns buf. */
char *money_format_fixed(int64_t amount_yuan, enum money_unit u, char *buf, size_t size);

/* The largest amount a report can plausibly state: a thousand trillion yuan,
 * a hundred times China's yearly GDP. Larger ones are read as mistakes and
 * listed as anomalies, not stored as facts, so sums cannot overflow. */
#define MONEY_MAX_PLAUSIBLE_YUAN INT64_C(1000000000000000)
bool money_plausible(int64_t amount_yuan);
/* a + b, held at INT64_MAX or INT64_MIN instead of overflowing (a crafted
 * store can hold any amount). */
int64_t money_add(int64_t a, int64_t b);

#endif
