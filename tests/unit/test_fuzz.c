/* test_fuzz.c - the parsers fed with many random and mutated inputs, from a
 * fixed seed so every run is the same. In the sanitizer build any overrun or
 * undefined behaviour fails the test; everywhere the invariants below must
 * hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/import.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/decimal.h"
#include "util/jsonw.h"
#include "util/text.h"
#include "app/html.h"
#include "web/http.h"

#define ROUNDS 50000

static uint64_t seed;

static uint32_t rnd(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed % n);
}

/* Fills BUF with N bytes drawn mostly from ALPHABET, sometimes any byte. */
static void fill(char *buf, size_t n, const char *alphabet)
{
    size_t k = strlen(alphabet);
    for (size_t i = 0; i < n; i++)
        buf[i] = rnd(10) ? alphabet[rnd((uint32_t)k)] : (char)rnd(256);
}

/* Changes a few bytes of BUF. */
static void mutate(char *buf, size_t n, const char *alphabet)
{
    for (int k = (int)rnd(4); n && k >= 0; k--) {
        size_t at = rnd((uint32_t)n);
        buf[at] = rnd(3) ? alphabet[rnd((uint32_t)strlen(alphabet))] : (char)rnd(256);
    }
}

static void test_csv_reader(void **state)
{
    (void)state;
    seed = 1;
    char buf[512];
    for (int round = 0; round < ROUNDS; round++) {
        size_t n = rnd(sizeof buf);
        fill(buf, n, "ab1,;\"\"\r\n \t");
        csv_reader r;
        csv_open(&r, buf, n);
        int rc, records = 0;
        long last_line = 0;
        while ((rc = csv_next(&r)) > 0) {
            for (size_t f = 0; f < r.nfields; f++) {
                assert_true(r.fields[f].p >= buf);
                assert_true(r.fields[f].p + r.fields[f].len <= buf + n);
            }
            assert_true(r.record_line >= last_line);
            last_line = r.record_line;
            assert_true(++records <= (int)n + 1);
        }
        assert_true(rc == 0 || (rc == -1 && r.error));
        csv_close(&r);
    }
}

static void test_numbers_and_dates(void **state)
{
    (void)state;
    seed = 2;
    char buf[32], out[64];
    for (int round = 0; round < ROUNDS; round++) {
        size_t n = rnd(16);
        fill(buf, n, "0123456789.,-");
        int64_t v;
        decimal_status st = decimal_parse(buf, n, 2, &v);
        assert_true(st >= DECIMAL_OK && st <= DECIMAL_RANGE);
        if (st == DECIMAL_OK) {
            /* what was read writes back and reads again the same */
            assert_true(decimal_format(v, 2, 2, out, sizeof out));
            int64_t again;
            assert_int_equal(decimal_parse(out, strlen(out), 2, &again), DECIMAL_OK);
            assert_true(again == v);
        }
        fill(buf, 10, "0123456789-/");
        date_t d;
        if (date_parse(buf, 10, &d)) {
            char text[DATE_TEXT_SIZE];
            date_format(d, text);
            date_t again;
            assert_true(date_parse(text, 10, &again));
            assert_int_equal(again, d);
        }
    }
}

/* The edges the libFuzzer target found (tests/fuzz/corpus/fuzz_numbers/crash-*):
 * the largest number reads, one more is out of range, not an overflow, and
 * rounding by a huge divisor does not overflow either. */
static void test_number_limits(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(decimal_parse("9223372036854775807", 19, 0, &v), DECIMAL_OK);
    assert_true(v == INT64_MAX);
    assert_int_equal(decimal_parse("9223372036854775808", 19, 0, &v), DECIMAL_RANGE);
    assert_int_equal(decimal_parse("9223372036854775809", 19, 0, &v), DECIMAL_RANGE);
    assert_int_equal(decimal_parse("-9223372036854775808", 20, 0, &v), DECIMAL_RANGE);
    assert_int_equal(decimal_parse("92233720368547758,07", 20, 2, &v), DECIMAL_OK);
    assert_true(v == INT64_MAX);
    assert_true(div_round(INT64_MAX - 1, INT64_MAX) == 1);
    assert_true(div_round(INT64_MAX / 2, INT64_MAX) == 0);
    assert_true(div_round(-(INT64_MAX - 1), INT64_MAX) == -1);
    assert_true(div_round(7, 2) == 4 && div_round(-7, 2) == -4 && div_round(5, 3) == 2);
}

static void test_forms_and_multipart(void **state)
{
    (void)state;
    seed = 3;
    const char *valid = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"
                        "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"t.csv\"\r\n"
                        "\r\nid;x\r\n1;2\r\n--B--\r\n";
    char buf[512];
    for (int round = 0; round < ROUNDS; round++) {
        arena a = ARENA_INIT;
        request req;
        assert_true(request_init(&req, &a, NULL, "POST", "/x"));
        size_t n = rnd(128);
        fill(buf, n, "ab=&%+2F");
        assert_true(params_parse_urlencoded(&a, &req.form, buf, n));
        for (size_t i = 0; i < req.form.n; i++)
            assert_true(strlen(req.form.v[i].value) <= req.form.v[i].value_len);
        params_parse_cookies(&a, &req.cookies, "a=b; c=; =d; e");
        n = strlen(valid);
        memcpy(buf, valid, n);
        mutate(buf, n, "-B\r\n\"=;");
        request_parse_multipart(&req, "multipart/form-data; boundary=B", buf, n);
        for (size_t i = 0; i < req.nuploads; i++)
            assert_true(strlen(req.uploads[i].data) <= req.uploads[i].len);
        arena_free(&a);
    }
}

static void test_import_rows(void **state)
{
    (void)state;
    seed = 4;
    const char *valid = "employee_id;first_name;last_name;gender;birth_date;hire_date;"
                        "department;function;category;contract;fte;education\r\n"
                        "E1;A;B;F;01/02/1990;2020-01-01;D;F;blue_collar;permanent;0,8;low\r\n";
    char buf[512];
    for (int round = 0; round < ROUNDS; round++) {
        size_t n = strlen(valid);
        memcpy(buf, valid, n);
        mutate(buf, n, ";,\"0123456789/-.\r\nFMX");
        arena a = ARENA_INIT;
        import_log log;
        import_log_init(&log, &a);
        csv_reader r;
        csv_open(&r, buf, n);
        import_header h;
        if (import_read_header(&log, &r, IMPORT_EMPLOYEES, &h)) {
            while (csv_next(&r) > 0) {
                employee e;
                if (import_parse_employee(&log, &h, &r, &a, &e)) {
                    assert_true(e.fte > 0 && e.fte <= 10000);
                    assert_true(e.exit_date == DATE_NONE || e.exit_date >= e.hire_date);
                    assert_non_null(e.employee_id);
                }
            }
        }
        assert_true(log.nrows <= IMPORT_MAX_ROWS && log.kept <= log.total);
        csv_close(&r);
        arena_free(&a);
    }
}

static void test_escaping_and_json(void **state)
{
    (void)state;
    seed = 5;
    char buf[128];
    for (int round = 0; round < ROUNDS; round++) {
        size_t n = rnd(sizeof buf - 1);
        fill(buf, n, "<>&\"'ab\\\n");
        buf[n] = '\0';
        size_t len = strlen(buf);
        str html = STR_INIT;
        html_escape(&html, buf, len);
        assert_null(strpbrk(str_cstr(&html), "<>\"'"));
        str_free(&html);
        /* any text becomes valid UTF-8, then valid JSON */
        char *u = utf8_valid(buf, len) ? strdup(buf) : cp1252_to_utf8(buf, len, &len);
        assert_non_null(u);
        assert_true(utf8_valid(u, strlen(u)));
        str text = STR_INIT;
        jsonw w;
        jw_init(&w, &text, rnd(2));
        jw_object(&w);
        jw_key(&w, u);
        jw_string(&w, u);
        jw_end(&w);
        assert_true(jw_finish(&w));
        json_error_t err;
        json_t *j = json_loads(str_cstr(&text), JSON_ALLOW_NUL, &err);
        if (!j)
            fail_msg("not JSON: %s (%s)", str_cstr(&text), err.text);
        assert_string_equal(json_string_value(json_object_get(j, u)), u);
        json_decref(j);
        str_free(&text);
        free(u);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reader),         cmocka_unit_test(test_numbers_and_dates),
        cmocka_unit_test(test_forms_and_multipart), cmocka_unit_test(test_import_rows),
        cmocka_unit_test(test_escaping_and_json), cmocka_unit_test(test_number_limits),
    };
    return cmocka_run_group_tests_name("fuzz", tests, NULL, NULL);
}
