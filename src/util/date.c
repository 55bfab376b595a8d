/* date.c - civil calendar arithmetic (proleptic Gregorian, after H. Hinnant's
 * days_from_civil), exact for every date groeipad handles. */
#include "util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

date_t date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(date_t z, int *year, int *month, int *day)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *year = y + (m <= 2);
    *month = m;
    *day = d;
}

int date_year(date_t d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    return y;
}

/* Reads exactly N digits at S into *out. */
static bool read_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Reads 1 or 2 digits at S[*i..n) into *out, moving *i past them. */
static bool read_short_number(const char *s, size_t n, size_t *i, int *out)
{
    size_t start = *i;
    int v = 0;
    while (*i < n && *i - start < 3 && s[*i] >= '0' && s[*i] <= '9')
        v = v * 10 + (s[(*i)++] - '0');
    *out = v;
    return *i - start >= 1 && *i - start <= 2;
}

/* Day, month and year as D{1,2} SEP M{1,2} SEP YYYY with SEP one of / - . */
static date_status read_day_month_year(const char *s, size_t n, int *y, int *m, int *d)
{
    size_t i = 0;
    if (!read_short_number(s, n, &i, d) || i >= n)
        return DATE_READ_SYNTAX;
    char sep = s[i++];
    if ((sep != '/' && sep != '-' && sep != '.') || !read_short_number(s, n, &i, m) || i >= n ||
        s[i++] != sep)
        return DATE_READ_SYNTAX;
    size_t year_digits = n - i;
    if (year_digits == 2 && read_digits(s + i, 2, y))
        return DATE_READ_SHORT_YEAR;
    if (year_digits != 4 || !read_digits(s + i, 4, y))
        return DATE_READ_SYNTAX;
    return DATE_READ_OK;
}

date_status date_read(const char *s, size_t n, date_t *out)
{
    int y, m, d;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        /* ISO first: it is what groeipad writes, and what the database holds. */
        if (!read_digits(s, 4, &y) || !read_digits(s + 5, 2, &m) || !read_digits(s + 8, 2, &d))
            return DATE_READ_SYNTAX;
    } else {
        date_status st = read_day_month_year(s, n, &y, &m, &d);
        if (st != DATE_READ_OK)
            return st;
    }
    if (!date_valid_ymd(y, m, d))
        return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2199
                   ? DATE_READ_NO_SUCH_DAY : DATE_READ_SYNTAX;
    *out = date_from_ymd(y, m, d);
    return DATE_READ_OK;
}

bool date_parse(const char *s, size_t n, date_t *out)
{
    return date_read(s, n, out) == DATE_READ_OK;
}

void date_format(date_t d, char out[DATE_TEXT_SIZE])
{
    if (d == DATE_NONE) {
        out[0] = '\0';
        return;
    }
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    /* By hand: this runs for every date of every imported or reported row. */
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m, ud = (unsigned)day;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + um / 10);
    out[6] = (char)('0' + um % 10);
    out[7] = '-';
    out[8] = (char)('0' + ud / 10);
    out[9] = (char)('0' + ud % 10);
    out[10] = '\0';
}

bool date_employed_on(date_t hire, date_t exit, date_t d)
{
    return hire <= d && (exit == DATE_NONE || d <= exit);
}

int date_months_employed(date_t hire, date_t exit, int year)
{
    /* Most people are there the whole year or not at all: reports ask this
     * for every employee and year, so those two need no month by month. */
    date_t jan1 = date_from_ymd(year, 1, 1), dec31 = date_from_ymd(year, 12, 31);
    if (hire <= jan1 && (exit == DATE_NONE || exit >= dec31))
        return 12;
    if (hire > dec31 || (exit != DATE_NONE && exit < jan1))
        return 0;
    int months = 0;
    for (int m = 1; m <= 12; m++) {
        date_t first = date_from_ymd(year, m, 1);
        date_t last = first + date_days_in_month(year, m) - 1;
        if (hire <= last && (exit == DATE_NONE || exit >= first))
            months++;
    }
    return months;
}

date_t date_add_months(date_t d, int months)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    int dim = date_days_in_month(y, m);
    return date_from_ymd(y, m, day > dim ? dim : day);
}

int date_age_on(date_t birth, date_t on)
{
    int by, bm, bd, y, m, d;
    date_to_ymd(birth, &by, &bm, &bd);
    date_to_ymd(on, &y, &m, &d);
    int age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}

date_t date_today(void)
{
    /* GROEIPAD_TODAY=YYYY-MM-DD stands in for the clock, so that the demo and
     * every report can be tried on any day (tests, and "what will this look
     * like in March?"). An unparsable value is ignored. */
    const char *fixed = getenv("GROEIPAD_TODAY");
    date_t d;
    if (fixed && date_parse(fixed, strlen(fixed), &d))
        return d;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void time_text(enum time_form form, long offset_seconds, char out[TIME_TEXT_SIZE])
{
    static const char *const formats[] = {
        [TIME_STAMP] = "%Y-%m-%d %H:%M:%S",
        [TIME_ISO] = "%Y-%m-%dT%H:%M:%S",
        [TIME_ISO_Z] = "%Y-%m-%dT%H:%M:%SZ",
        [TIME_MINUTE] = "%Y-%m-%d %H:%M",
    };
    time_t t = time(NULL) + offset_seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    if (strftime(out, TIME_TEXT_SIZE, formats[form], &tm) == 0)
        out[0] = '\0';
}

int64_t time_parse(const char *text)
{
    struct tm tm = {0};
    int n = 0;
    if (sscanf(text, "%4d-%2d-%2d%*1[ T]%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &n) < 5 || n < 16)
        return -1;
    if (text[n] == ':' && sscanf(text + n + 1, "%2d", &tm.tm_sec) != 1)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm);
}
