/* test_perf_http.c - compression, ETags and the answer cache, over real HTTP
 * on loopback: a gzip body unpacks to the same bytes as the plain one, a
 * repeat with the ETag gets 304, the cache never answers for other data or
 * another caller, and it stays within its bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>
#include <zlib.h>
#include "helpers.h"
#include "store/store.h"
#include "web/cache.h"
#include "web/compress.h"
#include "web/server.h"

static int port;
static server *srv;
static char admin_cookie[128], employee_cookie[128];

/* A response split into its parts. */
typedef struct reply {
    int status;
    char *raw;          /* the whole response, headers and body */
    const char *body;   /* inside raw */
    size_t body_len;
} reply;

static void reply_free(reply *r)
{
    free(r->raw);
}

/* The value of header NAME in R (a copy in BUF), or NULL. */
static const char *header_value(const reply *r, const char *name, char *buf, size_t n)
{
    size_t len = strlen(name);
    for (const char *p = strstr(r->raw, "\r\n"); p && p < r->body; p = strstr(p + 2, "\r\n")) {
        const char *line = p + 2;
        if (strncasecmp(line, name, len) == 0 && line[len] == ':') {
            const char *v = line + len + 1;
            while (*v == ' ')
                v++;
            size_t vl = strcspn(v, "\r");
            if (vl >= n)
                return NULL;
            memcpy(buf, v, vl);
            buf[vl] = '\0';
            return buf;
        }
    }
    return NULL;
}

static reply get(const char *path, const char *cookie, const char *extra)
{
    char headers[512];
    snprintf(headers, sizeof headers, "%s%s%s%s", cookie ? "Cookie: " : "",
             cookie ? cookie : "", cookie ? "\r\n" : "", extra ? extra : "");
    reply r = {0};
    r.status = http_request(port, "GET", path, headers, NULL, &r.raw);
    char *end = strstr(r.raw, "\r\n\r\n");
    assert_non_null(end);
    r.body = end + 4;
    char buf[32];
    const char *cl = header_value(&r, "Content-Length", buf, sizeof buf);
    r.body_len = cl ? (size_t)strtoull(cl, NULL, 10) : strlen(r.body);
    return r;
}

/* The gzip BODY unpacked; heap, its length in *N. */
static char *gunzip(const char *body, size_t len, size_t *n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    size_t cap = len * 20 + 1024;
    char *out = malloc(cap);
    assert_non_null(out);
    z.next_in = (Bytef *)(uintptr_t)body;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    *n = z.total_out;
    inflateEnd(&z);
    return out;
}

/* Logs LOGIN in over the wire; the session cookie header value into OUT. */
static void login(const char *login, const char *password, char *out, size_t n)
{
    char *raw;
    assert_int_equal(http_request(port, "GET", "/login", NULL, NULL, &raw), 200);
    char *c = strstr(raw, "gp_csrf=");
    assert_non_null(c);
    char csrf[65];
    memcpy(csrf, c + 8, 64);
    csrf[64] = '\0';
    free(raw);
    char headers[200], body[300];
    snprintf(headers, sizeof headers, "Cookie: gp_csrf=%s\r\n", csrf);
    snprintf(body, sizeof body, "csrf=%s&login=%s&password=%s", csrf, login, password);
    assert_int_equal(http_request(port, "POST", "/login", headers, body, &raw), 303);
    c = strstr(raw, "gp_session=");
    assert_non_null(c);
    snprintf(out, n, "gp_session=%.64s", c + 11);
    free(raw);
}

static int setup(void **state)
{
    (void)state;
    store *db = demo_store(test_path("perf.db"));
    store_close(db);
    server_config cfg = {test_path("perf.db"), NULL, "127.0.0.1", 0, 2};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    str err = STR_INIT;
    srv = server_start(&cfg, &err);
    str_free(&err);
    if (!srv)
        return -1;
    port = server_port(srv);
    login("admin", "demo-admin", admin_cookie, sizeof admin_cookie);
    login("employee", "demo-employee", employee_cookie, sizeof employee_cookie);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    server_stop(srv);
    cache_clear();
    return 0;
}

/* PATH asked plainly and with gzip: the gzip body unpacks to the plain one. */
static void assert_gzip_same(const char *path, const char *cookie)
{
    reply plain = get(path, cookie, NULL);
    assert_int_equal(plain.status, 200);
    char buf[64];
    assert_null(header_value(&plain, "Content-Encoding", buf, sizeof buf));
    reply packed = get(path, cookie, "Accept-Encoding: gzip, deflate\r\n");
    assert_int_equal(packed.status, 200);
    assert_non_null(header_value(&packed, "Content-Encoding", buf, sizeof buf));
    assert_string_equal(buf, "gzip");
    assert_non_null(header_value(&packed, "Vary", buf, sizeof buf));
    assert_string_equal(buf, "Accept-Encoding");
    assert_true(packed.body_len < plain.body_len);
    size_t n;
    char *unpacked = gunzip(packed.body, packed.body_len, &n);
    assert_int_equal(n, plain.body_len);
    assert_memory_equal(unpacked, plain.body, n);
    free(unpacked);
    reply_free(&plain);
    reply_free(&packed);
}

static void test_gzip_bodies_unpack_to_the_same_bytes(void **state)
{
    (void)state;
    /* a report (JSON, from the cache the second time), pages, a CSV download */
    assert_gzip_same("/api/v1/reports/training-right?year=2025", admin_cookie);
    assert_gzip_same("/api/v1/reports/training-right?year=2025", admin_cookie);
    assert_gzip_same("/reports?year=2025", admin_cookie);
    assert_gzip_same("/reports?year=2025", admin_cookie);
    assert_gzip_same("/employees", admin_cookie);
    assert_gzip_same("/api/v1/activities", admin_cookie);
    assert_gzip_same("/static/style.css", NULL);
    /* a tiny body is sent as it is; gzip;q=0 refuses gzip */
    reply tiny = get("/healthz", NULL, "Accept-Encoding: gzip\r\n");
    char buf[64];
    assert_null(header_value(&tiny, "Content-Encoding", buf, sizeof buf));
    reply_free(&tiny);
    reply refused = get("/reports?year=2025", admin_cookie, "Accept-Encoding: gzip;q=0\r\n");
    assert_null(header_value(&refused, "Content-Encoding", buf, sizeof buf));
    reply_free(&refused);
}

/* The body of chunked transfer coding BODY decoded; heap, its length in *N. */
static char *dechunk(const char *body, size_t *n)
{
    str out = STR_INIT;
    for (;;) {
        char *end;
        unsigned long size = strtoul(body, &end, 16);
        assert_true(end != body);
        body = strstr(end, "\r\n");
        assert_non_null(body);
        body += 2;
        if (size == 0)
            break;
        str_append(&out, body, size);
        body += size + 2;
    }
    *n = out.len;
    return str_steal(&out);
}

static void test_download_is_gzipped_as_it_streams(void **state)
{
    (void)state;
    const char *path = "/export/learning?format=csv&year=2025";
    reply plain = get(path, admin_cookie, NULL);
    assert_int_equal(plain.status, 200);
    reply packed = get(path, admin_cookie, "Accept-Encoding: gzip\r\n");
    assert_int_equal(packed.status, 200);
    char buf[64];
    assert_non_null(header_value(&packed, "Content-Encoding", buf, sizeof buf));
    assert_string_equal(buf, "gzip");
    assert_non_null(header_value(&packed, "Transfer-Encoding", buf, sizeof buf));
    size_t zlen, n;
    char *z = dechunk(packed.body, &zlen);
    assert_true(zlen < plain.body_len);
    char *unpacked = gunzip(z, zlen, &n);
    assert_int_equal(n, plain.body_len);
    assert_memory_equal(unpacked, plain.body, n);
    free(unpacked);
    free(z);
    reply_free(&plain);
    reply_free(&packed);
}

/* PATH has an ETag, and a repeat naming it gets 304 without a body. */
static void assert_304_on_repeat(const char *path, const char *cookie)
{
    reply first = get(path, cookie, NULL);
    assert_int_equal(first.status, 200);
    char etag[128], extra[200];
    assert_non_null(header_value(&first, "ETag", etag, sizeof etag));
    snprintf(extra, sizeof extra, "If-None-Match: %s\r\n", etag);
    reply again = get(path, cookie, extra);
    assert_int_equal(again.status, 304);
    assert_int_equal(again.body_len, 0);
    reply_free(&first);
    reply_free(&again);
    /* another tag gets the whole answer */
    reply other = get(path, cookie, "If-None-Match: \"nothing-like-it\"\r\n");
    assert_int_equal(other.status, 200);
    reply_free(&other);
}

static void test_etag_gives_304(void **state)
{
    (void)state;
    assert_304_on_repeat("/api/v1/reports/social-balance?year=2025", admin_cookie);
    assert_304_on_repeat("/reports?year=2025", admin_cookie);
    assert_304_on_repeat("/static/style.css", NULL);
    reply css = get("/static/style.css", NULL, NULL);
    char buf[64];
    assert_non_null(header_value(&css, "Last-Modified", buf, sizeof buf));
    reply_free(&css);
}

/* The report of PATH for COOKIE; heap. */
static char *report_body(const char *path, const char *cookie, char *etag, size_t n)
{
    reply r = get(path, cookie, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(header_value(&r, "ETag", etag, n));
    char *copy = strndup(r.body, r.body_len);
    reply_free(&r);
    return copy;
}

static void test_cache_answers_a_changed_report_after_a_write(void **state)
{
    (void)state;
    const char *path = "/api/v1/reports/training-right?year=2025";
    char etag1[128], etag2[128], etag3[128];
    char *before = report_body(path, admin_cookie, etag1, sizeof etag1);
    char *cached = report_body(path, admin_cookie, etag2, sizeof etag2);
    assert_string_equal(before, cached);
    assert_string_equal(etag1, etag2);
    /* a write by another process (the CLI), while the server runs */
    const char *csv = write_file("more.csv", "employee_id,activity_code,start_date,hours\n"
                                             "E002,VCA,2025-03-03,37\n");
    char cmd[512];
    snprintf(cmd, sizeof cmd, "import learning %s", csv);
    assert_int_equal(gp(test_path("perf.db"), cmd, NULL, NULL), 0);
    char *after = report_body(path, admin_cookie, etag3, sizeof etag3);
    assert_string_not_equal(before, after);
    assert_string_not_equal(etag1, etag3);
    /* the old ETag no longer gets 304 */
    char extra[200];
    snprintf(extra, sizeof extra, "If-None-Match: %s\r\n", etag1);
    reply r = get(path, admin_cookie, extra);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    /* the employee asking the same URL gets their own answer, not the admin's */
    char etag4[128];
    char *own = report_body(path, employee_cookie, etag4, sizeof etag4);
    assert_string_not_equal(own, after);
    assert_string_not_equal(etag4, etag3);
    free(before);
    free(cached);
    free(after);
    free(own);
}

/* The CSRF token in the forms of R; heap. */
static char *form_token(const reply *r);

static void test_cache_answers_a_changed_page_after_a_web_write(void **state)
{
    (void)state;
    reply first = get("/plans", admin_cookie, NULL);
    assert_int_equal(first.status, 200);
    char etag1[128], etag2[128], etag3[128];
    assert_non_null(header_value(&first, "ETag", etag1, sizeof etag1));
    assert_null(strstr(first.body, "/plans/2033"));
    char *token = form_token(&first);
    reply_free(&first);
    /* a login writes only a session and its audit line: still the same data */
    char other[128];
    login("manager", "demo-manager", other, sizeof other);
    reply second = get("/plans", admin_cookie, NULL);
    assert_non_null(header_value(&second, "ETag", etag2, sizeof etag2));
    assert_string_equal(etag1, etag2);
    reply_free(&second);
    /* a new plan through the web form: a new answer */
    char headers[300], body[200], *raw;
    snprintf(headers, sizeof headers, "Cookie: %s\r\n", admin_cookie);
    snprintf(body, sizeof body, "year=2033&csrf=%s", token);
    assert_int_equal(http_request(port, "POST", "/plans", headers, body, &raw), 303);
    free(raw);
    reply third = get("/plans", admin_cookie, NULL);
    assert_non_null(header_value(&third, "ETag", etag3, sizeof etag3));
    assert_string_not_equal(etag1, etag3);
    assert_non_null(strstr(third.body, "/plans/2033"));
    reply_free(&third);
    free(token);
}

/* The CSRF token in the forms of R; heap. */
static char *form_token(const reply *r)
{
    const char *p = strstr(r->body, "name=\"csrf\" value=\"");
    assert_non_null(p);
    p += strlen("name=\"csrf\" value=\"");
    return strndup(p, strcspn(p, "\""));
}

static void test_cached_page_carries_each_sessions_token(void **state)
{
    (void)state;
    char first[128], second[128];
    login("admin", "demo-admin", first, sizeof first);
    login("admin", "demo-admin", second, sizeof second);
    /* the same user and data: the second answer comes from the cache */
    reply a = get("/reports?year=2024", first, NULL);
    reply b = get("/reports?year=2024", second, NULL);
    char etag_a[128], etag_b[128];
    assert_non_null(header_value(&a, "ETag", etag_a, sizeof etag_a));
    assert_non_null(header_value(&b, "ETag", etag_b, sizeof etag_b));
    assert_string_not_equal(etag_a, etag_b);
    char *ta = form_token(&a), *tb = form_token(&b);
    assert_string_not_equal(ta, tb);
    assert_null(strstr(b.body, ta));
    assert_int_equal(a.body_len, b.body_len);
    free(ta);
    free(tb);
    reply_free(&a);
    reply_free(&b);
}

static void test_cache_stays_within_its_bytes(void **state)
{
    (void)state;
    cache_clear();
    size_t len = 3u * 1024 * 1024;
    char *body = calloc(1, len);
    assert_non_null(body);
    char key[32];
    memcpy(body + len - 4, "tail", 4);
    cache_entry *held = cache_put("held", body, len, "application/json", NULL);
    assert_non_null(held); /* referenced while "being sent" */
    /* a large answer is in a file as well, byte for byte */
    assert_true(cache_fd(held) >= 0);
    char end[4];
    assert_int_equal(pread(cache_fd(held), end, 4, (off_t)len - 4), 4);
    assert_memory_equal(end, "tail", 4);
    cache_entry *small = cache_put("small", "{}", 2, "application/json", NULL);
    assert_non_null(small);
    assert_int_equal(cache_fd(small), -1);
    cache_release(small);
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "k%d", i);
        cache_entry *e = cache_put(key, body, len, "application/json", NULL);
        assert_non_null(e);
        cache_release(e);
        assert_true(cache_bytes() <= CACHE_MAX_BYTES);
    }
    /* evicted, but still readable by the one sending it */
    assert_int_equal(cache_len(held), len);
    cache_release(held);
    assert_null(cache_put("huge", body, CACHE_MAX_ENTRY + 1, "application/json", NULL));
    cache_entry *last = cache_get("k39");
    assert_non_null(last);
    cache_release(last);
    cache_drop_stale("", "nothing");
    assert_int_equal(cache_bytes(), 0);
    free(body);
}

/* A new data version drops the older answers of its organisation only:
 * the other answers of the same version, and other organisations', stay. */
static void test_cache_drops_only_what_went_stale(void **state)
{
    (void)state;
    cache_clear();
    const char *keys[] = {"oa|v1|x", "oa|v2|x", "oa|v2|y", "ob|v1|x", "o|v1|x"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        cache_release(cache_put(keys[i], "{}", 2, "application/json", NULL));
    cache_drop_stale("oa|", "oa|v2|");
    bool there[5];
    for (size_t i = 0; i < 5; i++) {
        cache_entry *e = cache_get(keys[i]);
        there[i] = e != NULL;
        cache_release(e);
    }
    assert_false(there[0]);
    assert_true(there[1] && there[2] && there[3] && there[4]);
    cache_clear();
    /* Through the server: two reports asked in turn are both kept, so each
     * is answered from the cache the second time (before, keeping one
     * dropped the other: every key begins with its organisation). */
    reply a = get("/api/v1/reports/social-balance?year=2025", admin_cookie, NULL);
    reply b = get("/api/v1/reports/training-right?year=2025", admin_cookie, NULL);
    assert_int_equal(a.status, 200);
    assert_int_equal(b.status, 200);
    assert_true(cache_bytes() >= a.body_len + b.body_len);
    reply_free(&a);
    reply_free(&b);
}

static void test_accept_encoding_and_etag_lists(void **state)
{
    (void)state;
    assert_true(accepts_gzip("gzip"));
    assert_true(accepts_gzip("deflate, GZIP;q=0.5"));
    assert_false(accepts_gzip("gzip;q=0"));
    assert_false(accepts_gzip("gzip; q=0.000"));
    assert_false(accepts_gzip("x-gzip2, br"));
    assert_false(accepts_gzip(NULL));
    assert_true(etag_matches("\"a\", \"b\"", "\"b\""));
    assert_true(etag_matches("W/\"b\"", "\"b\""));
    assert_false(etag_matches("\"bc\"", "\"b\""));
    assert_false(etag_matches("\"b-gz\"", "\"b\""));
    assert_true(etag_matches("*", "\"b\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gzip_bodies_unpack_to_the_same_bytes),
        cmocka_unit_test(test_download_is_gzipped_as_it_streams),
        cmocka_unit_test(test_etag_gives_304),
        cmocka_unit_test(test_cache_answers_a_changed_report_after_a_write),
        cmocka_unit_test(test_cache_answers_a_changed_page_after_a_web_write),
        cmocka_unit_test(test_cached_page_carries_each_sessions_token),
        cmocka_unit_test(test_accept_encoding_and_etag_lists),
        cmocka_unit_test(test_cache_stays_within_its_bytes),
        cmocka_unit_test(test_cache_drops_only_what_went_stale),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
