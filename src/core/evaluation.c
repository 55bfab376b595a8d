/* evaluation.c - see evaluation.h. */
#include "core/evaluation.h"
#include "core/model.h"
#include "core/policy.h"
#include "core/rules.h"
#include <string.h>

const char *const eval_applied_names[APPLIED_COUNT] = {"yes", "partly", "no"};
const char *const evaluator_names[EVALUATORS] = {"hr", "manager", "trainer", "participant",
                                                 "nobody"};

void eval_evaluators_read(const char *text, int out[EVAL_LEVELS])
{
    static const int defaults[EVAL_LEVELS] = POLICY_EVALUATORS;
    for (int k = 0; k < EVAL_LEVELS; k++)
        out[k] = defaults[k];
    int got[EVAL_LEVELS];
    const char *p = text;
    for (int k = 0; p && k < EVAL_LEVELS; k++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        got[k] = -1;
        for (int e = 0; e < EVALUATORS; e++)
            if (strlen(evaluator_names[e]) == n && strncmp(p, evaluator_names[e], n) == 0)
                got[k] = e;
        if (got[k] < 0 || (k < EVAL_LEVELS - 1 && !bar) || (k == EVAL_LEVELS - 1 && bar))
            return; /* unreadable: the defaults */
        p = bar ? bar + 1 : NULL;
    }
    if (!text)
        return;
    for (int k = 0; k < EVAL_LEVELS; k++)
        out[k] = got[k];
}

void eval_evaluators_text(const int in[EVAL_LEVELS], char out[64])
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < EVAL_LEVELS; k++) {
        const char *name = in[k] >= 0 && in[k] < EVALUATORS ? evaluator_names[in[k]] : "nobody";
        size_t n = strlen(name);
        /* four names of at most 11 bytes and three bars always fit in 64 */
        if (k)
            out[len++] = '|';
        memcpy(out + len, name, n);
        len += n;
        out[len] = '\0';
    }
}

bool eval_score_valid(int64_t score)
{
    return score >= EVAL_SCALE_MIN && score <= EVAL_SCALE_MAX;
}

bool eval_reaction_shown(int64_t respondents, int min_group, bool hr)
{
    return hr || (respondents > 0 && !privacy_is_small(respondents, min_group));
}

bool eval_count_shown(int64_t count, int64_t whole, int min_group, bool hr)
{
    return hr || privacy_count_shown(count, whole, min_group);
}

bool eval_reaction_open(date_t last_day, date_t today)
{
    return last_day < today && today - last_day <= POLICY_REACTION_DAYS;
}

int eval_test_check(int64_t score, int64_t max_score, int64_t pass_mark)
{
    if (max_score <= 0)
        return EVAL_TEST_NO_SCALE;
    if (score < 0 || score > max_score)
        return EVAL_TEST_SCORE_OUTSIDE;
    if (pass_mark < 0 || pass_mark > max_score)
        return EVAL_TEST_PASS_OUTSIDE;
    return EVAL_TEST_OK;
}

int eval_test_result(int64_t score, int64_t pass_mark)
{
    return score >= pass_mark ? RESULT_COMPLETED : RESULT_FAILED;
}

date_t eval_last_day(date_t start_date, date_t end_date)
{
    return end_date != DATE_NONE ? end_date : start_date;
}

date_t eval_followup_due(date_t last_day, int weeks)
{
    return last_day + 7 * (weeks > 0 ? weeks : POLICY_FOLLOWUP_WEEKS);
}

bool eval_training_ended(date_t last_day, date_t today)
{
    return last_day < today;
}

bool eval_followup_open(date_t last_day, int weeks, date_t today)
{
    date_t due = eval_followup_due(last_day, weeks);
    return due <= today && today - due <= POLICY_FOLLOWUP_OPEN_DAYS;
}

bool eval_indicator_progress(int64_t baseline, int64_t target, int64_t measured, bool known,
                             int64_t *num, int64_t *den)
{
    if (!known || target == baseline)
        return false;
    *num = measured - baseline;
    *den = target - baseline;
    if (*den < 0) { /* a target below the baseline (fewer accidents): same sign rule */
        *num = -*num;
        *den = -*den;
    }
    return true;
}

int eval_record_concern(int applied, int result)
{
    if (applied == APPLIED_NO)
        return CONCERN_NOT_APPLIED;
    if (result == RESULT_FAILED)
        return CONCERN_TEST_FAILED;
    return CONCERN_NONE;
}

int eval_activity_concern(int64_t answers, int64_t score_sum, int64_t tested, int64_t passed)
{
    /* mean < POLICY_LOW_REACTION / 100, without rounding */
    if (answers > 0 && score_sum * 100 < (int64_t)POLICY_LOW_REACTION * answers)
        return CONCERN_LOW_REACTION;
    if (tested > 0 && passed * 100 < (int64_t)POLICY_LOW_PASS_PERCENT * tested)
        return CONCERN_LOW_PASS_RATE;
    return CONCERN_NONE;
}
