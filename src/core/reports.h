/* reports.h - the legal reports in the shapes of DESIGN §4: JSON, and one
 * table of cells per report for CSV, Excel and HTML. Rounding happens here,
 * once, half away from zero (RULES.md). */
#ifndef GP_REPORTS_H
#define GP_REPORTS_H
#include "core/rules.h"
#include "util/arena.h"
#include "util/jsonw.h"
#include "util/table.h"

/* Keeps only the lines for which KEEP says yes and recounts the totals. */
void right_report_keep(right_report *r, const facts *f,
                       bool (*keep)(void *ctx, const employee *e), void *ctx);

/* The JSON of each report, appended to OUT (PRETTY: indented). False when
 * memory ran out. */
bool training_right_json(const right_report *r, const facts *f, const rule_settings *s,
                         bool with_lines, str *out, bool pretty);
/* True when gender X's figures of B must be hidden from a reader who may
 * not see groups below MIN_GROUP (0: an admin, who sees every group): there
 * are employees of gender X, fewer than MIN_GROUP. The form has no column
 * for X, so X is never combined with another gender, only hidden. Every
 * output of the balance (JSON, table, page) asks this one question. */
bool social_balance_x_hidden(const social_balance *b, int min_group);
/* MIN_GROUP > 0 hides the figures of gender X (null) when fewer employees
 * than that are of gender X: for representatives. */
bool social_balance_json(const social_balance *b, int min_group, str *out, bool pretty);
/* social_balance_json, gender X's figures (and the warning about them) also
 * hidden when HIDE_X, whatever their size: a sector's total, when what the
 * lines by organisation do not show of X is a small group. */
bool social_balance_json_as(const social_balance *b, int min_group, bool hide_x, str *out,
                            bool pretty);
bool participation_json(const participation *p, str *out, bool pretty);

bool training_right_table(const right_report *r, const facts *f, const rule_settings *s,
                          arena *a, report_table *t);
/* The balance as a table, a line per type and gender; HIDE_X (see
 * social_balance_x_hidden) leaves gender X's lines without figures, as the
 * JSON's nulls. */
bool social_balance_table(const social_balance *b, bool hide_x, arena *a, report_table *t);
/* The National Bank codes as a table of code and value. */
bool social_balance_codes_table(const social_balance *b, arena *a, report_table *t);
bool participation_table(const participation *p, arena *a, report_table *t);

/* A fraction as a number cell rounded to PLACES decimals. */
cell cell_fraction(__int128 num, __int128 den, int places);

#endif
