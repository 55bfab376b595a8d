/* jsonw.c - see jsonw.h.
 *
 * The training right of 100,000 people is 16 MB of JSON, so the writer is
 * made for speed: each value, with the comma and indentation before it, is
 * put together on the stack and added to the output in one copy; numbers
 * are written digit by digit without printf; plain ASCII text is copied in
 * runs. */
#include "util/jsonw.h"
#include "util/decimal.h"
#include "util/text.h"
#include <string.h>

/* Room for a separator (comma, line break, 32 spaces) and a number. */
#define PIECE_SIZE 128

void jw_init(jsonw *w, str *out, bool pretty)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->pretty = pretty;
}

/* Appends N bytes at D to S: in place when there is room, which is nearly
 * always once the buffer has grown. */
static inline void put(str *s, const char *d, size_t n)
{
    if (!s->err && s->len + n + 1 <= s->cap) {
        memcpy(s->p + s->len, d, n);
        s->len += n;
        s->p[s->len] = '\0';
    } else {
        str_append(s, d, n);
    }
}

/* Writes into BUF what goes before a value (a comma and a line break with
 * indentation, as needed) and returns its length (at most 34). */
static size_t separator(jsonw *w, char *buf)
{
    if (w->after_key) {
        w->after_key = false;
        return 0;
    }
    if (w->depth == 0)
        return 0;
    size_t n = 0;
    if (w->has_items[w->depth - 1])
        buf[n++] = ',';
    w->has_items[w->depth - 1] = true;
    if (w->pretty) {
        size_t indent = 2 * (size_t)(w->depth < 16 ? w->depth : 16);
        buf[n++] = '\n';
        memset(buf + n, ' ', indent);
        n += indent;
    }
    return n;
}

static void before_value(jsonw *w)
{
    char buf[PIECE_SIZE];
    size_t n = separator(w, buf);
    if (n)
        put(w->out, buf, n);
}

static void newline(jsonw *w)
{
    static const char spaces[] = "\n                                ";
    int n = 1 + 2 * (w->depth < 16 ? w->depth : 16);
    put(w->out, spaces, (size_t)n);
}

static void open_container(jsonw *w, char open, char close)
{
    char buf[PIECE_SIZE];
    size_t n = separator(w, buf);
    buf[n++] = open;
    put(w->out, buf, n);
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
    put(w->out, &w->closer[w->depth], 1);
}

/* True for a byte that goes into a JSON string as it is: printable ASCII
 * but the quote and the backslash. */
static inline bool plain_byte(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* S as a JSON string. Well-formed UTF-8 goes as it is; an ill-formed
 * sequence (a row stored before the input was checked) becomes U+FFFD, so
 * the output is always valid UTF-8 and JSON. */
static void write_escaped(str *out, const char *s)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    put(out, "\"", 1);
    const char *run = s;
    const char *p = s;
    for (;;) {
        /* The fast path: a run of plain ASCII goes in one piece. */
        while (plain_byte((unsigned char)*p))
            p++;
        unsigned char c = (unsigned char)*p;
        if (c == '\0')
            break;
        if (c >= 0x80) {
            size_t skip, len = utf8_char_len(p, 4, &skip);
            if (len) {
                p += len;
                continue;
            }
            put(out, run, (size_t)(p - run));
            put(out, replacement, 3);
            p += skip;
            run = p;
            continue;
        }
        put(out, run, (size_t)(p - run));
        switch (c) {
        case '"': put(out, "\\\"", 2); break;
        case '\\': put(out, "\\\\", 2); break;
        case '\n': put(out, "\\n", 2); break;
        case '\r': put(out, "\\r", 2); break;
        case '\t': put(out, "\\t", 2); break;
        default: {
            static const char hex[] = "0123456789abcdef";
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(out, u, sizeof u);
        }
        }
        p++;
        run = p;
    }
    put(out, run, (size_t)(p - run));
    put(out, "\"", 1);
}

/* True when KEY is plain ASCII short enough to go in one piece. */
static bool short_plain(const char *key, size_t *len)
{
    size_t n = 0;
    while (key[n] && plain_byte((unsigned char)key[n]))
        n++;
    *len = n;
    return key[n] == '\0' && n <= PIECE_SIZE - 40;
}

void jw_key(jsonw *w, const char *key)
{
    char buf[PIECE_SIZE];
    size_t len, n = separator(w, buf);
    if (short_plain(key, &len)) {
        buf[n++] = '"';
        memcpy(buf + n, key, len);
        n += len;
        buf[n++] = '"';
        buf[n++] = ':';
        if (w->pretty)
            buf[n++] = ' ';
        put(w->out, buf, n);
    } else {
        put(w->out, buf, n);
        write_escaped(w->out, key);
        put(w->out, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
    }
    w->after_key = true;
}

void jw_string(jsonw *w, const char *s)
{
    before_value(w);
    if (s)
        write_escaped(w->out, s);
    else
        put(w->out, "null", 4);
}

/* Writes the digits of U right to left ending at END; returns the start. */
static char *digits(char *end, uint64_t u)
{
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return end;
}

void jw_int(jsonw *w, int64_t v)
{
    char buf[PIECE_SIZE];
    size_t n = separator(w, buf);
    char num[24], *end = num + sizeof num;
    char *p = digits(end, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
    if (v < 0)
        *--p = '-';
    memcpy(buf + n, p, (size_t)(end - p));
    put(w->out, buf, n + (size_t)(end - p));
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
        put(w->out, p, len);
        if (!nl)
            break;
        newline(w);
        p = nl + 1;
    }
}

void jw_bool(jsonw *w, bool v)
{
    before_value(w);
    put(w->out, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(jsonw *w)
{
    before_value(w);
    put(w->out, "null", 4);
}

/* NUM/DEN to PLACES decimals as jw_fraction writes it, into BUF (64
 * bytes); its length. */
static size_t fraction_text(__int128 num, __int128 den, int places, char *buf)
{
    __int128 scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    __int128 v = den ? div_round128(num * scale, den) : 0;
    bool negative = v < 0;
    if (negative)
        v = -v;
    if (den == 0 || places > 18 || v > (__int128)UINT64_MAX) {
        /* Beyond 64 bits (never in a report): the general formatter. */
        if (den == 0 || !fraction_format(num, den, places, buf, 64)) {
            buf[0] = '0';
            return 1;
        }
        char *dot = strchr(buf, '.');
        char *end = buf + strlen(buf);
        if (dot) {
            while (end > dot + 1 && end[-1] == '0')
                *--end = '\0';
            if (end == dot + 1)
                *--end = '\0';
        }
        return (size_t)(end - buf);
    }
    /* Right to left: the decimals without their trailing zeros, the point
     * only when a decimal is left, then the whole part. */
    char tmp[64], *end = tmp + sizeof tmp, *p = end;
    uint64_t u = (uint64_t)v;
    bool kept = false;
    for (int d = 0; d < places; d++) {
        char c = (char)('0' + u % 10);
        u /= 10;
        if (kept || c != '0') {
            *--p = c;
            kept = true;
        }
    }
    if (kept)
        *--p = '.';
    p = digits(p, u);
    if (negative) /* v is not 0 here, so this is never "-0" */
        *--p = '-';
    memcpy(buf, p, (size_t)(end - p));
    return (size_t)(end - p);
}

void jw_fraction(jsonw *w, __int128 num, __int128 den, int places)
{
    char buf[PIECE_SIZE];
    size_t n = separator(w, buf);
    n += fraction_text(num, den, places, buf + n);
    put(w->out, buf, n);
}

bool jw_finish(jsonw *w)
{
    if (w->pretty)
        put(w->out, "\n", 1);
    return w->depth == 0 && str_ok(w->out);
}
