/* labels.h - the one table of what each code is called on a page.
 *
 * Files, the database and the API speak in codes ("blue_collar", "fixed_term",
 * "F", "under"); people read labels. For every closed vocabulary this table
 * gives each code's label as an English message id, marked with N_() so that
 * po/LANG.po translate it; pages call _() on the result at the point of use:
 *
 *     html_printf(out, "<td>%s</td>", _(code_label(&vocab_contract, e->contract)));
 *
 * Exports and the API keep writing the codes themselves (vocab_name). */
#ifndef GP_LABELS_H
#define GP_LABELS_H
#include <stdbool.h>
#include "core/model.h"
#include "util/str.h"

/* Groups of the participation report that are not in model.h's vocabularies:
 * where someone was born, a group's signal against the average, and the row of
 * everyone together. */
extern const vocab vocab_origin, vocab_flag, vocab_overall;
/* The counts of the onboarding report, its issues among them ("no_mentor"). */
extern const vocab vocab_onboarding_count;

/* The label (a message id) of code I of V; "" when I is out of range. */
const char *code_label(const vocab *v, int i);
/* The label of CODE in V, or CODE itself when V does not know it. */
const char *code_label_of(const vocab *v, const char *code);
/* The label of the N bytes at CODE in whichever vocabulary knows it (the
 * table's vocabularies in order), or NULL when none does. */
const char *code_label_any(const char *code, size_t n);

/* The name of participation's dimension DIM (DIM_GENDER...) in this
 * thread's language: the pages' and the command line's report titles. */
const char *dimension_label(int dim);

/* Appends to OUT what an import or a form expects for a value of V, in
 * this thread's language: "one of a, b or c" by the labels people see
 * (a form), or for a file the words they can type there: each value's
 * label when the import reads it ("arbeider"), else its code, then the
 * codes themselves ("(blue_collar|white_collar)"). In English the codes are
 * the words, so a file's message lists them alone. False when out of
 * memory. */
bool vocab_expected(const vocab *v, bool in_file, str *out);

/* The label of ROLE (one ROLE_ bit). */
const char *role_label(int role);

/* Appends to OUT the translated label of TEXT, a code or codes joined by
 * " + " (a combined group, "F + X") or by "|" (a list, written with ", "),
 * part by part; a part no vocabulary knows is appended as it is. False when
 * out of memory. */
bool code_labels_text(str *out, const char *text);

/* True when the groups of participation dimension DIM are codes (gender,
 * education, ...), false when they are the organisation's own names
 * (departments, functions) or plain figures (age bands). */
bool dimension_groups_are_codes(int dim);

/* Every vocabulary the table labels, NULL-terminated (for tests that look
 * for codes left on a page). */
extern const vocab *const labelled_vocabularies[];

#endif
