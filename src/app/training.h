/* training.h - organising training: each change to sessions and enrolments
 * in one transaction together with the e-mail it causes (queued in the
 * outbox in the recipient's language) and its audit entries. Used alike by
 * the web pages, the API and the demo. */
#ifndef GP_APP_TRAINING_H
#define GP_APP_TRAINING_H
#include "store/sessions.h"

enum training_status {
    TRAINING_OK = 0,
    TRAINING_NOT_FOUND,     /* no such session or enrolment */
    TRAINING_NOT_OPEN,      /* the session is cancelled or closed */
    TRAINING_DEADLINE,      /* the registration deadline has passed */
    TRAINING_NOT_EMPLOYED,  /* a date falls outside the person's employment */
    TRAINING_ALREADY,       /* an open enrolment exists */
    TRAINING_WRONG_STATE,   /* the enrolment is not in a state that allows this */
    TRAINING_NOT_OVER,      /* closing a session whose last date is still to come */
    TRAINING_INVALID,       /* the session breaks a rule (see the problem) */
    TRAINING_UNREGISTERED,  /* closing while someone's attendance is not registered */
    TRAINING_ERROR          /* storage */
};

/* The message id explaining status S. */
const char *training_status_text(int s);

/* Plans session P (its activity by row) on TODAY: checked by session_check
 * (the problem in *problem), then stored. */
int training_plan(store *db, const char *actor, session_plan *p, date_t today,
                  enum session_problem *problem);
/* Saves the changes of session P (checked the same way) and tells everyone
 * enrolled or waiting. */
int training_change(store *db, const char *actor, const session_plan *p, date_t today,
                    enum session_problem *problem);
/* Cancels session ID with REASON: every open enrolment is cancelled (no fee)
 * and its person told. */
int training_cancel_session(store *db, const char *actor, int64_t id, const char *reason);

typedef struct enrol_outcome {
    int64_t enrolment_id;
    int state;     /* requested, enrolled or waitlisted */
    int conflicts; /* enum enrol_conflict bits shown to the person */
} enrol_outcome;

/* Enrols the employee at ROW into SESSION_ID on TODAY. BY_HR: HR enrols
 * (no approval, no deadline). Without approval needed the seat is taken at
 * once or the person joins the waiting list. */
int training_enrol(store *db, const char *actor, int64_t session_id, int64_t row, bool by_hr,
                   date_t today, enrol_outcome *out);
/* What enrolling a group did, or would do, person by person. */
typedef struct group_outcome {
    int enrolled;     /* got a seat */
    int waiting;      /* went on the waiting list */
    int already;      /* had an open enrolment, left as it was */
    int not_employed; /* not employed on every day of the session */
    int unknown;      /* no such employee (any more) */
    int trainers;     /* gives the session on one of its dates: left out */
} group_outcome;

/* Enrols the N employees at ROWS (HR enrolling a group) in one transaction,
 * counting the outcomes in *OUT. PREVIEW: the same enrolments are made and
 * then rolled back, so that a confirmation can say exactly what the real
 * enrolment will do (who is employed on the session's days, how many seats
 * are left) without a second copy of those rules. A trainer of the session
 * is left out (counted in trainers). */
int training_enrol_group(store *db, const char *actor, int64_t session_id, const int64_t *rows,
                         size_t n, date_t today, bool preview, group_outcome *out);
/* The manager approves (APPROVE) or declines (with REASON) the requested
 * enrolment ID. */
int training_decide(store *db, const char *actor, int64_t id, bool approve, const char *reason,
                    date_t today, enrol_outcome *out);
/* Cancels enrolment ID with REASON on TODAY: late (and the fee due) after
 * the cancellation deadline; a freed seat goes to the first waiting. */
int training_cancel_enrolment(store *db, const char *actor, int64_t id, const char *reason,
                              date_t today);
/* The enrolled people of session ID whose attendance is not registered on
 * every date (attendance_registered), in the order of enrolments_list:
 * STORE_OK with them in *OUT (N of them, in A), or STORE_ERROR. */
int training_unregistered(store *db, arena *a, int64_t id, enrolment **out, size_t *n);
/* Closes session ID on TODAY (session_closable): each enrolled person's
 * attendance becomes their learning record (hours attended, their share of
 * the cost, the activity's type, the result attendance_result gives) or a
 * no-show with the fee due; all in one transaction. Refused with
 * TRAINING_UNREGISTERED, changing nothing, while anyone's attendance of a
 * date is not registered. *records counts the records written. */
int training_close(store *db, const char *actor, int64_t id, date_t today, int *records);
/* Queues a reminder for every enrolled person of every session whose
 * first date is DAYS_AHEAD days after TODAY (once per enrolment and
 * session version). */
int training_remind(store *db, date_t today, int days_ahead, int *queued);

#endif
