/* sector.h - the figures of a whole PostgreSQL site (a sector fund, a social
 * secretariat): the legal reports over all its organisations together, with
 * the privacy rule applied to the combined population, and per organisation
 * only for those at or above min_group (DESIGN §6). */
#ifndef GP_APP_SECTOR_H
#define GP_APP_SECTOR_H
#include "app/reports.h"
#include "store/orgs.h"

typedef struct sector_query {
    report_kind kind;  /* REPORT_PARTICIPATION or REPORT_SOCIAL_BALANCE */
    int year;
    int dimension;     /* participation: DIM_... */
    int min_group;     /* 0: the largest min_group setting of the organisations */
    bool pretty;
} sector_query;

/* The figures of a sector report, the privacy rule applied: the sector's,
 * then by organisation (the organisations being its groups). */
typedef struct sector_view {
    report_kind kind;
    int year, dimension, min_group;
    size_t organisations;        /* on the site, small ones and empty ones too */
    const organisation *orgs;    /* ... each, by slug: their names */
    participation part;          /* REPORT_PARTICIPATION: the sector by DIMENSION */
    participation part_by_org;   /* ... and by organisation (groups of names,
                                  * dimension_name "organisation") */
    social_balance balance;      /* REPORT_SOCIAL_BALANCE: the sector's */
    bool hide_x;                 /* ... with gender X hidden (sector.c: hidden_x) */
    participation_group *lines;  /* ... by organisation: name, members, headcount, */
    social_balance *line_balances; /* suppressed, combined; each line's balance */
    size_t nlines;
    bool too_small;              /* fewer people than min_group in the whole site
                                  * that year: no figure at all (sector.c) */
    const organisation *min_group_org; /* the organisation whose own min_group
                                        * setting (above the default) it is, or NULL */
} sector_view;

/* V as tables, their cells in A: WHOLE the sector's figures (participation's
 * table, or the social balance form's codes; no rows for a site too small
 * to show), BY_ORG the lines by organisation, named by name. False when out
 * of memory. */
bool sector_tables(const sector_view *v, arena *a, report_table *whole, report_table *by_org);

/* Appends to OUT, as plain text in this thread's language, what a reader
 * of V's tables needs to read them: how many organisations (and how many
 * of them had nobody employed that year, so none of their lines show) and
 * the minimum group, with the organisation whose own setting it is. False
 * when out of memory. */
bool sector_summary(const sector_view *v, str *out);

/* Shows view V (alive during the call only) with CTX; false on failure. */
typedef bool (*sector_show)(const sector_view *v, void *ctx);

/* Builds the sector report Q over every organisation of the site SITE (a
 * connection to it without an organisation; a few more are opened to read
 * the organisations side by side) and hands it to SHOW. REPORT_OK, or an
 * error status with the message in ERR. */
int sector_report_show(store *site, const sector_query *q, sector_show show, void *ctx,
                       str *err);

/* sector_report_show into JSON. */
int sector_report(store *site, const sector_query *q, str *json, str *err);

#endif
