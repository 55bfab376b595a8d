/* test_html.c - the escaping writer and URL encoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "app/html.h"

static void test_escapes_by_default(void **state)
{
    (void)state;
    str s = STR_INIT;
    assert_true(html_printf(&s, "<p title=\"%s\">%s</p>", "a\"b", "<script>alert(1)</script>"));
    assert_string_equal(str_cstr(&s),
                        "<p title=\"a&quot;b\">&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    str_free(&s);
    assert_true(html_printf(&s, "%s & %s", "Tom & Jerry", "O'Neil"));
    assert_string_equal(str_cstr(&s), "Tom &amp; Jerry & O&#39;Neil");
    str_free(&s);
}

static void test_numbers_and_widths(void **state)
{
    (void)state;
    str s = STR_INIT;
    assert_true(html_printf(&s, "%d|%5d|%-3d|%lld|%zu|%u|%x|%%|%.2f|%c", -7, 42, 1,
                            (long long)1 << 40, (size_t)9, 3u, 255u, 1.005, '<'));
    assert_string_equal(str_cstr(&s), "-7|   42|1  |1099511627776|9|3|ff|%|1.00|&lt;");
    str_free(&s);
    assert_true(html_printf(&s, "[%.3s][%.*s]", "abcdef", 2, "<<<<"));
    assert_string_equal(str_cstr(&s), "[abc][&lt;&lt;]");
    str_free(&s);
}

static void test_raw_is_raw(void **state)
{
    (void)state;
    str s = STR_INIT;
    html_raw(&s, "<br>");
    assert_string_equal(str_cstr(&s), "<br>");
    str_free(&s);
}

static void test_url_encode(void **state)
{
    (void)state;
    str s = STR_INIT;
    url_encode(&s, "a b/é?&=x_y-z.~");
    assert_string_equal(str_cstr(&s), "a%20b%2F%C3%A9%3F%26%3Dx_y-z.~");
    str_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_by_default),
        cmocka_unit_test(test_numbers_and_widths),
        cmocka_unit_test(test_raw_is_raw),
        cmocka_unit_test(test_url_encode),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
