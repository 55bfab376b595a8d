/* jsonw.c - see jsonw.h. */
#include "util/jsonw.h"
#include "util/decimal.h"
#include <stdio.h>
#include <string.h>

void jw_init(jsonw *w, str *out, bool pretty)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->pretty = pretty;
}

static void newline(jsonw *w)
{
    static const char spaces[] = "\n                                ";
    int n = 1 + 2 * (w->depth < 16 ? w->depth : 16);
    str_append(w->out, spaces, (size_t)n);
}

/* What goes before a value: a comma and a line break as needed. */
static void before_value(jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0)
        return;
    if (w->has_items[w->depth - 1])
        str_putc(w->out, ',');
    w->has_items[w->depth - 1] = true;
    if (w->pretty)
        newline(w);
}

static void open_container(jsonw *w, char open, char close)
{
    before_value(w);
    str_putc(w->out, open);
    if (w->depth < JSONW_MAX_DEPTH) {
        w->has_items[w->depth] = false;
        w->closer[w->depth] = close;
        w->depth++;
    } else {
        w->out->err = true; /* deeper than groeipad ever writes */
    }
}

void jw_object(jsonw *w)
{
    open_container(w, '{', '}');
}

void jw_array(jsonw *w)
{
    open_container(w, '[', ']');
}

void jw_end(jsonw *w)
{
    if (w->depth == 0)
        return;
    w->depth--;
    if (w->pretty && w->has_items[w->depth])
        newline(w);
    str_putc(w->out, w->closer[w->depth]);
}

static void write_escaped(str *out, const char *s)
{
    str_putc(out, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        /* Safe characters go in one piece; this one is escaped. */
        str_append(out, run, (size_t)((const char *)p - run));
        switch (*p) {
        case '"': str_puts(out, "\\\""); break;
        case '\\': str_puts(out, "\\\\"); break;
        case '\n': str_puts(out, "\\n"); break;
        case '\r': str_puts(out, "\\r"); break;
        case '\t': str_puts(out, "\\t"); break;
        default: str_printf(out, "\\u%04x", *p);
        }
        run = (const char *)p + 1;
    }
    str_puts(out, run);
    str_putc(out, '"');
}

void jw_key(jsonw *w, const char *key)
{
    before_value(w);
    write_escaped(w->out, key);
    str_puts(w->out, w->pretty ? ": " : ":");
    w->after_key = true;
}

void jw_string(jsonw *w, const char *s)
{
    before_value(w);
    if (s)
        write_escaped(w->out, s);
    else
        str_puts(w->out, "null");
}

void jw_int(jsonw *w, int64_t v)
{
    before_value(w);
    str_printf(w->out, "%lld", (long long)v);
}

void jw_raw(jsonw *w, const char *json)
{
    before_value(w);
    size_t n = strlen(json);
    while (n && json[n - 1] == '\n')
        n--;
    /* Indented text moves in to where it now stands. */
    for (const char *p = json, *end = json + n; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        str_append(w->out, p, len);
        if (!nl)
            break;
        newline(w);
        p = nl + 1;
    }
}

void jw_bool(jsonw *w, bool v)
{
    before_value(w);
    str_puts(w->out, v ? "true" : "false");
}

void jw_null(jsonw *w)
{
    before_value(w);
    str_puts(w->out, "null");
}

void jw_fraction(jsonw *w, __int128 num, __int128 den, int places)
{
    before_value(w);
    char buf[64];
    if (den == 0 || !fraction_format(num, den, places, buf, sizeof buf)) {
        str_putc(w->out, '0');
        return;
    }
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        str_putc(w->out, '0');
    else
        str_puts(w->out, buf);
}

bool jw_finish(jsonw *w)
{
    if (w->pretty)
        str_putc(w->out, '\n');
    return w->depth == 0 && str_ok(w->out);
}
