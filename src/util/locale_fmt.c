/* locale_fmt.c - see locale_fmt.h. */
#include "util/locale_fmt.h"
#include "util/decimal.h"
#include <stdio.h>
#include <string.h>

/* The separators of LANG: thousands (UTF-8), decimal mark, before '%'. */
typedef struct conventions {
    const char *thousands, *mark, *before_percent;
} conventions;

static conventions conventions_of(const char *lang)
{
    if (lang && strcmp(lang, "en") == 0)
        return (conventions){",", ".", ""};
    if (lang && strcmp(lang, "fr") == 0)
        return (conventions){"\u202f", ",", "\u202f"};
    return (conventions){".", ",", "\u00a0"};
}

/* Rewrites PLAIN ("-1234.56", as decimal_format writes it) with the
 * conventions of LANG into OUT. */
static bool regroup(const char *lang, const char *plain, char *out, size_t n)
{
    conventions c = conventions_of(lang);
    const char *digits = plain[0] == '-' ? plain + 1 : plain;
    const char *dot = strchr(digits, '.');
    size_t whole = dot ? (size_t)(dot - digits) : strlen(digits);
    size_t len = 0;
    bool ok = true;
#define PUT(s, k)                                                                     \
    do {                                                                              \
        size_t k_ = (k);                                                              \
        if (len + k_ >= n) { ok = false; break; }                                     \
        memcpy(out + len, (s), k_);                                                   \
        len += k_;                                                                    \
    } while (0)
    if (plain[0] == '-')
        PUT("-", 1);
    for (size_t i = 0; ok && i < whole; i++) {
        if (i > 0 && (whole - i) % 3 == 0)
            PUT(c.thousands, strlen(c.thousands));
        if (ok)
            PUT(digits + i, 1);
    }
    if (ok && dot) {
        PUT(c.mark, strlen(c.mark));
        if (ok)
            PUT(dot + 1, strlen(dot + 1));
    }
#undef PUT
    if (!ok || n == 0) {
        if (n)
            out[0] = '\0';
        return false;
    }
    out[len] = '\0';
    return true;
}

bool fmt_number(const char *lang, int64_t value, int scale, int places, char *out, size_t n)
{
    char plain[48];
    if (!decimal_format(value, scale, places, plain, sizeof plain)) {
        if (n)
            out[0] = '\0';
        return false;
    }
    return regroup(lang, plain, out, n);
}

bool fmt_fraction(const char *lang, __int128 num, __int128 den, int places, char *out,
                  size_t n)
{
    char plain[64];
    if (den <= 0 || !fraction_format(num, den, places, plain, sizeof plain)) {
        if (n)
            out[0] = '\0';
        return false;
    }
    return regroup(lang, plain, out, n);
}

bool fmt_percent(const char *lang, __int128 num, __int128 den, int places, char *out,
                 size_t n)
{
    char number[FMT_SIZE];
    if (!fmt_fraction(lang, den ? num * 100 : 0, den ? den : 1, places, number, sizeof number)) {
        if (n)
            out[0] = '\0';
        return false;
    }
    int w = snprintf(out, n, "%s%s%%", number, conventions_of(lang).before_percent);
    if (w < 0 || (size_t)w >= n) {
        if (n)
            out[0] = '\0';
        return false;
    }
    return true;
}

bool fmt_date(const char *lang, date_t d, char *out, size_t n)
{
    if (n == 0)
        return false;
    out[0] = '\0';
    if (d == DATE_NONE)
        return true;
    int y, m, day, w;
    date_to_ymd(d, &y, &m, &day);
    if (lang && strcmp(lang, "en") == 0)
        w = snprintf(out, n, "%04d-%02d-%02d", y, m, day);
    else if (lang && strcmp(lang, "fr") == 0)
        w = snprintf(out, n, "%02d/%02d/%04d", day, m, y);
    else
        w = snprintf(out, n, "%d/%02d/%04d", day, m, y);
    if (w < 0 || (size_t)w >= n) {
        out[0] = '\0';
        return false;
    }
    return true;
}

bool fmt_month(const char *lang, int year, int month, char *out, size_t n)
{
    static const char *const names[3][12] = {
        {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
         "september", "oktober", "november", "december"},
        {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"},
        {"January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"}};
    if (n == 0)
        return false;
    out[0] = '\0';
    if (month < 1 || month > 12)
        return false;
    int l = lang && strcmp(lang, "fr") == 0 ? 1 : lang && strcmp(lang, "en") == 0 ? 2 : 0;
    int w = snprintf(out, n, "%s %d", names[l][month - 1], year);
    if (w < 0 || (size_t)w >= n) {
        out[0] = '\0';
        return false;
    }
    return true;
}

bool fmt_timestamp(const char *lang, const char *stamp, char *out, size_t n)
{
    date_t d;
    size_t len = strlen(stamp);
    char date[FMT_SIZE];
    if (len >= 16 && (stamp[10] == ' ' || stamp[10] == 'T') && stamp[13] == ':' &&
        date_parse(stamp, 10, &d) && fmt_date(lang, d, date, sizeof date)) {
        int w = snprintf(out, n, "%s %.5s", date, stamp + 11);
        if (w >= 0 && (size_t)w < n)
            return true;
    } else {
        int w = snprintf(out, n, "%s", stamp);
        if (w >= 0 && (size_t)w < n)
            return true;
    }
    if (n)
        out[0] = '\0';
    return false;
}
