/* decimal.c - see decimal.h. */
#include "util/decimal.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* The length of a space that groups thousands at S[0..n): ' ', U+00A0 (no-break
 * space, what Excel writes in a French locale) or U+202F (narrow no-break
 * space); 0 when there is none. */
static size_t group_space(const unsigned char *s, size_t n)
{
    if (n >= 1 && s[0] == ' ')
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF)
        return 3;
    return 0;
}

/* Copies S[0..n) into OUT (CAP bytes) with every grouping space as ' '; the
 * new length, or 0 when S holds anything but digits, marks and such spaces
 * (or is too long to be a number we keep). */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        size_t sp = group_space((const unsigned char *)s + i, n - i);
        char c = sp ? ' ' : s[i];
        if (!sp && (c < '0' || c > '9') && c != '.' && c != ',')
            return 0;
        if (len + 1 >= cap)
            return 0;
        out[len++] = c;
        i += sp ? sp : 1;
    }
    return len;
}

decimal_status decimal_parse(const char *text, size_t n, int scale, int64_t *out)
{
    bool negative = false;
    if (n > 0 && text[0] == '-') {
        negative = true;
        text++;
        n--;
    }
    char s[80];
    if (n == 0)
        return DECIMAL_SYNTAX;
    n = normalise(text, n, s, sizeof s);
    if (n == 0)
        return DECIMAL_SYNTAX;
    size_t dots = 0, commas = 0, spaces = 0, last_mark = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' || s[i] == ',') {
            s[i] == '.' ? dots++ : commas++;
            last_mark = i;
        } else if (s[i] == ' ') {
            spaces++;
        }
    }
    /* Decide where the integer part ends and which mark groups thousands. */
    size_t int_end = n;
    char group = 0;
    if (spaces) {
        /* "2 000", "1 234,56": spaces group, a single mark is the decimal one. */
        if (dots + commas > 1)
            return DECIMAL_SYNTAX;
        if (dots + commas == 1)
            int_end = last_mark;
        if (memchr(s + int_end, ' ', n - int_end))
            return DECIMAL_SYNTAX; /* no spaces among the decimals */
        group = ' ';
    } else if (dots && commas) {
        char dec = s[last_mark];
        if ((dec == '.' ? dots : commas) != 1)
            return DECIMAL_SYNTAX;
        int_end = last_mark;
        group = dec == '.' ? ',' : '.';
    } else if (dots + commas == 1) {
        int_end = last_mark;
        /* "2.000" for money or hours is two thousand, as people write it in
         * Belgium: three digits after a single dot are more than such a
         * value may have, and 1-3 digits before it (not a lone 0) can be a
         * first group. A lone comma is Belgium's decimal mark: "7,555"
         * hours (Excel showing three decimals) is too precise, an error,
         * never 7555. A number with more decimals allowed (FTE 0,800)
         * keeps the mark as decimal. */
        if (scale < 3 && s[last_mark] == '.' && n - last_mark - 1 == 3 && last_mark >= 1 &&
            last_mark <= 3 && s[0] != '0') {
            int_end = n;
            group = s[last_mark];
        }
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

/* S[0..n) without grouping-style spaces at either end. */
static void trim_spaces(const char **s, size_t *n)
{
    size_t sp;
    while (*n && (sp = group_space((const unsigned char *)*s, *n)) != 0) {
        *s += sp;
        *n -= sp;
    }
    for (bool again = true; again && *n;) {
        again = false;
        for (size_t k = 1; k <= 3 && k <= *n; k++)
            if (group_space((const unsigned char *)*s + *n - k, k) == k) {
                *n -= k;
                again = true;
                break;
            }
    }
}

/* Removes a currency sign (€ or EUR, any case) from the start or the end of
 * S[0..n); true when there was one. */
static bool strip_currency(const char **s, size_t *n)
{
    static const char euro[] = "\xE2\x82\xAC";
    if (*n >= 3 && memcmp(*s, euro, 3) == 0) {
        *s += 3;
        *n -= 3;
        return true;
    }
    if (*n >= 3 && memcmp(*s + *n - 3, euro, 3) == 0) {
        *n -= 3;
        return true;
    }
    if (*n >= 3 && strncasecmp(*s, "EUR", 3) == 0) {
        *s += 3;
        *n -= 3;
        return true;
    }
    if (*n >= 3 && strncasecmp(*s + *n - 3, "EUR", 3) == 0) {
        *n -= 3;
        return true;
    }
    return false;
}

decimal_status decimal_parse_money(const char *s, size_t n, int64_t *cents)
{
    trim_spaces(&s, &n);
    if (strip_currency(&s, &n)) {
        trim_spaces(&s, &n);
        if (n == 0)
            return DECIMAL_SYNTAX;
    }
    return decimal_parse(s, n, 2, cents);
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
    /* 64-bit division when both fit: the 128-bit one is a library call, and
     * a report divides a few times for each of 100,000 people. */
    if (num > INT64_MIN && num <= INT64_MAX && den > INT64_MIN && den <= INT64_MAX) {
        int64_t n64 = (int64_t)num, d64 = (int64_t)den;
        __int128 q = n64 / d64, r = n64 % d64;
        if (r < 0)
            r = -r;
        if (r >= den - r) /* the same rule as below, in the same width */
            q += num < 0 ? -1 : 1;
        return q;
    }
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
    if (v <= UINT64_MAX) { /* the usual case, without 128-bit division */
        uint64_t u = (uint64_t)v;
        for (int d = 0; d < places; d++) {
            buf[--i] = (char)('0' + (int)(u % 10));
            u /= 10;
        }
        if (places > 0)
            buf[--i] = '.';
        do {
            buf[--i] = (char)('0' + (int)(u % 10));
            u /= 10;
        } while (u > 0 && i > 1);
    } else {
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
    }
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
