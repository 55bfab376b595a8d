/* test_plan.c - rule 6: the plan's state machine, its warnings and the
 * planned effort; the policy scans' definitions and scoring. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/plan.h"
#include "core/scan.h"
#include "util/embed.h"

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

static plan base(void)
{
    plan p;
    memset(&p, 0, sizeof p);
    p.year = 2026;
    p.state = PLAN_DRAFT;
    p.body = p.advice_kind = -1;
    p.submitted_on = p.meeting_on = p.advice_on = p.adopted_on = p.evaluated_on =
        p.evaluation_meeting_on = DATE_NONE;
    return p;
}

static plan_initiative complete(unsigned attention)
{
    plan_initiative x = {0, "X", "A1", -1, TYPE_FORMAL, "operators", attention, NULL, 3, 750,
                         1, 1, 0, 0, -1, -1, -1};
    return x;
}

/* The number of warnings with CODE among the first N of W. */
static size_t count(const plan_warning *w, size_t n, int code)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += w[i].code == code;
    return k;
}

static void test_state_machine(void **state)
{
    (void)state;
    assert_true(plan_can_move(PLAN_DRAFT, PLAN_SUBMITTED));
    assert_false(plan_can_move(PLAN_DRAFT, PLAN_ADVISED));
    assert_false(plan_can_move(PLAN_DRAFT, PLAN_ADOPTED));
    assert_true(plan_can_move(PLAN_SUBMITTED, PLAN_DRAFT)); /* the only way back */
    assert_true(plan_can_move(PLAN_SUBMITTED, PLAN_ADVISED));
    assert_true(plan_can_move(PLAN_SUBMITTED, PLAN_ADOPTED)); /* without advice: a warning */
    assert_false(plan_can_move(PLAN_ADVISED, PLAN_SUBMITTED));
    assert_false(plan_can_move(PLAN_ADVISED, PLAN_DRAFT));
    assert_true(plan_can_move(PLAN_ADVISED, PLAN_ADOPTED));
    assert_false(plan_can_move(PLAN_ADOPTED, PLAN_ADVISED));
    assert_true(plan_can_move(PLAN_ADOPTED, PLAN_EVALUATED));
    assert_false(plan_can_move(PLAN_EVALUATED, PLAN_ADOPTED));
    assert_false(plan_can_move(PLAN_EVALUATED, PLAN_DRAFT));
}

static void test_timeline_warnings(void **state)
{
    (void)state;
    plan_warning w[32];
    unsigned all = (1u << ATTENTION_COUNT) - 1;
    plan_initiative x = complete(all);
    plan p = base();
    p.state = PLAN_ADOPTED;
    p.submitted_on = d(2026, 2, 1);
    p.meeting_on = d(2026, 2, 16);    /* exactly 15 days: fine */
    p.advice_on = d(2026, 3, 15);     /* on the day: fine */
    p.adopted_on = d(2026, 3, 31);    /* on the day: fine */
    assert_int_equal(plan_check(&p, &x, 1, true, d(2026, 6, 1), w, 32), 0);
    p.meeting_on = d(2026, 2, 15);    /* 14 days */
    p.advice_on = d(2026, 3, 16);
    p.adopted_on = d(2026, 4, 1);
    size_t n = plan_check(&p, &x, 1, true, d(2026, 6, 1), w, 32);
    assert_int_equal(count(w, n, WARN_NOTICE_TOO_SHORT), 1);
    assert_int_equal(w[0].detail, 14);
    assert_int_equal(count(w, n, WARN_ADVICE_LATE), 1);
    assert_int_equal(count(w, n, WARN_ADOPTED_LATE), 1);
    assert_int_equal(count(w, n, WARN_ADOPTED_WITHOUT_ADVICE), 0);
    /* adopted without advice, and dates out of order */
    p = base();
    p.state = PLAN_ADOPTED;
    p.submitted_on = d(2026, 3, 1);
    p.adopted_on = d(2026, 2, 1);
    n = plan_check(&p, &x, 1, true, d(2026, 6, 1), w, 32);
    assert_int_equal(count(w, n, WARN_ADOPTED_WITHOUT_ADVICE), 1);
    assert_int_equal(count(w, n, WARN_DATES_OUT_OF_ORDER), 1);
    /* an advice before the submission: its own warning, not the generic one */
    p = base();
    p.state = PLAN_ADVISED;
    p.submitted_on = d(2026, 3, 1);
    p.advice_on = d(2026, 2, 20);
    n = plan_check(&p, &x, 1, true, d(2026, 3, 5), w, 32);
    assert_int_equal(count(w, n, WARN_ADVICE_BEFORE_SUBMISSION), 1);
    assert_int_equal(count(w, n, WARN_DATES_OUT_OF_ORDER), 0);
    assert_int_equal(count(w, n, WARN_SUBMITTED_IN_FUTURE), 0);
    /* a submission and an advice dated after today (stored before they were
     * refused): each said */
    p.advice_on = d(2026, 3, 10);
    n = plan_check(&p, &x, 1, true, d(2026, 2, 25), w, 32);
    assert_int_equal(count(w, n, WARN_SUBMITTED_IN_FUTURE), 1);
    assert_int_equal(count(w, n, WARN_ADVICE_IN_FUTURE), 1);
    assert_int_equal(count(w, n, WARN_ADVICE_BEFORE_SUBMISSION), 0);
    n = plan_check(&p, &x, 1, true, d(2026, 3, 10), w, 32); /* today itself is fine */
    assert_int_equal(count(w, n, WARN_SUBMITTED_IN_FUTURE), 0);
    assert_int_equal(count(w, n, WARN_ADVICE_IN_FUTURE), 0);
    assert_false(plan_step_in_future(d(2026, 3, 10), d(2026, 3, 10)));
    assert_true(plan_step_in_future(d(2026, 3, 11), d(2026, 3, 10)));
    /* still a draft after 31 March: a warning when required only */
    p = base();
    n = plan_check(&p, &x, 1, true, d(2026, 4, 1), w, 32);
    assert_int_equal(count(w, n, WARN_NOT_ADOPTED_IN_TIME), 1);
    n = plan_check(&p, &x, 1, true, d(2026, 3, 31), w, 32);
    assert_int_equal(count(w, n, WARN_NOT_ADOPTED_IN_TIME), 0);
    n = plan_check(&p, &x, 1, false, d(2026, 4, 1), w, 32);
    assert_int_equal(count(w, n, WARN_NOT_ADOPTED_IN_TIME), 0);
    /* more warnings than room: all counted */
    assert_int_equal(plan_check(&p, NULL, 0, true, d(2026, 4, 1), w, 2), 1 + ATTENTION_COUNT);
}

static void test_content_checks(void **state)
{
    (void)state;
    plan_warning w[32];
    plan p = base();
    plan_initiative items[2] = {complete(1u << ATTENTION_OLDER_50),
                                complete(1u << ATTENTION_DISABILITY)};
    items[1].activity_code = NULL;  /* and no form */
    items[1].type = -1;
    items[1].target_group = "";
    items[1].participants = 0;
    items[1].hours = 0;
    size_t n = plan_check(&p, items, 2, false, d(2026, 1, 1), w, 32);
    assert_int_equal(count(w, n, WARN_INITIATIVE_INCOMPLETE), 1);
    assert_int_equal(w[0].item, 1);
    assert_int_equal(w[0].detail, LACKS_ACTIVITY | LACKS_TYPE | LACKS_TARGET |
                                      LACKS_PARTICIPANTS | LACKS_HOURS);
    /* three attention groups have no initiative */
    assert_int_equal(count(w, n, WARN_ATTENTION_GROUP), 3);
    bool seen[ATTENTION_COUNT] = {false};
    for (size_t i = 0; i < n; i++)
        if (w[i].code == WARN_ATTENTION_GROUP)
            seen[w[i].detail] = true;
    assert_false(seen[ATTENTION_OLDER_50]);
    assert_false(seen[ATTENTION_DISABILITY]);
    assert_true(seen[ATTENTION_NON_EU]);
    assert_true(seen[ATTENTION_BOTTLENECK]);
    assert_true(seen[ATTENTION_GENDER_BALANCE]);
    /* a form instead of an activity is enough */
    items[1] = complete(0);
    items[1].activity_code = NULL;
    items[1].form = 4;
    n = plan_check(&p, items, 2, false, d(2026, 1, 1), w, 32);
    assert_int_equal(count(w, n, WARN_INITIATIVE_INCOMPLETE), 0);
}

static void test_planned_effort(void **state)
{
    (void)state;
    plan_initiative items[2] = {complete(0), complete(0)};
    items[0].participants = 3;
    items[0].hours = 750; /* 7.5 h */
    items[1].participants = 2;
    items[1].hours = 400;
    /* 3 x 7.5 + 2 x 4 = 30.5 hours = 3050 hundredths; 30.5 / 7.6 = 4.01 days */
    assert_int_equal(plan_planned_hours(items, 2), 3050);
    assert_int_equal(plan_planned_hours(items, 0), 0);
}

static bool applies_even(void *ctx, const char *statement)
{
    (void)ctx;
    size_t n = strlen(statement);
    return (statement[n - 1] - '0') % 2 == 0;
}

static void test_scan_definitions_and_scores(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    const char *json = "{\"id\":\"t\",\"title\":\"T\",\"intro\":\"I\",\"per_function\":true,"
                       "\"aspects\":[{\"id\":\"a\",\"title\":\"A\",\"statements\":["
                       "{\"id\":\"a.1\",\"text\":\"one\"},{\"id\":\"a.2\",\"text\":\"two\"}]},"
                       "{\"id\":\"b\",\"title\":\"B\",\"statements\":[{\"id\":\"b.4\","
                       "\"text\":\"four\"}]}]}";
    scan_def d0;
    assert_true(scan_parse(&a, json, strlen(json), &d0));
    assert_true(d0.per_function);
    assert_int_equal(d0.naspects, 2);
    aspect_score s[2];
    scan_score(&d0, applies_even, NULL, s);
    assert_int_equal(s[0].applies, 1);
    assert_int_equal(s[0].total, 2);
    assert_int_equal(s[1].applies, 1);
    assert_false(scan_parse(&a, "{\"id\":\"x\"}", 10, &d0));
    assert_false(scan_parse(&a, "not json", 8, &d0));
    /* every shipped scan parses in every language, with the same statements */
    static const char *const langs[] = {"nl", "fr", "en"};
    for (int i = 0; i < SCAN_COUNT; i++) {
        scan_def defs[3];
        for (int l = 0; l < 3; l++) {
            char name[64];
            snprintf(name, sizeof name, "%s.%s.json", scan_ids[i], langs[l]);
            const struct embedded_file *f = embed_find(embedded_scans, name);
            assert_non_null(f);
            assert_true(scan_parse(&a, (const char *)f->data, f->len, &defs[l]));
            assert_string_equal(defs[l].id, scan_ids[i]);
        }
        for (int l = 1; l < 3; l++) {
            assert_int_equal(defs[l].naspects, defs[0].naspects);
            for (size_t k = 0; k < defs[0].naspects; k++) {
                assert_int_equal(defs[l].aspects[k].n, defs[0].aspects[k].n);
                for (size_t m = 0; m < defs[0].aspects[k].n; m++)
                    assert_string_equal(defs[l].aspects[k].statements[m].id,
                                        defs[0].aspects[k].statements[m].id);
            }
        }
    }
    arena_free(&a);
}

/* What an initiative realised, for representatives (min_group 5): 2 of 3
 * took part: hidden; 5: shown; none took part: shown; not known yet, 3
 * planned: hidden, 6 planned: shown. */
static void test_realised_of_small_groups(void **state)
{
    (void)state;
    plan_initiative x = {.participants = 3, .realised_participants = 2};
    assert_false(plan_realised_shown(&x, 5));
    x.realised_participants = 5;
    assert_true(plan_realised_shown(&x, 5));
    x.realised_participants = 0;
    assert_true(plan_realised_shown(&x, 5));
    x.realised_participants = -1;
    assert_false(plan_realised_shown(&x, 5));
    x.participants = 6;
    assert_true(plan_realised_shown(&x, 5));
}

/* Adoption (policy.h, POLICY_ADOPT_*), by hand: submitted on 1 June,
 * meeting on 30 June, no advice; asked on 10 July. */
static void test_adoption_rule(void **state)
{
    (void)state;
    plan p = {.state = PLAN_SUBMITTED, .submitted_on = date_from_ymd(2026, 6, 1),
              .meeting_on = date_from_ymd(2026, 6, 30), .advice_on = DATE_NONE,
              .advice_kind = -1};
    date_t today = date_from_ymd(2026, 7, 10);
    assert_int_equal(plan_adoption_problem(&p, DATE_NONE, today, true, "x"), ADOPT_NO_DATE);
    assert_int_equal(plan_adoption_problem(&p, today + 1, today, true, "x"), ADOPT_IN_FUTURE);
    /* before the meeting: no advice yet, so only knowingly (RULES.md §6: a
     * date that breaks the timeline is warned about, never blocked) */
    assert_int_equal(plan_adoption_problem(&p, p.meeting_on - 1, today, false, NULL),
                     ADOPT_ADVICE_MISSING);
    assert_int_equal(plan_adoption_problem(&p, p.meeting_on - 1, today, true, "x"), ADOPT_OK);
    assert_int_equal(plan_adoption_problem(&p, p.meeting_on, today, false, NULL),
                     ADOPT_ADVICE_MISSING);
    assert_int_equal(plan_adoption_problem(&p, p.meeting_on, today, true, " \n"),
                     ADOPT_NO_REASON);
    assert_int_equal(plan_adoption_problem(&p, p.meeting_on, today, true, "no answer"),
                     ADOPT_OK);
    /* with the advice recorded, nothing to confirm; the meeting still counts */
    p.state = PLAN_ADVISED;
    p.advice_on = date_from_ymd(2026, 7, 1);
    assert_int_equal(plan_adoption_problem(&p, today, today, false, NULL), ADOPT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_machine),   cmocka_unit_test(test_timeline_warnings),
        cmocka_unit_test(test_content_checks),  cmocka_unit_test(test_planned_effort),
        cmocka_unit_test(test_scan_definitions_and_scores),
        cmocka_unit_test(test_realised_of_small_groups),
        cmocka_unit_test(test_adoption_rule),
    };
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
