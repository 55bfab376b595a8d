/* incentives.c - see incentives.h (RULES.md §8). */
#include "core/incentives.h"
#include "core/policy.h"
#include "util/decimal.h"
#include <string.h>

static const char *const kind_names[] = {"training_leave", "voucher", "sme_wallet",
                                         "sector_fund", "other"};
static const char *const period_names[] = {"school_year", "calendar_year"};
static const char *const status_names[] = {"to_file", "filed", "paid", "refused"};
const vocab vocab_incentive_kind = {kind_names, 5};
const vocab vocab_incentive_period = {period_names, 2};
const vocab vocab_claim_status = {status_names, 4};

int school_year_of(date_t d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    return m >= 9 ? y : y - 1;
}

int incentive_period_of(int period, date_t d)
{
    return period == PERIOD_SCHOOL_YEAR ? school_year_of(d) : date_year(d);
}

void incentive_period_bounds(int period, int year, date_t *from, date_t *to)
{
    if (period == PERIOD_SCHOOL_YEAR) {
        *from = date_from_ymd(year, 9, 1);
        *to = date_from_ymd(year + 1, 8, 31);
    } else {
        *from = date_from_ymd(year, 1, 1);
        *to = date_from_ymd(year, 12, 31);
    }
}

const incentive_params *incentive_params_on(const incentive_params *p, size_t n, date_t d)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].valid_from <= d && (p[i].valid_to == DATE_NONE || d <= p[i].valid_to))
            return &p[i];
    return NULL;
}

/* True when the figure V is absent (-1) or at least 0 and at most MAX (-1:
 * no maximum). */
static bool figure_ok(int64_t v, int64_t max)
{
    return v == -1 || (v >= 0 && (max < 0 || v <= max));
}

int64_t incentive_term_before(const incentive_params *p, size_t n, date_t from)
{
    int64_t term = -1;
    for (size_t i = 0; i < n && p[i].valid_from < from; i++)
        term = p[i].file_within_days;
    return term;
}

int incentive_params_check(const incentive_params *existing, size_t n,
                           const incentive_params *p, int *closes, int *with)
{
    *closes = *with = -1;
    if (p->valid_from == DATE_NONE || (p->valid_to != DATE_NONE && p->valid_to < p->valid_from))
        return PARAMS_RANGE;
    if (!figure_ok(p->rate_per_hour, -1) || !figure_ok(p->share, 10000) ||
        !figure_ok(p->share_medium, 10000) || !figure_ok(p->cap_hours, -1) ||
        !figure_ok(p->cap_amount, -1) || !figure_ok(p->min_hours, -1) ||
        !figure_ok(p->min_occupation, 10000))
        return PARAMS_VALUE;
    if (!figure_ok(p->file_within_days, INCENTIVE_MAX_TERM_DAYS))
        return PARAMS_TERM;
    for (size_t i = 0; i < n; i++) {
        const incentive_params *e = &existing[i];
        date_t e_to = e->valid_to;
        if (POLICY_PARAMS_CLOSE_OPEN && e_to == DATE_NONE && p->valid_to == DATE_NONE &&
            e->valid_from < p->valid_from) {
            *closes = (int)i; /* closed on p->valid_from - 1: no overlap left */
            continue;
        }
        bool before = p->valid_to != DATE_NONE && p->valid_to < e->valid_from;
        bool after = e_to != DATE_NONE && e_to < p->valid_from;
        if (!before && !after) {
            *with = (int)i;
            *closes = -1;
            return PARAMS_OVERLAP;
        }
    }
    return PARAMS_OK;
}

void training_leave_refund(int64_t fte, int school_year, const leave_course *courses, size_t n,
                           const incentive_params *p, size_t np, leave_result *r,
                           leave_line *lines)
{
    date_t from, to;
    incentive_period_bounds(PERIOD_SCHOOL_YEAR, school_year, &from, &to);
    /* POLICY_LEAVE_PARAMS_ON_FIRST_DAY */
    const incentive_params *par = incentive_params_on(p, np, from);
    *r = (leave_result){school_year, 0, 0, 0, -1, 0, false};
    bool occupation_ok = par && (par->min_occupation < 0 || fte >= par->min_occupation);
    if (par) {
        r->rate_per_hour = par->rate_per_hour;
        /* 125 h x the occupation fraction, exact: hundredths x FTE in
         * ten-thousandths is millionths of an hour. No cap: unlimited. */
        r->cap_u = par->cap_hours >= 0 ? par->cap_hours * fte : INT64_MAX;
    }
    r->eligible = occupation_ok && par->rate_per_hour >= 0;
    for (size_t i = 0; i < n; i++) {
        const leave_course *c = &courses[i];
        leave_line line = {c->record_id, c->hours, 0, LEAVE_COUNTED};
        /* POLICY_LEAVE_YEAR_OF_START: a course across 31 August stays whole
         * in the school year it started in. */
        if (c->start_date < from || c->start_date > to) {
            if (lines)
                lines[i] = (leave_line){c->record_id, c->hours, 0, LEAVE_NO_PARAMS};
            continue;
        }
        if (!par) {
            line.reason = LEAVE_NO_PARAMS;
        } else if (par->min_hours >= 0 && c->hours < par->min_hours) {
            line.reason = LEAVE_SHORT;
        } else if (!occupation_ok) {
            line.reason = LEAVE_OCCUPATION;
            r->taken_u += c->hours * LEAVE_UNIT;
        } else {
            int64_t want = c->hours * LEAVE_UNIT;
            int64_t left = r->cap_u - r->counted_u;
            line.counted_u = want <= left ? want : left;
            if (line.counted_u < want)
                line.reason = LEAVE_CAPPED;
            r->taken_u += want;
            r->counted_u += line.counted_u;
        }
        if (lines)
            lines[i] = line;
    }
    if (r->eligible)
        r->refund_num = r->counted_u * r->rate_per_hour;
}

int64_t leave_refund_cents(const leave_result *r)
{
    return div_round(r->refund_num, 100 * LEAVE_UNIT);
}

void split_pro_rata(int64_t amount, const int64_t *weights, size_t n, int64_t *out)
{
    __int128 total = 0;
    size_t last = n;
    for (size_t i = 0; i < n; i++) {
        total += weights[i];
        if (weights[i] > 0)
            last = i;
    }
    int64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = total > 0 && weights[i] > 0 && i != last
                     ? (int64_t)((__int128)amount * weights[i] / total) : 0;
        given += out[i];
    }
    if (n > 0)
        out[last < n ? last : n - 1] += amount - given;
}

/* The share (ten-thousandths) of scheme S for an employer of SIZE
 * (hundredths of FTE); -1 when the scheme gives nothing to it. */
static int64_t share_for(const incentive_scheme *s, const incentive_params *p, int64_t size)
{
    if (s->kind != KIND_SME_WALLET)
        return p->share;
    if (size < POLICY_SME_SMALL_BELOW)
        return p->share;
    if (size < POLICY_SME_MEDIUM_BELOW)
        return p->share_medium >= 0 ? p->share_medium : p->share;
    return -1;
}

int incentive_claimable(const incentive_scheme *s, const incentive_params *p, int64_t hours,
                        int64_t cost, int64_t used, int64_t employer_size, int64_t amount,
                        claimable *c)
{
    *c = (claimable){0, -1, 0};
    if (!p)
        return CLAIMABLE_NO_PARAMS;
    if (p->min_hours >= 0 && hours < p->min_hours)
        return CLAIMABLE_SHORT;
    int64_t share = share_for(s, p, employer_size);
    if (share < 0 && s->kind == KIND_SME_WALLET)
        return CLAIMABLE_NOT_SME;
    /* Without a share the whole cost may be claimed (a sector fund that
     * refunds what it agreed), within the cap. */
    c->share_amount = share >= 0 ? div_round(cost * share, 10000) : cost;
    c->most = c->share_amount;
    if (p->cap_amount >= 0) {
        c->cap_left = p->cap_amount > used ? p->cap_amount - used : 0;
        if (c->most > c->cap_left)
            c->most = c->cap_left;
    }
    if (amount < 0)
        return CLAIMABLE_OK;
    if (amount > c->share_amount)
        return CLAIMABLE_ABOVE_SHARE;
    if (c->cap_left >= 0 && amount > c->cap_left)
        return CLAIMABLE_ABOVE_CAP;
    return CLAIMABLE_OK;
}

date_t incentive_file_by(const incentive_params *p, date_t start)
{
    if (!p || p->file_within_days < 0 || start == DATE_NONE)
        return DATE_NONE;
    return start + (date_t)p->file_within_days;
}

bool incentive_in_time(const incentive_params *p, date_t start, date_t today)
{
    date_t last = incentive_file_by(p, start);
    return last == DATE_NONE || today <= last;
}

bool claim_can_move(int from, int to)
{
    switch (from) {
    case CLAIM_TO_FILE:
        return to == CLAIM_FILED;
    case CLAIM_FILED:
        return to == CLAIM_PAID || to == CLAIM_REFUSED;
    default:
        return false;
    }
}

const char *const figures_columns[FC_COUNT + 1] = {
    "scheme", "valid_from", "valid_to", "rate_per_hour", "share", "share_medium",
    "cap_hours", "cap_amount", "min_hours", "min_occupation", "file_within_days", NULL};

/* Cell I as a figure with two decimals (euro, hours or percent, which are
 * all kept in hundredths of their unit: cents, hundredths of an hour,
 * ten-thousandths of one), or in whole days (the term to file), -1 when
 * blank. */
static bool figure_cell(const char *const *text, const size_t *len, int i, int64_t *out)
{
    *out = -1;
    if (!text[i] || len[i] == 0)
        return true;
    decimal_status st = i == FC_RATE_PER_HOUR || i == FC_CAP_AMOUNT
                            ? decimal_parse_money(text[i], len[i], out)
                            : decimal_parse(text[i], len[i], i == FC_FILE_WITHIN_DAYS ? 0 : 2,
                                            out);
    return st == DECIMAL_OK && *out >= 0;
}

bool figures_read(const char *const *text, const size_t *len, incentive_params *p, int *bad)
{
    memset(p, 0, sizeof *p);
    p->valid_to = DATE_NONE;
    if (!text[FC_VALID_FROM] || !date_parse(text[FC_VALID_FROM], len[FC_VALID_FROM],
                                            &p->valid_from)) {
        *bad = FC_VALID_FROM;
        return false;
    }
    if (text[FC_VALID_TO] && len[FC_VALID_TO] &&
        !date_parse(text[FC_VALID_TO], len[FC_VALID_TO], &p->valid_to)) {
        *bad = FC_VALID_TO;
        return false;
    }
    int64_t *slots[FC_COUNT] = {NULL, NULL, NULL, &p->rate_per_hour, &p->share,
                                &p->share_medium, &p->cap_hours, &p->cap_amount, &p->min_hours,
                                &p->min_occupation, &p->file_within_days};
    for (int i = FC_RATE_PER_HOUR; i < FC_COUNT; i++)
        if (!figure_cell(text, len, i, slots[i])) {
            *bad = i;
            return false;
        }
    return true;
}
