/* test_html.c - the escaping writer and URL encoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "app/html.h"
#include "util/arena.h"
#include "util/i18n.h"
#include "util/table.h"

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

/* A colon of the format that joins a label to its value gets French
 * typography (a no-break space before it); nothing else changes. */
static void test_label_colon_follows_the_language(void **state)
{
    (void)state;
    const char *fmt = "<li>%s: %d</li><li><a href=\"%s\">%s</a>: %s</li>%s:%s";
    str s = STR_INIT;
    i18n_set_lang("fr");
    assert_true(html_printf(&s, fmt, "État", 3, "https://x.example/a:b", "Lien", "oui", "10",
                            "30"));
    assert_string_equal(str_cstr(&s), "<li>État\u00a0: 3</li><li><a href=\"https://x.example/"
                                      "a:b\">Lien</a>\u00a0: oui</li>10:30");
    str_free(&s);
    /* a translated format that has its space already, and a value's own colon */
    assert_true(html_printf(&s, "%s : %s", "Bilan social", "formation: oui"));
    assert_string_equal(str_cstr(&s), "Bilan social : formation: oui");
    str_free(&s);
    assert_true(html_printf(&s, ": %s", "début"));
    assert_string_equal(str_cstr(&s), ": début");
    str_free(&s);
    assert_true(html_printf(&s, "%s: %s", "voilà", "oui")); /* à ends in 0xA0 too */
    assert_string_equal(str_cstr(&s), "voilà\u00a0: oui");
    str_free(&s);
    assert_true(html_printf(&s, "<li>%s:", "Bilan social"));
    assert_string_equal(str_cstr(&s), "<li>Bilan social\u00a0:");
    str_free(&s);
    i18n_set_lang("nl");
    assert_true(html_printf(&s, fmt, "Status", 3, "https://x.example/a:b", "Link", "ja", "10",
                            "30"));
    assert_string_equal(str_cstr(&s), "<li>Status: 3</li><li><a href=\"https://x.example/a:b\">"
                                      "Link</a>: ja</li>10:30");
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

/* A table of three rows: as counted, hidden by the privacy rule, and two
 * small groups taken together (SMALL false: the last two as counted too). */
static bool privacy_table(arena *a, bool small, report_table *t)
{
    static const char *const columns[] = {"group", "headcount", "suppressed", "combined", NULL};
    if (!table_new(a, columns, 3, t))
        return false;
    const char *names[] = {"a", "b", "c + d"};
    for (size_t r = 0; r < 3; r++) {
        cell *c = &t->cells[r * 4];
        c[0] = cell_text(names[r]);
        c[1] = small && r == 1 ? cell_empty() : cell_number(5 + (int64_t)r, 0);
        c[2] = cell_code(small && r == 1 ? "yes" : "no");
        c[3] = cell_code(small && r == 2 ? "yes" : "no");
    }
    return true;
}

/* Pages fold the privacy rule's two yes/no columns into one note, and show
 * it only when some row is hidden or combined. */
static void test_privacy_columns_fold_into_one_note(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    report_table t;
    str s = STR_INIT;
    i18n_set_lang("en");
    assert_true(privacy_table(&a, true, &t));
    assert_true(html_table(&s, &t, "groups", "en"));
    const char *html = str_cstr(&s);
    assert_null(strstr(html, ">suppressed<"));
    assert_null(strstr(html, ">combined<"));
    assert_null(strstr(html, ">no<"));
    assert_non_null(strstr(html, "<th scope=\"col\">privacy rule</th>"));
    assert_non_null(strstr(html, "<th scope=\"row\">b</th><td></td><td class=\"note\">"
                                 "hidden: fewer people than the minimum group</td>"));
    assert_non_null(strstr(html, "<td class=\"note\">small groups taken together</td>"));
    assert_non_null(strstr(html, "<th scope=\"row\">a</th><td class=\"num\">5</td>"
                                 "<td class=\"note\"></td>"));
    str_free(&s);
    assert_true(privacy_table(&a, false, &t));
    assert_true(html_table(&s, &t, "groups", "en"));
    assert_null(strstr(str_cstr(&s), "privacy rule"));
    assert_non_null(strstr(str_cstr(&s), "<th scope=\"row\">b</th><td class=\"num\">6</td></tr>"));
    str_free(&s);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_by_default),
        cmocka_unit_test(test_numbers_and_widths),
        cmocka_unit_test(test_raw_is_raw),
        cmocka_unit_test(test_label_colon_follows_the_language),
        cmocka_unit_test(test_url_encode),
        cmocka_unit_test(test_privacy_columns_fold_into_one_note),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
