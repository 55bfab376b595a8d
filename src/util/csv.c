/* csv.c - see csv.h. */
#include "util/csv.h"
#include "util/i18n.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A first line "sep=;" (Excel's hint, which some programs write before the
 * header) names the separator: takes it and steps over the line; true when
 * there was one. The separators spreadsheets write: ',' ';' tab '|'. */
static bool skip_separator_line(csv_reader *r)
{
    const char *p = r->buf + r->pos;
    size_t left = r->len - r->pos;
    if (left < 5 || strncasecmp(p, "sep=", 4) != 0 || !p[4] || !strchr(",;\t|", p[4]))
        return false;
    /* the line ends with LF, CRLF, a lone CR (old Mac files) or the file */
    size_t end = 5;
    bool cr = end < left && p[end] == '\r';
    if (cr)
        end++;
    if (end < left && p[end] == '\n')
        end++;
    else if (!cr && end < left)
        return false;
    r->sep = p[4];
    r->pos += end;
    r->line = 2;
    return true;
}

void csv_open(csv_reader *r, char *buf, size_t len)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = len;
    r->line = 1;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        r->pos = 3;
    if (skip_separator_line(r))
        return;
    /* The header names columns, so whichever separator it uses more wins. */
    size_t commas = 0, semis = 0;
    bool quoted = false;
    for (size_t i = r->pos; i < len && (quoted || (buf[i] != '\n' && buf[i] != '\r')); i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted && buf[i] == ',')
            commas++;
        else if (!quoted && buf[i] == ';')
            semis++;
    }
    r->sep = semis > commas ? ';' : ',';
}

bool csv_push_field(csv_reader *r, char *p, size_t len)
{
    if (r->nfields == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        csv_field *f = realloc(r->fields, cap * sizeof *f);
        if (!f)
            return false;
        r->fields = f;
        r->cap = cap;
    }
    r->fields[r->nfields].p = p;
    r->fields[r->nfields].len = len;
    r->nfields++;
    return true;
}

/* Reads a quoted field starting after its opening quote; unescapes in place. */
static int read_quoted(csv_reader *r, char **start, size_t *flen)
{
    char *out = r->buf + r->pos;
    *start = out;
    for (;;) {
        if (r->pos >= r->len) {
            r->error = N_("a closing quote for the quoted field that starts here");
            return -1;
        }
        char c = r->buf[r->pos++];
        if (c == '"') {
            if (r->pos < r->len && r->buf[r->pos] == '"') {
                *out++ = '"';
                r->pos++;
                continue;
            }
            break;
        }
        if (c == '\n')
            r->line++;
        *out++ = c;
    }
    *flen = (size_t)(out - *start);
    if (r->pos < r->len && r->buf[r->pos] != r->sep && r->buf[r->pos] != '\n' &&
        r->buf[r->pos] != '\r') {
        r->error = N_("a separator or the end of the line after a closing quote");
        return -1;
    }
    return 0;
}

void csv_open_source(csv_reader *r, int (*source)(void *ctx, csv_reader *r), void *ctx)
{
    memset(r, 0, sizeof *r);
    r->line = 1;
    r->sep = ',';
    r->source = source;
    r->source_ctx = ctx;
}

int csv_next(csv_reader *r)
{
    r->nfields = 0;
    if (r->source)
        return r->source(r->source_ctx, r);
    /* Skip blank lines. */
    while (r->pos < r->len && (r->buf[r->pos] == '\n' || r->buf[r->pos] == '\r')) {
        if (r->buf[r->pos] == '\n')
            r->line++;
        r->pos++;
    }
    if (r->pos >= r->len)
        return 0;
    r->record_line = r->line;
    for (;;) {
        char *start;
        size_t flen;
        if (r->pos < r->len && r->buf[r->pos] == '"') {
            r->pos++;
            if (read_quoted(r, &start, &flen) < 0)
                return -1;
        } else {
            start = r->buf + r->pos;
            while (r->pos < r->len && r->buf[r->pos] != r->sep && r->buf[r->pos] != '\n' &&
                   r->buf[r->pos] != '\r')
                r->pos++;
            flen = (size_t)(r->buf + r->pos - start);
        }
        if (!csv_push_field(r, start, flen)) {
            r->error = "out of memory";
            return -1;
        }
        if (r->pos >= r->len)
            return 1;
        char c = r->buf[r->pos++];
        if (c == r->sep)
            continue;
        if (c == '\r' && r->pos < r->len && r->buf[r->pos] == '\n')
            r->pos++;
        r->line++;
        return 1;
    }
}

void csv_close(csv_reader *r)
{
    free(r->fields);
    r->fields = NULL;
    r->nfields = r->cap = 0;
}

bool csv_put_field(str *out, const char *text, char sep)
{
    if (!strchr(text, sep) && !strpbrk(text, "\"\r\n"))
        return str_puts(out, text);
    str_putc(out, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            str_putc(out, '"');
        str_putc(out, *p);
    }
    return str_putc(out, '"');
}

/* True when the N bytes at S, after their leading apostrophes, start with
 * what a spreadsheet reads as the start of a formula. */
static bool formula_start(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == '\'')
        i++;
    return i < n && strchr("=+-@\t\r", s[i]) != NULL;
}

bool csv_put_text(str *out, const char *text, char sep)
{
    if (!formula_start(text, strlen(text)))
        return csv_put_field(out, text, sep);
    /* The apostrophe goes inside the quotes, where a spreadsheet reads it. */
    str guarded = STR_INIT;
    str_putc(&guarded, '\'');
    str_puts(&guarded, text);
    bool ok = str_ok(&guarded) && csv_put_field(out, str_cstr(&guarded), sep);
    str_free(&guarded);
    return ok;
}

bool csv_unguard(const char **s, size_t *n)
{
    if (*n < 2 || (*s)[0] != '\'' || !formula_start(*s + 1, *n - 1))
        return false;
    (*s)++;
    (*n)--;
    return true;
}
