/* fuzz_numbers.c - number and date parsing (util/decimal.c, util/date.c).
 *
 * The first byte picks the scale (0..6), the rest is the text, read as a
 * decimal and as a date. Whatever is read must write back and read again to
 * the same value; the rounding helpers must agree with their 128-bit twin. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/date.h"
#include "util/decimal.h"

/* Reads the decimal and checks that it survives writing out and reading in. */
static void check_decimal(const char *s, size_t n, int scale)
{
    int64_t v;
    decimal_status st = decimal_parse(s, n, scale, &v);
    if (st < DECIMAL_OK || st > DECIMAL_RANGE)
        abort();
    if (st != DECIMAL_OK)
        return;
    char out[64];
    if (!decimal_format(v, scale, scale, out, sizeof out))
        abort();
    int64_t again;
    if (decimal_parse(out, strlen(out), scale, &again) != DECIMAL_OK || again != v)
        abort();
}

/* Reads the date and checks it against the calendar helpers. */
static void check_date(const char *s, size_t n, int months)
{
    date_t d;
    if (!date_parse(s, n, &d))
        return;
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (!date_valid_ymd(y, m, day) || date_from_ymd(y, m, day) != d || date_year(d) != y)
        abort();
    char text[DATE_TEXT_SIZE];
    date_format(d, text);
    date_t again;
    if (!date_parse(text, strlen(text), &again) || again != d)
        abort();
    date_t later = date_add_months(d, months);
    if ((months >= 0) != (later >= d))
        abort();
    if (date_age_on(d, later) < 0 && months >= 0)
        abort();
}

/* Half away from zero, in 64 bits and in 128: the same answer. */
static void check_rounding(const uint8_t *data, size_t size)
{
    int64_t num, den;
    if (size < 16)
        return;
    memcpy(&num, data, 8);
    memcpy(&den, data + 8, 8);
    if (den <= 0)
        return;
    if (div_round(num, den) != (int64_t)div_round128(num, den))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int scale = data[0] % 7;
    size_t n = size - 1;
    /* Exactly N bytes, so that reading one past the end is caught. */
    char *s = malloc(n ? n : 1);
    if (!s)
        return 0;
    memcpy(s, data + 1, n);
    check_decimal(s, n, scale);
    check_date(s, n, (int)(data[0] % 49) - 24);
    check_rounding(data + 1, n);
    free(s);
    return 0;
}
