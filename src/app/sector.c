/* sector.c - the legal reports over every organisation of a site.
 *
 * Each organisation is read on a connection of its own, one at a time, with
 * nothing hidden (its own facts never leave this function); only the sums
 * of all of them, protected by the privacy rule as one population, and the
 * lines of organisations at or above min_group are written. What an
 * organisation adds is kept in its schema for the data version it was
 * computed at, so a report reads one row of each organisation that did not
 * change since the last one (see "kept between reports" below). */
#include "app/sector.h"
#include "core/policy.h"
#include "store/facts.h"
#include "store/orgs.h"
#include "store/site.h"
#include "util/i18n.h"
#include "util/jsonw.h"
#include "util/map.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Organisations are read by up to this many connections at once, one per
 * processor (sector_readers): each reader keeps a PostgreSQL backend busy
 * too, so more readers than processors only make them take turns. On two
 * processors, two readers made the cold sector report at four times the
 * issue's size 4.6 s against 5.0 s with four, and the warm one 0.15 against
 * 0.18 s. */
#define SECTOR_READERS 8

/* What one organisation adds to a sector report. */
typedef struct org_figures {
    const organisation *org;
    participation part;   /* unprotected, strings copied into the report's arena */
    social_balance balance;
    int64_t headcount;    /* employees in the year */
} org_figures;

/* Copies P's groups and names into A, so that P outlives its facts. */
static bool keep_participation(participation *p, arena *a)
{
    participation_group *groups = arena_alloc(a, (p->ngroups + 1) * sizeof *groups);
    if (!groups)
        return false;
    for (size_t i = 0; i < p->ngroups; i++) {
        groups[i] = p->groups[i];
        if (!(groups[i].name = arena_strdup(a, p->groups[i].name)))
            return false;
    }
    p->groups = groups;
    return true;
}

/* ---- an organisation's figures kept between reports ----
 *
 * What one organisation adds to a sector report is kept in its schema
 * (store/site.h: sector_figures_get/put) for the data version it was
 * computed at, so that a report reads one row of each organisation that did
 * not change rather than all its people. The form is text, one line each:
 *   "sector-figures 1"
 *   MIN_GROUP HEADCOUNT
 *   the social balance: YEAR, its 3 x 3 cells of 6 figures, X_PARTICIPANTS,
 *   HEADCOUNT x 3
 *   the participation: YEAR DIMENSION MIN_GROUP NGROUPS
 *   its overall line and NGROUPS groups, each: HEADCOUNT PARTICIPANTS HOURS
 *   FTE_MONTHS RIGHT_USED (high and low 64 bits) SUPPRESSED COMBINED FLAG
 *   then the name as LENGTH:BYTES. */

#define FIGURES_MAGIC "sector-figures 1"

static void put_group(str *out, const participation_group *g)
{
    unsigned __int128 used = (unsigned __int128)g->right_used;
    str_printf(out, "%lld %lld %lld %lld %llu %llu %d %d %d %zu:", (long long)g->headcount,
               (long long)g->participants, (long long)g->hours, (long long)g->fte_months,
               (unsigned long long)(used >> 64), (unsigned long long)used, g->suppressed,
               g->combined, g->flag, strlen(g->name));
    str_puts(out, g->name);
    str_putc(out, '\n');
}

/* F's figures and MIN_GROUP (the organisation's setting) as text in OUT;
 * false when they do not fit this form (a combined group, which min_group 1
 * never makes) or out of memory. */
static bool figures_write(const org_figures *f, int min_group, str *out)
{
    const participation *p = &f->part;
    if (p->dimension_name || p->overall.nmembers)
        return false;
    for (size_t i = 0; i < p->ngroups; i++)
        if (p->groups[i].nmembers)
            return false;
    str_printf(out, "%s\n%d %lld\n%d", FIGURES_MAGIC, min_group, (long long)f->headcount,
               f->balance.year);
    for (int t = 0; t < 3; t++)
        for (int g = 0; g < 3; g++) {
            const balance_cell *c = &f->balance.cells[t][g];
            str_printf(out, " %lld %lld %lld %lld %lld %lld", (long long)c->participants,
                       (long long)c->hours, (long long)c->gross_cost,
                       (long long)c->contributions, (long long)c->subsidies,
                       (long long)c->net_cost);
        }
    str_printf(out, " %lld %lld %lld %lld\n%d %d %d %zu\n", (long long)f->balance.x_participants,
               (long long)f->balance.headcount[0], (long long)f->balance.headcount[1],
               (long long)f->balance.headcount[2], p->year, p->dimension, p->min_group,
               p->ngroups);
    put_group(out, &p->overall);
    for (size_t i = 0; i < p->ngroups; i++)
        put_group(out, &p->groups[i]);
    return str_ok(out);
}

/* Reads the next integer at *P (after spaces) into *V; false when none. */
static bool take_int(const char **p, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(*p, &end, 10);
    if (end == *p || errno)
        return false;
    *p = end;
    return true;
}

static bool take_uint(const char **p, unsigned long long *v)
{
    char *end;
    errno = 0;
    while (**p == ' ')
        (*p)++;
    if (**p == '-')
        return false;
    *v = strtoull(*p, &end, 10);
    if (end == *p || errno)
        return false;
    *p = end;
    return true;
}

/* Reads one group line at *P into G, its name copied into A. */
static bool take_group(const char **p, arena *a, participation_group *g)
{
    long long v[4], flags[3];
    unsigned long long hi, lo, len;
    for (int i = 0; i < 4; i++)
        if (!take_int(p, &v[i]))
            return false;
    if (!take_uint(p, &hi) || !take_uint(p, &lo))
        return false;
    for (int i = 0; i < 3; i++)
        if (!take_int(p, &flags[i]))
            return false;
    if (!take_uint(p, &len) || **p != ':' || strnlen(*p + 1, len) < len || (*p)[1 + len] != '\n')
        return false;
    *g = (participation_group){.headcount = v[0], .participants = v[1], .hours = v[2],
                               .fte_months = v[3],
                               .right_used = (__int128)(((unsigned __int128)hi << 64) | lo),
                               .suppressed = flags[0] != 0, .combined = flags[1] != 0,
                               .flag = (int)flags[2]};
    g->name = arena_strndup(a, *p + 1, (size_t)len);
    *p += 2 + len;
    return g->name != NULL;
}

/* Reads TEXT (figures_write's form) into F and *MIN_GROUP; false when it is
 * not in that form (the caller computes the figures anew) or out of
 * memory. */
static bool figures_read(const char *text, arena *a, org_figures *f, int *min_group)
{
    size_t magic = strlen(FIGURES_MAGIC);
    if (strncmp(text, FIGURES_MAGIC, magic) != 0 || text[magic] != '\n')
        return false;
    const char *p = text + magic + 1;
    long long v[2 + 1 + 3 * 3 * 6 + 4 + 3]; /* every figure before NGROUPS */
    size_t n = sizeof v / sizeof *v;
    for (size_t i = 0; i < n; i++)
        if (!take_int(&p, &v[i]))
            return false;
    unsigned long long ngroups;
    if (!take_uint(&p, &ngroups) || *p++ != '\n' || ngroups > 100000)
        return false;
    *min_group = (int)v[0];
    f->headcount = v[1];
    f->balance = (social_balance){.year = (int)v[2]};
    const long long *c = &v[3];
    for (int t = 0; t < 3; t++)
        for (int g = 0; g < 3; g++, c += 6)
            f->balance.cells[t][g] = (balance_cell){c[0], c[1], c[2], c[3], c[4], c[5]};
    f->balance.x_participants = c[0];
    for (int g = 0; g < 3; g++)
        f->balance.headcount[g] = c[1 + g];
    c += 4;
    f->part = (participation){.year = (int)c[0], .dimension = (int)c[1], .min_group = (int)c[2],
                              .ngroups = (size_t)ngroups};
    f->part.groups = arena_alloc(a, (ngroups + 1) * sizeof *f->part.groups);
    if (!f->part.groups || !take_group(&p, a, &f->part.overall))
        return false;
    for (size_t i = 0; i < ngroups; i++)
        if (!take_group(&p, a, &f->part.groups[i]))
            return false;
    return *p == '\0';
}

/* Computes organisation O's figures of Q into *F (its groups kept in A) from
 * its people and learning, on DB turned to O; its min_group setting into
 * *MIN_GROUP. */
static int compute_org(store *db, const organisation *o, const sector_query *q, int dim,
                       arena *a, org_figures *f, int *min_group, str *err)
{
    arena scratch = ARENA_INIT;
    rule_settings s;
    facts org_facts;
    int rc = rule_settings_load(db, &s) == STORE_OK &&
                     facts_load_sums(db, &scratch, q->year, dim, false, &org_facts) == STORE_OK
                 ? REPORT_OK
                 : REPORT_FAILED;
    if (rc != REPORT_OK)
        str_printf(err, "%s: %s", o->slug, store_error(db));
    if (rc == REPORT_OK) {
        *min_group = s.min_group;
        social_balance_for(&org_facts, q->year, &f->balance);
        if (!participation_for(&org_facts, q->year, dim, 1, &scratch, &f->part) ||
            !keep_participation(&f->part, a)) {
            str_puts(err, "out of memory");
            rc = REPORT_FAILED;
        }
        f->headcount = f->part.overall.headcount;
    }
    arena_free(&scratch);
    return rc;
}

/* Reads organisation O's figures of Q into *F (its groups kept in A) on the
 * connection DB, turned to O; its min_group setting raises *MIN_GROUP. The
 * figures kept for the data's present version are read as they are; else
 * they are computed and kept for the next report. */
static int read_org(store *db, const organisation *o, const sector_query *q, arena *a,
                    org_figures *f, int *min_group, str *err)
{
    if (store_use_org(db, o->slug) != STORE_OK) {
        str_printf(err, "%s: %s", o->slug, store_error(db));
        return REPORT_FAILED;
    }
    *f = (org_figures){.org = o};
    int dim = q->kind == REPORT_PARTICIPATION ? q->dimension : DIM_GENDER;
    const char *kept;
    int org_min = 1;
    int got = sector_figures_get(db, q->year, dim, a, &kept);
    if (got == STORE_ROW && figures_read(kept, a, f, &org_min)) {
        f->org = o;
        if (org_min > *min_group)
            *min_group = org_min;
        return REPORT_OK;
    }
    bool keep = got != STORE_ERROR;
    if (!keep) { /* no such table: a schema not yet made, or older than 011 */
        int version = store_schema_version(db);
        if (version == 0) { /* registered, never initialised: nobody yet */
            *f = (org_figures){.org = o, .part = {.year = q->year}};
            return REPORT_OK;
        }
    }
    /* The version before the reads: figures kept under it are used only
     * while it stays the version, so no change can hide behind them. */
    int64_t version = keep ? store_data_version(db) : -1;
    *f = (org_figures){.org = o};
    int rc = compute_org(db, o, q, dim, a, f, &org_min, err);
    if (rc != REPORT_OK)
        return rc;
    if (org_min > *min_group)
        *min_group = org_min;
    str text = STR_INIT;
    /* Keeping them is a saving, not the report: when it fails (a read-only
     * replica, a full disk) the figures are right and are computed anew next
     * time, so the report goes on. */
    if (version >= 0 && figures_write(f, org_min, &text))
        (void)sector_figures_put(db, q->year, dim, version, str_cstr(&text));
    str_free(&text);
    return REPORT_OK;
}

/* The organisations as the groups of a participation "by organisation",
 * flagged against the sector's OVERALL line, under the privacy rule like
 * any groups (RULES §4): an organisation below MIN_GROUP is combined with
 * the smallest one that is not ("acme + beta"), or listed suppressed when
 * the small ones together reach MIN_GROUP. Leaving small ones out would let
 * their figures be found by subtracting the lines from the sector's. */
static bool by_organisation(const org_figures *figs, size_t n, const participation *overall,
                            int min_group, arena *a, participation *out)
{
    *out = (participation){.year = overall->year, .dimension = overall->dimension,
                           .dimension_name = "organisation", .min_group = min_group};
    participation *each = arena_alloc(a, (n + 1) * sizeof *each);
    size_t kept = 0;
    if (!each)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (figs[i].headcount == 0)
            continue; /* nobody employed that year: no line, as for any group */
        /* One group per organisation: its overall line, named by its slug. */
        participation_group *g = arena_alloc(a, sizeof *g);
        if (!g)
            return false;
        *g = figs[i].part.overall;
        g->name = figs[i].org->slug;
        each[kept++] = (participation){.year = overall->year, .overall = *g, .groups = g,
                                       .ngroups = 1};
    }
    /* Combined as groups of names (no fixed groups, sorted by name, shown as
     * text), whatever the dimension asked: with education's fixed groups
     * first, an organisation named "high" would change which one a small
     * one joins, and two dimensions' lines would then give the small one by
     * subtraction. dimension_name says what the groups are. */
    if (!participation_combine(each, kept, overall->year, DIM_DEPARTMENT, min_group, a, out))
        return false;
    out->dimension_name = "organisation";
    out->overall = overall->overall; /* the whole sector, small organisations included */
    return true;
}

static void write_header(jsonw *w, const sector_view *v)
{
    jw_key(w, "sector");
    jw_object(w);
    jw_key(w, "year");
    jw_int(w, v->year);
    jw_key(w, "organisations");
    jw_int(w, (int64_t)v->organisations);
    jw_key(w, "min_group");
    jw_int(w, v->min_group);
    jw_key(w, "suppressed");
    jw_bool(w, v->too_small);
    /* The groups by organisation are keyed by slug, which never changes;
     * people know the organisations by these names (and the whose setting
     * min_group is, when an organisation's own raised it). */
    jw_key(w, "names");
    jw_object(w);
    for (size_t i = 0; i < v->organisations; i++) {
        jw_key(w, v->orgs[i].slug);
        jw_string(w, v->orgs[i].name);
    }
    jw_end(w);
    jw_key(w, "min_group_set_by");
    if (v->min_group_org)
        jw_string(w, v->min_group_org->slug);
    else
        jw_null(w);
    jw_end(w);
}

/* The social balance by organisation: one group per organisation with
 * people that year, in the site's order (by slug; build_view then lists
 * the lines by name), put under the privacy rule as by_organisation does, each line's balance the sum of its
 * organisations' (none for a suppressed line); into V, from A. */
static bool balance_lines(const org_figures *figs, size_t n, int min_group, arena *a,
                          sector_view *v)
{
    participation_group *g = arena_alloc(a, (n + 1) * sizeof *g);
    size_t k = 0;
    for (size_t i = 0; g && i < n; i++)
        if (figs[i].headcount > 0)
            g[k++] = (participation_group){.name = figs[i].org->slug,
                                           .headcount = figs[i].headcount};
    map index = MAP_INIT;
    bool ok = g && privacy_protect(g, &k, min_group, a) &&
              (v->line_balances = arena_alloc(a, (k + 1) * sizeof *v->line_balances));
    for (size_t i = 0; ok && i < n; i++)
        ok = map_put(&index, figs[i].org->slug, strlen(figs[i].org->slug), (int64_t)i);
    for (size_t l = 0; ok && l < k; l++) {
        v->line_balances[l] = (social_balance){.year = v->year};
        /* summed for suppressed lines too: never shown, but their X counts
         * in hidden_x */
        size_t parts = g[l].nmembers ? g[l].nmembers : 1;
        for (size_t m = 0; ok && m < parts; m++) {
            const char *slug = g[l].nmembers ? g[l].members[m] : g[l].name;
            int64_t at;
            if ((ok = map_get(&index, slug, strlen(slug), &at)))
                social_balance_add(&v->line_balances[l], &figs[at].balance);
        }
    }
    map_free(&index);
    v->lines = g;
    v->nlines = k;
    return ok;
}

/* True when the sector's gender X must be hidden in its total: what the
 * lines by organisation do not show of X (a suppressed line's, a line's X
 * below MIN_GROUP) is a small group, which the total less the X the other
 * lines show would give. */
static bool hidden_x(const sector_view *v)
{
    int64_t unseen = 0;
    for (size_t l = 0; l < v->nlines; l++) {
        int64_t x = v->line_balances[l].headcount[GENDER_X];
        if (v->lines[l].suppressed || privacy_is_small(x, v->min_group))
            unseen += x;
    }
    return unseen > 0 && privacy_is_small(unseen, v->min_group);
}

/* True when the whole site's population, HEADCOUNT, is a small group. An
 * organisation's own total is never hidden (RULES.md §4: its social balance
 * is published anyway), but the sector's total of a site that holds one
 * small employer, or a few, would show them on their own. */
static bool sector_too_small(int64_t headcount, int min_group)
{
    return headcount > 0 && privacy_is_small(headcount, min_group);
}

static const char *line_name(const sector_view *v, const map *names, const participation_group *g,
                             arena *a);

/* A line by organisation and what it is listed by: the names people know
 * the organisations by, then their slugs (two may share a name). */
typedef struct line_key {
    const char *label, *slugs;
    size_t at;
} line_key;

static int line_key_cmp(const void *x, const void *y)
{
    const line_key *a = x, *b = y;
    int c = strcasecmp(a->label, b->label);
    if (!c)
        c = strcmp(a->label, b->label);
    return c ? c : strcmp(a->slugs, b->slugs);
}

/* Puts the N lines G (and BALANCES beside them, when not NULL) of V in
 * the order of the organisations' names, then slugs, as docs/scale.md
 * lists them: the privacy rule combined them in the order of the slugs,
 * which a person does not see ("Mini BV" before "De Schelde NV"). Only the
 * order changes, so every output (page, CSV, JSON, API) lists the same
 * lines the same way. False when out of memory. */
static bool order_by_name(const sector_view *v, participation_group *g, social_balance *balances,
                          size_t n, arena *a)
{
    map names = MAP_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < v->organisations; i++)
        ok = map_put(&names, v->orgs[i].slug, strlen(v->orgs[i].slug), (int64_t)i);
    line_key *keys = arena_alloc(a, (n + 1) * sizeof *keys);
    participation_group *lines = arena_alloc(a, (n + 1) * sizeof *lines);
    social_balance *sums = balances ? arena_alloc(a, (n + 1) * sizeof *sums) : NULL;
    ok = ok && keys && lines && (!balances || sums);
    for (size_t i = 0; ok && i < n; i++) {
        keys[i] = (line_key){line_name(v, &names, &g[i], a), g[i].name, i};
        ok = keys[i].label != NULL;
    }
    map_free(&names);
    if (!ok)
        return false;
    qsort(keys, n, sizeof *keys, line_key_cmp);
    for (size_t i = 0; i < n; i++) {
        lines[i] = g[keys[i].at];
        if (balances)
            sums[i] = balances[keys[i].at];
    }
    memcpy(g, lines, n * sizeof *g);
    if (balances)
        memcpy(balances, sums, n * sizeof *balances);
    return true;
}

/* The figures of Q for the page or the JSON: the sector's, then by
 * organisation, under MIN_GROUP, from the N organisations ORGS and what
 * each added (FIGS); into V, from A. */
static bool build_view(const sector_query *q, const organisation *orgs, const org_figures *figs,
                       size_t n, int min_group, arena *a, sector_view *v)
{
    *v = (sector_view){.kind = q->kind, .year = q->year, .dimension = q->dimension,
                       .organisations = n, .orgs = orgs, .min_group = min_group};
    if (q->kind == REPORT_PARTICIPATION) {
        participation *parts = arena_alloc(a, (n + 1) * sizeof *parts);
        for (size_t i = 0; parts && i < n; i++)
            parts[i] = figs[i].part;
        if (!parts ||
            !participation_combine(parts, n, q->year, q->dimension, min_group, a, &v->part) ||
            !by_organisation(figs, n, &v->part, min_group, a, &v->part_by_org) ||
            !order_by_name(v, v->part_by_org.groups, NULL, v->part_by_org.ngroups, a))
            return false;
        v->too_small = sector_too_small(v->part.overall.headcount, min_group);
        if (v->too_small) /* its groups are all small, so suppressed already */
            v->part.overall = v->part_by_org.overall =
                (participation_group){.name = v->part.overall.name, .suppressed = true};
        return true;
    }
    v->balance.year = q->year;
    for (size_t i = 0; i < n; i++)
        social_balance_add(&v->balance, &figs[i].balance);
    if (!balance_lines(figs, n, min_group, a, v) ||
        !order_by_name(v, v->lines, v->line_balances, v->nlines, a))
        return false;
    v->hide_x = hidden_x(v);
    v->too_small = sector_too_small(v->balance.headcount[GENDER_M] +
                                        v->balance.headcount[GENDER_F] +
                                        v->balance.headcount[GENDER_X],
                                    min_group);
    if (v->too_small)
        v->balance = (social_balance){.year = q->year};
    return true;
}

/* Writes line L of V's social balance by organisation: a suppressed line
 * by name only, else with its balance. */
static bool write_balance_line(jsonw *w, const sector_view *v, size_t l, bool pretty)
{
    const participation_group *g = &v->lines[l];
    jw_object(w);
    jw_key(w, "organisation");
    jw_string(w, g->name);
    if (g->nmembers) {
        jw_key(w, "members");
        jw_array(w);
        for (size_t m = 0; m < g->nmembers; m++)
            jw_string(w, g->members[m]);
        jw_end(w);
    }
    jw_key(w, "suppressed");
    jw_bool(w, g->suppressed);
    jw_key(w, "combined");
    jw_bool(w, g->combined);
    str part = STR_INIT;
    bool ok = true;
    if (!g->suppressed) {
        ok = social_balance_json(&v->line_balances[l], v->min_group, &part, pretty);
        jw_key(w, "social_balance");
        jw_raw(w, str_cstr(&part));
    }
    jw_end(w);
    str_free(&part);
    return ok;
}

/* The JSON of the report: the sector's figures, then those per
 * organisation. CTX is the sector_json to write into. */
typedef struct sector_json {
    str *out;
    bool pretty;
} sector_json;

static bool write_report(const sector_view *v, void *ctx)
{
    const sector_json *to = ctx;
    jsonw w;
    jw_init(&w, to->out, to->pretty);
    jw_object(&w);
    write_header(&w, v);
    str part = STR_INIT;
    bool ok = true;
    if (v->kind == REPORT_PARTICIPATION) {
        jw_key(&w, "participation");
        ok = participation_json(&v->part, &part, to->pretty);
        jw_raw(&w, str_cstr(&part));
        str_clear(&part);
        jw_key(&w, "by_organisation");
        ok = ok && participation_json(&v->part_by_org, &part, to->pretty);
        jw_raw(&w, str_cstr(&part));
    } else {
        jw_key(&w, "social_balance");
        if (v->too_small) {
            jw_null(&w);
        } else {
            ok = social_balance_json_as(&v->balance, v->min_group, v->hide_x, &part, to->pretty);
            jw_raw(&w, str_cstr(&part));
        }
        jw_key(&w, "by_organisation");
        jw_array(&w);
        for (size_t l = 0; ok && l < v->nlines; l++)
            ok = write_balance_line(&w, v, l, to->pretty);
        jw_end(&w);
    }
    jw_end(&w);
    str_free(&part);
    return ok && jw_finish(&w);
}

/* The organisations of V with people employed that year: those its lines
 * by organisation name, one each, or each member of a combined one. */
static size_t orgs_with_people(const sector_view *v)
{
    const participation_group *g = v->kind == REPORT_SOCIAL_BALANCE ? v->lines
                                                                    : v->part_by_org.groups;
    size_t n = v->kind == REPORT_SOCIAL_BALANCE ? v->nlines : v->part_by_org.ngroups, count = 0;
    for (size_t i = 0; i < n; i++)
        count += g[i].nmembers ? g[i].nmembers : 1;
    return count;
}

bool sector_summary(const sector_view *v, str *out)
{
    size_t empty = v->organisations - orgs_with_people(v);
    str_printf(out, "%s %zu", _("Organisations:"), v->organisations);
    if (empty && !v->too_small && empty < v->organisations)
        str_printf(out, P_(" (%zu of them without anyone employed in %d)",
                           " (%zu of them without anyone employed in %d)", empty),
                   empty, v->year);
    str_printf(out, " · %s %d", _("Minimum group:"), v->min_group);
    if (v->min_group_org) /* never below an organisation's own: say whose it is */
        str_printf(out, " (%s %s)", _("the highest an organisation set:"),
                   v->min_group_org->name);
    return str_ok(out);
}

/* ---- the report as tables (a page, CSV, a printable page) ---- */

/* Line G's organisations by name (NAMES: slug -> index in V's orgs): one,
 * or a combined line's members joined by " + " as the privacy rule names
 * them; NULL when out of memory. */
static const char *line_name(const sector_view *v, const map *names, const participation_group *g,
                             arena *a)
{
    size_t parts = g->nmembers ? g->nmembers : 1;
    str all = STR_INIT;
    for (size_t m = 0; m < parts; m++) {
        const char *slug = g->nmembers ? g->members[m] : g->name;
        int64_t at;
        if (m)
            str_puts(&all, " + ");
        str_puts(&all, map_get(names, slug, strlen(slug), &at) ? v->orgs[at].name : slug);
    }
    const char *name = str_ok(&all) ? arena_strdup(a, str_cstr(&all)) : NULL;
    str_free(&all);
    return name;
}

/* V's participation by organisation: participation's own columns, the
 * first saying that its groups are organisations, named by name. */
static bool participation_by_org_table(const sector_view *v, const map *names, arena *a,
                                       report_table *t)
{
    participation by = v->part_by_org;
    by.groups = arena_alloc(a, (by.ngroups + 1) * sizeof *by.groups);
    for (size_t i = 0; by.groups && i < by.ngroups; i++) {
        by.groups[i] = v->part_by_org.groups[i];
        if (!(by.groups[i].name = line_name(v, names, &by.groups[i], a)))
            return false;
    }
    if (!by.groups || !participation_table(&by, a, t))
        return false;
    const char **columns = arena_alloc(a, (t->ncols + 1) * sizeof *columns);
    if (!columns)
        return false;
    for (size_t k = 0; k <= t->ncols; k++)
        columns[k] = t->columns[k];
    columns[0] = N_("organisation");
    t->columns = columns;
    return true;
}

/* V's social balance by organisation: per line, the men's and women's
 * figures of the form added up (the form's own columns; X is not there),
 * a suppressed line by name only. */
static bool balance_by_org_table(const sector_view *v, const map *names, arena *a,
                                 report_table *t)
{
    static const char *const columns[] = {
        N_("organisation"), N_("headcount"), N_("formal_participants"), N_("formal_hours"),
        N_("formal_net_cost"), N_("informal_participants"), N_("informal_hours"),
        N_("initial_participants"), N_("initial_hours"), N_("suppressed"), N_("combined"),
        NULL};
    if (!table_new(a, columns, v->nlines, t))
        return false;
    for (size_t l = 0; l < v->nlines; l++) {
        const participation_group *g = &v->lines[l];
        cell *c = &t->cells[l * t->ncols];
        const char *name = line_name(v, names, g, a);
        if (!name)
            return false;
        c[0] = cell_text(name);
        for (size_t k = 1; k < t->ncols; k++)
            c[k] = cell_empty();
        /* as the participation table says it, so that a blank line reads as
         * hidden, not as missing */
        c[9] = cell_code(g->suppressed ? "yes" : "no");
        c[10] = cell_code(g->combined ? "yes" : "no");
        if (g->suppressed)
            continue;
        c[1] = cell_number(g->headcount, 0);
        const balance_cell (*cells)[3] = v->line_balances[l].cells;
        for (int type = 0; type < 3; type++) {
            const balance_cell *m = &cells[type][GENDER_M], *f = &cells[type][GENDER_F];
            size_t at = type == 0 ? 2 : type == 1 ? 5 : 7;
            c[at] = cell_number(m->participants + f->participants, 0);
            c[at + 1] = cell_number(m->hours + f->hours, 2);
            if (type == 0)
                c[4] = cell_money(m->net_cost + f->net_cost);
        }
    }
    return true;
}

bool sector_tables(const sector_view *v, arena *a, report_table *whole, report_table *by_org)
{
    map names = MAP_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < v->organisations; i++)
        ok = map_put(&names, v->orgs[i].slug, strlen(v->orgs[i].slug), (int64_t)i);
    *whole = (report_table){0};
    if (v->kind == REPORT_PARTICIPATION) {
        ok = ok && participation_table(&v->part, a, whole) &&
             participation_by_org_table(v, &names, a, by_org);
    } else {
        /* The form's codes: men and women only, so nothing of X to hide.
         * None for a site too small to show, where they would be zeros. */
        ok = ok && (v->too_small || social_balance_codes_table(&v->balance, a, whole)) &&
             balance_by_org_table(v, &names, a, by_org);
    }
    map_free(&names);
    return ok;
}

/* The organisations to read and what each reader found, shared by the
 * readers (sector_read); next and the error under the lock. */
typedef struct sector_job {
    store *site;
    const sector_query *q;
    const organisation *orgs;
    org_figures *figs;
    size_t n, next;
    int settings_min;
    const organisation *min_org; /* whose setting it is (the first by slug) */
    int rc;
    str err;
    pthread_mutex_t lock;
} sector_job;

typedef struct sector_reader {
    sector_job *job;
    store *db;   /* the reader's own connection to the site */
    arena a;     /* its organisations' groups, kept until the report is written */
} sector_reader;

/* One reader: takes the next organisation until none is left or one failed. */
static void *sector_read(void *arg)
{
    sector_reader *r = arg;
    sector_job *job = r->job;
    for (;;) {
        pthread_mutex_lock(&job->lock);
        size_t i = job->rc == REPORT_OK ? job->next++ : job->n;
        pthread_mutex_unlock(&job->lock);
        if (i >= job->n)
            break;
        int min = 1;
        str err = STR_INIT;
        int rc = read_org(r->db, &job->orgs[i], job->q, &r->a, &job->figs[i], &min, &err);
        pthread_mutex_lock(&job->lock);
        if (min > job->settings_min ||
            (min == job->settings_min && job->min_org &&
             strcmp(job->orgs[i].slug, job->min_org->slug) < 0)) {
            job->settings_min = min;
            job->min_org = &job->orgs[i];
        }
        if (rc != REPORT_OK && job->rc == REPORT_OK) {
            job->rc = rc;
            str_puts(&job->err, str_cstr(&err));
        }
        pthread_mutex_unlock(&job->lock);
        str_free(&err);
    }
    return NULL;
}

/* How many readers: one per processor this process may run on, at least
 * two (one waits on a round trip while the other works), at most
 * SECTOR_READERS. */
static size_t sector_readers(void)
{
    cpu_set_t mine;
    long cpus = sched_getaffinity(0, sizeof mine, &mine) == 0 ? CPU_COUNT(&mine)
                                                             : sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 2 ? 2 : cpus > SECTOR_READERS ? SECTOR_READERS : (size_t)cpus;
}

/* Reads every organisation of JOB with up to sector_readers() connections
 * of its own (the site's connection itself stays as it is). */
static void read_all(sector_job *job, sector_reader *readers)
{
    pthread_t threads[SECTOR_READERS];
    bool started[SECTOR_READERS] = {false};
    size_t most = sector_readers();
    size_t want = job->n < most ? job->n : most;
    for (size_t k = 0; k < want; k++) {
        readers[k].job = job;
        str err = STR_INIT;
        if (store_open_again(job->site, &readers[k].db, &err) == STORE_OK)
            started[k] = pthread_create(&threads[k], NULL, sector_read, &readers[k]) == 0;
        pthread_mutex_lock(&job->lock); /* readers started before may be failing too */
        if (!started[k] && job->rc == REPORT_OK) {
            job->rc = REPORT_FAILED;
            str_puts(&job->err, err.len ? str_cstr(&err) : "cannot start a reader");
        }
        pthread_mutex_unlock(&job->lock);
        str_free(&err);
    }
    for (size_t k = 0; k < want; k++)
        if (started[k])
            pthread_join(threads[k], NULL);
}

int sector_report_show(store *site, const sector_query *q, sector_show show, void *ctx,
                       str *err)
{
    if (q->kind != REPORT_PARTICIPATION && q->kind != REPORT_SOCIAL_BALANCE) {
        str_puts(err, _("a sector report is participation or social-balance"));
        return REPORT_BAD_REQUEST;
    }
    if (q->year < 1990 || q->year > 2199) {
        str_puts(err, _("a year such as 2025 is needed"));
        return REPORT_BAD_REQUEST;
    }
    arena a = ARENA_INIT;
    organisation *orgs;
    size_t n;
    if (orgs_list(site, &a, &orgs, &n) != STORE_OK) {
        str_puts(err, store_error(site));
        arena_free(&a);
        return REPORT_FAILED;
    }
    sector_job job = {.site = site, .q = q, .orgs = orgs,
                      .figs = arena_alloc(&a, (n + 1) * sizeof *job.figs), .n = n,
                      .settings_min = 1, .rc = REPORT_OK, .err = STR_INIT,
                      .lock = PTHREAD_MUTEX_INITIALIZER};
    sector_reader readers[SECTOR_READERS] = {0};
    if (!job.figs)
        job.rc = REPORT_FAILED;
    else
        read_all(&job, readers);
    int rc = job.rc;
    if (rc != REPORT_OK)
        str_puts(err, job.err.len ? str_cstr(&job.err) : "out of memory");
    /* Never below any organisation's own setting, as for representatives. */
    int min_group = q->min_group > job.settings_min ? q->min_group : job.settings_min;
    sector_view view;
    bool built = rc == REPORT_OK && build_view(q, orgs, job.figs, n, min_group, &a, &view);
    /* one organisation's setting can hide much of the sector: say whose */
    if (built && job.settings_min > POLICY_MIN_GROUP && job.settings_min > q->min_group)
        view.min_group_org = job.min_org;
    if (rc == REPORT_OK && (!built || !show(&view, ctx))) {
        str_puts(err, "out of memory");
        rc = REPORT_FAILED;
    }
    for (size_t k = 0; k < SECTOR_READERS; k++) {
        store_close(readers[k].db);
        arena_free(&readers[k].a);
    }
    str_free(&job.err);
    pthread_mutex_destroy(&job.lock);
    arena_free(&a);
    return rc;
}

int sector_report(store *site, const sector_query *q, str *json, str *err)
{
    sector_json to = {json, q->pretty};
    return sector_report_show(site, q, write_report, &to, err);
}
