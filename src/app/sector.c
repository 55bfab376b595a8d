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
#include <pthread.h>
#include <string.h>

/* Organisations are read by this many connections at once: the time goes to
 * round trips far more than to work, so a few readers overlap it. */
#define SECTOR_READERS 4

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

/* Reads organisation O's figures of Q into *F (its groups kept in A) on the
 * connection DB, turned to O; its min_group setting raises *MIN_GROUP. */
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

/* The organisations to read and what each reader found, shared by the
 * readers (sector_read); next and the error under the lock. */
typedef struct sector_job {
    store *site;
    const sector_query *q;
    const organisation *orgs;
    org_figures *figs;
    size_t n, next;
    int settings_min;
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
        if (min > job->settings_min)
            job->settings_min = min;
        if (rc != REPORT_OK && job->rc == REPORT_OK) {
            job->rc = rc;
            str_puts(&job->err, str_cstr(&err));
        }
        pthread_mutex_unlock(&job->lock);
        str_free(&err);
    }
    return NULL;
}

/* Reads every organisation of JOB with up to SECTOR_READERS connections of
 * its own (the site's connection itself stays as it is). */
static void read_all(sector_job *job, sector_reader *readers)
{
    pthread_t threads[SECTOR_READERS];
    bool started[SECTOR_READERS] = {false};
    size_t want = job->n < SECTOR_READERS ? job->n : SECTOR_READERS;
    for (size_t k = 0; k < want; k++) {
        readers[k].job = job;
        str err = STR_INIT;
        if (store_open_again(job->site, &readers[k].db, &err) == STORE_OK)
            started[k] = pthread_create(&threads[k], NULL, sector_read, &readers[k]) == 0;
        if (!started[k] && job->rc == REPORT_OK) {
            job->rc = REPORT_FAILED;
            str_puts(&job->err, err.len ? str_cstr(&err) : "cannot start a reader");
        }
        str_free(&err);
    }
    for (size_t k = 0; k < want; k++)
        if (started[k])
            pthread_join(threads[k], NULL);
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
    sector_job job = {site, q, orgs, arena_alloc(&a, (n + 1) * sizeof *job.figs), n, 0, 1,
                      REPORT_OK, STR_INIT, PTHREAD_MUTEX_INITIALIZER};
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
    if (rc == REPORT_OK && !write_report(q, job.figs, n, min_group, &a, json)) {
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
