/* html.h - writing HTML that is safe by default.
 *
 * html_printf() is printf in which every %s is HTML-escaped; numbers are
 * written as printf writes them. Text that must go out unescaped is passed to
 * html_raw(), so raw output is always visible at the call. The format
 * attribute lets the compiler check every call's arguments. */
#ifndef GP_HTML_H
#define GP_HTML_H
#include <stdarg.h>
#include "util/str.h"
#include "util/table.h"

bool html_printf(str *out, const char *fmt, ...) GP_PRINTF(2, 3);
bool html_vprintf(str *out, const char *fmt, va_list ap) GP_PRINTF(2, 0);
/* Appends TEXT as it is: markup the program itself wrote. */
bool html_raw(str *out, const char *text);
/* Appends TEXT escaped for HTML text and attribute values. */
bool html_escape(str *out, const char *text, size_t n);
/* Appends T as an accessible HTML table with CAPTION, written as a reader of
 * LANG reads it: codes by their labels, numbers grouped and right-aligned,
 * fractions marked SHOW_PERCENT as percentages, dates as LANG writes them.
 * The privacy rule's columns "suppressed" and "combined" become one note
 * column, there only when a row is hidden or combined. */
bool html_table(str *out, const report_table *t, const char *caption, const char *lang);
/* Appends the start of a standalone printable page in LANG (a report the
 * command line writes as html): TITLE is its title and its heading; its
 * tables follow (html_table), then html_page_end. */
bool html_page_begin(str *out, const char *title, const char *lang);
bool html_page_end(str *out);
/* Appends TEXT percent-encoded for a URL query value or path segment. */
bool url_encode(str *out, const char *text);

#endif
