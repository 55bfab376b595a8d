/* str.h - the one growable string of groeipad.
 *
 * A str owns a NUL-terminated heap buffer. Appends never truncate: when memory
 * runs out the str remembers it (err), keeps what it had, and every later
 * append returns false, so a caller may check once at the end with str_ok(). */
#ifndef GP_STR_H
#define GP_STR_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct str {
    char *p;     /* NUL-terminated text, or NULL while empty */
    size_t len;
    size_t cap;
    bool err;    /* an allocation failed */
} str;

#define STR_INIT {NULL, 0, 0, false}

#define GP_PRINTF(f, a) __attribute__((format(printf, f, a)))

bool str_reserve(str *s, size_t extra);
bool str_append(str *s, const char *data, size_t n);
bool str_puts(str *s, const char *text);
bool str_putc(str *s, char c);
bool str_printf(str *s, const char *fmt, ...) GP_PRINTF(2, 3);
bool str_vprintf(str *s, const char *fmt, va_list ap) GP_PRINTF(2, 0);
void str_clear(str *s);
void str_free(str *s);
/* The text; "" for an empty str (never NULL). */
const char *str_cstr(const str *s);
static inline bool str_ok(const str *s) { return !s->err; }
/* Hands the buffer to the caller (free() it); NULL on an earlier error. */
char *str_steal(str *s);

/* Copies SRC into DST of size N; false (and DST empty) when it does not fit. */
bool copy_text(char *dst, size_t n, const char *src);

#endif
