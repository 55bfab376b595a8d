/* decimal.c - see decimal.h. */
#include "util/decimal.h"
#include <stdio.h>
#include <string.h>

/* True when the digit groups of S[0..n) separated by MARK are 1-3 digits then
 * exactly 3 each (thousands grouping). */
static bool groups_by_three(const char *s, size_t n, char mark)
{
    size_t run = 0, groups = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == mark) {
            if (run == 0 || run > 3 || (groups > 0 && run != 3))
                return false;
            groups++;
            run = 0;
        } else {
            run++;
        }
    }
    return true;
}

decimal_status decimal_parse(const char *s, size_t n, int scale, int64_t *out)
{
    bool negative = false;
    if (n > 0 && s[0] == '-') {
        negative = true;
        s++;
        n--;
    }
    if (n == 0)
        return DECIMAL_SYNTAX;
    size_t dots = 0, commas = 0, last_mark = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' || s[i] == ',') {
            s[i] == '.' ? dots++ : commas++;
            last_mark = i;
        } else if (s[i] < '0' || s[i] > '9') {
            return DECIMAL_SYNTAX;
        }
    }
    /* Decide where the integer part ends and which mark groups thousands. */
    size_t int_end = n;
    char group = 0;
    if (dots && commas) {
        char dec = s[last_mark];
        if ((dec == '.' ? dots : commas) != 1)
            return DECIMAL_SYNTAX;
        int_end = last_mark;
        group = dec == '.' ? ',' : '.';
    } else if (dots + commas == 1) {
        int_end = last_mark;
    } else if (dots + commas > 1) {
        group = dots ? '.' : ',';
    }
    if (group && !groups_by_three(s, int_end, group))
        return DECIMAL_SYNTAX;
    if (int_end < n && int_end + 1 == n)
        return DECIMAL_SYNTAX; /* "5," */
    if (int_end == 0 && int_end == n)
        return DECIMAL_SYNTAX;
    size_t decimals = int_end < n ? n - int_end - 1 : 0;
    if (decimals > (size_t)scale)
        return DECIMAL_TOO_PRECISE;
    int64_t v = 0;
    const int64_t limit = INT64_MAX / 10;
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            continue;
        if (v > (INT64_MAX - (s[i] - '0')) / 10)
            return DECIMAL_RANGE; /* v * 10 + digit would overflow */
        v = v * 10 + (s[i] - '0');
        digits++;
    }
    if (digits == 0)
        return DECIMAL_SYNTAX;
    for (size_t i = decimals; i < (size_t)scale; i++) {
        if (v > limit)
            return DECIMAL_RANGE;
        v *= 10;
    }
    *out = negative ? -v : v;
    return DECIMAL_OK;
}

int64_t div_round(int64_t num, int64_t den)
{
    int64_t q = num / den, r = num % den;
    if (r < 0)
        r = -r;
    /* r >= den - r is 2r >= den without overflowing when den is large. */
    if (r >= den - r)
        q += num < 0 ? -1 : 1;
    return q;
}

__int128 div_round128(__int128 num, __int128 den)
{
    __int128 q = num / den, r = num % den;
    if (r < 0)
        r = -r;
    /* r >= den - r is 2r >= den without overflowing when den is large. */
    if (r >= den - r)
        q += num < 0 ? -1 : 1;
    return q;
}

bool fraction_format(__int128 num, __int128 den, int places, char *out, size_t n)
{
    __int128 scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    __int128 v = div_round128(num * scale, den);
    bool negative = v < 0;
    if (negative)
        v = -v;
    /* Digits by hand, right to left: reports write hundreds of thousands. */
    char buf[64];
    size_t i = sizeof buf;
    buf[--i] = '\0';
    for (int d = 0; d < places; d++) {
        buf[--i] = (char)('0' + (int)(v % 10));
        v /= 10;
    }
    if (places > 0)
        buf[--i] = '.';
    do {
        buf[--i] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v > 0 && i > 1);
    if (negative)
        buf[--i] = '-';
    size_t len = sizeof buf - 1 - i;
    if (len + 1 > n)
        return false;
    memcpy(out, buf + i, len + 1);
    return true;
}

bool decimal_format(int64_t value, int scale, int places, char *out, size_t n)
{
    int64_t den = 1;
    for (int i = 0; i < scale; i++)
        den *= 10;
    return fraction_format(value, den, places, out, n);
}
