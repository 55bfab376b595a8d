/* test_rules.c - rules 1 to 4 of RULES.md on facts made by hand; every
 * expected figure is worked out in the comment beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/policy.h"
#include "core/reports.h"
#include "core/rules.h"
#include "core/settings.h"
#include "util/decimal.h"
#include <jansson.h>

#define MAX_PEOPLE 32
#define YEARS 10

static employee people[MAX_PEOPLE];
static learning_totals totals[YEARS * MAX_PEOPLE];
static funding fundings[8];
static facts f;
static rule_settings settings;

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

static void reset(int first_year, int last_year)
{
    memset(people, 0, sizeof people);
    memset(totals, 0, sizeof totals);
    memset(&f, 0, sizeof f);
    f.people = people;
    f.totals = totals;
    f.first_year = first_year;
    f.last_year = last_year;
    f.funding = fundings;
    settings = (rule_settings){760, -1, -1, 5};
}

/* Adds a person; ids must be added in employee_id order. */
static size_t person(const char *id, int gender, date_t hire, date_t exit, int32_t fte)
{
    size_t i = f.npeople++;
    people[i] = (employee){.id = (int64_t)i + 1, .employee_id = id, .first_name = id,
                           .last_name = id, .gender = gender, .birth_date = d(1980, 6, 15),
                           .hire_date = hire, .exit_date = exit, .department = "D",
                           .function = "F", .fte = fte, .education = EDUCATION_MEDIUM,
                           .born_abroad = ANSWER_NONE, .disability = ANSWER_NONE,
                           .shift = SHIFT_NONE};
    return i;
}

/* Records learning for person I in YEAR; TRAINING_LEAVE keeps it off the right. */
static void learn(size_t i, int year, int type, int64_t hours, int64_t cost, int64_t subsidy,
                  bool training_leave)
{
    learning_totals *t = &totals[(size_t)(year - f.first_year) * f.npeople + i];
    t->records[type]++;
    t->hours[type] += hours;
    t->cost[type] += cost;
    t->subsidy[type] += subsidy;
    if (right_counts(type, training_leave))
        t->right_hours += hours;
}

/* Learning can only be added once every person is in (totals are indexed by
 * npeople); the tests add people first. */

static void assert_fraction(__int128 num, __int128 den, int places, const char *expected)
{
    char buf[64];
    assert_true(fraction_format(num, den, places, buf, sizeof buf));
    assert_string_equal(buf, expected);
}

/* Parses the JSON text a report writer produced (and frees the text). */
static json_t *parsed(str *text)
{
    json_error_t err;
    json_t *j = json_loads(str_cstr(text), 0, &err);
    if (!j)
        fail_msg("not JSON (%s): %s", err.text, str_cstr(text));
    str_free(text);
    return j;
}

/* ---- rule 1 ---- */

static void test_employer_size_quarters(void **state)
{
    (void)state;
    reset(2025, 2025);
    /* 2025 -> period 2024 -> 2022-12-31, 2023-03-31, 2023-06-30, 2023-09-30 */
    person("A", GENDER_M, d(2020, 1, 1), DATE_NONE, 10000);       /* 1.0 on all four */
    person("B", GENDER_F, d(2023, 4, 1), DATE_NONE, 5000);        /* 0.5 on Q2, Q3 of 2023 */
    person("C", GENDER_F, d(2019, 1, 1), d(2023, 3, 31), 8000);   /* 0.8 up to 31 March */
    employer_size s = employer_size_for(&f, &settings, 2025);
    /* 1.8 + 1.8 + 1.5 + 1.5 = 6.6 over 4 = 1.65 */
    assert_int_equal(s.quarters, 4);
    assert_fraction(s.sum, (__int128)s.quarters * 10000, 2, "1.65");
    /* 2024 shares the period; 2026 starts a new one (2024-12-31, 2025-...) */
    employer_size s24 = employer_size_for(&f, &settings, 2024);
    assert_int_equal(s24.sum, s.sum);
    employer_size s26 = employer_size_for(&f, &settings, 2026);
    assert_fraction(s26.sum, (__int128)s26.quarters * 10000, 2, "1.50");
}

static void test_employer_size_empty_quarters_and_override(void **state)
{
    (void)state;
    reset(2025, 2025);
    /* started in May 2023: only 30 June and 30 September count */
    person("A", GENDER_M, d(2023, 5, 1), DATE_NONE, 10000);
    person("B", GENDER_F, d(2023, 8, 1), DATE_NONE, 10000);
    employer_size s = employer_size_for(&f, &settings, 2025);
    assert_int_equal(s.quarters, 2);
    assert_fraction(s.sum, (__int128)s.quarters * 10000, 2, "1.50");
    /* nobody at all: 0 */
    reset(2025, 2025);
    s = employer_size_for(&f, &settings, 2025);
    assert_int_equal(s.quarters, 0);
    assert_false(employer_size_at_least(&s, 10));
    /* the setting wins */
    settings.employer_size = 2550; /* 25.50 */
    s = employer_size_for(&f, &settings, 2025);
    assert_true(s.overridden);
    assert_true(employer_size_at_least(&s, 20));
    assert_fraction(s.sum, (__int128)s.quarters * 10000, 2, "25.50");
}

static void test_employer_size_threshold_is_unrounded(void **state)
{
    (void)state;
    reset(2025, 2025);
    /* 19.995 FTE shows as 20.00 but is below 20: one day, not five */
    employer_size s = {799800, 4, false};
    assert_false(employer_size_at_least(&s, 20));
    assert_fraction(s.sum, 40000, 2, "20.00");
    assert_int_equal(right_days_per_fte(&s, &settings, 2025), 100);
    employer_size twenty = {800000, 4, false};
    assert_true(employer_size_at_least(&twenty, 20));
    assert_int_equal(right_days_per_fte(&twenty, &settings, 2025), 500);
}

/* ---- rule 2 ---- */

static void test_days_per_fte_by_size_and_year(void **state)
{
    (void)state;
    reset(2025, 2025);
    employer_size big = {250000, 1, true}, mid = {150000, 1, true}, small = {90000, 1, true};
    assert_int_equal(right_days_per_fte(&big, &settings, 2022), 0);
    assert_int_equal(right_days_per_fte(&big, &settings, 2023), 400);
    assert_int_equal(right_days_per_fte(&big, &settings, 2024), 500);
    assert_int_equal(right_days_per_fte(&big, &settings, 2031), 500);
    assert_int_equal(right_days_per_fte(&mid, &settings, 2023), 100);
    assert_int_equal(right_days_per_fte(&mid, &settings, 2025), 100);
    assert_int_equal(right_days_per_fte(&small, &settings, 2025), 0);
    /* a sector agreement replaces the value for 20 or more only */
    settings.days_per_fte = 300;
    assert_int_equal(right_days_per_fte(&big, &settings, 2025), 300);
    assert_int_equal(right_days_per_fte(&mid, &settings, 2025), 100);
}

static void test_reference_periods(void **state)
{
    (void)state;
    assert_int_equal(policy_right_period(2023), 0);
    assert_int_equal(policy_right_period(2024), 2024);
    assert_int_equal(policy_right_period(2028), 2024);
    assert_int_equal(policy_right_period(2029), 2029);
    assert_false(policy_carries_over(2023));
    assert_false(policy_carries_over(2024));
    assert_true(policy_carries_over(2025));
    assert_true(policy_carries_over(2028));
    assert_false(policy_carries_over(2029));
    assert_true(policy_carries_over(2030));
}

/* The line of EMPLOYEE_ID in R. */
static const right_line *line_of(const right_report *r, const char *employee_id)
{
    for (size_t i = 0; i < r->nlines; i++)
        if (strcmp(people[r->lines[i].person].employee_id, employee_id) == 0)
            return &r->lines[i];
    return NULL;
}

static void assert_days(const right_report *r, int64_t units, const char *expected)
{
    (void)r;
    assert_fraction(units, right_unit(&settings), 2, expected);
}

static void test_training_right_edges(void **state)
{
    (void)state;
    reset(2024, 2025);
    settings.employer_size = 2500; /* 25 FTE: 5 days from 2024 */
    size_t a = person("A", GENDER_M, d(2020, 1, 1), DATE_NONE, 10000);
    size_t b = person("B", GENDER_F, d(2025, 3, 31), DATE_NONE, 5000);
    size_t c = person("C", GENDER_F, d(2020, 1, 1), d(2024, 12, 31), 10000);
    person("D", GENDER_X, d(2025, 12, 31), DATE_NONE, 10000);
    size_t e = person("E", GENDER_M, d(2020, 1, 1), DATE_NONE, 10000);
    /* A: nothing in 2024 (balance 5, carried); 15.2 h formal in 2025 = 2 days */
    learn(a, 2025, TYPE_FORMAL, 1520, 0, 0, false);
    /* B: training leave and initial training do not count; 3.8 h informal = 0.5 day */
    learn(b, 2025, TYPE_FORMAL, 1000, 0, 0, true);
    learn(b, 2025, TYPE_INITIAL, 2000, 0, 0, false);
    learn(b, 2025, TYPE_INFORMAL, 380, 0, 0, false);
    /* C left before the year; E learned 304 h in 2024 (40 days): no debt carried */
    learn(c, 2024, TYPE_FORMAL, 760, 0, 0, false);
    learn(e, 2024, TYPE_FORMAL, 30400, 0, 0, false);
    right_line lines[MAX_PEOPLE];
    right_report r;
    assert_true(training_right(&f, &settings, 2025, lines, &r));
    assert_int_equal(r.nlines, 4); /* A, B, D, E: C is not in 2025 */
    assert_int_equal(r.days_per_fte, 500);
    const right_line *la = line_of(&r, "A"), *lb = line_of(&r, "B"), *ld = line_of(&r, "D");
    const right_line *le = line_of(&r, "E");
    assert_null(line_of(&r, "C"));
    assert_days(&r, la->entitlement, "5.00");
    assert_days(&r, la->carried_in, "5.00");
    assert_days(&r, la->used, "2.00");
    assert_days(&r, la->balance, "8.00");
    /* B: 5 x 0.5 x 10/12 = 2.0833 (hired on the last day of March: March counts) */
    assert_int_equal(lb->months, 10);
    assert_days(&r, lb->entitlement, "2.08");
    assert_days(&r, lb->used, "0.50");
    assert_days(&r, lb->carried_in, "0.00");
    assert_days(&r, lb->balance, "1.58"); /* 1.5833: from the exact value */
    /* D: hired on 31 December, one month: 5/12 = 0.4167 */
    assert_days(&r, ld->entitlement, "0.42");
    /* E: 2024 balance 5 - 40 < 0 does not carry */
    assert_days(&r, le->carried_in, "0.00");
    assert_days(&r, le->balance, "5.00");
    /* totals: entitlement 5 + 2.0833 + 0.4167 + 5 = 12.5; used 2.5;
     * fte = 12/12 + 0.5 x 10/12 + 1/12 + 12/12 = 2.5; days per fte = 1 */
    assert_fraction(r.total_entitlement, right_unit(&settings), 2, "12.50");
    assert_fraction(r.total_used, right_unit(&settings), 2, "2.50");
    assert_fraction(r.fte_months, 120000, 2, "2.50");
    assert_fraction(r.total_used * 120000, (__int128)right_unit(&settings) * r.fte_months, 2,
                    "1.00");
    /* a year whose carry needs 2024 cannot be computed without it */
    f.first_year = 2025;
    assert_false(training_right(&f, &settings, 2026, lines, &r));
}

static void test_training_right_reset_in_a_new_period(void **state)
{
    (void)state;
    reset(2029, 2030);
    settings.employer_size = 2500;
    size_t a = person("A", GENDER_M, d(2020, 1, 1), DATE_NONE, 10000);
    (void)a;
    right_line lines[MAX_PEOPLE];
    right_report r;
    /* 2029 starts a period: nothing carried even though 2028 had a balance */
    assert_true(training_right(&f, &settings, 2029, lines, &r));
    assert_days(&r, r.lines[0].carried_in, "0.00");
    assert_days(&r, r.lines[0].balance, "5.00");
    assert_true(training_right(&f, &settings, 2030, lines, &r));
    assert_days(&r, r.lines[0].carried_in, "5.00");
    assert_days(&r, r.lines[0].balance, "10.00");
}

static void test_training_right_rounds_half_away_from_zero(void **state)
{
    (void)state;
    reset(2023, 2023);
    settings.employer_size = 2500;
    settings.hours_per_day = 800; /* 8 hours */
    size_t a = person("A", GENDER_M, d(2020, 1, 1), DATE_NONE, 10000);
    learn(a, 2023, TYPE_FORMAL, 4, 0, 0, false); /* 0.04 h = 0.005 day exactly */
    right_line lines[MAX_PEOPLE];
    right_report r;
    assert_true(training_right(&f, &settings, 2023, lines, &r));
    assert_int_equal(r.days_per_fte, 400); /* 2023: four days */
    assert_days(&r, r.lines[0].used, "0.01");
    assert_days(&r, r.lines[0].balance, "4.00"); /* 3.995 */
    str text = STR_INIT;
    assert_true(training_right_json(&r, &f, &settings, true, &text, true));
    json_t *j = parsed(&text);
    json_t *line = json_array_get(json_object_get(j, "employees"), 0);
    assert_true(json_number_value(json_object_get(line, "used_days")) == 0.01);
    assert_true(json_number_value(json_object_get(j, "hours_per_day")) == 8.0);
    json_decref(j);
}

/* ---- rule 3 ---- */

static void test_social_balance_split(void **state)
{
    (void)state;
    reset(2025, 2025);
    size_t f1 = person("F1", GENDER_F, d(2020, 1, 1), DATE_NONE, 10000);
    size_t f2 = person("F2", GENDER_F, d(2020, 1, 1), DATE_NONE, 10000);
    size_t m1 = person("M1", GENDER_M, d(2020, 1, 1), DATE_NONE, 10000);
    size_t x1 = person("X1", GENDER_X, d(2020, 1, 1), DATE_NONE, 10000);
    (void)f2;
    learn(m1, 2025, TYPE_FORMAL, 1000, 10000, 2000, false);   /* 10 h, 100.00, sub 20.00 */
    learn(m1, 2025, TYPE_FORMAL, 500, 0, 0, true);            /* training leave counts here */
    learn(f1, 2025, TYPE_FORMAL, 500, 30000, 0, false);       /* 5 h, 300.00 */
    learn(x1, 2025, TYPE_FORMAL, 200, 5000, 0, false);        /* X: 2 h, 50.00 */
    learn(m1, 2025, TYPE_INFORMAL, 300, 0, 0, false);         /* informal: hours only */
    f.nfunding = 3;
    fundings[0] = (funding){2025, TYPE_FORMAL, 100001, 3};    /* 1000.01 and 0.03 */
    fundings[1] = (funding){2025, TYPE_INFORMAL, 1000, 0};    /* 10.00 */
    fundings[2] = (funding){2025, TYPE_INITIAL, 300, 0};      /* 3.00 */
    social_balance b;
    social_balance_for(&f, 2025, &b);
    const balance_cell *fm = &b.cells[TYPE_FORMAL][GENDER_M], *ff = &b.cells[TYPE_FORMAL][GENDER_F];
    assert_int_equal(fm->participants, 1);
    assert_int_equal(fm->hours, 1500);
    /* pro rata gross cost 100 : 300 -> M 1000.01/4 = 250.0025 -> 250.00, F the rest */
    assert_int_equal(fm->contributions, 25000);
    assert_int_equal(ff->contributions, 75001);
    /* 0.03 / 4 = 0.0075 -> 0.01 for M */
    assert_int_equal(fm->subsidies, 2000 + 1);
    assert_int_equal(ff->subsidies, 2);
    assert_int_equal(fm->net_cost, 10000 + 25000 - 2001);
    assert_int_equal(ff->net_cost, 30000 + 75001 - 2);
    const balance_cell *fx = &b.cells[TYPE_FORMAL][GENDER_X];
    assert_int_equal(fx->participants, 1);
    assert_int_equal(fx->contributions, 0);
    assert_int_equal(fx->net_cost, 5000);
    /* informal: no cost, so pro rata hours (3 : 0): all to M */
    assert_int_equal(b.cells[TYPE_INFORMAL][GENDER_M].contributions, 1000);
    assert_int_equal(b.cells[TYPE_INFORMAL][GENDER_F].contributions, 0);
    /* initial: no records, so pro rata headcount on 31 December (1 M : 2 F) */
    assert_int_equal(b.cells[TYPE_INITIAL][GENDER_M].contributions, 100);
    assert_int_equal(b.cells[TYPE_INITIAL][GENDER_F].contributions, 200);
    assert_int_equal(b.x_participants, 1);
    str text = STR_INIT;
    assert_true(social_balance_json(&b, 0, &text, false));
    json_t *j = parsed(&text);
    json_t *codes = json_object_get(j, "codes");
    assert_int_equal(json_integer_value(json_object_get(codes, "5801")), 1);
    assert_true(json_number_value(json_object_get(codes, "58032")) == 250.0);
    assert_true(json_number_value(json_object_get(codes, "58132")) == 750.01);
    /* 5803 = 58031 + 58032 - 58033, to the cent */
    assert_true(json_number_value(json_object_get(codes, "5803")) == 329.99);
    assert_int_equal(json_array_size(json_object_get(j, "warnings")), 1);
    assert_int_equal(json_object_size(codes), 24);
    json_decref(j);
}

static void test_split_fallbacks(void **state)
{
    (void)state;
    int64_t m, w;
    split_men_women(1001, 1, 1, &m, &w); /* 5.005 -> 5.01 for M */
    assert_int_equal(m, 501);
    assert_int_equal(w, 500);
    split_men_women(999, 0, 0, &m, &w);  /* nothing to go by: all to M */
    assert_int_equal(m, 999);
    assert_int_equal(w, 0);
    split_men_women(100, 1, 2, &m, &w);  /* 33.333 -> 33 */
    assert_int_equal(m, 33);
    assert_int_equal(w, 67);
    reset(2025, 2025);
    social_balance b;
    f.nfunding = 1;
    fundings[0] = (funding){2025, TYPE_FORMAL, 500, 0};
    social_balance_for(&f, 2025, &b); /* no staff at all: all to M */
    assert_int_equal(b.cells[TYPE_FORMAL][GENDER_M].contributions, 500);
}

/* ---- rule 4 ---- */

static const participation_group *group_named(const participation *p, const char *name)
{
    for (size_t i = 0; i < p->ngroups; i++)
        if (strcmp(p->groups[i].name, name) == 0)
            return &p->groups[i];
    return NULL;
}

static void test_participation_suppression_and_flags(void **state)
{
    (void)state;
    reset(2025, 2025);
    char ids[17][16];
    /* F: 6 people, 3 learn; M: 10 people, 2 learn; X: 1 person who learns */
    for (int i = 0; i < 17; i++)
        snprintf(ids[i], sizeof ids[i], "P%02d", i);
    for (int i = 0; i < 17; i++)
        person(ids[i], i < 6 ? GENDER_F : i < 16 ? GENDER_M : GENDER_X, d(2020, 1, 1),
               DATE_NONE, 10000);
    for (int i = 0; i < 3; i++)
        learn((size_t)i, 2025, TYPE_FORMAL, 1000, 0, 0, false);
    learn(6, 2025, TYPE_INITIAL, 500, 0, 0, false);
    learn(7, 2025, TYPE_INFORMAL, 500, 0, 0, true);
    learn(16, 2025, TYPE_FORMAL, 100, 0, 0, false);
    arena ta = ARENA_INIT;
    participation p;
    assert_true(participation_for(&f, 2025, DIM_GENDER, 5, &ta, &p));
    assert_int_equal(p.overall.headcount, 17);
    assert_int_equal(p.overall.participants, 6);
    /* X (1) is below 5 and alone (n_S = 1 < 5): combined with the smallest
     * group that is not small, F (6): "F + X", 7 people, 4 learn */
    assert_int_equal(p.ngroups, 2);
    assert_null(group_named(&p, "X"));
    assert_null(group_named(&p, "F"));
    const participation_group *fx = group_named(&p, "F + X");
    assert_non_null(fx);
    assert_true(fx->combined);
    assert_false(fx->suppressed);
    assert_int_equal(fx->headcount, 7);
    assert_int_equal(fx->participants, 4);
    /* 4/7 = 0.5714 against 6/17 = 0.3529: ratio 1.619 > 1.25 */
    assert_int_equal(fx->flag, 1);
    const participation_group *m = group_named(&p, "M");
    assert_false(m->suppressed);
    /* M: 2/10 = 0.2 against 6/17 = 0.3529: ratio 0.5667 < 0.8 */
    assert_int_equal(m->flag, -1);
    str text = STR_INIT;
    assert_true(participation_json(&p, &text, false));
    json_t *j = parsed(&text);
    json_t *g0 = json_array_get(json_object_get(j, "groups"), 0);
    assert_string_equal(json_string_value(json_object_get(g0, "group")), "F + X");
    assert_true(json_number_value(json_object_get(g0, "rate")) == 0.5714);
    assert_true(json_is_false(json_object_get(g0, "suppressed")));
    assert_true(json_is_true(json_object_get(g0, "combined")));
    json_t *members = json_object_get(g0, "members");
    assert_int_equal(json_array_size(members), 2);
    assert_string_equal(json_string_value(json_array_get(members, 0)), "F");
    assert_string_equal(json_string_value(json_array_get(members, 1)), "X");
    json_t *g1 = json_array_get(json_object_get(j, "groups"), 1);
    assert_true(json_number_value(json_object_get(g1, "ratio_to_overall")) == 0.5667);
    assert_string_equal(json_string_value(json_object_get(g1, "flag")), "under");
    /* M hours: 10 h / (10 x 12/12 fte) = 1.00 per FTE */
    assert_true(json_number_value(json_object_get(g1, "hours_per_fte")) == 1.0);
    assert_true(json_is_false(json_object_get(g1, "combined")));
    assert_null(json_object_get(g1, "members"));
    json_decref(j);
    /* an admin asking for groups of 1: F is over (0.5 / 0.3529 = 1.4167) */
    assert_true(participation_for(&f, 2025, DIM_GENDER, 1, &ta, &p));
    assert_int_equal(group_named(&p, "F")->flag, 1);
    assert_false(group_named(&p, "X")->suppressed);
    assert_int_equal(group_named(&p, "X")->flag, 1);
    arena_free(&ta);
}

static void test_participation_bands_and_orders(void **state)
{
    (void)state;
    reset(2025, 2025);
    size_t a = person("A", GENDER_F, d(2020, 1, 1), DATE_NONE, 10000);
    size_t b = person("B", GENDER_F, d(2020, 1, 1), DATE_NONE, 10000);
    size_t c = person("C", GENDER_F, d(2020, 1, 1), DATE_NONE, 10000);
    person("Z", GENDER_F, d(2020, 1, 1), d(2024, 6, 30), 10000); /* not in 2025 */
    people[a].birth_date = d(2001, 1, 1);   /* 24 on 2025-12-31 */
    people[b].birth_date = d(2000, 12, 31); /* 25 */
    people[c].birth_date = d(1970, 12, 31); /* 55 */
    people[a].born_abroad = ANSWER_YES;
    people[b].born_abroad = ANSWER_NO;
    people[c].education = EDUCATION_LOW;
    arena ta = ARENA_INIT;
    participation p;
    assert_true(participation_for(&f, 2025, DIM_AGE, 1, &ta, &p));
    assert_int_equal(p.ngroups, 3); /* empty bands are not listed */
    assert_string_equal(p.groups[0].name, "<25");
    assert_string_equal(p.groups[1].name, "25-34");
    assert_string_equal(p.groups[2].name, "55+");
    /* nobody learned: the overall rate is 0, no flags */
    assert_int_equal(p.groups[0].flag, 0);
    assert_true(participation_for(&f, 2025, DIM_ORIGIN, 1, &ta, &p));
    assert_string_equal(p.groups[0].name, "abroad");
    assert_string_equal(p.groups[1].name, "belgium");
    assert_string_equal(p.groups[2].name, "unknown");
    assert_true(participation_for(&f, 2025, DIM_EDUCATION, 1, &ta, &p));
    assert_string_equal(p.groups[0].name, "low");
    assert_string_equal(p.groups[1].name, "medium");
    assert_int_equal(p.ngroups, 2);
    assert_true(participation_for(&f, 2025, DIM_DISABILITY, 1, &ta, &p));
    assert_string_equal(p.groups[0].name, "unknown");
    assert_int_equal(p.groups[0].headcount, 3);
    str text = STR_INIT;
    assert_true(participation_json(&p, &text, true));
    json_t *j = parsed(&text);
    assert_true(json_is_null(json_object_get(json_array_get(json_object_get(j, "groups"), 0),
                                             "flag")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "overall"), "rate")),
                     0);
    json_decref(j);
    arena_free(&ta);
}

static void test_single_small_group_with_no_other(void **state)
{
    (void)state;
    reset(2025, 2025);
    person("A", GENDER_F, d(2020, 1, 1), DATE_NONE, 10000);
    arena ta = ARENA_INIT;
    participation p;
    assert_true(participation_for(&f, 2025, DIM_GENDER, 5, &ta, &p));
    assert_int_equal(p.ngroups, 1);
    assert_true(p.groups[0].suppressed);
    assert_int_equal(p.overall.headcount, 1); /* the overall line is never hidden */
    arena_free(&ta);
}

static void test_behind_on_the_right(void **state)
{
    (void)state;
    /* on 2026-11-29 ten months have passed (the month under way does not count) */
    assert_int_equal(policy_months_passed(2026, d(2026, 11, 29)), 10);
    assert_int_equal(policy_months_passed(2026, d(2026, 1, 31)), 0);
    assert_int_equal(policy_months_passed(2025, d(2026, 1, 1)), 12);
    assert_int_equal(policy_months_passed(2027, d(2026, 12, 31)), 0);
    int64_t day = 1000; /* units of a day, for the example */
    /* right 5 days and 10 carried in, in 2026: the carried days may be used
     * until 2028, so by November 5 x 10/12 = 4.1667 days are due */
    right_line l = {0, 12, 5 * day, 4167, 10 * day, 0};
    l.balance = l.carried_in + l.entitlement - l.used;
    assert_false(right_behind(&l, 2026, d(2026, 11, 29)));
    l.used = 4166;
    l.balance = l.carried_in + l.entitlement - l.used;
    assert_true(right_behind(&l, 2026, d(2026, 11, 29)));
    /* in 2028, the period's last year, the carried days lapse at its end:
     * 15 x 10/12 = 12.5 are due by November */
    l.used = 12500;
    l.balance = l.carried_in + l.entitlement - l.used;
    assert_false(right_behind(&l, 2028, d(2028, 11, 29))); /* 12.5 used: exactly due */
    l.used = 12499;
    l.balance = l.carried_in + l.entitlement - l.used;
    assert_true(right_behind(&l, 2028, d(2028, 11, 29)));
    /* 6.58 of a right of 5 without carry-over: on track, balance below zero */
    right_line over = {0, 12, 5 * day, 6580, 0, -1580};
    assert_false(right_behind(&over, 2026, d(2026, 11, 29)));
    /* in January nothing is due yet */
    right_line none = {0, 12, 5 * day, 0, 0, 5 * day};
    assert_false(right_behind(&none, 2026, d(2026, 1, 20)));
    /* a past year: the whole right was due */
    none.used = 4999;
    assert_true(right_behind(&none, 2025, d(2026, 1, 20)));
    /* no right at all: never behind */
    right_line zero = {0, 12, 0, 0, 0, 0};
    assert_false(right_behind(&zero, 2025, d(2026, 1, 20)));
    /* what counts as used */
    assert_true(right_counts(TYPE_FORMAL, false));
    assert_true(right_counts(TYPE_INFORMAL, false));
    assert_false(right_counts(TYPE_INITIAL, false));
    assert_false(right_counts(TYPE_FORMAL, true));
}

static void test_per_fte_and_first_year(void **state)
{
    (void)state;
    /* 3 FTE-years (36 months at full time): 5 days of 1 unit each per FTE */
    ratio r = per_fte(15, 1, 36 * 10000);
    assert_fraction(r.num, r.den, 2, "5.00");
    ratio fte = fte_of(6 * 10000 + 12 * 5000); /* half a year full time + a year half time */
    assert_fraction(fte.num, fte.den, 2, "1.00");
    assert_int_equal(right_first_year(2024), 2024);
    assert_int_equal(right_first_year(2027), 2024);
    assert_int_equal(right_first_year(2029), 2029);
    assert_int_equal(right_first_year(2023), 2023);
}

static void test_setting_defaults_in_one_table(void **state)
{
    (void)state;
    assert_int_equal(setting_decimal("hours_per_day", NULL, 2), 760);
    assert_int_equal(setting_decimal("hours_per_day", "8", 2), 800);
    assert_int_equal(setting_decimal("hours_per_day", "x", 2), 760); /* unreadable: default */
    assert_int_equal(setting_decimal("min_group", NULL, 0), POLICY_MIN_GROUP);
    assert_int_equal(setting_decimal("employer_size", NULL, 2), -1); /* computed */
    assert_int_equal(setting_decimal("days_per_fte", NULL, 2), -1);  /* the law */
    assert_int_equal(setting_decimal("newcomer_months", NULL, 0), 6);
}

static void test_mail_settings_stay_on_one_line(void **state)
{
    (void)state;
    str out = STR_INIT;
    const char *error = NULL;
    assert_true(setting_normalize("smtp_from", "opleiding@example.be", &out, &error));
    assert_string_equal(str_cstr(&out), "opleiding@example.be");
    /* what would end SMTP's line or start another header, or is no address */
    static const char *const bad[] = {"not an address", "a@b\r\nBcc: x@y", "@example.be",
                                      "hr@", "HR <hr@example.be>", "a@b@c", NULL};
    for (int i = 0; bad[i]; i++) {
        error = NULL;
        assert_false(setting_normalize("smtp_from", bad[i], &out, &error));
        assert_non_null(error);
    }
    assert_false(setting_normalize("smtp_host", "mail\nexample", &out, &error));
    /* a password travels encoded: any byte may be in it */
    assert_true(setting_normalize("smtp_password", "a\tb", &out, &error));
    str_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_employer_size_quarters),
        cmocka_unit_test(test_mail_settings_stay_on_one_line),
        cmocka_unit_test(test_employer_size_empty_quarters_and_override),
        cmocka_unit_test(test_employer_size_threshold_is_unrounded),
        cmocka_unit_test(test_days_per_fte_by_size_and_year),
        cmocka_unit_test(test_reference_periods),
        cmocka_unit_test(test_training_right_edges),
        cmocka_unit_test(test_training_right_reset_in_a_new_period),
        cmocka_unit_test(test_training_right_rounds_half_away_from_zero),
        cmocka_unit_test(test_social_balance_split),
        cmocka_unit_test(test_split_fallbacks),
        cmocka_unit_test(test_participation_suppression_and_flags),
        cmocka_unit_test(test_participation_bands_and_orders),
        cmocka_unit_test(test_single_small_group_with_no_other),
        cmocka_unit_test(test_behind_on_the_right),
        cmocka_unit_test(test_per_fte_and_first_year),
        cmocka_unit_test(test_setting_defaults_in_one_table),
    };
    return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
