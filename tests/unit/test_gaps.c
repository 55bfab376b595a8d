/* test_gaps.c - rule 9 of RULES.md (competence gaps) on people, profiles and
 * assessments made by hand; every expected figure is worked out beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/competences.h"
#include "core/gaps.h"

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

/* E1 Operator (Productie), E2 Operator who left on 31 May, E3 Operator hired
 * after the day, E4 Planner (Logistiek), E5 Chauffeur without a profile. */
static employee people[5];
static const char *const codes[] = {"DIGI", "HACCP", "TEAM"};
enum { DIGI, HACCP, TEAM };
/* Operator: DIGI 2 now / 3 future, HACCP 3/3, TEAM 0/2; Planner: DIGI 3/4. */
static const gap_profile profiles[] = {
    {"Planner", DIGI, 3, 4},
    {"Operator", TEAM, 0, 2},
    {"Operator", DIGI, 2, 3},
    {"Operator", HACCP, 3, 3},
};
static gap_assessment assessments[7];

static void setup_people(void)
{
    memset(people, 0, sizeof people);
    const char *ids[] = {"E1", "E2", "E3", "E4", "E5"};
    const char *functions[] = {"Operator", "Operator", "Operator", "Planner", "Chauffeur"};
    const char *departments[] = {"Productie", "Productie", "Logistiek", "Logistiek",
                                 "Logistiek"};
    for (int i = 0; i < 5; i++) {
        people[i].id = i + 1;
        people[i].employee_id = ids[i];
        people[i].function = functions[i];
        people[i].department = departments[i];
        people[i].hire_date = d(2020, 1, 1);
        people[i].exit_date = DATE_NONE;
    }
    people[1].exit_date = d(2026, 5, 31);
    people[2].hire_date = d(2026, 7, 1);
    gap_assessment list[] = {
        {0, DIGI, 1, d(2026, 1, 10), 1},
        {0, DIGI, 3, d(2026, 7, 1), 2},   /* after the day: not yet */
        {0, HACCP, 2, d(2026, 3, 1), 3},
        {0, HACCP, 4, d(2026, 3, 1), 4},  /* same day, entered later: counts */
        {0, HACCP, 1, d(2026, 2, 1), 5},  /* entered last, but of an earlier day */
        {3, DIGI, 4, d(2025, 5, 5), 6},
        {1, DIGI, 0, d(2026, 1, 1), 7},   /* E2 is not in the population */
    };
    memcpy(assessments, list, sizeof list);
}

static gaps_input input(int horizon, const char *department)
{
    setup_people();
    return (gaps_input){d(2026, 6, 30), horizon, department, people, 5, codes, 3,
                        profiles, 4, assessments, 7};
}

static void test_horizon_now(void **state)
{
    (void)state;
    gaps_input in = input(HORIZON_NOW, NULL);
    arena a = ARENA_INIT;
    gaps_report r;
    assert_true(gaps_compute(&in, &a, &r));
    /* Population: E1, E4, E5 (E2 left, E3 not yet hired). */
    assert_int_equal(r.npeople, 3);
    /* E1: DIGI 2 - 1 = 1; HACCP 3 - 4 -> 0 (the later entry of 1 March);
     * TEAM needs 0 now: no line. */
    assert_int_equal(r.people[0].nlines, 2);
    assert_int_equal(r.people[0].lines[0].competence, DIGI);
    assert_int_equal(r.people[0].lines[0].actual, 1);
    assert_int_equal(r.people[0].lines[0].gap, 1);
    assert_int_equal(r.people[0].lines[1].actual, 4);
    assert_int_equal(r.people[0].lines[1].gap, 0);
    assert_int_equal(r.people[0].total_gap, 1);
    assert_int_equal(r.people[2].nlines, 0); /* E5: no profile, still listed */
    assert_int_equal(r.with_gap, 1);
    assert_int_equal(r.total_gap, 1);
    str out = STR_INIT;
    assert_true(gaps_json(&r, &in, true, true, &out, false));
    assert_string_equal(
        str_cstr(&out),
        "{\"date\":\"2026-06-30\",\"horizon\":\"now\",\"department\":null,"
        "\"competences\":[{\"code\":\"DIGI\",\"required\":2,\"short\":1,\"unassessed\":0,"
        "\"total_gap\":1,\"mean_gap\":0.5},{\"code\":\"HACCP\",\"required\":1,\"short\":0,"
        "\"unassessed\":0,\"total_gap\":0,\"mean_gap\":0}],"
        "\"employees\":[{\"employee_id\":\"E1\",\"function\":\"Operator\",\"total_gap\":1,"
        "\"lines\":[{\"competence\":\"DIGI\",\"required\":2,\"actual\":1,\"gap\":1,"
        "\"assessed\":true},{\"competence\":\"HACCP\",\"required\":3,\"actual\":4,\"gap\":0,"
        "\"assessed\":true}]},{\"employee_id\":\"E4\",\"function\":\"Planner\",\"total_gap\":0,"
        "\"lines\":[{\"competence\":\"DIGI\",\"required\":3,\"actual\":4,\"gap\":0,"
        "\"assessed\":true}]},{\"employee_id\":\"E5\",\"function\":\"Chauffeur\","
        "\"total_gap\":0,\"lines\":[]}],"
        "\"totals\":{\"employees\":3,\"with_gap\":1,\"total_gap\":1}}");
    str_free(&out);
    arena_free(&a);
}

static void test_horizon_future(void **state)
{
    (void)state;
    gaps_input in = input(HORIZON_FUTURE, NULL);
    arena a = ARENA_INIT;
    gaps_report r;
    assert_true(gaps_compute(&in, &a, &r));
    /* E1: DIGI 3 - 1 = 2, HACCP 0, TEAM 2 - 0 = 2 (never assessed): 4. */
    assert_int_equal(r.people[0].nlines, 3);
    assert_int_equal(r.people[0].total_gap, 4);
    assert_false(r.people[0].lines[2].assessed);
    assert_int_equal(r.people[0].lines[2].actual, 0);
    /* E4: DIGI 4 - 4 = 0. */
    assert_int_equal(r.people[1].total_gap, 0);
    /* Per competence: DIGI 2 required, 1 short, gap 2, mean 1; HACCP 1, 0;
     * TEAM 1 required, 1 short, 1 unassessed, gap 2. */
    assert_int_equal(r.ncompetences, 3);
    assert_int_equal(r.competences[0].required, 2);
    assert_int_equal(r.competences[0].short_of, 1);
    assert_int_equal(r.competences[0].total_gap, 2);
    assert_int_equal(r.competences[2].competence, TEAM);
    assert_int_equal(r.competences[2].unassessed, 1);
    assert_int_equal(r.competences[2].total_gap, 2);
    assert_int_equal(r.with_gap, 1);
    assert_int_equal(r.total_gap, 4);
    arena_free(&a);
}

static void test_department_and_population(void **state)
{
    (void)state;
    gaps_input in = input(HORIZON_NOW, "Logistiek");
    arena a = ARENA_INIT;
    gaps_report r;
    assert_true(gaps_compute(&in, &a, &r));
    /* Logistiek on 30 June: E4 and E5 (E3 starts on 1 July). */
    assert_int_equal(r.npeople, 2);
    assert_string_equal(people[r.people[0].person].employee_id, "E4");
    assert_int_equal(r.ncompetences, 1);
    assert_int_equal(r.competences[0].required, 1);
    assert_int_equal(r.competences[0].short_of, 0);
    /* Employed on the day itself counts: E3 on 1 July. */
    in.date = d(2026, 7, 1);
    assert_true(gaps_compute(&in, &a, &r));
    assert_int_equal(r.npeople, 3);
    /* E3 (Operator, unassessed): DIGI 2 and HACCP 3, both gaps. */
    assert_int_equal(r.people[0].total_gap, 5);
    assert_int_equal(r.people[0].lines[0].assessed, false);
    arena_free(&a);
}

static void test_mean_gap_rounds_half_away_from_zero(void **state)
{
    (void)state;
    /* Three people need DIGI 2; gaps 2, 0, 0: mean 2/3 = 0.67. Then 1, 0, 0
     * and a fourth with a gap of 1 of 8: 0.25 stays 0.25; 1/8 = 0.125 -> 0.13. */
    static employee trio[8];
    static const char *const one[] = {"DIGI"};
    static const gap_profile need[] = {{"Operator", 0, 2, 2}};
    const char *ids[] = {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"};
    gap_assessment xs[8];
    for (int i = 0; i < 8; i++) {
        trio[i] = (employee){.id = i + 1, .employee_id = ids[i], .function = "Operator",
                             .department = "P", .hire_date = d(2020, 1, 1),
                             .exit_date = DATE_NONE};
        xs[i] = (gap_assessment){(uint32_t)i, 0, 2, d(2025, 1, 1), i + 1};
    }
    xs[0].level = 0;
    gaps_input in = {d(2026, 1, 1), HORIZON_NOW, NULL, trio, 3, one, 1, need, 1, xs, 3};
    arena a = ARENA_INIT;
    gaps_report r;
    assert_true(gaps_compute(&in, &a, &r));
    str out = STR_INIT;
    assert_true(gaps_json(&r, &in, false, true, &out, false));
    assert_non_null(strstr(str_cstr(&out), "\"total_gap\":2,\"mean_gap\":0.67}"));
    assert_non_null(strstr(str_cstr(&out), "\"employees\":[]"));
    str_free(&out);
    xs[0].level = 1;
    in.npeople = 8;
    in.nassessments = 8;
    assert_true(gaps_compute(&in, &a, &r));
    out = (str)STR_INIT;
    assert_true(gaps_json(&r, &in, true, true, &out, false));
    assert_non_null(strstr(str_cstr(&out), "\"total_gap\":1,\"mean_gap\":0.13}"));
    str_free(&out);
    arena_free(&a);
}

static void test_rule_functions(void **state)
{
    (void)state;
    gap_assessment early = {0, 0, 3, d(2026, 1, 1), 9}, late = {0, 0, 1, d(2026, 1, 2), 1};
    gap_assessment same_day_later = {0, 0, 2, d(2026, 1, 2), 2};
    assert_true(gap_supersedes(&late, &early));   /* a later day, whatever the entry */
    assert_false(gap_supersedes(&early, &late));
    assert_true(gap_supersedes(&same_day_later, &late));
    assert_int_equal(gap_of(2, 3), 0);
    assert_int_equal(gap_of(4, 0), 4);
    employee e = {.hire_date = d(2026, 1, 1), .exit_date = d(2026, 3, 31),
                  .department = "P"};
    assert_true(gap_in_population(&e, d(2026, 3, 31), NULL));
    assert_false(gap_in_population(&e, d(2026, 4, 1), NULL));
    assert_false(gap_in_population(&e, d(2026, 2, 1), "Q"));
    assert_true(gap_in_population(&e, d(2026, 2, 1), "P"));
}

static void test_representative_view_hides_figures(void **state)
{
    (void)state;
    gaps_input in = input(HORIZON_NOW, NULL);
    arena a = ARENA_INIT;
    gaps_report r;
    assert_true(gaps_compute(&in, &a, &r));
    str out = STR_INIT;
    assert_true(gaps_json(&r, &in, false, false, &out, false));
    assert_string_equal(str_cstr(&out),
                        "{\"date\":\"2026-06-30\",\"horizon\":\"now\",\"department\":null,"
                        "\"competences\":[],\"employees\":[],"
                        "\"totals\":{\"employees\":null,\"with_gap\":null,\"total_gap\":null}}");
    str_free(&out);
    arena_free(&a);
}

/* Needs move open -> planned -> addressed, may be declined (and opened
 * again), and end once addressed. */
static void test_need_status_moves(void **state)
{
    (void)state;
    assert_true(need_status_allowed(NEED_OPEN, NEED_PLANNED));
    assert_true(need_status_allowed(NEED_OPEN, NEED_DECLINED));
    assert_true(need_status_allowed(NEED_PLANNED, NEED_ADDRESSED));
    assert_true(need_status_allowed(NEED_PLANNED, NEED_OPEN));
    assert_true(need_status_allowed(NEED_DECLINED, NEED_OPEN));
    assert_false(need_status_allowed(NEED_DECLINED, NEED_PLANNED));
    assert_false(need_status_allowed(NEED_ADDRESSED, NEED_OPEN));
    assert_false(need_status_allowed(NEED_ADDRESSED, NEED_DECLINED));
}

/* An action's progress follows from the learning record; a goal has none. */
static void test_development_progress(void **state)
{
    (void)state;
    dev_item action = {0, ITEM_ACTION, "x", NULL, 0, "DIGI", -1, DATE_NONE, -1, DATE_NONE};
    assert_int_equal(dev_item_progress(&action), PROGRESS_OPEN);
    action.learned_result = RESULT_ONGOING;
    assert_int_equal(dev_item_progress(&action), PROGRESS_UNDER_WAY);
    action.learned_result = RESULT_COMPLETED;
    assert_int_equal(dev_item_progress(&action), PROGRESS_DONE);
    action.learned_result = RESULT_FAILED; /* failed: still to do */
    assert_int_equal(dev_item_progress(&action), PROGRESS_OPEN);
    dev_item goal = action;
    goal.kind = ITEM_GOAL;
    assert_int_equal(dev_item_progress(&goal), PROGRESS_OPEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_horizon_now),
        cmocka_unit_test(test_horizon_future),
        cmocka_unit_test(test_department_and_population),
        cmocka_unit_test(test_mean_gap_rounds_half_away_from_zero),
        cmocka_unit_test(test_rule_functions),
        cmocka_unit_test(test_representative_view_hides_figures),
        cmocka_unit_test(test_need_status_moves),
        cmocka_unit_test(test_development_progress),
    };
    return cmocka_run_group_tests_name("gaps", tests, NULL, NULL);
}
