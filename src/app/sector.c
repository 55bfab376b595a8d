/* sector.c - the legal reports over every organisation of a site.
 *
 * Each organisation is read on a connection of its own, one at a time, with
 * nothing hidden (its own facts never leave this function); only the sums
 * of all of them, protected by the privacy rule as one population, and the
 * lines of organisations at or above min_group are written. */
#include "app/sector.h"
#include "store/facts.h"
#include "store/orgs.h"
#include "store/site.h"
#include "util/jsonw.h"
#include <string.h>

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

/* Reads organisation O's figures of Q into *F on the site's connection DB,
 * turned to O; its min_group setting raises *MIN_GROUP. */
static int read_org(store *db, const organisation *o, const sector_query *q, arena *a,
                    org_figures *f, int *min_group, str *err)
{
    if (store_use_org(db, o->slug) != STORE_OK) {
        str_printf(err, "%s: %s", o->slug, store_error(db));
        return REPORT_FAILED;
    }
    f->org = o;
    if (store_schema_version(db) == 0) { /* registered, never initialised: nobody yet */
        f->part = (participation){.year = q->year};
        return REPORT_OK;
    }
    arena scratch = ARENA_INIT;
    rule_settings s;
    facts org_facts;
    int rc = rule_settings_load(db, &s) == STORE_OK &&
                     facts_load(db, &scratch, q->year, q->year, &org_facts) == STORE_OK
                 ? REPORT_OK
                 : REPORT_FAILED;
    if (rc != REPORT_OK)
        str_printf(err, "%s: %s", o->slug, store_error(db));
    if (rc == REPORT_OK && s.min_group > *min_group)
        *min_group = s.min_group;
    f->org = o;
    if (rc == REPORT_OK) {
        social_balance_for(&org_facts, q->year, &f->balance);
        int dim = q->kind == REPORT_PARTICIPATION ? q->dimension : DIM_GENDER;
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

/* The organisations at or above MIN_GROUP as the groups of a participation
 * "by organisation", flagged against the sector's OVERALL line. */
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
        if (privacy_is_small(figs[i].headcount, min_group))
            continue;
        /* One group per organisation: its overall line, named by its slug. */
        participation_group *g = arena_alloc(a, sizeof *g);
        if (!g)
            return false;
        *g = figs[i].part.overall;
        g->name = figs[i].org->slug;
        each[kept++] = (participation){.year = overall->year, .overall = *g, .groups = g,
                                       .ngroups = 1};
    }
    if (!participation_combine(each, kept, overall->year, overall->dimension, min_group, a, out))
        return false;
    out->dimension_name = "organisation";
    out->overall = overall->overall; /* the whole sector, small organisations included */
    return true;
}

static void write_header(jsonw *w, const sector_query *q, size_t norgs, int min_group)
{
    jw_key(w, "sector");
    jw_object(w);
    jw_key(w, "year");
    jw_int(w, q->year);
    jw_key(w, "organisations");
    jw_int(w, (int64_t)norgs);
    jw_key(w, "min_group");
    jw_int(w, min_group);
    jw_end(w);
}

/* Writes the report: the sector's figures, then those per organisation. */
static bool write_report(const sector_query *q, const org_figures *figs, size_t n,
                         int min_group, arena *a, str *json)
{
    jsonw w;
    jw_init(&w, json, q->pretty);
    jw_object(&w);
    write_header(&w, q, n, min_group);
    str part = STR_INIT;
    bool ok = true;
    if (q->kind == REPORT_PARTICIPATION) {
        participation *parts = arena_alloc(a, (n + 1) * sizeof *parts), all, orgs;
        for (size_t i = 0; parts && i < n; i++)
            parts[i] = figs[i].part;
        ok = parts &&
             participation_combine(parts, n, q->year, q->dimension, min_group, a, &all) &&
             by_organisation(figs, n, &all, min_group, a, &orgs);
        jw_key(&w, "participation");
        ok = ok && participation_json(&all, &part, q->pretty);
        jw_raw(&w, str_cstr(&part));
        str_clear(&part);
        jw_key(&w, "by_organisation");
        ok = ok && participation_json(&orgs, &part, q->pretty);
        jw_raw(&w, str_cstr(&part));
    } else {
        social_balance sum = {.year = q->year};
        for (size_t i = 0; i < n; i++)
            social_balance_add(&sum, &figs[i].balance);
        jw_key(&w, "social_balance");
        ok = social_balance_json(&sum, min_group, &part, q->pretty);
        jw_raw(&w, str_cstr(&part));
        jw_key(&w, "by_organisation");
        jw_array(&w);
        for (size_t i = 0; ok && i < n; i++) {
            if (privacy_is_small(figs[i].headcount, min_group))
                continue;
            str_clear(&part);
            ok = social_balance_json(&figs[i].balance, min_group, &part, q->pretty);
            jw_object(&w);
            jw_key(&w, "organisation");
            jw_string(&w, figs[i].org->slug);
            jw_key(&w, "social_balance");
            jw_raw(&w, str_cstr(&part));
            jw_end(&w);
        }
        jw_end(&w);
    }
    jw_end(&w);
    str_free(&part);
    return ok && jw_finish(&w);
}

int sector_report(store *site, const sector_query *q, str *json, str *err)
{
    if (q->kind != REPORT_PARTICIPATION && q->kind != REPORT_SOCIAL_BALANCE) {
        str_puts(err, "a sector report is participation or social-balance");
        return REPORT_BAD_REQUEST;
    }
    if (q->year < 1990 || q->year > 2199) {
        str_puts(err, "a year such as 2025 is needed");
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
    org_figures *figs = arena_alloc(&a, (n + 1) * sizeof *figs);
    int min_group = q->min_group > 0 ? q->min_group : 1, rc = figs ? REPORT_OK : REPORT_FAILED;
    int settings_min = 1;
    /* One connection turned to each organisation in turn, then back. */
    for (size_t i = 0; rc == REPORT_OK && i < n; i++)
        rc = read_org(site, &orgs[i], q, &a, &figs[i], &settings_min, err);
    if (store_use_org(site, NULL) != STORE_OK && rc == REPORT_OK) {
        str_puts(err, store_error(site));
        rc = REPORT_FAILED;
    }
    /* Never below any organisation's own setting, as for representatives. */
    if (min_group < settings_min)
        min_group = settings_min;
    if (rc == REPORT_OK && !write_report(q, figs, n, min_group, &a, json)) {
        str_puts(err, "out of memory");
        rc = REPORT_FAILED;
    }
    arena_free(&a);
    return rc;
}
