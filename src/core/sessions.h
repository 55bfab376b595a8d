/* sessions.h - the rules of organising training: what a session must be,
 * how an enrolment moves from state to state, what counts as a conflict,
 * when a cancellation is late, and what attendance puts in the learning
 * record. Pure C: no I/O, no SQL. */
#ifndef GP_CORE_SESSIONS_H
#define GP_CORE_SESSIONS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"

/* ---- sessions ---- */

/* One date of a session: a day and its times in minutes after midnight
 * (local time in Brussels). */
typedef struct session_slot {
    int64_t id; /* 0 before it is stored */
    date_t day;
    int start, end; /* minutes, 0..1439 */
    const char *place, *online_link;
    int64_t trainer_row;      /* an employee, or 0 */
    const char *trainer_name; /* an outside trainer, or NULL */
    const char *uid;          /* stable iCalendar UID (stored) */
} session_slot;

typedef struct session_plan {
    int64_t id;
    int64_t activity_row;
    const char *activity_code, *activity_title;
    int activity_form, activity_type;
    const char *language;  /* nl, fr, en */
    int capacity;
    int seats_taken;
    int shift;             /* enum shift */
    date_t registration_deadline, cancellation_deadline;
    int64_t late_fee;      /* cents per person */
    int64_t cost;          /* cents, the whole session */
    const char *note;
    const char *state;     /* planned, cancelled, closed */
    int sequence;
    int needs_approval;
    session_slot *slots;
    size_t nslots;
} session_plan;

/* What is wrong with a session that is being planned or changed. */
enum session_problem {
    SESSION_OK = 0,
    SESSION_NO_DATES,             /* a session needs at least one date */
    SESSION_DATE_PAST,            /* a date before today */
    SESSION_END_BEFORE_START,     /* a date that ends before (or when) it starts */
    SESSION_BAD_CAPACITY,         /* capacity below 1 (or absurdly high) */
    SESSION_DEADLINE_AFTER_START, /* a deadline after the first date */
    SESSION_BAD_LANGUAGE,
    SESSION_BAD_FEE,              /* a negative fee or cost */
    SESSION_BELOW_TAKEN           /* a capacity below the seats already taken */
};

/* The most capacity a session may have. */
#define SESSION_MAX_CAPACITY 10000

/* Checks a new (or changed) session against the rules above on day TODAY;
 * the slots in any order; a changed session may not have fewer seats than
 * P->seats_taken. The index of the offending slot in *slot (or -1). */
enum session_problem session_check(const session_plan *p, date_t today, int *slot);
/* Every problem session_check would find in P, not only the first, as a
 * set of SESSION_BIT(problem): for a form that tells them all at once. */
unsigned session_problems(const session_plan *p, date_t today);
#define SESSION_BIT(problem) (1u << (problem))
/* The message id that explains problem P. */
const char *session_problem_text(enum session_problem p);
/* The first day of P (DATE_NONE without dates). */
date_t session_first_day(const session_plan *p);
date_t session_last_day(const session_plan *p);
/* True when P may be closed on TODAY: it is planned and its last date is
 * on or before TODAY (a session without dates never is). The list of
 * sessions "to close" (tsessions_list) selects the same in SQL. */
bool session_closable(const session_plan *p, date_t today);

/* Reads "HH:MM" (or "H:MM") into minutes after midnight; false otherwise. */
bool clock_read(const char *s, int *minutes);

/* True when TEXT, typed as a session's trainer, has the shape of an
 * employee number rather than of a name: one word of letters, digits and
 * - _ . / with at least one digit and no more letters than digits ("E046",
 * "12345", "P-0012"). The employees import takes any text as a number, but
 * numbers are written so; a name ("Anna Peeters, Vormingplus", "Syntra")
 * has spaces or is mostly letters. Such a text that names no employee but
 * is alike one of their numbers (number_alike) is a mistyped number, not
 * an outside trainer. */
bool session_trainer_is_number(const char *text);
/* True when TEXT is employee number NUMBER with other digits: as long, with
 * a digit wherever NUMBER has one and its letters and marks elsewhere (case
 * aside). "E999" is alike "E001", "ISO9001" is not alike "EMP0001". */
bool number_alike(const char *text, const char *number);
/* Writes minutes after midnight as "HH:MM". */
void clock_format(int minutes, char out[6]);
/* The hours of a slot, in hundredths (rounded half away from zero). */
int64_t slot_hours(const session_slot *s);

/* ---- enrolments ---- */

enum enrol_state {
    ENROL_REQUESTED,
    ENROL_APPROVED,
    ENROL_DECLINED,
    ENROL_ENROLLED,
    ENROL_WAITLISTED,
    ENROL_ATTENDED,
    ENROL_PARTLY_ATTENDED,
    ENROL_NO_SHOW,
    ENROL_CANCELLED
};
extern const vocab vocab_enrol_state;

/* True when an enrolment may move from state FROM to state TO:
 * requested -> approved | declined | cancelled; approved -> enrolled |
 * waitlisted; waitlisted -> enrolled | cancelled; enrolled -> cancelled |
 * attended | partly_attended | no_show. */
bool enrol_transition_allowed(int from, int to);
/* True when the state holds a seat of the session. */
bool enrol_holds_seat(int state);
/* True when the state is still open (the person may still take part). */
bool enrol_is_open(int state);

/* A cancellation on day ON of an enrolment in a session whose cancellation
 * deadline is DEADLINE is late when it comes after that day (our reading:
 * the deadline day itself is still in time, policy.h). */
bool cancellation_is_late(date_t on, date_t deadline);

/* What stands in the way of an employee taking part, shown (not refused)
 * except where said. */
enum enrol_conflict {
    CONFLICT_NONE = 0,
    CONFLICT_OVERLAP = 1 << 0,    /* another session at the same time */
    CONFLICT_EMPLOYMENT = 1 << 1, /* a date outside the employment (refused) */
    CONFLICT_SHIFT = 1 << 2       /* the person's shift does not fit the session's */
};

/* True when a worker on shift PERSON fits a session planned for shift
 * SESSION: rotating workers and sessions fit everyone; otherwise the two
 * must be the same (policy.h: a person without a shift fits any). */
bool shift_fits(int person, int session);
/* True when the two slots share some time on the same day. */
bool slots_overlap(const session_slot *a, const session_slot *b);
/* The conflicts of enrolling someone employed from HIRE to EXIT (DATE_NONE:
 * still employed) on shift SHIFT into P, given the slots OTHERS of their
 * other open enrolments. */
int enrol_conflicts(const session_plan *p, date_t hire, date_t exit, int shift,
                    const session_slot *others, size_t nothers);

/* ---- attendance and the learning record ---- */

enum attendance_mark { MARK_NONE = -1, MARK_PRESENT, MARK_PARTLY, MARK_ABSENT };
extern const vocab vocab_attendance;

/* One person's attendance of one slot: MARK and, when partly, HOURS
 * (hundredths). */
typedef struct attendance_entry {
    int mark;
    int64_t hours;
} attendance_entry;

/* The hours (hundredths) that attendance E of slot S gives: the slot's
 * hours when present, the hours given (at most the slot's) when partly,
 * none otherwise. */
int64_t attended_hours(const session_slot *s, const attendance_entry *e);
/* The closing state of an enrolment from its attendance of the N slots:
 * attended when present at every one, no-show when at none, else partly
 * attended. */
int attendance_outcome(const session_slot *slots, const attendance_entry *entries, size_t n);
/* True when every one of the N ENTRIES has a mark (present, partly or
 * absent). A session is closed only when this holds for everyone
 * enrolled: a date left unregistered is not taken as absent, since absent
 * makes a no-show who owes the late fee. */
bool attendance_registered(const attendance_entry *entries, size_t n);
/* The result (enum learning_result) of the learning record that closing
 * writes for an enrolment whose outcome is OUTCOME: completed for who
 * attended every date in full; ongoing for who attended in part, since the activity is not
 * finished for them (the missed part is still to be made up). Only a
 * completed record certifies (RULES.md 5), so partial attendance never
 * gives the activity's certification; its hours count all the same
 * (RULES.md 2: every result counts). */
int attendance_result(int outcome);
/* The share of the session's COST (cents) of attendee I of N: the cost
 * split evenly, the cents left over going one each to the first ones, so
 * that the shares add up to COST exactly. */
int64_t cost_share(int64_t cost, size_t n, size_t i);

/* ---- e-mail ---- */

/* The most attempts at delivering one message before it is given up. */
#define MAIL_MAX_ATTEMPTS 10
/* The wait (seconds) before the next attempt after ATTEMPTS failed ones:
 * one minute, doubling each time, at most six hours. */
long mail_backoff_seconds(int attempts);

#endif
