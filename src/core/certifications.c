/* certifications.c - see certifications.h. */
#include "core/certifications.h"
#include "core/policy.h"
#include "core/rules.h"
#include <string.h>

const char *const cert_status_names[CERT_STATUSES] = {"valid", "expiring", "expired", "missing"};
const vocab vocab_cert_status = {cert_status_names, CERT_STATUSES};

const int cert_reminder_steps[CERT_REMINDER_STEPS] = {90, 60, 30, 0};

bool cert_certifies(const activity *x)
{
    return x->validity_months > 0;
}

/* True when the N bytes at S, spaces around them ignored, equal NAME. */
static bool name_equals(const char *s, size_t n, const char *name)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == strlen(name) && memcmp(s, name, n) == 0;
}

bool cert_targets_function(const char *targets, const char *function)
{
    if (!targets)
        return true;
    bool any = false;
    for (const char *p = targets;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        const char *q = p;
        size_t m = n;
        while (m && (*q == ' ' || *q == '\t'))
            q++, m--;
        if (m) {
            any = true;
            if (function && name_equals(p, n, function))
                return true;
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    return !any; /* only separators and spaces: every function */
}

bool cert_required(const activity *x, const char *function)
{
    return x->mandatory && cert_targets_function(x->target_functions, function);
}

date_t cert_record_date(date_t start_date, date_t end_date)
{
    return end_date != DATE_NONE ? end_date : start_date;
}

date_t cert_valid_until(date_t achieved, int months)
{
    return date_add_months(achieved, months);
}

int cert_status_on(date_t valid_until, date_t day, int warn_days)
{
    if (valid_until == DATE_NONE)
        return CERT_VALID;
    if (day > valid_until)
        return CERT_EXPIRED;
    if (day >= valid_until - warn_days)
        return CERT_EXPIRING;
    return CERT_VALID;
}

/* Sorts the N indexes at IDX by the employee_id of PEOPLE (a stable merge
 * sort through TMP, reentrant: the server computes reports in parallel). */
static void sort_by_employee_id(size_t *idx, size_t *tmp, size_t n, const employee *people)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = strcmp(people[idx[j]].employee_id, people[idx[i]].employee_id) < 0
                               ? idx[j++] : idx[i++];
            while (i < mid)
                tmp[k++] = idx[i++];
            while (j < hi)
                tmp[k++] = idx[j++];
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
}

bool certifications_on(const employee *people, size_t npeople, const activity *acts,
                       size_t nacts, const cert_record *recs, size_t nrecs, date_t day,
                       int warn_days, arena *a, cert_report *out)
{
    memset(out, 0, sizeof *out);
    out->day = day;
    out->warn_days = warn_days;
    /* The activities that may be listed (they certify, or are mandatory and
     * so required for someone), in code order; rank[i] is activity i's place
     * among them, or -1. The sorts are over indexes, as the inputs are the
     * caller's. */
    size_t *order = arena_alloc(a, (nacts + 1) * sizeof *order);
    long *rank = arena_alloc(a, (nacts + 1) * sizeof *rank);
    size_t *who = arena_alloc(a, (npeople + 1) * sizeof *who);
    size_t *first = arena_alloc(a, (npeople + 2) * sizeof *first);
    if (!order || !rank || !who || !first)
        return false;
    size_t nrel = 0;
    for (size_t i = 0; i < nacts; i++) {
        rank[i] = -1;
        if (cert_certifies(&acts[i]) || acts[i].mandatory)
            order[nrel++] = i;
    }
    /* Few activities certify: an insertion sort. */
    for (size_t i = 1; i < nrel; i++) {
        size_t v = order[i], j = i;
        while (j > 0 && strcmp(acts[order[j - 1]].code, acts[v].code) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    for (size_t k = 0; k < nrel; k++)
        rank[order[k]] = (long)k;
    /* The people in employee_id order (the caller usually gives them so:
     * then this is one pass). */
    bool sorted = true;
    for (size_t i = 0; i < npeople; i++) {
        who[i] = i;
        if (i && strcmp(people[i - 1].employee_id, people[i].employee_id) > 0)
            sorted = false;
    }
    if (!sorted) {
        size_t *tmp = arena_alloc(a, (npeople + 1) * sizeof *tmp);
        if (!tmp)
            return false;
        sort_by_employee_id(who, tmp, npeople, people);
    }
    /* The records that may certify, grouped per person (counting sort). */
    memset(first, 0, (npeople + 2) * sizeof *first);
    size_t kept = 0;
    for (size_t r = 0; r < nrecs; r++) {
        const cert_record *c = &recs[r];
        if (c->person >= npeople || c->activity >= nacts || rank[c->activity] < 0 ||
            c->result != RESULT_COMPLETED || cert_record_date(c->start_date, c->end_date) > day)
            continue;
        first[c->person + 1]++;
        kept++;
    }
    for (size_t i = 0; i < npeople; i++)
        first[i + 1] += first[i];
    size_t *at = arena_alloc(a, (npeople + 1) * sizeof *at);
    const cert_record **mine = arena_alloc(a, (kept + 1) * sizeof *mine);
    date_t *best = arena_alloc(a, (nrel + 1) * sizeof *best);
    out->lines = arena_alloc(a, (npeople * (nrel ? nrel : 1) + 1) * sizeof *out->lines);
    if (!at || !mine || !best || !out->lines)
        return false;
    memcpy(at, first, npeople * sizeof *at);
    for (size_t r = 0; r < nrecs; r++) {
        const cert_record *c = &recs[r];
        if (c->person >= npeople || c->activity >= nacts || rank[c->activity] < 0 ||
            c->result != RESULT_COMPLETED || cert_record_date(c->start_date, c->end_date) > day)
            continue;
        mine[at[c->person]++] = c;
    }
    for (size_t w = 0; w < npeople; w++) {
        size_t i = who[w];
        const employee *e = &people[i];
        if (!date_employed_on(e->hire_date, e->exit_date, day))
            continue;
        for (size_t k = 0; k < nrel; k++)
            best[k] = DATE_NONE;
        for (size_t r = first[i]; r < first[i + 1]; r++) {
            long k = rank[mine[r]->activity];
            date_t d = cert_record_date(mine[r]->start_date, mine[r]->end_date);
            if (best[k] == DATE_NONE || d > best[k])
                best[k] = d;
        }
        for (size_t k = 0; k < nrel; k++) {
            const activity *x = &acts[order[k]];
            bool required = cert_required(x, e->function);
            if (!cert_certifies(x) && !required)
                continue;
            cert_line l = {i, order[k], CERT_MISSING, DATE_NONE, DATE_NONE};
            if (best[k] != DATE_NONE) {
                l.achieved = best[k];
                if (cert_certifies(x))
                    l.valid_until = cert_valid_until(best[k], x->validity_months);
                l.status = cert_status_on(l.valid_until, day, warn_days);
            } else if (!required) {
                continue;
            }
            out->lines[out->nlines++] = l;
            out->totals[l.status]++;
        }
    }
    return true;
}

bool cert_targets_normalize(const char *s, size_t n, arena *a, const char **out)
{
    *out = NULL;
    char *buf = arena_alloc(a, n + 1);
    if (!buf)
        return false;
    size_t len = 0;
    const char *end = s + n;
    for (const char *p = s; p <= end;) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *stop = bar ? bar : end;
        const char *q = p;
        while (q < stop && (*q == ' ' || *q == '\t'))
            q++;
        const char *r = stop;
        while (r > q && (r[-1] == ' ' || r[-1] == '\t'))
            r--;
        if (r > q) {
            if (len)
                buf[len++] = '|';
            memcpy(buf + len, q, (size_t)(r - q));
            len += (size_t)(r - q);
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    buf[len] = '\0';
    *out = len ? buf : NULL;
    return true;
}

int cert_reminder_due(date_t valid_until, date_t day)
{
    if (valid_until == DATE_NONE)
        return -1;
    for (int k = 0; k < CERT_REMINDER_STEPS; k++) {
        date_t from = valid_until - cert_reminder_steps[k];
        date_t until = k + 1 < CERT_REMINDER_STEPS
                           ? valid_until - cert_reminder_steps[k + 1] - 1
                           : valid_until + POLICY_REMINDER_LATE_DAYS;
        if (day >= from && day <= until)
            return cert_reminder_steps[k];
    }
    return -1;
}

void cert_report_hide_small(cert_report *r, int min_group)
{
    int64_t people[CERT_STATUSES] = {0};
    size_t last[CERT_STATUSES];
    for (int k = 0; k < CERT_STATUSES; k++)
        last[k] = (size_t)-1;
    for (size_t i = 0; i < r->nlines; i++) { /* the lines come per person */
        const cert_line *l = &r->lines[i];
        if (last[l->status] != l->person)
            people[l->status]++;
        last[l->status] = l->person;
    }
    r->min_group = min_group;
    for (int k = 0; k < CERT_STATUSES; k++)
        r->hidden[k] = !privacy_count_shown(people[k], -1, min_group);
}
