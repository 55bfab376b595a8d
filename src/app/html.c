/* html.c - see html.h. */
#include "app/html.h"
#include "core/labels.h"
#include "util/decimal.h"
#include "util/locale_fmt.h"
#include "util/i18n.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool html_escape(str *out, const char *text, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (text[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        str_append(out, text + start, i - start);
        str_puts(out, rep);
        start = i + 1;
    }
    return str_append(out, text + start, n - start);
}

bool html_raw(str *out, const char *text)
{
    return str_puts(out, text);
}

bool url_encode(str *out, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~", *p)) {
            str_putc(out, (char)*p);
        } else {
            str_putc(out, '%');
            str_putc(out, hex[*p >> 4]);
            str_putc(out, hex[*p & 15]);
        }
    }
    return str_ok(out);
}

/* Writes one conversion SPEC (e.g. "%-5lld") taking its value from AP. */
static bool one_conversion(str *out, const char *spec, size_t speclen, va_list *ap)
{
    char fmt[32];
    if (speclen >= sizeof fmt)
        return false;
    memcpy(fmt, spec, speclen);
    fmt[speclen] = '\0';
    char conv = fmt[speclen - 1];
    /* '*' width and precision come first, as ints. */
    int stars[2], nstars = 0;
    for (size_t i = 1; i + 1 < speclen; i++)
        if (fmt[i] == '*' && nstars < 2)
            stars[nstars++] = va_arg(*ap, int);
    const char *len = fmt + 1;
    while (*len && strchr("-+ #0123456789.*", *len))
        len++;
    if (conv == 's') {
        const char *s = va_arg(*ap, const char *);
        if (!s)
            s = "";
        size_t n = strlen(s);
        const char *dot = strchr(fmt, '.');
        if (dot) { /* precision limits the bytes written */
            size_t max = dot[1] == '*' ? (size_t)(stars[nstars - 1] < 0 ? (int)n : stars[nstars - 1])
                                       : (size_t)strtoul(dot + 1, NULL, 10);
            if (max < n)
                n = max;
        }
        return html_escape(out, s, n);
    }
    char buf[128];
    int w;
#define EMIT(type)                                                                   \
    do {                                                                             \
        type v = va_arg(*ap, type);                                                  \
        w = nstars == 2 ? snprintf(buf, sizeof buf, fmt, stars[0], stars[1], v)      \
          : nstars == 1 ? snprintf(buf, sizeof buf, fmt, stars[0], v)                \
                        : snprintf(buf, sizeof buf, fmt, v);                         \
    } while (0)
    switch (conv) {
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
        if (len[0] == 'l' && len[1] == 'l')
            EMIT(long long);
        else if (len[0] == 'l')
            EMIT(long);
        else if (len[0] == 'z')
            EMIT(size_t);
        else if (len[0] == 'j')
            EMIT(intmax_t);
        else
            EMIT(int);
        break;
    case 'f': case 'g': case 'e':
        EMIT(double);
        break;
    case 'p':
        EMIT(void *);
        break;
    default:
        return false;
    }
#undef EMIT
    if (w < 0 || (size_t)w >= sizeof buf)
        return false;
    if (conv == 'c')
        return html_escape(out, buf, (size_t)w);
    return str_append(out, buf, (size_t)w);
}

/* Appends N bytes of a format's own text (not an argument's); LAST when
 * they end the format. A colon the program writes after a label ("%s: %s",
 * or "%s:" ending the format) is written as the language joins a label to
 * its value: French puts a no-break space before it. A colon that follows a
 * space already (a translated format's own " : ") is left alone, and so is
 * one between two values ("%d:%02d"). */
static void format_text(str *out, const char *text, size_t n, bool last)
{
    const char *colon = NULL;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] != ':' || (i + 1 < n ? text[i + 1] != ' ' : !last))
            continue;
        str_append(out, text + start, i - start);
        start = i;
        char before = out->len ? out->p[out->len - 1] : ' ';
        bool nbsp = out->len >= 2 && (unsigned char)out->p[out->len - 2] == 0xC2 &&
                    (unsigned char)before == 0xA0; /* U+00A0 */
        if (before == ' ' || before == '\n' || nbsp)
            continue;
        if (!colon)
            colon = i18n_colon();
        str_puts(out, colon);
        start = i + 1;
    }
    str_append(out, text + start, n - start);
}

bool html_vprintf(str *out, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    bool ok = true;
    const char *p = fmt;
    while (*p && ok) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            format_text(out, p, strlen(p), true);
            break;
        }
        format_text(out, p, (size_t)(pct - p), false);
        if (pct[1] == '%') {
            str_putc(out, '%');
            p = pct + 2;
            continue;
        }
        const char *end = pct + 1;
        while (*end && !strchr("diuxXocsfgep", *end))
            end++;
        if (!*end) {
            ok = false;
            break;
        }
        ok = one_conversion(out, pct, (size_t)(end - pct + 1), &copy);
        p = end + 1;
    }
    va_end(copy);
    return ok && str_ok(out);
}

bool html_printf(str *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = html_vprintf(out, fmt, ap);
    va_end(ap);
    return ok;
}

/* Writes one cell's text as a reader of LANG writes it: labels for codes,
 * grouped numbers, percentages and dates (util/locale_fmt.h). */
static void cell_html(str *out, const cell *c, const char *lang)
{
    char buf[FMT_SIZE];
    switch (c->kind) {
    case CELL_TEXT:
        if (c->show == SHOW_CODE) {
            str label = STR_INIT;
            if (code_labels_text(&label, c->text))
                html_escape(out, label.p, label.len);
            str_free(&label);
        } else
            html_escape(out, c->text, strlen(c->text));
        break;
    case CELL_NUMBER:
    case CELL_MONEY:
        if (c->show == SHOW_PERCENT) {
            int64_t one = 1;
            for (int i = 0; i < c->scale; i++)
                one *= 10;
            /* Every decimal the number has (a rate's four: 65.14%), so
             * that the page shows the figure of the JSON and the CSV. */
            if (fmt_percent(lang, c->value, one, c->scale > 2 ? c->scale - 2 : 0, buf,
                            sizeof buf))
                html_escape(out, buf, strlen(buf));
        } else if (fmt_number(lang, c->value, c->scale, c->scale, buf, sizeof buf)) {
            html_escape(out, buf, strlen(buf));
        }
        break;
    case CELL_DATE:
        if (fmt_date(lang, c->date, buf, sizeof buf))
            html_escape(out, buf, strlen(buf));
        break;
    default:
        break;
    }
}

/* The index of T's column named NAME (a message id), or T->ncols. */
static size_t column_named(const report_table *t, const char *name)
{
    size_t c = 0;
    while (c < t->ncols && strcmp(t->columns[c], name) != 0)
        c++;
    return c;
}

/* True when cell X is the code "yes". */
static bool cell_says_yes(const cell *x)
{
    return x->kind == CELL_TEXT && strcmp(x->text, "yes") == 0;
}

/* The privacy rule's note on row R of T, whose columns "suppressed" and
 * "combined" are at S and C: what a reader needs to read a blank or a
 * joined line, or NULL when the row is as it was counted. */
static const char *privacy_note(const report_table *t, size_t r, size_t s, size_t c)
{
    const cell *row = &t->cells[r * t->ncols];
    if (s < t->ncols && cell_says_yes(&row[s]))
        return _("hidden: fewer people than the minimum group");
    if (c < t->ncols && cell_says_yes(&row[c]))
        return _("small groups taken together");
    return NULL;
}

bool html_page_begin(str *out, const char *title, const char *lang)
{
    return html_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                            "<meta name=\"viewport\" content=\"width=device-width, "
                            "initial-scale=1\">"
                            "<title>%s</title><style>body{font-family:sans-serif}"
                            ".scroll{overflow-x:auto}"
                            "table{border-collapse:collapse;margin:1em 0}"
                            "th,td{border:1px solid #999;padding:.2em .5em}.num{text-align:right}"
                            "</style></head><body><h1>%s</h1>",
                       lang, title, title);
}

bool html_page_end(str *out)
{
    return html_raw(out, "</body></html>\n");
}

bool html_table(str *out, const report_table *t, const char *caption, const char *lang)
{
    /* Files keep the privacy rule's two yes/no columns (DESIGN.md §4); a
     * page says it in one note column, and only when a row needs it. */
    size_t s = column_named(t, "suppressed"), c = column_named(t, "combined");
    bool notes = false;
    for (size_t r = 0; r < t->nrows && !notes; r++)
        notes = privacy_note(t, r, s, c) != NULL;
    html_printf(out, "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>", caption);
    /* Column names are message ids: a table reads in the page's language. */
    for (size_t k = 0; k < t->ncols; k++)
        if (k != s && k != c)
            html_printf(out, "<th scope=\"col\">%s</th>", i18n_gettext(t->columns[k]));
    if (notes)
        html_printf(out, "<th scope=\"col\">%s</th>", _("privacy rule"));
    html_raw(out, "</tr></thead><tbody>");
    for (size_t r = 0; r < t->nrows; r++) {
        html_raw(out, "<tr>");
        for (size_t k = 0; k < t->ncols; k++) {
            if (k == s || k == c)
                continue;
            const cell *x = &t->cells[r * t->ncols + k];
            bool num = x->kind == CELL_NUMBER || x->kind == CELL_MONEY;
            html_raw(out, k == 0 ? "<th scope=\"row\">" : num ? "<td class=\"num\">" : "<td>");
            cell_html(out, x, lang);
            html_raw(out, k == 0 ? "</th>" : "</td>");
        }
        if (notes) {
            const char *note = privacy_note(t, r, s, c);
            html_printf(out, "<td class=\"note\">%s</td>", note ? note : "");
        }
        html_raw(out, "</tr>");
    }
    return html_raw(out, "</tbody></table></div>");
}
