/* test_onboarding.c - rule 7 (RULES.md): newcomers, the mentor of each,
 * late and inexperienced mentors, with hand-computed cases and the edges of
 * the month arithmetic; the sign-off rules of trajectories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/onboarding.h"

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

static const onboarding_settings defaults = {6, 12, 3};

/* The report of PEOPLE (sorted) and ASSIGN on DAY with defaults. */
static onboarding_report run(arena *a, const onboarding_person *people, size_t n,
                             const mentor_assignment *assign, size_t nassign, date_t day)
{
    onboarding_report r;
    assert_true(onboarding_report_for(people, n, assign, nassign, &defaults, day, a, &r));
    return r;
}

static void test_newcomer_window(void **state)
{
    (void)state;
    /* 2026-01-31 + 6 months = 2026-07-31: a newcomer up to the day before. */
    onboarding_person p = {"E1", d(2026, 1, 31), DATE_NONE};
    assert_true(onboarding_is_newcomer(&p, d(2026, 1, 31), 6));
    assert_true(onboarding_is_newcomer(&p, d(2026, 7, 30), 6));
    assert_false(onboarding_is_newcomer(&p, d(2026, 7, 31), 6));
    assert_false(onboarding_is_newcomer(&p, d(2026, 1, 30), 6)); /* not hired yet */
    /* 2025-08-31 + 6 months clamps to 2026-02-28. */
    onboarding_person q = {"E2", d(2025, 8, 31), DATE_NONE};
    assert_true(onboarding_is_newcomer(&q, d(2026, 2, 27), 6));
    assert_false(onboarding_is_newcomer(&q, d(2026, 2, 28), 6));
    /* Left: no longer employed, so no longer a newcomer. */
    onboarding_person gone = {"E3", d(2026, 1, 1), d(2026, 2, 15)};
    assert_true(onboarding_is_newcomer(&gone, d(2026, 2, 15), 6));
    assert_false(onboarding_is_newcomer(&gone, d(2026, 2, 16), 6));
    /* newcomer_months is a setting: 3 months. */
    assert_false(onboarding_is_newcomer(&p, d(2026, 4, 30), 3));
    assert_true(onboarding_is_newcomer(&p, d(2026, 4, 29), 3));
}

static void test_active_assignment(void **state)
{
    (void)state;
    onboarding_person mentor = {"M1", d(2020, 1, 1), d(2026, 3, 31)};
    mentor_assignment a = {1, "E1", "M1", d(2026, 3, 1), d(2026, 3, 20)};
    assert_false(onboarding_assignment_active(&a, &mentor, d(2026, 2, 28))); /* not yet */
    assert_true(onboarding_assignment_active(&a, &mentor, d(2026, 3, 1)));
    assert_true(onboarding_assignment_active(&a, &mentor, d(2026, 3, 20))); /* to included */
    assert_false(onboarding_assignment_active(&a, &mentor, d(2026, 3, 21)));
    a.to = DATE_NONE;
    assert_true(onboarding_assignment_active(&a, &mentor, d(2026, 3, 31)));
    assert_false(onboarding_assignment_active(&a, &mentor, d(2026, 4, 1))); /* mentor left */
    assert_false(onboarding_assignment_active(&a, NULL, d(2026, 3, 5))); /* unknown mentor */
    mentor_assignment self = {2, "M1", "M1", d(2026, 3, 1), DATE_NONE};
    assert_false(onboarding_assignment_active(&self, &mentor, d(2026, 3, 5)));
}

static void test_inexperienced_clamps(void **state)
{
    (void)state;
    /* Hired 2025-02-28 + 12 months = 2026-02-28. */
    assert_true(onboarding_inexperienced(d(2025, 2, 28), d(2026, 2, 27), 12));
    assert_false(onboarding_inexperienced(d(2025, 2, 28), d(2026, 2, 28), 12));
    /* Hired on a leap day: 2024-02-29 + 12 months = 2025-02-28. */
    assert_true(onboarding_inexperienced(d(2024, 2, 29), d(2025, 2, 27), 12));
    assert_false(onboarding_inexperienced(d(2024, 2, 29), d(2025, 2, 28), 12));
    /* 2025-03-31 + 11 months = 2026-02-28. */
    assert_true(onboarding_inexperienced(d(2025, 3, 31), d(2026, 2, 27), 11));
    assert_false(onboarding_inexperienced(d(2025, 3, 31), d(2026, 2, 28), 11));
}

static void test_hand_computed_report(void **state)
{
    (void)state;
    /* The organisation of the hand-computed case, sorted by employee_id. */
    const onboarding_person org[] = {
        {"E10", d(2026, 3, 2), DATE_NONE},  /* newcomer, two mentors from the same day */
        {"E11", d(2026, 2, 1), DATE_NONE},  /* newcomer, first mentor late, then another */
        {"E12", d(2026, 4, 1), DATE_NONE},  /* newcomer, only a future assignment */
        {"E13", d(2026, 1, 5), DATE_NONE},  /* newcomer, mentor left */
        {"E14", d(2025, 6, 1), DATE_NONE},  /* no longer a newcomer on 2026-06-30 */
        {"E15", d(2026, 5, 4), DATE_NONE},  /* newcomer, on time but inexperienced mentor */
        {"E16", d(2026, 1, 1), DATE_NONE},  /* newcomer, mentor from day one, ended, none now */
        {"M1", d(2010, 1, 1), DATE_NONE},
        {"M2", d(2015, 1, 1), d(2026, 5, 31)},
        {"M3", d(2025, 9, 1), DATE_NONE},   /* 12 months on 2026-09-01 */
        {"M9", d(2012, 1, 1), DATE_NONE},
    };

    const mentor_assignment assigned[] = {
        {1, "E10", "M1", d(2026, 3, 2), DATE_NONE},
        {2, "E10", "M9", d(2026, 3, 2), DATE_NONE},          /* tie: "M9" > "M1" */
        {3, "E11", "M1", d(2026, 2, 10), d(2026, 3, 31)},    /* earliest: after hire */
        {4, "E11", "M9", d(2026, 4, 1), DATE_NONE},
        {5, "E12", "M1", d(2026, 7, 1), DATE_NONE},          /* after D: not yet */
        {6, "E13", "M2", d(2026, 1, 5), DATE_NONE},          /* M2 left on 2026-05-31 */
        {7, "E15", "M3", d(2026, 5, 4), DATE_NONE},
        {8, "E16", "M1", d(2026, 1, 1), d(2026, 4, 30)},
        {9, "E14", "M1", d(2025, 7, 1), DATE_NONE},          /* late, but not a newcomer */
    };

    arena a = ARENA_INIT;
    onboarding_report r = run(&a, org, sizeof org / sizeof *org, assigned,
                              sizeof assigned / sizeof *assigned, d(2026, 6, 30));
    assert_int_equal(r.nlines, 6);
    /* E10: the tie goes to the highest mentor id; hired the same day. */
    assert_string_equal(org[r.lines[0].person].employee_id, "E10");
    assert_string_equal(r.lines[0].mentor, "M9");
    assert_int_equal(r.lines[0].mentor_from, d(2026, 3, 2));
    assert_int_equal(r.lines[0].issues, 0);
    /* E11: the earliest assignment (ended) started after hiring: late. */
    assert_string_equal(r.lines[1].mentor, "M9");
    assert_int_equal(r.lines[1].issues, ISSUE_LATE);
    /* E12: an assignment from after D does not exist yet: only no_mentor. */
    assert_null(r.lines[2].mentor);
    assert_int_equal(r.lines[2].mentor_from, DATE_NONE);
    assert_int_equal(r.lines[2].issues, ISSUE_NO_MENTOR);
    /* E13: the mentor left; the guide was there from day one. */
    assert_null(r.lines[3].mentor);
    assert_int_equal(r.lines[3].issues, ISSUE_NO_MENTOR);
    /* E15: M3 hired 2025-09-01 + 12 months is after 2026-05-04. */
    assert_string_equal(org[r.lines[4].person].employee_id, "E15");
    assert_string_equal(r.lines[4].mentor, "M3");
    assert_int_equal(r.lines[4].issues, ISSUE_INEXPERIENCED);
    /* E16: guided from the first day, the guidance ended: no mentor now. */
    assert_int_equal(r.lines[5].issues, ISSUE_NO_MENTOR);
    assert_int_equal(r.newcomers, 6);
    assert_int_equal(r.with_mentor, 3);
    assert_int_equal(r.no_mentor, 3);
    assert_int_equal(r.late, 1);
    assert_int_equal(r.inexperienced, 1);
    arena_free(&a);
}

static void test_no_mentor_and_late_together(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    const onboarding_person people[] = {{"E1", d(2026, 1, 1), DATE_NONE},
                                        {"M1", d(2000, 1, 1), DATE_NONE}};
    const mentor_assignment late_ended[] = {{1, "E1", "M1", d(2026, 1, 2), d(2026, 2, 1)}};
    onboarding_report r = run(&a, people, 2, late_ended, 1, d(2026, 3, 1));
    assert_int_equal(r.nlines, 1);
    assert_int_equal(r.lines[0].issues, ISSUE_NO_MENTOR | ISSUE_LATE);
    /* Without any assignment: only no_mentor. */
    r = run(&a, people, 2, NULL, 0, d(2026, 3, 1));
    assert_int_equal(r.lines[0].issues, ISSUE_NO_MENTOR);
    /* The later mentor is chosen; lateness is judged on the earliest. */
    const mentor_assignment two[] = {{1, "E1", "M1", d(2026, 1, 1), d(2026, 1, 31)},
                                     {2, "E1", "M1", d(2026, 2, 15), DATE_NONE}};
    r = run(&a, people, 2, two, 2, d(2026, 3, 1));
    assert_string_equal(r.lines[0].mentor, "M1");
    assert_int_equal(r.lines[0].mentor_from, d(2026, 2, 15));
    assert_int_equal(r.lines[0].issues, 0);
    arena_free(&a);
}

static void test_json_shape(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    const onboarding_person people[] = {{"E1", d(2026, 3, 2), DATE_NONE},
                                        {"E2", d(2026, 5, 1), DATE_NONE},
                                        {"E3", d(2020, 1, 1), DATE_NONE}};
    const mentor_assignment one[] = {{1, "E1", "E3", d(2026, 3, 2), DATE_NONE}};
    onboarding_report r = run(&a, people, 3, one, 1, d(2026, 6, 30));
    str out = STR_INIT;
    assert_true(onboarding_json(&r, people, &out, false));
    assert_string_equal(str_cstr(&out),
        "{\"date\":\"2026-06-30\",\"newcomer_months\":6,\"newcomers\":["
        "{\"employee_id\":\"E1\",\"hire_date\":\"2026-03-02\",\"mentor\":\"E3\","
        "\"mentor_from\":\"2026-03-02\",\"issues\":[]},"
        "{\"employee_id\":\"E2\",\"hire_date\":\"2026-05-01\",\"mentor\":null,"
        "\"mentor_from\":null,\"issues\":[\"no_mentor\"]}],"
        "\"totals\":{\"newcomers\":2,\"with_mentor\":1,\"no_mentor\":1,\"late\":0,"
        "\"inexperienced\":0}}");
    /* Representatives with fewer newcomers than min_group: the number only. */
    onboarding_report_aggregate(&r, 5);
    str_clear(&out);
    assert_true(onboarding_json(&r, people, &out, false));
    assert_non_null(strstr(str_cstr(&out), "\"newcomers\":[]"));
    assert_non_null(strstr(str_cstr(&out), "\"totals\":{\"newcomers\":2,\"with_mentor\":null"));
    str_free(&out);
    arena_free(&a);
}

static void test_mentor_load(void **state)
{
    (void)state;
    const mentor_assignment a[] = {{1, "E1", "M1", d(2026, 1, 1), DATE_NONE},
                                   {2, "E2", "M1", d(2026, 2, 1), d(2026, 2, 28)},
                                   {3, "E3", "M1", d(2026, 3, 1), DATE_NONE},
                                   {4, "E4", "M2", d(2026, 1, 1), DATE_NONE}};
    assert_int_equal(onboarding_mentor_load(a, 4, "M1", d(2026, 2, 15)), 2);
    assert_int_equal(onboarding_mentor_load(a, 4, "M1", d(2026, 3, 1)), 2);
    assert_int_equal(onboarding_mentor_load(a, 4, "M1", d(2025, 12, 31)), 0);
    assert_int_equal(onboarding_mentor_load(a, 4, "M2", d(2026, 3, 1)), 1);
}

static void test_sign_off(void **state)
{
    (void)state;
    module_signoff m[3] = {{false, 3, DATE_NONE, DATE_NONE},
                           {true, 2, d(2026, 3, 3), DATE_NONE},
                           {true, 1, d(2026, 3, 2), d(2026, 3, 2)}};
    assert_false(onboarding_module_complete(&m[0]));
    assert_false(onboarding_module_complete(&m[1])); /* only the mentor signed */
    assert_true(onboarding_module_complete(&m[2]));
    assert_false(onboarding_trajectory_complete(m, 3));
    assert_false(onboarding_trajectory_complete(m, 0)); /* nothing to complete */
    /* Safety first, then by week. */
    qsort(m, 3, sizeof *m, onboarding_module_order);
    assert_true(m[0].safety && m[0].week == 1);
    assert_true(m[1].safety && m[1].week == 2);
    assert_false(m[2].safety);
    /* Week 1 of a start on Monday 2026-03-02 ends Sunday 2026-03-08. */
    assert_int_equal(onboarding_module_due(d(2026, 3, 2), 1), d(2026, 3, 8));
    assert_int_equal(onboarding_module_due(d(2026, 3, 2), 2), d(2026, 3, 15));
    /* On 2026-03-16 the week 2 module is due and only half signed. */
    assert_true(onboarding_on_schedule(m, 3, d(2026, 3, 2), d(2026, 3, 15)));
    assert_false(onboarding_on_schedule(m, 3, d(2026, 3, 2), d(2026, 3, 16)));
    m[1].newcomer_signed = d(2026, 3, 16);
    assert_true(onboarding_on_schedule(m, 3, d(2026, 3, 2), d(2026, 3, 16)));
    m[2].mentor_signed = m[2].newcomer_signed = d(2026, 3, 20);
    assert_true(onboarding_trajectory_complete(m, 3));
}

/* The representatives' totals, min_group 5, by hand: of 10 newcomers 8
 * have a mentor, so 2 have none: both hidden; 1 late: hidden; 0 with an
 * inexperienced mentor: shown. Of 12, 6 and 6, 5 late (7 not), 0: all
 * shown; 12 with a mentor of whom 9 inexperienced leaves 3: hidden. */
static void test_representatives_counts(void **state)
{
    (void)state;
    onboarding_report r = {.newcomers = 10, .with_mentor = 8, .no_mentor = 2, .late = 1};
    onboarding_report_aggregate(&r, 5);
    assert_int_equal(r.hidden, ONBOARDING_HIDES_WITH_MENTOR | ONBOARDING_HIDES_NO_MENTOR |
                                   ONBOARDING_HIDES_LATE);
    r = (onboarding_report){.newcomers = 12, .with_mentor = 6, .no_mentor = 6, .late = 5};
    onboarding_report_aggregate(&r, 5);
    assert_int_equal(r.hidden, 0);
    r = (onboarding_report){.newcomers = 12, .with_mentor = 12, .inexperienced = 9};
    onboarding_report_aggregate(&r, 5);
    assert_int_equal(r.hidden, ONBOARDING_HIDES_INEXPERIENCED);
    str out = STR_INIT;
    assert_true(onboarding_json(&r, NULL, &out, false));
    assert_non_null(strstr(str_cstr(&out), "\"with_mentor\":12,\"no_mentor\":0,\"late\":0,"
                                           "\"inexperienced\":null}"));
    str_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_newcomer_window),
        cmocka_unit_test(test_active_assignment),
        cmocka_unit_test(test_inexperienced_clamps),
        cmocka_unit_test(test_hand_computed_report),
        cmocka_unit_test(test_no_mentor_and_late_together),
        cmocka_unit_test(test_json_shape),
        cmocka_unit_test(test_mentor_load),
        cmocka_unit_test(test_sign_off),
        cmocka_unit_test(test_representatives_counts),
    };
    return cmocka_run_group_tests_name("onboarding", tests, NULL, NULL);
}
