/* test_json_out.c - the fast paths of the JSON writer and of the numbers
 * reports write give what the general code gave (issue 16), and the writer
 * never puts out invalid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/date.h"
#include "util/decimal.h"
#include "util/jsonw.h"
#include "util/str.h"
#include "util/text.h"

/* S written as a lone JSON string value. */
static char *json_string_of(const char *s)
{
    str out = STR_INIT;
    jsonw w;
    jw_init(&w, &out, false);
    jw_string(&w, s);
    assert_true(jw_finish(&w));
    return str_steal(&out);
}

static void expect_json(const char *in, const char *want)
{
    char *got = json_string_of(in);
    assert_string_equal(got, want);
    assert_true(utf8_valid(got, strlen(got)));
    free(got);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    /* Well-formed text goes as it is. */
    expect_json("H\xc3\xa9l\xc3\xa8ne \xe2\x82\xac \xf0\x9f\x98\x80",
                  "\"H\xc3\xa9l\xc3\xa8ne \xe2\x82\xac \xf0\x9f\x98\x80\"");
    /* Windows-1252 bytes stored before input was checked: one U+FFFD each. */
    expect_json("H\xe9l\xe8ne", "\"H\xef\xbf\xbdl\xef\xbf\xbdne\"");
    /* A sequence cut short by the end, or by an ASCII byte. */
    expect_json("ab\xc3", "\"ab\xef\xbf\xbd\"");
    expect_json("\xe2\x82x", "\"\xef\xbf\xbdx\"");
    /* Overlong forms, a surrogate, past U+10FFFF, a lone continuation. */
    expect_json("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");
    expect_json("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    expect_json("\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    expect_json("\x80q", "\"\xef\xbf\xbdq\"");
    /* A bad byte next to characters that are escaped. */
    expect_json("\"\xff\n", "\"\\\"\xef\xbf\xbd\\n\"");
    /* Keys go through the same rule. */
    str out = STR_INIT;
    jsonw w;
    jw_init(&w, &out, false);
    jw_object(&w);
    jw_key(&w, "na\xefme");
    jw_int(&w, 1);
    jw_end(&w);
    assert_true(jw_finish(&w));
    assert_string_equal(str_cstr(&out), "{\"na\xef\xbf\xbdme\":1}");
    str_free(&out);
}

static void test_utf8_char_len(void **state)
{
    (void)state;
    size_t skip = 0;
    assert_int_equal(utf8_char_len("a", 1, &skip), 1);
    assert_int_equal(utf8_char_len("\xc3\xa9", 2, &skip), 2);
    assert_int_equal(utf8_char_len("\xe2\x82\xac", 3, &skip), 3);
    assert_int_equal(utf8_char_len("\xf0\x9f\x98\x80", 4, &skip), 4);
    assert_int_equal(utf8_char_len("\xe2\x82", 2, &skip), 0);
    assert_int_equal(skip, 2); /* the start that was well-formed so far */
    assert_int_equal(utf8_char_len("\xe0\x80\x80", 3, &skip), 0);
    assert_int_equal(skip, 1); /* overlong from its second byte on */
    assert_int_equal(utf8_char_len("\xc3", 5, &skip), 0); /* the NUL after it ends it */
    assert_int_equal(skip, 1);
}

/* What jw_fraction wrote before its fast path: fraction_format, then the
 * trailing zeros dropped. */
static void reference_fraction(__int128 num, __int128 den, int places, char *buf)
{
    if (den == 0 || !fraction_format(num, den, places, buf, 64)) {
        memcpy(buf, "0", 2);
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
        memcpy(buf, "0", 2);
}

static void expect_fraction(__int128 num, __int128 den, int places)
{
    char want[64];
    reference_fraction(num, den, places, want);
    str out = STR_INIT;
    jsonw w;
    jw_init(&w, &out, false);
    jw_fraction(&w, num, den, places);
    assert_true(jw_finish(&w));
    assert_string_equal(str_cstr(&out), want);
    str_free(&out);
}

static void test_fractions_as_before(void **state)
{
    (void)state;
    /* Hand-picked: halves round away from zero, zeros dropped. */
    expect_fraction(1250, 100, 2);
    expect_fraction(-1250, 100, 2);
    expect_fraction(5, 1000, 2);   /* 0.005 -> 0.01 */
    expect_fraction(-5, 1000, 2);  /* -0.005 -> -0.01 */
    expect_fraction(-4, 1000, 2);  /* -0.004 -> 0 */
    expect_fraction(1, 3, 4);
    expect_fraction(2, 3, 0);
    expect_fraction(7, -2, 2);     /* a negative denominator */
    expect_fraction(7, 0, 2);
    expect_fraction(INT64_MAX, 1, 2);                       /* beyond 64 bits scaled */
    expect_fraction((__int128)INT64_MAX * 1000, 7, 2);      /* beyond 64 bits */
    expect_fraction(-(__int128)INT64_MAX * 1000, 7, 4);
    /* And many pseudo-random ones of the sizes the training right writes. */
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int64_t num = (int64_t)(x % 2000000000000000ull) - 1000000000000000;
        int64_t den = (int64_t)(x >> 40) % 100000000 + 1;
        expect_fraction(num, den, (int)(x % 5));
    }
}

static void test_div_round128(void **state)
{
    (void)state;
    assert_true(div_round128(5, 2) == 3);
    assert_true(div_round128(-5, 2) == -3);
    assert_true(div_round128(4, 3) == 1);
    assert_true(div_round128(-4, 3) == -1);
    __int128 big = (__int128)INT64_MAX * 4;
    assert_true(div_round128(big + 2, 4) == (__int128)INT64_MAX + 1); /* .5 rounds up */
    assert_true(div_round128(INT64_MAX, 1) == INT64_MAX);
    assert_true(div_round128(INT64_MIN, 1) == INT64_MIN);
}

static void test_integers(void **state)
{
    (void)state;
    str out = STR_INIT;
    jsonw w;
    jw_init(&w, &out, true);
    jw_array(&w);
    jw_int(&w, 0);
    jw_int(&w, -7);
    jw_int(&w, INT64_MAX);
    jw_int(&w, INT64_MIN);
    jw_end(&w);
    assert_true(jw_finish(&w));
    assert_string_equal(str_cstr(&out), "[\n  0,\n  -7,\n  9223372036854775807,\n"
                                        "  -9223372036854775808\n]\n");
    str_free(&out);
}

/* A key longer than the writer's one-piece buffer is still written whole. */
static void test_long_key(void **state)
{
    (void)state;
    char key[301];
    memset(key, 'k', 300);
    key[300] = '\0';
    str out = STR_INIT;
    jsonw w;
    jw_init(&w, &out, true);
    jw_object(&w);
    jw_key(&w, key);
    jw_string(&w, "v");
    jw_end(&w);
    assert_true(jw_finish(&w));
    str want = STR_INIT;
    str_printf(&want, "{\n  \"%s\": \"v\"\n}\n", key);
    assert_string_equal(str_cstr(&out), str_cstr(&want));
    str_free(&out);
    str_free(&want);
}

/* Months employed, the fast path against counting month by month. */
static void test_months_employed(void **state)
{
    (void)state;
    for (int hy = 2022; hy <= 2026; hy++)
        for (int hm = 1; hm <= 12; hm += 5)
            for (int ey = 2023; ey <= 2027; ey++)
                for (int em = 1; em <= 12; em += 4) {
                    date_t hire = date_from_ymd(hy, hm, hm == 1 ? 1 : 15);
                    date_t exit = ey == 2027 ? DATE_NONE : date_from_ymd(ey, em, em == 12 ? 31 : 3);
                    if (exit != DATE_NONE && exit < hire)
                        continue;
                    int months = 0;
                    for (int m = 1; m <= 12; m++) {
                        date_t first = date_from_ymd(2025, m, 1);
                        date_t last = first + date_days_in_month(2025, m) - 1;
                        if (hire <= last && (exit == DATE_NONE || exit >= first))
                            months++;
                    }
                    assert_int_equal(date_months_employed(hire, exit, 2025), months);
                }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invalid_utf8_replaced), cmocka_unit_test(test_utf8_char_len),
        cmocka_unit_test(test_fractions_as_before),   cmocka_unit_test(test_div_round128),
        cmocka_unit_test(test_integers),              cmocka_unit_test(test_long_key),
        cmocka_unit_test(test_months_employed),
    };
    return cmocka_run_group_tests_name("json_out", tests, NULL, NULL);
}
