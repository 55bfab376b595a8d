/* svg.h - charts drawn on the server as inline SVG: readable in print, no
 * JavaScript, with a title and description for screen readers. Every chart
 * stands beside a table with the same numbers. */
#ifndef GP_SVG_H
#define GP_SVG_H
#include "util/str.h"

typedef struct chart_bar {
    const char *label;
    double value;      /* drawing only: the figures themselves are in the table */
    const char *text;  /* the value as shown, e.g. "51,4 %" */
    int flag;          /* -1 under, 1 over, 0 none: drawn and written */
    bool hidden;       /* a suppressed group: no bar */
} chart_bar;

/* A horizontal bar chart with a reference line (e.g. the overall rate or the
 * legal target) at REFERENCE, labelled REFERENCE_TEXT. */
bool svg_bar_chart(str *out, const char *title, const char *description, const chart_bar *bars,
                   size_t n, double reference, const char *reference_text);

#endif
