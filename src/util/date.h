/* date.h - calendar dates as day numbers (days since 1970-01-01). */
#ifndef GP_DATE_H
#define GP_DATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t date_t;
#define DATE_NONE INT32_MIN  /* an empty date, such as no exit date */
#define DATE_TEXT_SIZE 11    /* "YYYY-MM-DD" and its NUL */

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
bool date_valid_ymd(int year, int month, int day);
/* The day number of a valid Y-M-D (see date_valid_ymd). */
date_t date_from_ymd(int year, int month, int day);
void date_to_ymd(date_t d, int *year, int *month, int *day);
int date_year(date_t d);

/* How reading a date went (date_read). */
typedef enum date_status {
    DATE_READ_OK = 0,
    DATE_READ_SYNTAX,      /* not a date in a form we read */
    DATE_READ_SHORT_YEAR,  /* day/month/year with a two-digit year: which century? */
    DATE_READ_NO_SUCH_DAY  /* well written, but the day does not exist (31/02) */
} date_status;

/* Reads the N bytes of S (no spaces) as a date: YYYY-MM-DD, or day, month and
 * year as Belgian Excel writes them, with one or two digits for the day and
 * the month, four for the year, separated by '/', '-' or '.' (5/03/1979,
 * 05-03-1979, 5.3.1979; both separators the same). Years 1900..2199. This is
 * the one date reader of every import and every form. */
date_status date_read(const char *s, size_t n, date_t *out);
/* date_read(...) == DATE_READ_OK. */
bool date_parse(const char *s, size_t n, date_t *out);
/* Writes YYYY-MM-DD; DATE_NONE gives "". */
void date_format(date_t d, char out[DATE_TEXT_SIZE]);

/* True when someone hired on HIRE and leaving on EXIT (DATE_NONE: still
 * employed) works on day D. */
bool date_employed_on(date_t hire, date_t exit, date_t d);
/* The number of calendar months of YEAR in which that employment holds at
 * least one day (0..12): a started month counts whole. */
int date_months_employed(date_t hire, date_t exit, int year);
/* D plus MONTHS months, on the same day of the month or the month's last day. */
date_t date_add_months(date_t d, int months);
/* Age in whole years on day ON of someone born on BIRTH. */
int date_age_on(date_t birth, date_t on);
/* Today in local time, or the date in GROEIPAD_TODAY when that is set. */
date_t date_today(void);

/* The moment OFFSET_SECONDS from now, in UTC, as text in one of the stored
 * forms (the SQL has no clock of its own, so that one statement means the
 * same on every backend). */
enum time_form {
    TIME_STAMP,   /* 2026-11-29 18:43:54: when a row was made */
    TIME_ISO,     /* 2026-11-29T18:43:54: session lifetimes */
    TIME_ISO_Z,   /* 2026-11-29T18:43:54Z: the audit log */
    TIME_MINUTE   /* 2026-11-29 18:43: plan comments */
};
#define TIME_TEXT_SIZE 24
void time_text(enum time_form form, long offset_seconds, char out[TIME_TEXT_SIZE]);
/* Seconds since the epoch of a text in any of those forms; -1 when it is
 * none of them. */
int64_t time_parse(const char *text);

#endif
