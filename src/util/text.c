/* text.c - see text.h. */
#include "util/text.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int hex_digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t utf8_prefix(const char *s, size_t n, size_t max, bool *cut)
{
    if (cut)
        *cut = n > max;
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) /* a continuation byte */
        max--;
    return max;
}

size_t utf8_char_len(const char *s, size_t n, size_t *skip)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    /* The second byte's range rules out overlong forms (E0, F0), surrogates
     * (ED) and code points past U+10FFFF (F4); later bytes are 80..BF. */
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *skip = 1;
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if (i >= n || p[i] < lo || p[i] > hi) {
            *skip = i;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return len;
}

bool utf8_valid(const char *s, size_t n)
{
    size_t i = 0, skip;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = utf8_char_len(s + i, n - i, &skip);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

char *utf8_repair(const char *s, size_t n, size_t *out_len)
{
    /* Each ill-formed sequence (1 to 3 bytes) becomes 3 bytes at most. */
    char *out = malloc(3 * n + 1);
    if (!out)
        return NULL;
    size_t i = 0, k = 0, skip;
    while (i < n) {
        size_t len = utf8_char_len(s + i, n - i, &skip);
        if (len && !(len == 1 && s[i] == '\0')) {
            memcpy(out + k, s + i, len);
            k += len;
            i += len;
        } else if (len) { /* a NUL byte inside: kept out of the C string */
            i++;
        } else {
            memcpy(out + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i += skip;
        }
    }
    out[k] = '\0';
    if (out_len)
        *out_len = k;
    return out;
}

/* Unicode for the bytes 0x80..0x9F of Windows-1252 (0: undefined there). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

char *cp1252_to_utf8(const char *s, size_t n, size_t *out_len)
{
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        uint32_t cp = c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c;
        if (cp == 0)
            cp = 0xFFFD; /* undefined in Windows-1252: the replacement character */
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | cp >> 6);
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | cp >> 12);
            out[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

bool text_is_name(const char *name, size_t max_chars)
{
    size_t n = strlen(name), chars = 0;
    bool visible = false;
    for (size_t i = 0; i < n; chars++) {
        size_t skip, len = utf8_char_len(name + i, n - i, &skip);
        if (len == 0 || chars == max_chars)
            return false;
        unsigned char c = (unsigned char)name[i];
        /* C0 and DEL; C1 (U+0080..U+009F) is C2 80..C2 9F */
        if (c < 0x20 || c == 0x7F ||
            (c == 0xC2 && (unsigned char)name[i + 1] >= 0x80 && (unsigned char)name[i + 1] <= 0x9F))
            return false;
        visible |= c != ' ';
        i += len;
    }
    return visible;
}

/* The length of the space, tab or no-break space (C2 A0) at the N bytes
 * at S, 0 when none starts there. */
static size_t blank_at(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    return n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

/* The length of the space, tab or no-break space that ends the N bytes at S. */
static size_t blank_before(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        return 1;
    return n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0 ? 2 : 0;
}

bool text_name_key(const char *name, size_t n, str *out)
{
    size_t k;
    str_clear(out);
    while ((k = blank_at(name, n)) > 0) {
        name += k;
        n -= k;
    }
    while ((k = blank_before(name, n)) > 0)
        n -= k;
    if (!str_reserve(out, n + 1))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c >= 'A' && c <= 'Z') {
            str_putc(out, (char)(c + 32));
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)name[i + 1] >= 0x80 &&
                   (unsigned char)name[i + 1] <= 0x9E && (unsigned char)name[i + 1] != 0x97) {
            /* U+00C0..U+00DE (C3 80..C3 9E) but x (C3 97): U+00E0.. is C3 A0.. */
            str_putc(out, (char)0xC3);
            str_putc(out, (char)((unsigned char)name[i + 1] + 0x20));
            i++;
        } else {
            str_putc(out, (char)c);
        }
    }
    return str_ok(out);
}

/* The edits between A and B (optimal string alignment: insert, delete,
 * change, swap two neighbours); above LIMIT as soon as it is sure to be. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    enum { MAX = 40 };
    size_t n = strlen(a), m = strlen(b);
    if (n >= MAX || m >= MAX)
        return limit + 1;
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    size_t d[MAX + 1][MAX + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

const char *text_closest(const char *word, const char *const *choices)
{
    size_t letters = strlen(word);
    if (letters == 0)
        return NULL;
    size_t limit = (letters - 1) / 2 > 2 ? 2 : (letters - 1) / 2;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (const char *const *c = choices; *c; c++) {
        size_t d = edit_distance(word, *c, limit);
        if (d < best_d) {
            best = *c;
            best_d = d;
        }
    }
    return best;
}
