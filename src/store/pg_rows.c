/* pg_rows.c - see pg_rows.h. A row of COPY's text form is its values
 * separated by tabs and ended by a newline; \N alone is NULL, and a
 * backslash escapes a tab, a newline, a backslash or another control
 * character inside a value (PostgreSQL's documentation of COPY, "Text
 * Format"). */
#include "store/pg_rows.h"
#include "store/store.h"
#include "util/text.h"
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Locks R when another thread shares it. */
static void lock(copy_rows *r)
{
    if (r->sharing)
        pthread_mutex_lock(&r->lock);
}

static void unlock(copy_rows *r)
{
    if (r->sharing)
        pthread_mutex_unlock(&r->lock);
}

/* Keeps MSG (libpq's, which ends in a newline) as R's error; under the
 * lock, as the keeper and the reader of a shared R may both fail it. */
static void fail(copy_rows *r, const char *msg)
{
    lock(r);
    r->failed = true;
    str_clear(&r->error);
    str_puts(&r->error, msg && *msg ? msg : "the COPY of a read ended without a reason");
    while (r->error.len && r->error.p[r->error.len - 1] == '\n')
        r->error.p[--r->error.len] = '\0';
    unlock(r);
}

/* The character the escape at *P (just after its backslash) stands for;
 * moves *P past the escape. */
static char unescape(const char **p)
{
    const char *s = *p;
    char c = *s++;
    int v;
    switch (c) {
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'v': c = '\v'; break;
    case 'x':
        if ((v = hex_digit_value(*s)) >= 0) {
            s++;
            if (hex_digit_value(*s) >= 0)
                v = v * 16 + hex_digit_value(*s++);
            c = (char)v;
        }
        break;
    default:
        if (c >= '0' && c <= '7') {
            v = c - '0';
            for (int i = 0; i < 2 && *s >= '0' && *s <= '7'; i++)
                v = v * 8 + (*s++ - '0');
            c = (char)v;
        }
    }
    *p = s;
    return c;
}

/* Splits the text-form row at LINE (ended by a newline or NUL) into
 * r->field, each value unescaped in place and NUL-ended; false when it has
 * too many. */
static bool split_text(copy_rows *r, char *line)
{
    const char *p = line;
    char *out = line;
    for (;;) {
        if (r->nfields == COPY_ROWS_MAX_COLUMNS)
            return false;
        char *start = out;
        bool is_null = p[0] == '\\' && p[1] == 'N' && (p[2] == '\t' || p[2] == '\n' || !p[2]);
        if (is_null)
            p += 2;
        while (*p != '\t' && *p != '\n' && *p) {
            if (*p == '\\' && p[1]) {
                p++;
                *out++ = unescape(&p);
            } else {
                *out++ = *p++;
            }
        }
        char end = *p;
        *out++ = '\0'; /* at most where the separator was: out never passes p */
        r->field[r->nfields] = is_null ? out - 1 : start;
        r->null[r->nfields] = is_null;
        r->is_int[r->nfields] = false;
        r->nfields++;
        if (end != '\t')
            return true;
        p++;
    }
}

/* The big-endian integer of N bytes at P, sign-extended. */
static int64_t big_endian(const unsigned char *p, int n)
{
    uint64_t v = p[0] & 0x80 ? UINT64_MAX : 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return (int64_t)v;
}

/* Skips the binary form's header at the start of the first message (*P,
 * *N bytes); false when it is not there. */
static bool skip_header(copy_rows *r, unsigned char **p, size_t *n)
{
    static const char signature[11] = "PGCOPY\n\377\r\n";
    if (*n < 19 || memcmp(*p, signature, sizeof signature) != 0)
        return false;
    uint64_t extension = (uint64_t)big_endian(*p + 15, 4) & 0xffffffffu;
    if (extension > *n - 19)
        return false;
    *p += 19 + extension;
    *n -= 19 + extension;
    r->header = true;
    return true;
}

/* Takes value I of a binary row: LEN bytes at DATA (LEN -1: NULL), of
 * r->type[I]. A text value is NUL-ended later (split_binary). */
static void take_binary(copy_rows *r, int i, unsigned char *data, int64_t len)
{
    static char no_text[1];
    r->null[i] = len < 0;
    r->is_int[i] = false;
    r->field[i] = len < 0 ? no_text : (char *)data;
    if (len < 0)
        return;
    switch (r->type[i]) {
    case 20: case 23: case 21: /* int8, int4, int2 */
        r->is_int[i] = true;
        r->number[i] = len >= 1 && len <= 8 ? big_endian(data, (int)len) : 0;
        break;
    case 16: /* bool: read as the text form has it */
        r->field[i] = len == 1 && data[0] ? "t" : "f";
        break;
    }
}

/* Splits the binary-form message at P (N bytes, and one more that may be
 * overwritten) into r->field: STORE_ROW, STORE_DONE for the trailer, or
 * STORE_ERROR when it is not a row of the form. A message with the header
 * alone gives STORE_OK: the first row comes next. */
static int split_binary(copy_rows *r, unsigned char *p, size_t n)
{
    if (!r->header && !skip_header(r, &p, &n))
        return STORE_ERROR;
    if (n == 0)
        return STORE_OK;
    int64_t count = n >= 2 ? big_endian(p, 2) : -2;
    if (count == -1)
        return STORE_DONE;
    if (count < 0 || count > COPY_ROWS_MAX_COLUMNS)
        return STORE_ERROR;
    p += 2, n -= 2;
    unsigned char *end_of[COPY_ROWS_MAX_COLUMNS];
    for (int i = 0; i < count; i++) {
        int64_t len = n >= 4 ? big_endian(p, 4) : -2;
        if (len < -1 || (len >= 0 && (size_t)len > n - 4))
            return STORE_ERROR;
        p += 4, n -= 4;
        take_binary(r, i, p, len);
        if (len > 0)
            p += len, n -= (size_t)len;
        end_of[i] = p;
    }
    if (n != 0)
        return STORE_ERROR;
    r->nfields = (int)count;
    /* now that every length is read, each text value can end where the
     * next length (or the message) began */
    for (int i = 0; i < count; i++)
        if (!r->null[i])
            *end_of[i] = '\0';
    return STORE_ROW;
}

/* Splits the message at LINE (N bytes, and one more that may be
 * overwritten) into the current row, as split_binary answers. */
static int split_row(copy_rows *r, char *line, size_t n)
{
    r->nfields = 0;
    if (r->binary)
        return split_binary(r, (unsigned char *)line, n);
    return split_text(r, line) ? STORE_ROW : STORE_ERROR;
}

/* Takes the COPY's closing answer: STORE_DONE, or STORE_ERROR (R failed).
 * The connection is free afterwards. */
static int finish(copy_rows *r)
{
    char *line;
    while (PQgetCopyData(r->conn, &line, 0) > 0) /* none after the trailer */
        PQfreemem(line);
    PGresult *res = PQgetResult(r->conn);
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
        fail(r, res && PQresultStatus(res) != PGRES_COPY_OUT ? PQresultErrorMessage(res)
                                                              : PQerrorMessage(r->conn));
    /* still in the COPY (libpq could not take a row: out of memory): its
     * rows would come again at the next call, so the connection is closed;
     * the next statement finds it lost, and pg.c makes a fresh one with its
     * settings when nothing depended on the old one */
    bool stuck = res && PQresultStatus(res) == PGRES_COPY_OUT;
    PQclear(res);
    if (stuck) {
        shutdown(PQsocket(r->conn), SHUT_RDWR);
    } else {
        while ((res = PQgetResult(r->conn)))
            PQclear(res);
    }
    r->conn = NULL;
    return r->failed ? STORE_ERROR : STORE_DONE;
}

/* Reads and drops the rows still to come and the COPY's answer: the
 * connection is free afterwards. */
static void drop_rest(copy_rows *r)
{
    bool failed = r->failed;
    str error = r->error;
    r->error = (str)STR_INIT;
    finish(r);
    str_free(&r->error);
    r->error = error; /* the reason of the first failure stays */
    r->failed = failed;
}

bool copy_rows_binary_types(const Oid *types, int n)
{
    if (!types || n < 1 || n > COPY_ROWS_MAX_COLUMNS)
        return false;
    for (int i = 0; i < n; i++)
        if (types[i] != 20 && types[i] != 23 && types[i] != 21 && types[i] != 16 &&
            types[i] != 25 && types[i] != 1043) /* int8, int4, int2, bool, text, varchar */
            return false;
    return true;
}

int copy_rows_begin(copy_rows *r, PGconn *conn, const char *query, const Oid *types, int n)
{
    r->failed = false; /* (the reader's own fields, such as nfields, are not
                        * touched: another thread may begin a shared R) */
    r->header = false;
    r->binary = copy_rows_binary_types(types, n);
    if (r->binary)
        memcpy(r->type, types, (size_t)n * sizeof *types);
    /* a query may end in a line comment or a ';', as a prepared one may */
    size_t len = strlen(query);
    while (len && (query[len - 1] == ';' || isspace((unsigned char)query[len - 1])))
        len--;
    str sql = STR_INIT;
    str_printf(&sql, "COPY (%.*s\n) TO STDOUT%s", (int)len, query,
               r->binary ? " (FORMAT binary)" : "");
    if (!str_ok(&sql)) {
        str_free(&sql);
        fail(r, "out of memory");
        return STORE_ERROR;
    }
    PGresult *res = PQexec(conn, str_cstr(&sql));
    str_free(&sql);
    if (res && PQresultStatus(res) == PGRES_COPY_OUT) {
        PQclear(res);
        r->conn = conn;
        return STORE_OK;
    }
    fail(r, res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
    PQclear(res);
    while ((res = PQgetResult(conn)))
        PQclear(res);
    return STORE_ERROR;
}

#define KEPT_BLOCK ((size_t)1 << 20)

/* Lets the reader read what has been kept so far. */
static void publish(copy_rows *r)
{
    lock(r);
    if (r->kept_last)
        r->kept_last->used = r->kept_last->filled;
    if (r->sharing)
        pthread_cond_signal(&r->more);
    unlock(r);
}

/* Each kept message is its length (4 bytes, in this machine's order), its
 * bytes and one more, which split_row may overwrite; in blocks of 1 MiB
 * (or one message; KEPT_BLOCK), so that none is ever copied again. */
static bool keep_message(copy_rows *r, const char *line, int n)
{
    uint32_t len = (uint32_t)n;
    size_t need = sizeof len + (size_t)n + 1;
    kept_block *b = r->kept_last;
    if (!b || b->cap - b->filled < need) {
        size_t cap = need > KEPT_BLOCK - sizeof *b ? need : KEPT_BLOCK - sizeof *b;
        if (!(b = malloc(sizeof *b + cap)))
            return false;
        b->next = NULL;
        b->used = b->filled = 0;
        b->cap = cap;
        lock(r); /* the full block's fill, then its link: see next_ready */
        if (r->kept_last) {
            r->kept_last->used = r->kept_last->filled;
            r->kept_last->next = b;
        } else {
            r->kept = b;
        }
        r->kept_last = b;
        unlock(r);
    }
    memcpy(b->data + b->filled, &len, sizeof len);
    memcpy(b->data + b->filled + sizeof len, line, (size_t)n);
    b->data[b->filled + need - 1] = '\0';
    b->filled += need;
    return true;
}

/* The row in MESSAGE (N bytes) as copy_rows_next answers; a row it cannot
 * read fails R. LIVE: the message came from the connection, which the
 * trailer or a failure then ends (a kept row's connection is its keeper's). */
static int take_row(copy_rows *r, char *message, size_t n, bool live)
{
    int rc = split_row(r, message, n);
    if (rc == STORE_ERROR) {
        fail(r, "a row of a read is not in the form asked for");
        if (live)
            drop_rest(r);
    } else if (rc == STORE_DONE && live) {
        rc = finish(r);
    }
    return rc;
}

/* Moves to the next kept message, waiting for a sharing keeper when there
 * is none yet; false at the end of them. */
static bool next_ready(copy_rows *r)
{
    if (r->reading && r->kept_at < r->avail)
        return true;
    lock(r);
    bool ready = false;
    for (;;) {
        if (!r->reading)
            r->reading = r->kept;
        if (r->reading) {
            r->avail = r->reading->used;
            if (r->kept_at < r->avail) {
                ready = true;
                break;
            }
            if (r->reading->next) { /* its fill was final before the link */
                kept_block *read = r->reading; /* its rows are all taken */
                r->kept = r->reading = read->next;
                r->kept_at = 0;
                free(read);
                continue;
            }
        }
        if (!r->sharing || r->kept_all)
            break;
        pthread_cond_wait(&r->more, &r->lock);
    }
    unlock(r);
    return ready;
}

/* The next kept row (see copy_rows_keep), or the end of them. */
static int next_kept(copy_rows *r)
{
    for (;;) {
        if (!next_ready(r)) {
            lock(r);
            bool failed = r->failed;
            unlock(r);
            return failed ? STORE_ERROR : STORE_DONE;
        }
        uint32_t len;
        memcpy(&len, r->reading->data + r->kept_at, sizeof len);
        char *message = r->reading->data + r->kept_at + sizeof len;
        r->kept_at += sizeof len + len + 1;
        int rc = take_row(r, message, len, false);
        /* the trailer: the end comes when the keeper is done (next_ready),
         * with its failure if the COPY failed after it */
        if (rc != STORE_OK && rc != STORE_DONE) /* STORE_OK: a header alone */
            return rc;
    }
}

int copy_rows_next(copy_rows *r)
{
    PQfreemem(r->line);
    r->line = NULL;
    r->nfields = 0;
    if (r->sharing || !r->conn)
        return next_kept(r);
    for (;;) {
        char *line;
        int n = PQgetCopyData(r->conn, &line, 0);
        if (n < 0)
            return finish(r);
        r->line = line;
        int rc = take_row(r, line, (size_t)n, true);
        if (rc != STORE_OK)
            return rc;
        PQfreemem(r->line);
        r->line = NULL;
    }
}

const char *copy_rows_text(copy_rows *r, int col)
{
    if (col < 0 || col >= r->nfields)
        return NULL;
    if (r->is_int[col] && !r->null[col]) {
        snprintf(r->number_text[col], sizeof r->number_text[col], "%" PRId64, r->number[col]);
        return r->number_text[col];
    }
    return r->field[col];
}

void copy_rows_keep(copy_rows *r)
{
    char *line;
    int n;
    unsigned since = 0;
    while (r->conn && (n = PQgetCopyData(r->conn, &line, 0)) > 0) {
        bool kept = keep_message(r, line, n);
        PQfreemem(line);
        if (!kept) {
            fail(r, "out of memory");
            drop_rest(r);
        } else if (++since == 64) { /* the reader wakes once per 64 rows */
            publish(r);
            since = 0;
        }
    }
    if (r->conn)
        finish(r);
    lock(r);
    if (r->kept_last)
        r->kept_last->used = r->kept_last->filled;
    r->kept_all = true;
    if (r->sharing)
        pthread_cond_broadcast(&r->more);
    unlock(r);
}

bool copy_rows_init(copy_rows *r)
{
    memset(r, 0, sizeof *r);
    if (pthread_mutex_init(&r->lock, NULL) != 0)
        return false;
    if (pthread_cond_init(&r->more, NULL) != 0) {
        pthread_mutex_destroy(&r->lock);
        return false;
    }
    return true;
}

void copy_rows_share(copy_rows *r)
{
    r->sharing = true;
    r->kept_all = false;
    r->failed = false; /* a failure of an earlier reading is not this one's */
}

bool copy_rows_kept_all(copy_rows *r)
{
    lock(r);
    bool all = !r->sharing || r->kept_all;
    unlock(r);
    return all;
}

void copy_rows_fail(copy_rows *r, const char *msg)
{
    fail(r, msg);
}

void copy_rows_end(copy_rows *r)
{
    if (r->conn && !r->sharing)
        drop_rest(r);
    PQfreemem(r->line);
    r->line = NULL;
    while (r->kept) {
        kept_block *next = r->kept->next;
        free(r->kept);
        r->kept = next;
    }
    r->kept_last = r->reading = NULL;
    r->kept_at = r->avail = 0;
    r->nfields = 0;
    r->sharing = false;
}

void copy_rows_free(copy_rows *r)
{
    r->conn = NULL; /* being closed: not read */
    r->sharing = false;
    copy_rows_end(r);
    str_free(&r->error);
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->more);
}
