/* test_contract.c - DESIGN §4 read as a hostile tester would: the corners of
 * the import files, the command line and the report formats that the other
 * suites leave out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "util/str.h"

#define HEAD "employee_id,first_name,last_name,gender,birth_date,hire_date,department," \
             "function,category,contract,fte,education\n"

/* "the error report lists every bad row (up to 100)": rows, not problems. A
 * file of 120 rows with two problems each lists the first 100 rows, both
 * problems of each, and counts the rest. */
static void test_every_bad_row_is_listed_up_to_100(void **state)
{
    (void)state;
    const char *db = test_path("rows.db");
    str text = STR_INIT;
    str_puts(&text, HEAD);
    for (int i = 0; i < 120; i++)
        str_printf(&text, "R%d,A,B,Q,1990-01-01,2020-01-01,D,F,nope,permanent,1,low\n", i);
    char args[512], *out;
    snprintf(args, sizeof args, "import employees %s 2>&1", write_file("rows.csv", text.p));
    str_free(&text);
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "rows.csv:2: column gender"));
    assert_non_null(strstr(out, "rows.csv:2: column category"));
    assert_non_null(strstr(out, "rows.csv:101: column gender")); /* the 100th bad row */
    assert_non_null(strstr(out, "rows.csv:101: column category"));
    assert_null(strstr(out, "rows.csv:102:")); /* the 101st is counted, not listed */
    assert_non_null(strstr(out, "... and 40 more problems"));
    assert_non_null(strstr(out, "240 problems found"));
    free(out);
}

/* The participation page of the command line shows each rate with the four
 * decimals of the JSON (0.6514 as 65.14%), not one digit fewer. */
static void test_participation_html_keeps_the_rate(void **state)
{
    (void)state;
    const char *db = test_path("part.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    char *json, *html;
    assert_int_equal(gp(db, "report participation --year 2026 --by age", NULL, &json), 0);
    assert_int_equal(gp(db, "report participation --year 2026 --by age --format html", NULL, &html),
                     0);
    size_t rates = 0;
    for (const char *at = strstr(json, "\"rate\": "); at; at = strstr(at + 1, "\"rate\": ")) {
        const char *v = at + strlen("\"rate\": ");
        if (strncmp(v, "0.", 2) != 0)
            continue;
        char digits[5] = "0000", cell[64];
        for (size_t i = 0; i < 4 && v[2 + i] >= '0' && v[2 + i] <= '9'; i++)
            digits[i] = v[2 + i];
        int whole = (digits[0] - '0') * 10 + (digits[1] - '0');
        snprintf(cell, sizeof cell, "<td class=\"num\">%d.%c%c%%</td>", whole, digits[2], digits[3]);
        assert_non_null(strstr(html, cell));
        rates++;
    }
    assert_true(rates >= 3);
    free(json);
    free(html);
    /* the social balance's rows and the training right's total by their
     * labels, where the CSV keeps the codes */
    assert_int_equal(gp(db, "report social-balance --year 2026 --format html", NULL, &html), 0);
    assert_non_null(strstr(html, "<th scope=\"row\">formal</th><td>man</td>"));
    assert_non_null(strstr(html, "<td>gender X</td>"));
    assert_null(strstr(html, "<td>M</td>"));
    free(html);
    assert_int_equal(gp(db, "report social-balance --year 2026 --format csv", NULL, &html), 0);
    assert_non_null(strstr(html, "\nformal,M,"));
    free(html);
}

/* Exit statuses: 1 bad input (naming file, line and column), 2 usage; and a
 * usage message names every report and every export, the last ones too. */
static void test_exit_statuses_and_usage_lists(void **state)
{
    (void)state;
    const char *db = test_path("cli.db");
    char *out;
    assert_int_equal(gp(db, "init >/dev/null 2>&1", NULL, NULL), 0);
    assert_int_equal(gp(db, "frobnicate 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "report social-balance --year 2025 --frob 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "import employees 2>/dev/null", NULL, NULL), 2);
    assert_int_equal(gp(db, "import staff x.csv 2>/dev/null", NULL, NULL), 2);
    char args[512];
    snprintf(args, sizeof args, "import employees %s 2>&1",
             write_file("bad.csv", HEAD "E1,A,B,F,5/03/79,2020-01-01,D,F,arbeider,vast,1,laag\n"));
    assert_int_equal(gp(db, args, NULL, &out), 1);
    assert_non_null(strstr(out, "bad.csv:2: column birth_date: value '5/03/79'"));
    free(out);
    assert_int_equal(gp(db, "report 2>&1", NULL, &out), 2);
    assert_non_null(strstr(out, "certifications, gaps, onboarding, plan or sector"));
    free(out);
    assert_int_equal(gp(db, "report social-balance --year 2025 --date 2025-01-01 2>&1", NULL, &out),
                     2);
    assert_non_null(strstr(out, "--date is for certifications, gaps and onboarding"));
    free(out);
    assert_int_equal(gp(db, "export 2>&1", NULL, &out), 2);
    assert_non_null(strstr(out, "assessments or mentors"));
    free(out);
}

/* "backup FILE / restore FILE": a restore into a database file that does
 * not exist yet has nothing to replace and needs no --yes, also in a script;
 * over an existing one it still asks. (A site's organisation always exists:
 * SQLite only.) */
static void test_restore_into_a_new_file_needs_no_yes(void **state)
{
    (void)state;
    if (test_pg()) {
        skip();
        return;
    }
    const char *db = test_path("orig.db"), *bak = test_path("orig.bak");
    const char *fresh = test_path("fresh.db");
    assert_int_equal(gp(db, "demo >/dev/null", NULL, NULL), 0);
    char args[600];
    snprintf(args, sizeof args, "backup %s >/dev/null", bak);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
    snprintf(args, sizeof args, "restore %s >/dev/null", bak);
    assert_int_equal(gp(fresh, args, NULL, NULL), 0);
    static const char *const exports[] = {"export employees", "export learning",
                                          "report training-right --year 2026"};
    for (size_t i = 0; i < 3; i++) {
        char *was, *now;
        assert_int_equal(gp(db, exports[i], NULL, &was), 0);
        assert_int_equal(gp(fresh, exports[i], NULL, &now), 0);
        assert_true(strlen(was) > 100);
        assert_string_equal(now, was);
        free(was);
        free(now);
    }
    snprintf(args, sizeof args, "restore %s 2>/dev/null", bak);
    assert_int_equal(gp(db, args, NULL, NULL), 2); /* a database is there: --yes */
    snprintf(args, sizeof args, "restore %s --yes >/dev/null", bak);
    assert_int_equal(gp(db, args, NULL, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_bad_row_is_listed_up_to_100),
        cmocka_unit_test(test_participation_html_keeps_the_rate),
        cmocka_unit_test(test_exit_statuses_and_usage_lists),
        cmocka_unit_test(test_restore_into_a_new_file_needs_no_yes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
