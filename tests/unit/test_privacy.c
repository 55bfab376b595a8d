/* test_privacy.c - the privacy rule of RULES.md §4 (privacy_protect) on
 * groups and facts made by hand; every expected line is worked out in the
 * comment beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/competences.h"
#include "core/reports.h"
#include "core/rules.h"
#include "web/svg.h"
#include <jansson.h>

#define MAX_PEOPLE 64

static arena ta;

static void teardown_arena(void)
{
    arena_free(&ta);
}

/* Groups named and sized by the two lists (N of them), figures derived from
 * the headcount so that sums can be checked: participants = headcount / 2,
 * hours = 100 x headcount, fte_months = 120000 x headcount. */
static participation_group *make_groups(const char *const *names, const int64_t *sizes, size_t n)
{
    participation_group *g = arena_alloc(&ta, (n + 1) * sizeof *g);
    assert_non_null(g);
    for (size_t i = 0; i < n; i++)
        g[i] = (participation_group){.name = names[i], .headcount = sizes[i],
                                     .participants = sizes[i] / 2, .hours = 100 * sizes[i],
                                     .fte_months = 120000 * sizes[i],
                                     .right_used = 7 * (__int128)sizes[i]};
    return g;
}

static void expect_line(const participation_group *g, const char *name, int64_t headcount,
                        bool suppressed, bool combined)
{
    assert_string_equal(g->name, name);
    assert_int_equal(g->headcount, headcount);
    assert_int_equal(g->suppressed, suppressed);
    assert_int_equal(g->combined, combined);
    if (!combined)
        assert_int_equal(g->nmembers, 0);
    if (suppressed) { /* nothing of a suppressed group is left to leak */
        assert_int_equal(g->participants, 0);
        assert_int_equal(g->hours, 0);
        assert_int_equal(g->fte_months, 0);
        assert_true(g->right_used == 0);
    }
}

static void test_nothing_small(void **state)
{
    (void)state;
    static const char *const names[] = {"A", "B"};
    static const int64_t sizes[] = {5, 9};
    participation_group *g = make_groups(names, sizes, 2);
    size_t n = 2;
    assert_true(privacy_protect(g, &n, 5, &ta)); /* n_S = 0 */
    assert_int_equal(n, 2);
    expect_line(&g[0], "A", 5, false, false); /* 5 is not below 5 */
    expect_line(&g[1], "B", 9, false, false);
    teardown_arena();
}

static void test_one_x_among_many(void **state)
{
    (void)state;
    static const char *const names[] = {"F", "M", "X"};
    static const int64_t sizes[] = {40, 55, 1};
    participation_group *g = make_groups(names, sizes, 3);
    size_t n = 3;
    /* X (1) small, n_S = 1 < 5; smallest not small: F (40) -> "F + X", "M" */
    assert_true(privacy_protect(g, &n, 5, &ta));
    assert_int_equal(n, 2);
    expect_line(&g[0], "F + X", 41, false, true);
    assert_int_equal(g[0].nmembers, 2);
    assert_string_equal(g[0].members[0], "F");
    assert_string_equal(g[0].members[1], "X");
    /* every figure summed over the members: 20 + 0 participants, 4100 hours */
    assert_int_equal(g[0].participants, 20);
    assert_int_equal(g[0].hours, 4100);
    assert_int_equal(g[0].fte_months, 120000 * 41);
    assert_true(g[0].right_used == 7 * 41);
    expect_line(&g[1], "M", 55, false, false);
    teardown_arena();
}

static void test_several_small_below_min(void **state)
{
    (void)state;
    static const char *const names[] = {"A", "B", "C", "D", "E"};
    static const int64_t sizes[] = {2, 9, 1, 6, 8};
    participation_group *g = make_groups(names, sizes, 5);
    size_t n = 5;
    /* small: A (2), C (1): n_S = 3 < 5; smallest not small: D (6);
     * members in listing order A, C, D, in A's place: "A + C + D" (9), B, E */
    assert_true(privacy_protect(g, &n, 5, &ta));
    assert_int_equal(n, 3);
    expect_line(&g[0], "A + C + D", 9, false, true);
    assert_int_equal(g[0].nmembers, 3);
    assert_string_equal(g[0].members[2], "D");
    assert_int_equal(g[0].participants, 1 + 0 + 3);
    expect_line(&g[1], "B", 9, false, false);
    expect_line(&g[2], "E", 8, false, false);
    teardown_arena();
}

static void test_small_ones_large_together(void **state)
{
    (void)state;
    static const char *const names[] = {"A", "B", "C", "D"};
    static const int64_t sizes[] = {3, 6, 2, 8};
    participation_group *g = make_groups(names, sizes, 4);
    size_t n = 4;
    /* small: A (3), C (2): n_S = 5 >= 5: both listed suppressed */
    assert_true(privacy_protect(g, &n, 5, &ta));
    assert_int_equal(n, 4);
    expect_line(&g[0], "A", 0, true, false);
    expect_line(&g[1], "B", 6, false, false);
    expect_line(&g[2], "C", 0, true, false);
    expect_line(&g[3], "D", 8, false, false);
    teardown_arena();
}

static void test_every_group_small(void **state)
{
    (void)state;
    static const char *const names[] = {"A", "B"};
    static const int64_t sizes[] = {1, 2};
    participation_group *g = make_groups(names, sizes, 2);
    size_t n = 2;
    /* n_S = 3 < 5, but no group is large: both suppressed */
    assert_true(privacy_protect(g, &n, 5, &ta));
    assert_int_equal(n, 2);
    expect_line(&g[0], "A", 0, true, false);
    expect_line(&g[1], "B", 0, true, false);
    static const int64_t bigger[] = {3, 4};
    g = make_groups(names, bigger, 2);
    n = 2;
    assert_true(privacy_protect(g, &n, 5, &ta)); /* n_S = 7 >= 5: the same */
    expect_line(&g[0], "A", 0, true, false);
    expect_line(&g[1], "B", 0, true, false);
    teardown_arena();
}

static void test_ties_take_the_first_listed(void **state)
{
    (void)state;
    static const char *const names[] = {"B", "C", "D"};
    static const int64_t sizes[] = {7, 7, 1};
    participation_group *g = make_groups(names, sizes, 3);
    size_t n = 3;
    /* D (1) small; B and C tie at 7: B, the first listed -> "B + D", C */
    assert_true(privacy_protect(g, &n, 5, &ta));
    assert_int_equal(n, 2);
    expect_line(&g[0], "B + D", 8, false, true);
    expect_line(&g[1], "C", 7, false, false);
    teardown_arena();
}

static void test_min_group_one(void **state)
{
    (void)state;
    static const char *const names[] = {"F", "M", "X"};
    static const int64_t sizes[] = {3, 2, 1};
    participation_group *g = make_groups(names, sizes, 3);
    size_t n = 3;
    /* nothing is below 1: every group on its own */
    assert_true(privacy_protect(g, &n, 1, &ta));
    assert_int_equal(n, 3);
    expect_line(&g[2], "X", 1, false, false);
    teardown_arena();
}

/* ---- through the participation report, with facts ---- */

static employee people[MAX_PEOPLE];
static learning_totals totals[MAX_PEOPLE];
static facts f;
static char ids[MAX_PEOPLE][8];

static size_t person(int gender, date_t birth)
{
    size_t i = f.npeople++;
    snprintf(ids[i], sizeof ids[i], "P%02zu", i);
    people[i] = (employee){.id = (int64_t)i + 1, .employee_id = ids[i], .gender = gender,
                           .birth_date = birth, .hire_date = date_from_ymd(2020, 1, 1),
                           .exit_date = DATE_NONE, .department = "D", .function = "F",
                           .fte = 10000, .education = EDUCATION_MEDIUM,
                           .born_abroad = ANSWER_NONE, .disability = ANSWER_NONE};
    return i;
}

static void reset(void)
{
    memset(people, 0, sizeof people);
    memset(totals, 0, sizeof totals);
    memset(&f, 0, sizeof f);
    f.people = people;
    f.totals = totals;
    f.first_year = f.last_year = 2025;
}

static json_t *json_of(const participation *p)
{
    str text = STR_INIT;
    assert_true(participation_json(p, &text, false));
    json_error_t e;
    json_t *j = json_loads(str_cstr(&text), 0, &e);
    str_free(&text);
    assert_non_null(j);
    return j;
}

static void test_gender_report_json(void **state)
{
    (void)state;
    reset();
    /* F: 6, of whom 2 learn 10 h each; M: 8, of whom 6 learn; X: 1, learns 5 h */
    for (int i = 0; i < 6; i++)
        person(GENDER_F, date_from_ymd(1980, 1, 1));
    for (int i = 0; i < 8; i++)
        person(GENDER_M, date_from_ymd(1980, 1, 1));
    size_t x = person(GENDER_X, date_from_ymd(1980, 1, 1));
    people[x].fte = 5000; /* half time */
    for (size_t i = 0; i < 2; i++) {
        totals[i].records[TYPE_FORMAL] = 1;
        totals[i].hours[TYPE_FORMAL] = 1000;
    }
    for (size_t i = 6; i < 12; i++) {
        totals[i].records[TYPE_INFORMAL] = 1;
        totals[i].hours[TYPE_INFORMAL] = 200;
    }
    totals[x].records[TYPE_INITIAL] = 1;
    totals[x].hours[TYPE_INITIAL] = 500;
    participation p;
    assert_true(participation_for(&f, 2025, DIM_GENDER, 5, &ta, &p));
    json_t *j = json_of(&p);
    json_t *groups = json_object_get(j, "groups");
    assert_int_equal(json_array_size(groups), 2);
    json_t *fx = json_array_get(groups, 0), *m = json_array_get(groups, 1);
    assert_string_equal(json_string_value(json_object_get(fx, "group")), "F + X");
    assert_string_equal(json_string_value(json_array_get(json_object_get(fx, "members"), 1)),
                        "X");
    assert_true(json_is_true(json_object_get(fx, "combined")));
    assert_true(json_is_false(json_object_get(fx, "suppressed")));
    /* F + X: 7 people, 3 learn: rate 3/7 = 0.4286 */
    assert_int_equal(json_integer_value(json_object_get(fx, "headcount")), 7);
    assert_int_equal(json_integer_value(json_object_get(fx, "participants")), 3);
    assert_true(json_number_value(json_object_get(fx, "rate")) == 0.4286);
    /* hours 10 + 10 + 5 = 25 over 6 + 0.5 = 6.5 FTE: 3.846 -> 3.85 */
    assert_true(json_number_value(json_object_get(fx, "hours_per_fte")) == 3.85);
    /* overall 9/15 = 0.6; ratio 0.42857 / 0.6 = 0.7143 < 0.8: under */
    assert_true(json_number_value(json_object_get(fx, "ratio_to_overall")) == 0.7143);
    assert_string_equal(json_string_value(json_object_get(fx, "flag")), "under");
    /* M: 6/8 = 0.75, ratio 1.25 exactly: not over */
    assert_string_equal(json_string_value(json_object_get(m, "group")), "M");
    assert_true(json_is_null(json_object_get(m, "flag")));
    assert_true(json_is_false(json_object_get(m, "combined")));
    assert_null(json_object_get(m, "members"));
    json_decref(j);
    /* the table (CSV, XLSX, HTML) shows the same line */
    report_table t;
    assert_true(participation_table(&p, &ta, &t));
    assert_int_equal(t.nrows, 3);
    assert_string_equal(t.columns[t.ncols - 1], "combined");
    teardown_arena();
}

static void test_age_bands_keep_their_order(void **state)
{
    (void)state;
    reset();
    /* ages on 2025-12-31: <25: 2, 25-34: 9, 35-44: 8, 45-54: 6, 55+: 7 */
    static const struct { int n, birth_year; } bands[] = {
        {2, 2003}, {9, 1995}, {8, 1985}, {6, 1975}, {7, 1960}};
    for (size_t b = 0; b < 5; b++)
        for (int i = 0; i < bands[b].n; i++)
            person(GENDER_F, date_from_ymd(bands[b].birth_year, 6, 1));
    participation p;
    assert_true(participation_for(&f, 2025, DIM_AGE, 5, &ta, &p));
    /* <25 small (n_S = 2); smallest not small 45-54 (6): "<25 + 45-54" in
     * the place of <25 */
    assert_int_equal(p.ngroups, 4);
    expect_line(&p.groups[0], "<25 + 45-54", 8, false, true);
    expect_line(&p.groups[1], "25-34", 9, false, false);
    expect_line(&p.groups[2], "35-44", 8, false, false);
    expect_line(&p.groups[3], "55+", 7, false, false);
    json_t *j = json_of(&p);
    json_t *g0 = json_array_get(json_object_get(j, "groups"), 0);
    assert_string_equal(json_string_value(json_object_get(g0, "group")), "<25 + 45-54");
    assert_string_equal(json_string_value(json_array_get(json_object_get(g0, "members"), 0)),
                        "<25");
    json_t *g3 = json_array_get(json_object_get(j, "groups"), 3);
    assert_true(json_is_false(json_object_get(g3, "suppressed")));
    json_decref(j);
    teardown_arena();
}

static void test_suppressed_line_json(void **state)
{
    (void)state;
    reset();
    /* F 3, M 9, X 2: n_S = 5 >= 5: F and X listed suppressed */
    for (int i = 0; i < 3; i++)
        person(GENDER_F, date_from_ymd(1980, 1, 1));
    for (int i = 0; i < 9; i++)
        person(GENDER_M, date_from_ymd(1980, 1, 1));
    for (int i = 0; i < 2; i++)
        person(GENDER_X, date_from_ymd(1980, 1, 1));
    participation p;
    assert_true(participation_for(&f, 2025, DIM_GENDER, 5, &ta, &p));
    json_t *j = json_of(&p);
    json_t *g0 = json_array_get(json_object_get(j, "groups"), 0);
    assert_string_equal(json_string_value(json_object_get(g0, "group")), "F");
    static const char *const keys[] = {"headcount", "participants", "rate", "hours_per_fte",
                                       "ratio_to_overall", "flag"};
    for (size_t k = 0; k < 6; k++)
        assert_true(json_is_null(json_object_get(g0, keys[k])));
    assert_true(json_is_true(json_object_get(g0, "suppressed")));
    assert_true(json_is_false(json_object_get(g0, "combined")));
    assert_null(json_object_get(g0, "members"));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "overall"),
                                                        "headcount")), 14);
    json_decref(j);
    teardown_arena();
}

static void test_departments_follow_the_rule(void **state)
{
    (void)state;
    reset();
    static const char *const depts[] = {"Admin", "Logistiek", "Productie"};
    static const int sizes[] = {2, 6, 12};
    for (size_t d = 0; d < 3; d++)
        for (int i = 0; i < sizes[d]; i++)
            people[person(GENDER_F, date_from_ymd(1980, 1, 1))].department = depts[d];
    right_line lines[MAX_PEOPLE];
    right_report r = {.lines = lines};
    for (size_t i = 0; i < f.npeople; i++)
        lines[r.nlines++] = (right_line){i, 12, 0, (int64_t)i, 0, 0};
    participation_group *g;
    size_t n;
    assert_true(right_by_department(&r, &f, 5, &ta, &g, &n));
    /* Admin (2) small, n_S = 2: with Logistiek (6), the smallest large one */
    assert_int_equal(n, 2);
    expect_line(&g[0], "Admin + Logistiek", 8, false, true);
    assert_true(g[0].right_used == 0 + 1 + 2 + 3 + 4 + 5 + 6 + 7);
    assert_int_equal(g[0].fte_months, 8 * 120000);
    expect_line(&g[1], "Productie", 12, false, false);
    teardown_arena();
}

/* Counts of people (privacy_count_shown), min_group 5, by hand: 3 of 10
 * is small; 8 of 10 leaves 2 by subtraction; 0 and all are shown when the
 * whole is not small; nothing of a whole of 4; without a whole only the
 * count counts. */
static void test_counts_of_people(void **state)
{
    (void)state;
    assert_false(privacy_count_shown(3, 10, 5));
    assert_false(privacy_count_shown(8, 10, 5));
    assert_true(privacy_count_shown(5, 10, 5));
    assert_true(privacy_count_shown(0, 10, 5));
    assert_true(privacy_count_shown(10, 10, 5));
    assert_false(privacy_count_shown(0, 4, 5));
    assert_false(privacy_count_shown(4, 4, 5));
    assert_false(privacy_count_shown(4, -1, 5));
    assert_true(privacy_count_shown(0, -1, 5));
    assert_true(privacy_count_shown(5, -1, 5));
    assert_true(privacy_count_shown(1, 2, 1));
    /* the plan's needs: a person never, a group by its size */
    assert_false(need_listed_on_plan(SCOPE_PERSON, 0, 5));
    assert_false(need_listed_on_plan(SCOPE_DEPARTMENT, 2, 5));
    assert_true(need_listed_on_plan(SCOPE_FUNCTION, 5, 5));
    assert_true(need_listed_on_plan(SCOPE_PERSON, 1, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_small),
        cmocka_unit_test(test_one_x_among_many),
        cmocka_unit_test(test_several_small_below_min),
        cmocka_unit_test(test_small_ones_large_together),
        cmocka_unit_test(test_every_group_small),
        cmocka_unit_test(test_ties_take_the_first_listed),
        cmocka_unit_test(test_min_group_one),
        cmocka_unit_test(test_gender_report_json),
        cmocka_unit_test(test_age_bands_keep_their_order),
        cmocka_unit_test(test_suppressed_line_json),
        cmocka_unit_test(test_departments_follow_the_rule),
        cmocka_unit_test(test_counts_of_people),
    };
    return cmocka_run_group_tests_name("privacy", tests, NULL, NULL);
}
