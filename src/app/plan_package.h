/* plan_package.h - the printable information package of a year's plan,
 * shared by the page /plans/:year/package and 'report plan --format html'. */
#ifndef GP_PLAN_PACKAGE_H
#define GP_PLAN_PACKAGE_H
#include "store/store.h"
#include "util/arena.h"

/* How the document carries its print stylesheet (static/print.css). */
typedef enum plan_package_style {
    PLAN_PACKAGE_INLINE, /* the stylesheet's text in the document: a file on its own */
    PLAN_PACKAGE_LINKED  /* a link to /static/print.css: a page under our CSP */
} plan_package_style;

/* Writes the whole HTML document for YEAR's plan, in the current language,
 * to OUT: STORE_ROW, STORE_DONE when there is no plan, or STORE_ERROR. */
int plan_package_write(store *db, arena *a, int year, plan_package_style style, str *out);
/* The same with the stylesheet inline (the file 'report plan' writes). */
int plan_package_html(store *db, arena *a, int year, str *out);

#endif
