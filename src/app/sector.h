/* sector.h - the figures of a whole PostgreSQL site (a sector fund, a social
 * secretariat): the legal reports over all its organisations together, with
 * the privacy rule applied to the combined population, and per organisation
 * only for those at or above min_group (DESIGN §6). */
#ifndef GP_APP_SECTOR_H
#define GP_APP_SECTOR_H
#include "app/reports.h"

typedef struct sector_query {
    report_kind kind;  /* REPORT_PARTICIPATION or REPORT_SOCIAL_BALANCE */
    int year;
    int dimension;     /* participation: DIM_... */
    int min_group;     /* 0: the largest min_group setting of the organisations */
    bool pretty;
} sector_query;

/* Builds the sector report Q over every organisation of the site SITE (a
 * connection to it without an organisation, turned to each organisation in
 * turn and back) into JSON. REPORT_OK, or an error status with the message
 * in ERR. */
int sector_report(store *site, const sector_query *q, str *json, str *err);

#endif
