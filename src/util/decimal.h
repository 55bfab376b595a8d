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
 * more than once groups thousands. Spaces group thousands too ("2 000",
 * "1 234,56"; also U+00A0 and U+202F, as Excel and LibreOffice write them);
 * and with at most two decimals allowed, "2.000" is two thousand. A leading
 * '-' is allowed. This is the number reader of every import and every form. */
decimal_status decimal_parse(const char *s, size_t n, int scale, int64_t *out);

/* An amount of money in cents: decimal_parse with two decimals, also when the
 * cell carries the currency as spreadsheets save it "as displayed"
 * ("950,00 €", "€ 1.234,56", "EUR 12,50"). For every money field of an import
 * or a form (budget, cost, subsidy). */
decimal_status decimal_parse_money(const char *s, size_t n, int64_t *cents);

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
