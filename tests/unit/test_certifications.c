/* test_certifications.c - rule 5 of RULES.md on people, activities and
 * records made by hand; every expected date and status is worked out in the
 * comment beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "core/certifications.h"
#include "core/policy.h"

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

static employee person(const char *id, const char *function, date_t hire, date_t exit)
{
    employee e = {0};
    e.employee_id = id;
    e.function = function;
    e.hire_date = hire;
    e.exit_date = exit;
    return e;
}

static activity act(const char *code, int months, int mandatory, const char *targets)
{
    activity x = {0};
    x.code = code;
    x.validity_months = months;
    x.mandatory = mandatory;
    x.target_functions = targets;
    return x;
}

static cert_record rec(size_t who, size_t what, date_t start, date_t end, int result)
{
    return (cert_record){who, what, start, end, result};
}

/* valid_until: same day of the month, clamped to the month's last day. */
static void test_month_end_clamping(void **state)
{
    (void)state;
    assert_int_equal(cert_valid_until(d(2024, 1, 31), 1), d(2024, 2, 29)); /* leap year */
    assert_int_equal(cert_valid_until(d(2023, 1, 31), 1), d(2023, 2, 28));
    assert_int_equal(cert_valid_until(d(2024, 2, 29), 12), d(2025, 2, 28));
    assert_int_equal(cert_valid_until(d(2024, 2, 29), 48), d(2028, 2, 29));
    assert_int_equal(cert_valid_until(d(2024, 8, 31), 1), d(2024, 9, 30));
    assert_int_equal(cert_valid_until(d(2016, 7, 1), 120), d(2026, 7, 1));
    assert_int_equal(cert_valid_until(d(2025, 11, 30), 3), d(2026, 2, 28)); /* across a year */
    assert_int_equal(cert_valid_until(d(2025, 12, 31), 14), d(2027, 2, 28));
}

/* The boundary days of each status, warn_days 60. */
static void test_status_boundaries(void **state)
{
    (void)state;
    date_t until = d(2026, 7, 1);
    /* 2026-07-01 - 60 days = 2026-05-02 (30 days of May... 1 July - 60 = 2 May) */
    assert_int_equal(until - 60, d(2026, 5, 2));
    assert_int_equal(cert_status_on(until, d(2026, 5, 1), 60), CERT_VALID);
    assert_int_equal(cert_status_on(until, d(2026, 5, 2), 60), CERT_EXPIRING);
    assert_int_equal(cert_status_on(until, d(2026, 7, 1), 60), CERT_EXPIRING); /* last day */
    assert_int_equal(cert_status_on(until, d(2026, 7, 2), 60), CERT_EXPIRED);
    assert_int_equal(cert_status_on(until, d(2026, 7, 1), 0), CERT_EXPIRING);
    assert_int_equal(cert_status_on(until, d(2026, 6, 30), 0), CERT_VALID);
    assert_int_equal(cert_status_on(DATE_NONE, d(2090, 1, 1), 60), CERT_VALID);
}

static void test_target_functions(void **state)
{
    (void)state;
    assert_true(cert_targets_function(NULL, "Operator"));
    assert_true(cert_targets_function("", "Operator"));
    assert_true(cert_targets_function(" | ", "Operator"));
    assert_true(cert_targets_function("Operator|Driver", "Driver"));
    assert_true(cert_targets_function(" Operator | Driver ", "Operator"));
    assert_false(cert_targets_function("Operator|Driver", "operator")); /* exact */
    assert_false(cert_targets_function("Operator|Driver", "Oper"));
    assert_false(cert_targets_function("Operator", "Operator 2"));
    arena a = ARENA_INIT;
    const char *out;
    assert_true(cert_targets_normalize(" Operator |  Driver|| ", 22, &a, &out));
    assert_string_equal(out, "Operator|Driver");
    assert_true(cert_targets_normalize(" | ", 3, &a, &out));
    assert_null(out);
    assert_true(cert_targets_normalize("", 0, &a, &out));
    assert_null(out);
    arena_free(&a);
}

/* The example of DESIGN §4 and the edges of the population and records. */
static void test_report_on_a_day(void **state)
{
    (void)state;
    /* Given out of employee_id order on purpose: the rule sorts them. */
    employee people[] = {
        person("E2", "Operator", d(2010, 1, 1), d(2026, 6, 29)), /* left the day before */
        person("E1", "Operator", d(2010, 1, 1), DATE_NONE),
        person("E3", "Chef", d(2010, 1, 1), d(2026, 6, 30)),      /* leaves that very day */
        person("E10", "Driver", d(2026, 7, 1), DATE_NONE),         /* hired the day after */
        person("E11", "Driver", d(2026, 6, 30), DATE_NONE),        /* hired that day */
    };
    activity acts[] = {
        act("VCA", 120, 1, NULL),              /* 0: certifies, required for all */
        act("EHBO", 24, 1, "Operator|Driver"), /* 1: required for two functions */
        act("HACCP", 24, 0, NULL),             /* 2: certifies, not required */
        act("INTRO", 0, 1, "Chef"),            /* 3: one-off, required for chefs */
        act("EXCEL", 0, 0, NULL),              /* 4: neither: never listed */
    };
    cert_record recs[] = {
        rec(1, 0, d(2016, 7, 1), DATE_NONE, RESULT_COMPLETED),     /* VCA until 2026-07-01 */
        rec(1, 0, d(2015, 1, 1), DATE_NONE, RESULT_COMPLETED),     /* older: ignored */
        rec(1, 0, d(2026, 6, 20), d(2026, 7, 2), RESULT_COMPLETED), /* ends after D: not yet */
        rec(1, 2, d(2024, 1, 10), d(2024, 1, 31), RESULT_COMPLETED), /* HACCP end date counts */
        rec(1, 1, d(2026, 6, 1), DATE_NONE, RESULT_FAILED),        /* failed: no EHBO */
        rec(1, 4, d(2026, 1, 1), DATE_NONE, RESULT_COMPLETED),     /* EXCEL: not listed */
        rec(2, 3, d(2015, 1, 1), DATE_NONE, RESULT_COMPLETED),     /* E3 INTRO: valid */
        rec(2, 0, d(2020, 3, 1), DATE_NONE, RESULT_ONGOING),       /* ongoing: no VCA */
        rec(2, 1, d(2025, 3, 1), DATE_NONE, RESULT_COMPLETED),     /* E3 EHBO: not required
                                                                      but certifies: listed */
        rec(0, 0, d(2025, 1, 1), DATE_NONE, RESULT_COMPLETED),     /* E2 left: not listed */
        rec(4, 1, d(2026, 6, 30), DATE_NONE, RESULT_COMPLETED),    /* E11 on D itself: counts */
    };
    arena a = ARENA_INIT;
    cert_report r;
    assert_true(certifications_on(people, 5, acts, 5, recs, sizeof recs / sizeof *recs,
                                  d(2026, 6, 30), 60, &a, &r));
    /* Order: E1 < E11 < E3 (strcmp), activities EHBO < HACCP < INTRO < VCA. */
    struct {
        const char *who, *code;
        int status;
        date_t achieved, until;
    } want[] = {
        {"E1", "EHBO", CERT_MISSING, DATE_NONE, DATE_NONE},
        {"E1", "HACCP", CERT_EXPIRED, d(2024, 1, 31), d(2026, 1, 31)},
        {"E1", "VCA", CERT_EXPIRING, d(2016, 7, 1), d(2026, 7, 1)},
        {"E11", "EHBO", CERT_VALID, d(2026, 6, 30), d(2028, 6, 30)},
        {"E11", "VCA", CERT_MISSING, DATE_NONE, DATE_NONE},
        {"E3", "EHBO", CERT_VALID, d(2025, 3, 1), d(2027, 3, 1)},
        {"E3", "INTRO", CERT_VALID, d(2015, 1, 1), DATE_NONE},
        {"E3", "VCA", CERT_MISSING, DATE_NONE, DATE_NONE},
    };
    size_t n = sizeof want / sizeof *want;
    assert_int_equal(r.nlines, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(people[r.lines[i].person].employee_id, want[i].who);
        assert_string_equal(acts[r.lines[i].activity].code, want[i].code);
        assert_int_equal(r.lines[i].status, want[i].status);
        assert_int_equal(r.lines[i].achieved, want[i].achieved);
        assert_int_equal(r.lines[i].valid_until, want[i].until);
    }
    assert_int_equal(r.totals[CERT_VALID], 3);
    assert_int_equal(r.totals[CERT_EXPIRING], 1);
    assert_int_equal(r.totals[CERT_EXPIRED], 1);
    assert_int_equal(r.totals[CERT_MISSING], 3);

    /* Three days later the record ending 2026-07-02 counts: VCA valid until
     * 2036-07-02; E3 has left (last day 2026-06-30), E10 is hired. */
    assert_true(certifications_on(people, 5, acts, 5, recs, sizeof recs / sizeof *recs,
                                  d(2026, 7, 3), 60, &a, &r));
    assert_string_equal(people[r.lines[2].person].employee_id, "E1");
    assert_string_equal(acts[r.lines[2].activity].code, "VCA");
    assert_int_equal(r.lines[2].achieved, d(2026, 7, 2));
    assert_int_equal(r.lines[2].valid_until, d(2036, 7, 2));
    assert_int_equal(r.lines[2].status, CERT_VALID);
    assert_string_equal(people[r.lines[3].person].employee_id, "E10"); /* EHBO, VCA missing */
    assert_int_equal(r.nlines, 7); /* E1: 3, E10: 2, E11: 2 */
    arena_free(&a);
}

/* Reminder steps: each due from its day until the next one's. */
static void test_reminder_steps(void **state)
{
    (void)state;
    date_t until = d(2026, 7, 1);
    assert_int_equal(cert_reminder_due(until, until - 91), -1);
    assert_int_equal(cert_reminder_due(until, until - 90), 90);
    assert_int_equal(cert_reminder_due(until, until - 61), 90);
    assert_int_equal(cert_reminder_due(until, until - 60), 60);
    assert_int_equal(cert_reminder_due(until, until - 31), 60);
    assert_int_equal(cert_reminder_due(until, until - 30), 30);
    assert_int_equal(cert_reminder_due(until, until - 1), 30);
    assert_int_equal(cert_reminder_due(until, until), 0);
    assert_int_equal(cert_reminder_due(until, until + POLICY_REMINDER_LATE_DAYS), 0);
    assert_int_equal(cert_reminder_due(until, until + POLICY_REMINDER_LATE_DAYS + 1), -1);
    assert_int_equal(cert_reminder_due(DATE_NONE, until), -1);
}

/* The representatives' totals, min_group 2, by hand: two expired lines of
 * one person are one person: hidden; one valid line each of persons 0 and
 * 1: shown; no one missing: shown. */
static void test_totals_of_few_people(void **state)
{
    (void)state;
    cert_line lines[] = {{0, 0, CERT_EXPIRED, 0, 0}, {0, 1, CERT_EXPIRED, 0, 0},
                         {0, 2, CERT_VALID, 0, 0}, {1, 0, CERT_VALID, 0, 0}};
    cert_report r = {.lines = lines, .nlines = 4, .totals = {2, 0, 2, 0}};
    cert_report_hide_small(&r, 2);
    assert_false(r.hidden[CERT_VALID]);
    assert_false(r.hidden[CERT_EXPIRING]);
    assert_true(r.hidden[CERT_EXPIRED]);
    assert_false(r.hidden[CERT_MISSING]);
    assert_int_equal(r.min_group, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_end_clamping),
        cmocka_unit_test(test_status_boundaries),
        cmocka_unit_test(test_target_functions),
        cmocka_unit_test(test_report_on_a_day),
        cmocka_unit_test(test_reminder_steps),
        cmocka_unit_test(test_totals_of_few_people),
    };
    return cmocka_run_group_tests_name("certifications", tests, NULL, NULL);
}
