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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_bad_row_is_listed_up_to_100),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
