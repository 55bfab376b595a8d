/* url.c - a PostgreSQL site's address in messages, without its password
 * (store_redact_target in store.h, pg_url_check in url.h).
 *
 * A password can stand in a URL as postgresql://user:PASSWORD@host/... or
 * as a parameter ?password=PASSWORD / &password=PASSWORD, and in a libpq
 * key/value string as password=PASSWORD or password = 'PASS WORD'. Every
 * form is found by find_passwords, and every message that shows the
 * address, or what libpq quotes of it, goes through it. */
#include "store/url.h"
#include <ctype.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PASSWORDS 8
#define HIDDEN "***"

/* Where one password stands in the address: TEXT[at .. at + len). */
typedef struct span {
    size_t at, len;
} span;

typedef struct passwords {
    span s[MAX_PASSWORDS];
    size_t n;
} passwords;

/* Notes the password TEXT[at .. at + len) (an empty one hides nothing). */
static void note(passwords *p, size_t at, size_t len)
{
    if (len > 0 && p->n < MAX_PASSWORDS)
        p->s[p->n++] = (span){at, len};
}

/* True when the query parameter's name KEY[0..len), percent-decoded as
 * libpq decodes it, is "password". */
static bool key_is_password(const char *key, size_t len)
{
    char name[16];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (c == '%' && i + 2 < len && isxdigit((unsigned char)key[i + 1]) &&
            isxdigit((unsigned char)key[i + 2])) {
            char hex[3] = {key[i + 1], key[i + 2], '\0'};
            c = (char)strtol(hex, NULL, 16);
            i += 2;
        }
        if (n + 1 >= sizeof name)
            return false;
        name[n++] = c;
    }
    name[n] = '\0';
    return strcmp(name, "password") == 0 || strcmp(name, "sslpassword") == 0;
}

/* The passwords of a URL: in its user information, up to the last '@' of
 * the whole URL (a password may hold '@', '/' or '?', which libpq reads
 * differently; hiding too much is better than too little), and in the
 * password parameters of the query after it. */
static void url_passwords(const char *url, passwords *p)
{
    const char *authority = strstr(url, "://") + 3;
    const char *at = strrchr(authority, '@');
    const char *colon = at ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
    if (colon)
        note(p, (size_t)(colon + 1 - url), (size_t)(at - colon - 1));
    const char *query = strchr(at ? at : authority, '?');
    for (const char *param = query; param && *param;) {
        param++; /* past '?' or '&' */
        size_t len = strcspn(param, "&");
        const char *eq = memchr(param, '=', len);
        if (eq && key_is_password(param, (size_t)(eq - param)))
            note(p, (size_t)(eq + 1 - url), len - (size_t)(eq + 1 - param));
        param += len;
    }
}

/* The passwords of a key/value string: the value after each keyword
 * "password" and its '=' (spaces around it allowed), up to a space, or
 * between single quotes (a backslash escapes the next character). */
static void keyword_passwords(const char *text, passwords *p)
{
    const char *c = text;
    while (*c) {
        while (isspace((unsigned char)*c))
            c++;
        const char *key = c;
        while (*c && *c != '=' && !isspace((unsigned char)*c))
            c++;
        bool is_password = ((size_t)(c - key) == 8 && strncmp(key, "password", 8) == 0) ||
                           ((size_t)(c - key) == 11 && strncmp(key, "sslpassword", 11) == 0);
        while (isspace((unsigned char)*c))
            c++;
        if (*c != '=')
            continue; /* not a keyword: read on from the next word */
        c++;
        while (isspace((unsigned char)*c))
            c++;
        const char *value = c;
        if (*c == '\'') {
            for (c++; *c && *c != '\''; c++)
                if (*c == '\\' && c[1])
                    c++;
            if (*c)
                c++;
        } else {
            while (*c && !isspace((unsigned char)*c))
                c++;
        }
        if (is_password)
            note(p, (size_t)(value - text), (size_t)(c - value));
    }
}

/* Every password TARGET carries, in the order they stand in it. */
static void find_passwords(const char *target, passwords *p)
{
    p->n = 0;
    if (strstr(target, "://"))
        url_passwords(target, p);
    else
        keyword_passwords(target, p);
}

void store_redact_target(const char *target, str *out)
{
    passwords p;
    find_passwords(target, &p);
    size_t from = 0;
    for (size_t i = 0; i < p.n; i++) {
        str_append(out, target + from, p.s[i].at - from);
        str_puts(out, HIDDEN);
        from = p.s[i].at + p.s[i].len;
    }
    str_puts(out, target + from);
}

/* True when QUOTED[0..len) holds one of TARGET's passwords, or is a piece
 * of one that SHOWN (TARGET as messages show it) does not hold: libpq
 * quotes the part of an address it could not read, which may be the start
 * of a password it took for a port. A user's name, shown anyway, stays. */
static bool touches_password(const char *target, const passwords *p, const char *shown,
                             const char *quoted, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < p->n; i++) {
        const char *pw = target + p->s[i].at;
        size_t n = p->s[i].len;
        for (size_t k = 0; k + n <= len; k++) /* holds it */
            if (memcmp(quoted + k, pw, n) == 0)
                return true;
        for (size_t k = 0; k + len <= n; k++) /* is a piece of it */
            if (memcmp(pw + k, quoted, len) == 0 && !memmem(shown, strlen(shown), quoted, len))
                return true;
    }
    return false;
}

void pg_redact_message(const char *target, const char *message, str *out)
{
    passwords p;
    find_passwords(target, &p);
    str shown = STR_INIT;
    store_redact_target(target, &shown);
    const char *c = message;
    const char *open;
    while ((open = strchr(c, '"')) != NULL) {
        const char *close = strchr(open + 1, '"');
        if (!close)
            break;
        str_append(out, c, (size_t)(open + 1 - c));
        size_t len = (size_t)(close - open - 1);
        if (touches_password(target, &p, str_cstr(&shown), open + 1, len))
            str_puts(out, HIDDEN);
        else
            str_append(out, open + 1, len);
        str_putc(out, '"');
        c = close + 1;
    }
    str_puts(out, c);
    str_free(&shown);
    while (out->len && out->p[out->len - 1] == '\n') /* libpq's end in one */
        out->p[--out->len] = '\0';
}

bool pg_url_check(const char *url, str *err)
{
    char *why = NULL;
    PQconninfoOption *options = PQconninfoParse(url, &why);
    if (options) {
        PQconninfoFree(options);
        return true;
    }
    str_puts(err, "cannot read the PostgreSQL URL ");
    store_redact_target(url, err);
    str_puts(err, ": ");
    pg_redact_message(url, why ? why : "out of memory", err);
    PQfreemem(why);
    return false;
}
