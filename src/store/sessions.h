/* sessions.h - training sessions, their dates, enrolments with their
 * append-only history, agreements, attendance and calendar feeds
 * (sessions.c), and the e-mail outbox (outbox.c). Writes join the caller's
 * transaction and are audited; app/training.c wraps each change and the
 * messages it causes in one transaction. */
#ifndef GP_STORE_SESSIONS_H
#define GP_STORE_SESSIONS_H
#include "core/sessions.h"
#include "store/data.h"

/* ---- sessions and their dates ---- */

/* Adds session P and its slots (each given a fresh UID); its id in P->id
 * and each slot's in slot.id. */
int tsessions_add(store *db, const char *actor, session_plan *p);
/* Saves the changed fields, deadlines and slots (by id) of P and raises
 * its sequence. STORE_DONE when it is not planned (any more). */
int tsessions_update(store *db, const char *actor, const session_plan *p);
/* STORE_ROW with session ID and its slots (by day and start), or STORE_DONE. */
int tsessions_get(store *db, arena *a, int64_t id, session_plan *p);

typedef struct session_query {
    date_t from;             /* sessions with a date on or after; DATE_NONE: any */
    int form;                /* the activity's form, or -1 */
    const char *language;    /* or NULL */
    const char *competence;  /* a competence code of the activity, or NULL */
    int month;               /* YYYYMM of the first date, or 0 */
    bool include_cancelled;
    date_t closable_on;      /* only the sessions session_closable on this day; 0: any */
    int64_t trained_by;      /* only the sessions with a date this employee trains; 0: any */
} session_query;

/* The sessions Q selects with their slots, by first date. */
int tsessions_list(store *db, arena *a, const session_query *q, session_plan **out, size_t *n);
/* Sets the state of session ID to cancelled (with REASON) or closed and
 * raises its sequence; STORE_DONE when it was not planned. */
int tsessions_set_state(store *db, const char *actor, int64_t id, const char *state,
                       const char *reason);
/* True (1) when the employee at ROW trains a date of session ID; 0 when
 * not; -1 on error. */
int tsessions_trained_by(store *db, int64_t id, int64_t row);
/* Whether an activity's enrolments need approval; sets it. */
int activities_set_enrol_approval(store *db, const char *actor, int64_t activity_row, int on);

/* ---- enrolments ---- */

typedef struct enrolment {
    int64_t id, session_id, employee_row;
    const char *employee_id, *employee_name, *department;
    int state;          /* enum enrol_state */
    int late;
    int64_t fee_due;
    int64_t waitlist_order;
    /* the place on the waiting list: 1 is the next to get a seat (as
     * enrolments_first_waiting picks), whatever the stored order; 0 when
     * not waiting */
    int64_t waitlist_rank;
    bool has_agreement;
    /* the session's */
    const char *activity_title;
    date_t first_day;
    const char *session_state;
} enrolment;

/* STORE_ROW with the enrolment ID (or of EMPLOYEE_ROW in SESSION_ID when ID
 * is 0), STORE_DONE when none. */
int enrolments_get(store *db, arena *a, int64_t id, int64_t session_id, int64_t employee_row,
                   enrolment *e);

typedef struct enrolment_query {
    int64_t session_id;   /* 0: any */
    int64_t employee_row; /* 0: any */
    int64_t team_of;      /* only this manager's (direct and indirect) reports; 0: any */
    int state;            /* only this state, or -1 */
    bool upcoming_only;   /* sessions with a date on or after FROM */
    date_t from;
} enrolment_query;

int enrolments_list(store *db, arena *a, const enrolment_query *q, enrolment **out, size_t *n);
/* How many enrolments Q matches (all of them: the list stops at 5,000) in
 * *N; STORE_OK or STORE_ERROR. */
int enrolments_count(store *db, const enrolment_query *q, int64_t *n);
/* An open enrolment (requested, approved, enrolled or waiting) in a
 * planned session still to come. */
typedef struct coming_enrolment {
    int64_t employee_row, activity_row;
    int state; /* enum enrol_state */
    date_t first_day;
    int64_t session_id;
} coming_enrolment;

/* Every open enrolment in a planned session with a date on or after TODAY,
 * of EMPLOYEE_ROW and in a session of ACTIVITY_ROW (0: anyone, any
 * activity), the earliest session first; STORE_OK or STORE_ERROR. */
int enrolments_coming(store *db, arena *a, date_t today, int64_t employee_row,
                      int64_t activity_row, coming_enrolment **out, size_t *n);

/* Creates the enrolment of EMPLOYEE_ROW into SESSION_ID in state STATE (a
 * cancelled or declined one is opened again), with its first event;
 * STORE_CONSTRAINT when an open one exists. Its id in *id. */
int enrolments_open(store *db, const char *actor, int64_t session_id, int64_t employee_row,
                    int state, const char *reason, int64_t *id);
/* Moves enrolment ID from state FROM to TO, appending the event (ACTOR,
 * REASON); STORE_DONE when it is no longer in FROM. LATE and FEE are set
 * with a cancellation. */
int enrolments_move(store *db, const char *actor, int64_t id, int from, int to,
                    const char *reason, int late, int64_t fee);
/* Takes a seat of SESSION_ID when one is free: 1 taken, 0 full, -1 error.
 * One conditional UPDATE, so that two takers of the last seat cannot both
 * get it. */
int tsessions_take_seat(store *db, int64_t session_id);
int tsessions_free_seat(store *db, int64_t session_id);
/* Puts enrolment ID at the end of its session's waiting list. */
int enrolments_queue(store *db, int64_t id);
/* The first enrolment on SESSION_ID's waiting list: its id, 0 when none,
 * -1 on error. */
int64_t enrolments_first_waiting(store *db, int64_t session_id);

typedef struct enrolment_event {
    const char *state, *actor, *at, *reason;
} enrolment_event;

/* The history of enrolment ID, oldest first. */
int enrolments_history(store *db, arena *a, int64_t id, enrolment_event **out, size_t *n);
/* The slots of the other open enrolments (enrolled, waitlisted, requested)
 * of EMPLOYEE_ROW, apart from session EXCEPT. */
int enrolments_other_slots(store *db, arena *a, int64_t employee_row, int64_t except,
                           session_slot **out, size_t *n);

/* ---- agreements ---- */

typedef struct agreement {
    const char *goals, *preconditions, *application, *replacement;
    const char *updated_by, *updated_at;
} agreement;

int agreements_get(store *db, arena *a, int64_t enrolment_id, agreement *g);
int agreements_save(store *db, const char *actor, int64_t enrolment_id, const agreement *g);

/* ---- attendance and closing ---- */

/* Sets the attendance of enrolment ENROLMENT_ID on the date DATE_ID. */
int attendance_set(store *db, const char *actor, int64_t enrolment_id, int64_t date_id,
                   int mark, int64_t hours);
/* The attendance of enrolment ID per slot of P, in P's slot order
 * (MARK_NONE where none is recorded), into ENTRIES (P->nslots). */
int attendance_of(store *db, const session_plan *p, int64_t enrolment_id,
                  attendance_entry *entries);
/* Records that enrolment ID's closing wrote learning record RECORD. */
int enrolments_set_record(store *db, int64_t id, int64_t record);

/* ---- counts for representatives ---- */

typedef struct enrolment_count {
    const char *department;
    int64_t enrolments, cancellations;
} enrolment_count;

/* Per department: enrolments into sessions whose first date is in YEAR,
 * and how many of them were cancelled. */
int enrolments_by_department(store *db, arena *a, int year, enrolment_count **out, size_t *n);

/* ---- contacts ---- */

/* The e-mail address (NULL when none) and language (the linked user's, else
 * the default) of the employee at ROW, copied into A. */
int employees_contact(store *db, arena *a, int64_t row, const char **email, const char **lang,
                      const char **name);
/* The employment (hire and exit date, DATE_NONE when still employed) and
 * shift (SHIFT_NONE when unknown) of the employee at ROW: STORE_ROW, or
 * STORE_DONE when there is no such employee. One row by its key: enrolling
 * must not scan the staff. */
int employees_brief(store *db, int64_t row, date_t *hire, date_t *exit, int *shift);
/* The row of the manager of the employee at ROW, 0 when none. */
int64_t employees_manager_row(store *db, int64_t row);

/* ---- calendar feeds ---- */

/* The feed token of USER_ID in OUT, made when there is none (or when RENEW). */
int feeds_token(store *db, int64_t user_id, bool renew, char out[65]);
/* STORE_ROW with the employee row (0 when none) of the feed TOKEN, or
 * STORE_DONE. */
int feeds_find(store *db, const char *token, int64_t *employee_row);

/* A slot of someone's calendar: the slot, its session and why it is there. */
typedef struct calendar_item {
    session_slot slot;
    int64_t session_id;
    const char *title, *session_state;
    int sequence;
    int enrol_state; /* -1 when the person trains it */
} calendar_item;

/* The slots of every session EMPLOYEE_ROW is (or was) enrolled into or
 * trains, from FROM on. */
int calendar_items(store *db, arena *a, int64_t employee_row, date_t from,
                   calendar_item **out, size_t *n);

/* ---- the outbox (outbox.c) ---- */

typedef struct outbox_message {
    int64_t id;
    const char *recipient, *lang, *subject, *body, *dedupe_key;
    const char *state; /* queued, sent, failed */
    int attempts;
    const char *next_attempt, *last_error, *created_at, *sent_at;
} outbox_message;

/* Queues a message to RECIPIENT in language LANG, in the caller's
 * transaction: the change and its message are kept together or not at
 * all. A message whose DEDUPE_KEY (may be NULL) was queued before is not
 * queued again (STORE_OK all the same). */
int outbox_add(store *db, const char *recipient, const char *lang, const char *subject,
               const char *body, const char *dedupe_key);
/* Up to LIMIT queued messages whose next attempt is due (at or before
 * NOW, a TIME_STAMP), oldest first. */
int outbox_due(store *db, arena *a, const char *now, int limit, outbox_message **out,
               size_t *n);
int outbox_mark_sent(store *db, int64_t id);
/* Records a failed attempt: ERROR, and the next attempt at NEXT (a
 * TIME_STAMP), or failed for good when GIVE_UP. */
int outbox_mark_failed(store *db, int64_t id, const char *error, const char *next,
                       bool give_up);
/* The newest LIMIT messages in STATE (NULL: any). */
int outbox_list(store *db, arena *a, const char *state, int limit, outbox_message **out,
                size_t *n);
int64_t outbox_count(store *db, const char *state);

#endif
