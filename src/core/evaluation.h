/* evaluation.h - the four levels of evaluation (DESIGN §2.9, issue 13):
 * reaction, learning, behaviour and results, as pure rules: what a valid
 * answer or test is, when a follow-up is due, what may be shown to whom. */
#ifndef GP_EVALUATION_H
#define GP_EVALUATION_H
#include <stdbool.h>
#include <stdint.h>
#include "util/date.h"

/* ---- who evaluates what, agreed per activity ---- */

enum eval_level { LEVEL_REACTION, LEVEL_LEARNING, LEVEL_BEHAVIOUR, LEVEL_RESULTS, EVAL_LEVELS };
enum evaluator { EVALUATOR_HR, EVALUATOR_MANAGER, EVALUATOR_TRAINER, EVALUATOR_PARTICIPANT,
                 EVALUATOR_NOBODY, EVALUATORS };
extern const char *const evaluator_names[EVALUATORS]; /* "hr", ..., "nobody" */
/* Reads an activity's evaluators TEXT ("participant|trainer|manager|hr",
 * one code per level) into OUT; NULL or anything unreadable gives the
 * defaults (policy.h): the participant reacts, the trainer tests, the
 * manager follows up, HR measures the results. */
void eval_evaluators_read(const char *text, int out[EVAL_LEVELS]);
/* Writes IN as that text into OUT (at most 64 bytes with the NUL). */
void eval_evaluators_text(const int in[EVAL_LEVELS], char out[64]);

/* ---- level 1, reaction ---- */

#define EVAL_SCALE_MIN 1
#define EVAL_SCALE_MAX 5

/* True when SCORE is on the questionnaire's scale (1 to 5). */
bool eval_score_valid(int64_t score);
/* True when the reaction of a group (an activity, a session, a trainer)
 * with RESPONDENTS answers may be shown: to HR always, to anyone else only
 * when it is not small (privacy_is_small with MIN_GROUP). */
bool eval_reaction_shown(int64_t respondents, int min_group, bool hr);
/* True when COUNT of the WHOLE people of a shown level (those who passed of
 * those tested, who applied it of those followed up) may be shown: to HR
 * always, to anyone else as privacy_count_shown allows ("not applied: 1"
 * is one person's follow-up). */
bool eval_count_shown(int64_t count, int64_t whole, int min_group, bool hr);
/* True when a participant may answer the questionnaire of a training whose
 * last day is LAST_DAY on TODAY: after the last day, within
 * POLICY_REACTION_DAYS. */
bool eval_reaction_open(date_t last_day, date_t today);

/* ---- level 2, learning ---- */

enum eval_test_check {
    EVAL_TEST_OK,
    EVAL_TEST_NO_SCALE,      /* the maximum is not above 0 */
    EVAL_TEST_SCORE_OUTSIDE, /* the score is below 0 or above the maximum */
    EVAL_TEST_PASS_OUTSIDE   /* the pass mark is below 0 or above the maximum */
};
/* Checks a test result: SCORE and PASS_MARK within 0..MAX_SCORE, MAX_SCORE
 * above 0 (all in hundredths of a point). */
int eval_test_check(int64_t score, int64_t max_score, int64_t pass_mark);
/* The learning record's result after an attempt: completed when SCORE
 * reaches PASS_MARK, else failed. A retake is a new attempt; the record
 * follows the last one. */
int eval_test_result(int64_t score, int64_t pass_mark);

/* ---- level 3, behaviour ---- */

/* The day a record's last day is: its end_date, else its start_date. */
date_t eval_last_day(date_t start_date, date_t end_date);
/* The day the manager's follow-up of a training ending LAST_DAY is due:
 * WEEKS later (0 or less: POLICY_FOLLOWUP_WEEKS). */
date_t eval_followup_due(date_t last_day, int weeks);
/* True when the training has ended on TODAY (its last day is past): only
 * then can its follow-up be recorded. */
bool eval_training_ended(date_t last_day, date_t today);
/* True when the follow-up is an open task on TODAY: due, and not more than
 * POLICY_FOLLOWUP_OPEN_DAYS overdue (older ones are no longer asked for). */
bool eval_followup_open(date_t last_day, int weeks, date_t today);

enum eval_applied { APPLIED_YES, APPLIED_PARTLY, APPLIED_NO, APPLIED_COUNT };
extern const char *const eval_applied_names[APPLIED_COUNT]; /* "yes", "partly", "no" */

/* ---- what an evaluation leads to ---- */

/* Why an evaluation raises a need (or a remark for next year's plan). */
enum eval_concern {
    CONCERN_NONE,
    CONCERN_NOT_APPLIED,   /* a follow-up judged "not applied" */
    CONCERN_TEST_FAILED,   /* a record whose last test attempt failed */
    CONCERN_LOW_REACTION,  /* an activity's mean reaction is low */
    CONCERN_LOW_PASS_RATE, /* few of an activity's tested passed */
};

/* The concern of one person's record: APPLIED (enum eval_applied, -1 when
 * not followed up) of its follow-up and RESULT (RESULT_*) of the record. */
int eval_record_concern(int applied, int result);
/* The concern of an activity's results of a year: ANSWERS reaction scores
 * summing to SCORE_SUM, PASSED of TESTED. The reaction first. */
int eval_activity_concern(int64_t answers, int64_t score_sum, int64_t tested, int64_t passed);

/* ---- level 4, results ---- */

/* The share of the way from BASELINE to TARGET that MEASURED has gone, as
 * NUM/DEN (1 is the target reached; above 1 beyond it, below 0 worse than
 * the start). False when it cannot be said: no target, no measurement, or
 * a target equal to the baseline. */
bool eval_indicator_progress(int64_t baseline, int64_t target, int64_t measured, bool known,
                             int64_t *num, int64_t *den);

#endif
