/* test_evaluation.c - the rules of the four evaluation levels, on values
 * worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "core/evaluation.h"
#include "core/model.h"
#include "core/policy.h"

static date_t d(int y, int m, int day)
{
    return date_from_ymd(y, m, day);
}

static void test_reaction_scale_and_privacy(void **state)
{
    (void)state;
    assert_false(eval_score_valid(0));
    assert_true(eval_score_valid(1));
    assert_true(eval_score_valid(5));
    assert_false(eval_score_valid(6));
    /* min_group 5: four answers are hidden from all but HR. */
    assert_false(eval_reaction_shown(4, 5, false));
    assert_true(eval_reaction_shown(4, 5, true));
    assert_true(eval_reaction_shown(5, 5, false));
    assert_false(eval_reaction_shown(0, 5, false));
    /* Counts within a shown level: "not applied: 1" of 6 only to HR; 0
     * of 6 to all; 5 of 6 leaves one: HR only; 5 of 10 to all. */
    assert_false(eval_count_shown(1, 6, 5, false));
    assert_true(eval_count_shown(1, 6, 5, true));
    assert_true(eval_count_shown(0, 6, 5, false));
    assert_false(eval_count_shown(5, 6, 5, false));
    assert_true(eval_count_shown(5, 10, 5, false));
    /* Answered after the last day, within POLICY_REACTION_DAYS. */
    assert_false(eval_reaction_open(d(2026, 6, 30), d(2026, 6, 30)));
    assert_true(eval_reaction_open(d(2026, 6, 30), d(2026, 7, 1)));
    assert_true(eval_reaction_open(d(2026, 6, 30), d(2026, 6, 30) + POLICY_REACTION_DAYS));
    assert_false(eval_reaction_open(d(2026, 6, 30), d(2026, 6, 30) + POLICY_REACTION_DAYS + 1));
}

static void test_test_checks_and_result(void **state)
{
    (void)state;
    assert_int_equal(eval_test_check(1400, 2000, 1200), EVAL_TEST_OK);
    assert_int_equal(eval_test_check(2000, 2000, 2000), EVAL_TEST_OK);   /* the edges */
    assert_int_equal(eval_test_check(0, 2000, 0), EVAL_TEST_OK);
    assert_int_equal(eval_test_check(2001, 2000, 1200), EVAL_TEST_SCORE_OUTSIDE);
    assert_int_equal(eval_test_check(-1, 2000, 1200), EVAL_TEST_SCORE_OUTSIDE);
    assert_int_equal(eval_test_check(1400, 2000, 2001), EVAL_TEST_PASS_OUTSIDE);
    assert_int_equal(eval_test_check(1400, 2000, -1), EVAL_TEST_PASS_OUTSIDE);
    assert_int_equal(eval_test_check(0, 0, 0), EVAL_TEST_NO_SCALE);
    assert_int_equal(eval_test_result(1200, 1200), RESULT_COMPLETED); /* reaching it passes */
    assert_int_equal(eval_test_result(1199, 1200), RESULT_FAILED);
}

static void test_followup_days(void **state)
{
    (void)state;
    date_t end = d(2026, 3, 31);
    assert_int_equal(eval_last_day(d(2026, 3, 1), DATE_NONE), d(2026, 3, 1));
    assert_int_equal(eval_last_day(d(2026, 3, 1), end), end);
    /* 8 weeks by default: 31 March + 56 days = 26 May. */
    assert_int_equal(eval_followup_due(end, 0), d(2026, 5, 26));
    assert_int_equal(eval_followup_due(end, 2), d(2026, 4, 14));
    assert_false(eval_training_ended(end, end));
    assert_true(eval_training_ended(end, end + 1));
    assert_false(eval_followup_open(end, 0, d(2026, 5, 25)));
    assert_true(eval_followup_open(end, 0, d(2026, 5, 26)));
    assert_true(eval_followup_open(end, 0, d(2026, 5, 26) + POLICY_FOLLOWUP_OPEN_DAYS));
    assert_false(eval_followup_open(end, 0, d(2026, 5, 26) + POLICY_FOLLOWUP_OPEN_DAYS + 1));
}

static void test_indicator_progress(void **state)
{
    (void)state;
    int64_t num, den;
    /* Accidents from 9 to 4, measured 6: (6 - 9) / (4 - 9) = 3/5. */
    assert_true(eval_indicator_progress(900, 400, 600, true, &num, &den));
    assert_int_equal(num, 300);
    assert_int_equal(den, 500);
    /* Output from 100 to 150, measured 160: 60/50, beyond the target. */
    assert_true(eval_indicator_progress(10000, 15000, 16000, true, &num, &den));
    assert_int_equal(num * 5, den * 6);
    assert_false(eval_indicator_progress(100, 100, 120, true, &num, &den));
    assert_false(eval_indicator_progress(100, 200, 0, false, &num, &den));
}

/* Who evaluates what: the defaults, a reading and a writing, and the
 * defaults again for what cannot be read. */
static void test_evaluators(void **state)
{
    (void)state;
    int who[EVAL_LEVELS];
    char text[64];
    eval_evaluators_read(NULL, who);
    assert_int_equal(who[LEVEL_REACTION], EVALUATOR_PARTICIPANT);
    assert_int_equal(who[LEVEL_LEARNING], EVALUATOR_TRAINER);
    assert_int_equal(who[LEVEL_BEHAVIOUR], EVALUATOR_MANAGER);
    assert_int_equal(who[LEVEL_RESULTS], EVALUATOR_HR);
    eval_evaluators_text(who, text);
    assert_string_equal(text, "participant|trainer|manager|hr");
    eval_evaluators_read("nobody|hr|nobody|manager", who);
    assert_int_equal(who[LEVEL_REACTION], EVALUATOR_NOBODY);
    assert_int_equal(who[LEVEL_BEHAVIOUR], EVALUATOR_NOBODY);
    assert_int_equal(who[LEVEL_RESULTS], EVALUATOR_MANAGER);
    eval_evaluators_text(who, text);
    assert_string_equal(text, "nobody|hr|nobody|manager");
    const char *bad[] = {"", "hr", "hr|hr|hr", "hr|hr|hr|hr|hr", "hr|boss|hr|hr", "hr||hr|hr"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        eval_evaluators_read(bad[i], who);
        assert_int_equal(who[LEVEL_REACTION], EVALUATOR_PARTICIPANT);
        assert_int_equal(who[LEVEL_RESULTS], EVALUATOR_HR);
    }
}

/* What raises a need: hand-computed at the bounds of POLICY_LOW_REACTION
 * (3.00) and POLICY_LOW_PASS_PERCENT (50 %). */
static void test_concerns(void **state)
{
    (void)state;
    assert_int_equal(eval_record_concern(APPLIED_NO, RESULT_COMPLETED), CONCERN_NOT_APPLIED);
    assert_int_equal(eval_record_concern(APPLIED_PARTLY, RESULT_COMPLETED), CONCERN_NONE);
    assert_int_equal(eval_record_concern(-1, RESULT_FAILED), CONCERN_TEST_FAILED);
    assert_int_equal(eval_record_concern(APPLIED_YES, RESULT_FAILED), CONCERN_TEST_FAILED);
    assert_int_equal(eval_record_concern(-1, RESULT_COMPLETED), CONCERN_NONE);
    assert_int_equal(eval_record_concern(-1, RESULT_ONGOING), CONCERN_NONE);
    /* 9 answers summing to 27: exactly 3.00, not low; 26: 2.89, low. */
    assert_int_equal(eval_activity_concern(9, 27, 0, 0), CONCERN_NONE);
    assert_int_equal(eval_activity_concern(9, 26, 0, 0), CONCERN_LOW_REACTION);
    /* 2.995 would round to 3.00 on the page: still low. */
    assert_int_equal(eval_activity_concern(200, 599, 0, 0), CONCERN_LOW_REACTION);
    /* 2 of 4 passed: 50 %, not low; 1 of 3: low. */
    assert_int_equal(eval_activity_concern(0, 0, 4, 2), CONCERN_NONE);
    assert_int_equal(eval_activity_concern(0, 0, 3, 1), CONCERN_LOW_PASS_RATE);
    /* nothing to judge */
    assert_int_equal(eval_activity_concern(0, 0, 0, 0), CONCERN_NONE);
    /* both low: the reaction is named */
    assert_int_equal(eval_activity_concern(3, 3, 3, 0), CONCERN_LOW_REACTION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reaction_scale_and_privacy),
        cmocka_unit_test(test_test_checks_and_result),
        cmocka_unit_test(test_followup_days),
        cmocka_unit_test(test_indicator_progress),
        cmocka_unit_test(test_evaluators),
        cmocka_unit_test(test_concerns),
    };
    return cmocka_run_group_tests_name("evaluation", tests, NULL, NULL);
}
