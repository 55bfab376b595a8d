/* sessions.c - see sessions.h. */
#include "core/sessions.h"
#include "core/policy.h"
#include "util/i18n.h"
#include <ctype.h>
#include <string.h>

static const char *const enrol_state_names[] = {"requested", "approved", "declined",
                                                "enrolled", "waitlisted", "attended",
                                                "partly_attended", "no_show", "cancelled"};
static const char *const attendance_names[] = {"present", "partly", "absent"};
const vocab vocab_enrol_state = {enrol_state_names, 9};
const vocab vocab_attendance = {attendance_names, 3};

date_t session_first_day(const session_plan *p)
{
    date_t first = DATE_NONE;
    for (size_t i = 0; i < p->nslots; i++)
        if (first == DATE_NONE || p->slots[i].day < first)
            first = p->slots[i].day;
    return first;
}

date_t session_last_day(const session_plan *p)
{
    date_t last = DATE_NONE;
    for (size_t i = 0; i < p->nslots; i++)
        if (last == DATE_NONE || p->slots[i].day > last)
            last = p->slots[i].day;
    return last;
}

bool session_closable(const session_plan *p, date_t today)
{
    date_t last = session_last_day(p);
    return p->state && strcmp(p->state, "planned") == 0 && last != DATE_NONE && last <= today;
}

/* The checks of session_check, one per rule, shared with session_problems. */
static bool language_ok(const session_plan *p)
{
    return p->language && (!strcmp(p->language, "nl") || !strcmp(p->language, "fr") ||
                           !strcmp(p->language, "en"));
}

static bool capacity_ok(const session_plan *p)
{
    return p->capacity >= 1 && p->capacity <= SESSION_MAX_CAPACITY;
}

static bool slot_day_ok(const session_slot *s, date_t today)
{
    return s->day != DATE_NONE && s->day >= today;
}

static bool slot_hours_ok(const session_slot *s)
{
    return s->end > s->start;
}

static bool deadlines_ok(const session_plan *p)
{
    date_t first = session_first_day(p);
    return p->registration_deadline != DATE_NONE && p->registration_deadline <= first &&
           p->cancellation_deadline != DATE_NONE && p->cancellation_deadline <= first;
}

enum session_problem session_check(const session_plan *p, date_t today, int *slot)
{
    *slot = -1;
    if (!language_ok(p))
        return SESSION_BAD_LANGUAGE;
    if (!capacity_ok(p))
        return SESSION_BAD_CAPACITY;
    if (p->capacity < p->seats_taken)
        return SESSION_BELOW_TAKEN;
    if (p->late_fee < 0 || p->cost < 0)
        return SESSION_BAD_FEE;
    if (p->nslots == 0)
        return SESSION_NO_DATES;
    for (size_t i = 0; i < p->nslots; i++) {
        *slot = (int)i;
        if (!slot_day_ok(&p->slots[i], today))
            return SESSION_DATE_PAST;
        if (!slot_hours_ok(&p->slots[i]))
            return SESSION_END_BEFORE_START;
    }
    *slot = -1;
    return deadlines_ok(p) ? SESSION_OK : SESSION_DEADLINE_AFTER_START;
}

unsigned session_problems(const session_plan *p, date_t today)
{
    unsigned found = 0;
    if (!language_ok(p))
        found |= SESSION_BIT(SESSION_BAD_LANGUAGE);
    if (!capacity_ok(p))
        found |= SESSION_BIT(SESSION_BAD_CAPACITY);
    else if (p->capacity < p->seats_taken)
        found |= SESSION_BIT(SESSION_BELOW_TAKEN);
    if (p->late_fee < 0 || p->cost < 0)
        found |= SESSION_BIT(SESSION_BAD_FEE);
    if (p->nslots == 0)
        return found | SESSION_BIT(SESSION_NO_DATES);
    for (size_t i = 0; i < p->nslots; i++) {
        if (!slot_day_ok(&p->slots[i], today))
            found |= SESSION_BIT(SESSION_DATE_PAST);
        if (!slot_hours_ok(&p->slots[i]))
            found |= SESSION_BIT(SESSION_END_BEFORE_START);
    }
    if (!deadlines_ok(p))
        found |= SESSION_BIT(SESSION_DEADLINE_AFTER_START);
    return found;
}

const char *session_problem_text(enum session_problem p)
{
    switch (p) {
    case SESSION_OK:
        return "";
    case SESSION_NO_DATES:
        return N_("A session needs at least one date.");
    case SESSION_DATE_PAST:
        return N_("A date of the session lies in the past.");
    case SESSION_END_BEFORE_START:
        return N_("A date ends before it starts.");
    case SESSION_BAD_CAPACITY:
        return N_("The capacity must be at least 1.");
    case SESSION_DEADLINE_AFTER_START:
        return N_("The deadlines must fall on or before the first date.");
    case SESSION_BAD_LANGUAGE:
        return N_("Choose the language of the session.");
    case SESSION_BAD_FEE:
        return N_("Costs and fees cannot be negative.");
    case SESSION_BELOW_TAKEN:
        return N_("The capacity cannot be lower than the seats already taken.");
    }
    return "";
}

bool clock_read(const char *s, int *minutes)
{
    int h = 0, m = 0, digits = 0;
    const char *p = s;
    while (*p >= '0' && *p <= '9' && digits < 2)
        h = h * 10 + (*p++ - '0'), digits++;
    if (digits == 0 || *p++ != ':')
        return false;
    if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9') || p[2] != '\0')
        return false;
    m = (p[0] - '0') * 10 + (p[1] - '0');
    if (h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

void clock_format(int minutes, char out[6])
{
    if (minutes < 0 || minutes >= 24 * 60)
        minutes = 0;
    out[0] = (char)('0' + minutes / 600);
    out[1] = (char)('0' + minutes / 60 % 10);
    out[2] = ':';
    out[3] = (char)('0' + minutes % 60 / 10);
    out[4] = (char)('0' + minutes % 10);
    out[5] = '\0';
}

bool session_trainer_is_number(const char *text)
{
    int digits = 0, letters = 0;
    for (const char *c = text; *c; c++) {
        if (*c >= '0' && *c <= '9')
            digits++;
        else if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z'))
            letters++;
        else if (*c != '-' && *c != '_' && *c != '.' && *c != '/')
            return false; /* a space, a comma, an accent: a name */
    }
    return digits > 0 && letters <= digits;
}

bool number_alike(const char *text, const char *number)
{
    if (strlen(text) != strlen(number))
        return false;
    for (; *text; text++, number++) {
        bool digit = *text >= '0' && *text <= '9', other = *number >= '0' && *number <= '9';
        if (digit != other || (!digit && tolower((unsigned char)*text) !=
                                              tolower((unsigned char)*number)))
            return false;
    }
    return true;
}

int64_t slot_hours(const session_slot *s)
{
    int64_t minutes = s->end > s->start ? s->end - s->start : 0;
    /* hundredths of an hour = minutes * 100 / 60, rounded half up */
    return (minutes * 100 + 30) / 60;
}

bool enrol_transition_allowed(int from, int to)
{
    switch (from) {
    case ENROL_REQUESTED:
        return to == ENROL_APPROVED || to == ENROL_DECLINED || to == ENROL_CANCELLED;
    case ENROL_APPROVED:
        return to == ENROL_ENROLLED || to == ENROL_WAITLISTED || to == ENROL_CANCELLED;
    case ENROL_WAITLISTED:
        return to == ENROL_ENROLLED || to == ENROL_CANCELLED;
    case ENROL_ENROLLED:
        return to == ENROL_CANCELLED || to == ENROL_ATTENDED || to == ENROL_PARTLY_ATTENDED ||
               to == ENROL_NO_SHOW;
    default:
        return false;
    }
}

bool enrol_holds_seat(int state)
{
    return state == ENROL_ENROLLED || state == ENROL_ATTENDED ||
           state == ENROL_PARTLY_ATTENDED || state == ENROL_NO_SHOW;
}

bool enrol_is_open(int state)
{
    return state == ENROL_REQUESTED || state == ENROL_APPROVED || state == ENROL_ENROLLED ||
           state == ENROL_WAITLISTED;
}

bool cancellation_is_late(date_t on, date_t deadline)
{
    if (deadline == DATE_NONE)
        return false;
    return POLICY_CANCEL_DEADLINE_INCLUSIVE ? on > deadline : on >= deadline;
}

bool shift_fits(int person, int session)
{
    if (person == SHIFT_NONE)
        return POLICY_NO_SHIFT_FITS_ALL;
    return person == SHIFT_ROTATING || session == SHIFT_ROTATING || person == session;
}

bool slots_overlap(const session_slot *a, const session_slot *b)
{
    return a->day == b->day && a->start < b->end && b->start < a->end;
}

int enrol_conflicts(const session_plan *p, date_t hire, date_t exit, int shift,
                    const session_slot *others, size_t nothers)
{
    int c = CONFLICT_NONE;
    for (size_t i = 0; i < p->nslots; i++) {
        if (!date_employed_on(hire, exit, p->slots[i].day))
            c |= CONFLICT_EMPLOYMENT;
        for (size_t j = 0; j < nothers; j++)
            if (slots_overlap(&p->slots[i], &others[j]))
                c |= CONFLICT_OVERLAP;
    }
    if (!shift_fits(shift, p->shift))
        c |= CONFLICT_SHIFT;
    return c;
}

int64_t attended_hours(const session_slot *s, const attendance_entry *e)
{
    int64_t full = slot_hours(s);
    if (e->mark == MARK_PRESENT)
        return full;
    if (e->mark == MARK_PARTLY)
        return e->hours < 0 ? 0 : e->hours > full ? full : e->hours;
    return 0;
}

int attendance_outcome(const session_slot *slots, const attendance_entry *entries, size_t n)
{
    size_t whole = 0, some = 0;
    for (size_t i = 0; i < n; i++) {
        if (entries[i].mark == MARK_PRESENT)
            whole++;
        if (attended_hours(&slots[i], &entries[i]) > 0)
            some++;
    }
    if (n > 0 && whole == n)
        return ENROL_ATTENDED;
    return some ? ENROL_PARTLY_ATTENDED : ENROL_NO_SHOW;
}

bool attendance_registered(const attendance_entry *entries, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (entries[i].mark < 0 || entries[i].mark >= vocab_attendance.count)
            return false;
    return true;
}

int attendance_result(int outcome)
{
    return outcome == ENROL_ATTENDED ? RESULT_COMPLETED : RESULT_ONGOING;
}

int64_t cost_share(int64_t cost, size_t n, size_t i)
{
    if (n == 0 || cost <= 0)
        return 0;
    int64_t each = cost / (int64_t)n, left = cost % (int64_t)n;
    return each + ((int64_t)i < left ? 1 : 0);
}

long mail_backoff_seconds(int attempts)
{
    long wait = 60;
    for (int i = 1; i < attempts && wait < 6 * 3600; i++)
        wait *= 2;
    return wait > 6 * 3600 ? 6 * 3600 : wait;
}
