/* locale_fmt.h - numbers, percentages and dates as a reader writes them.
 *
 * One place for the conventions of each language groeipad speaks, for the
 * HTML pages only (files and the API keep canonical numbers and ISO dates):
 *
 *   nl  1.234,56   51,4 %   5/03/2026   (thousands '.', mark ',', d/mm/yyyy)
 *   fr  1 234,56   51,4 %   05/03/2026  (thousands U+202F, mark ',', dd/mm/yyyy)
 *   en  1,234.56   51.4%    2026-03-05  (thousands ',', mark '.', ISO dates)
 *
 * The space before '%' is a no-break space (U+00A0 in Dutch, U+202F in
 * French) so a figure never wraps away from its sign. English keeps ISO dates:
 * they cannot be misread by a reader from either side of the Atlantic.
 * Every function takes the language ("nl", "fr", "en"; anything else reads as
 * the default, Dutch) and writes into OUT of size N, NUL-terminated; false
 * when the text does not fit (OUT then holds ""). */
#ifndef GP_LOCALE_FMT_H
#define GP_LOCALE_FMT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/date.h"

/* Room for any number, percentage or date these functions write. */
#define FMT_SIZE 64

/* VALUE (scaled by 10^SCALE) with PLACES decimals (PLACES <= SCALE), rounded
 * half away from zero, with the language's thousands separator and mark. */
bool fmt_number(const char *lang, int64_t value, int scale, int places, char *out, size_t n);
/* The exact fraction NUM/DEN (DEN > 0) with PLACES decimals, the same way. */
bool fmt_fraction(const char *lang, __int128 num, __int128 den, int places, char *out,
                  size_t n);
/* NUM/DEN as a percentage with PLACES decimals: "51,4 %" or "51.4%"; DEN 0
 * reads as 0 %. */
bool fmt_percent(const char *lang, __int128 num, __int128 den, int places, char *out,
                 size_t n);
/* D as the language writes a date; DATE_NONE gives "". */
bool fmt_date(const char *lang, date_t d, char *out, size_t n);
/* Month MONTH (1-12) of YEAR as a heading names it: "december 2026",
 * "décembre 2026", "December 2026"; false (OUT "") for another MONTH too. */
bool fmt_month(const char *lang, int year, int month, char *out, size_t n);
/* A stored moment, "YYYY-MM-DD HH:MM[:SS]" (or with 'T'), as the language
 * writes it: its date by fmt_date and the time to the minute ("5/03/2026
 * 14:07"). Text that is not such a moment is copied as it is. */
bool fmt_timestamp(const char *lang, const char *stamp, char *out, size_t n);

#endif
