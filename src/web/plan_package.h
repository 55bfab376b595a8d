/* plan_package.h - the printable information package of a year's plan. */
#ifndef GP_PLAN_PACKAGE_H
#define GP_PLAN_PACKAGE_H
#include "store/store.h"
#include "util/arena.h"

/* Writes the whole HTML document for YEAR's plan, in the current language,
 * to OUT: STORE_ROW, STORE_DONE when there is no plan, or STORE_ERROR. */
int plan_package_html(store *db, arena *a, int year, str *out);

#endif
