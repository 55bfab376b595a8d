/* decimal.h - exact decimal numbers as scaled integers.
 *
 * groeipad keeps money in cents (scale 2), hours in hundredths (scale 2) and
 * FTE in ten-thousandths (scale 4). Parsing accepts what Belgian spreadsheets
 * write; rounding is half away from zero and happens only at output. */
#ifndef GP_DECIMAL_H
#define GP_DECIMAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum decimal_status {
    DECIMAL_OK = 0,
    DECIMAL_SYNTAX,      /* not a number */
    DECIMAL_TOO_PRECISE, /* more decimals than the scale allows */
    DECIMAL_RANGE        /* too large */
} decimal_status;

/* Parses the N bytes at S as a number with at most SCALE decimals into
 * *out = value * 10^SCALE. Accepts '.' or ',' as decimal mark and grouped
 * thousands ("1.234,56", "1,234.56"): when both marks appear the last is the
 * decimal mark and the other must group by three; a single mark that appears
 * more than once groups thousands. A leading '-' is allowed. */
decimal_status decimal_parse(const char *s, size_t n, int scale, int64_t *out);

/* NUM / DEN rounded half away from zero; DEN must be positive. */
int64_t div_round(int64_t num, int64_t den);
/* Same for 128-bit intermediates (exact sums of large products). */
__int128 div_round128(__int128 num, __int128 den);

/* Writes VALUE (scaled by 10^SCALE) with PLACES decimals (PLACES <= SCALE),
 * rounded half away from zero, '.' as mark, into OUT of size N. False when it
 * does not fit. */
bool decimal_format(int64_t value, int scale, int places, char *out, size_t n);

/* Formats the exact fraction NUM/DEN with PLACES decimals, rounded half away
 * from zero. */
bool fraction_format(__int128 num, __int128 den, int places, char *out, size_t n);

#endif
