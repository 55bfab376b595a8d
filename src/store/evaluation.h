/* evaluation.h (store) - the four levels of evaluation: the reaction
 * questionnaire and its answers, test attempts on learning records, the
 * managers' follow-ups, the plan's indicators and remarks. Writes join the
 * caller's transaction and are audited. Implemented in evaluation.c. */
#ifndef GP_STORE_EVALUATION_H
#define GP_STORE_EVALUATION_H
#include "core/competences.h"
#include "core/evaluation.h"
#include "store/store.h"
#include "util/arena.h"

/* ---- level 1 ---- */

typedef struct eval_question {
    int64_t id;
    int position;
    const char *text;
    int active;
    int about_trainer; /* 1: asked only where there was a trainer to judge */
} eval_question;

/* The questions by position (ACTIVE_ONLY: those still asked). */
int eval_questions_list(store *db, arena *a, bool active_only, eval_question **out, size_t *n);
/* Adds (ID 0) or changes a question, its row in *SAVED (may be NULL);
 * ABOUT_TRAINER: it judges the trainer, and is left out where there was
 * none. STORE_DONE when ID is unknown. */
int eval_question_save(store *db, const char *actor, int64_t id, const char *text, int position,
                       int active, int about_trainer, int64_t *saved);
/* 1 when learning record RECORD_ID came from a session with a trainer (an
 * employee or an outside name on one of its dates), 0 when not (learning
 * the employee logged themself, a record typed or imported, a session
 * without one), -1 on error: whether its questionnaire asks the questions
 * about the trainer. */
int eval_record_has_trainer(store *db, int64_t record_id);

/* Saves a participant's answers to the record RECORD_ID: N scores for the
 * questions QUESTION_IDS and an optional COMMENT, on DAY. Answering again
 * replaces the answers. */
int eval_reaction_save(store *db, const char *actor, int64_t record_id,
                       const int64_t *question_ids, const int *scores, size_t n,
                       const char *comment, date_t day);

/* A learning record waiting for (or given) its participant's reaction. */
typedef struct eval_pending {
    int64_t record_id;
    const char *title;   /* the activity's or the record's own */
    date_t last_day;
    bool by_participant; /* the activity asks its participants to react */
    bool has_trainer;    /* eval_record_has_trainer: the trainer questions apply */
} eval_pending;

/* The records of the employee at ROW that ended between SINCE and before
 * TODAY, completed, without answers yet and with a question to ask (not
 * only questions about a trainer where there was none), newest first. */
int eval_reactions_pending(store *db, arena *a, int64_t row, date_t since, date_t today,
                           eval_pending **out, size_t *n);

/* The four levels per activity, over the records that start in YEAR, in
 * people: each person once, by the latest of their records of the activity
 * that has a test (level 2) or a follow-up (level 3). */
typedef struct eval_activity_summary {
    int64_t activity_id;
    const char *code, *title;
    int64_t respondents, answers, score_sum;  /* level 1: people who answered, answers */
    int64_t tested, passed, attempts;         /* level 2: people tested, passed at the
                                                 last attempt, those records' attempts */
    int64_t followed, applied[APPLIED_COUNT]; /* level 3: people followed up */
} eval_activity_summary;

/* One line per activity with any evaluation, by code. */
int eval_summary(store *db, arena *a, int year, eval_activity_summary **out, size_t *n);
/* Level 1 per session or per trainer, over the answers to records of
 * sessions (enrolments.record_id) that start in YEAR. */
typedef struct eval_reaction_group {
    int64_t key;           /* the session's id; the trainer's employee row (0:
                              an outside trainer, named in LABEL) */
    const char *label;     /* the trainer's name; the session's activity title */
    const char *code;      /* the session's activity code ("" for a trainer) */
    date_t first_day;      /* the session's first date (DATE_NONE for a trainer) */
    int64_t respondents, answers, score_sum;
} eval_reaction_group;

enum { EVAL_BY_SESSION, EVAL_BY_TRAINER };

/* One line per session (by first day, then id) or per trainer (by name):
 * a trainer is whoever is named on one of the session's dates, and each
 * answer counts for every trainer of its session. */
int eval_reaction_by(store *db, arena *a, int year, int by, eval_reaction_group **out,
                     size_t *n);
/* The comments participants wrote about ACTIVITY_ID in YEAR (HR only). */
int eval_comments(store *db, arena *a, int year, int64_t activity_id, const char ***out,
                  size_t *n);

/* ---- level 2 ---- */

typedef struct learning_test {
    int attempt;
    date_t taken_on;
    int64_t score, max_score, pass_mark; /* hundredths of a point */
} learning_test;

/* Adds the next attempt of the record and sets its result after it
 * (eval_test_result); *attempt is its number. The values are checked by
 * the caller (eval_test_check). */
int learning_tests_add(store *db, const char *actor, int64_t record_id, const learning_test *t,
                       int *attempt);
int learning_tests_of(store *db, arena *a, int64_t record_id, learning_test **out, size_t *n);

/* ---- level 3 ---- */

typedef struct followup {
    int64_t record_id;
    const char *employee_id, *employee_name, *title;
    date_t last_day, due_on;
    const char *goals, *application; /* the agreement before the training */
    int applied;                     /* -1 while open */
    const char *how;
    bool by_manager;                 /* the activity leaves behaviour to the manager */
} followup;

/* The follow-ups open on TODAY for the team of MANAGER (0: everyone's),
 * oldest due first: completed records of a catalogue activity whose
 * follow-up is due (eval_followup_open) and not yet recorded. */
int followups_open(store *db, arena *a, int64_t manager, date_t today, followup **out,
                   size_t *n);
/* Records the follow-up of RECORD_ID: whether and how it is applied. */
int followups_record(store *db, const char *actor, int64_t record_id, int applied,
                     const char *how, date_t day);
/* Saves the agreement made before the training (goals, how it would be
 * applied) on RECORD_ID. */
int followups_agreement(store *db, const char *actor, int64_t record_id, const char *goals,
                        const char *application);
/* Sets the weeks after which ACTIVITY's follow-up is due (0: the default)
 * and who evaluates each level (EVALUATORS text, NULL: the defaults). */
int activities_set_evaluation(store *db, const char *actor, int64_t activity_id, int weeks,
                              const char *evaluators);

/* *APPLIED of RECORD_ID's follow-up (enum eval_applied), -1 when none is
 * recorded. */
int followups_applied_of(store *db, int64_t record_id, int *applied);
/* The follow-ups judged "not applied" on or after SINCE, for the team of
 * MANAGER (0: everyone's), newest first (what may raise a need). */
int followups_not_applied(store *db, arena *a, int64_t manager, date_t since, followup **out,
                          size_t *n);

/* ---- what an evaluation leads to (issue 13) ---- */

/* Adds need N (source NEED_FROM_EVALUATION) unless an open need of the same
 * source, scope, person and title is in the register: *added says which.
 * In the caller's transaction; needs_add audits it. */
int eval_need_raise(store *db, const char *actor, int role, const training_need *n,
                    bool *added);
/* Adds TEXT as a remark for next year on INITIATIVE_ID, raised from ORIGIN
 * (eval_remarks.origin): *added is false when a remark of that origin is
 * there already. Audited when added. */
int eval_remark_raise(store *db, const char *actor, int64_t initiative_id, const char *text,
                      const char *origin, bool *added);

/* ---- level 4 ---- */

typedef struct plan_indicator {
    int64_t id, initiative_id;
    const char *name, *unit;
    int64_t baseline, target, measured; /* hundredths; -1: not given */
    date_t measured_on;
} plan_indicator;

int plan_indicators_list(store *db, arena *a, int64_t plan_id, plan_indicator **out,
                         size_t *n);
/* Adds (id 0) or changes X; STORE_DONE when its initiative is not in the
 * plan PLAN_ID. */
int plan_indicator_save(store *db, const char *actor, int64_t plan_id, const plan_indicator *x);

typedef struct eval_remark {
    int64_t initiative_id;
    const char *text, *author, *at;
} eval_remark;

int eval_remarks_list(store *db, arena *a, int64_t plan_id, eval_remark **out, size_t *n);
/* STORE_DONE when the initiative is not in the plan PLAN_ID. */
int eval_remark_add(store *db, const char *actor, int64_t plan_id, int64_t initiative_id,
                    const char *text);

#endif
