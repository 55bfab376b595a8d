/* str.c - growable strings. See str.h. */
#include "util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool str_reserve(str *s, size_t extra)
{
    if (s->err)
        return false;
    if (s->len + extra + 1 <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < s->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            s->err = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(s->p, cap);
    if (!p) {
        s->err = true;
        return false;
    }
    s->p = p;
    s->cap = cap;
    return true;
}

bool str_append(str *s, const char *data, size_t n)
{
    if (!str_reserve(s, n))
        return false;
    if (n)
        memcpy(s->p + s->len, data, n);
    s->len += n;
    s->p[s->len] = '\0';
    return true;
}

bool str_puts(str *s, const char *text)
{
    return str_append(s, text, strlen(text));
}

bool str_putc(str *s, char c)
{
    return str_append(s, &c, 1);
}

bool str_vprintf(str *s, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        s->err = true;
        return false;
    }
    if (!str_reserve(s, (size_t)n))
        return false;
    vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
    s->len += (size_t)n;
    return true;
}

bool str_printf(str *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = str_vprintf(s, fmt, ap);
    va_end(ap);
    return ok;
}

void str_clear(str *s)
{
    s->len = 0;
    if (s->p)
        s->p[0] = '\0';
}

void str_free(str *s)
{
    free(s->p);
    s->p = NULL;
    s->len = s->cap = 0;
    s->err = false;
}

const char *str_cstr(const str *s)
{
    return s->p ? s->p : "";
}

char *str_steal(str *s)
{
    if (s->err) {
        str_free(s);
        return NULL;
    }
    char *p = s->p;
    if (!p)
        p = calloc(1, 1);
    s->p = NULL;
    s->len = s->cap = 0;
    return p;
}

bool copy_text(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) {
        if (n)
            dst[0] = '\0';
        return false;
    }
    memcpy(dst, src, len + 1);
    return true;
}
