/* facts.h (store) - loading the facts the legal rules compute on. */
#ifndef GP_STORE_FACTS_H
#define GP_STORE_FACTS_H
#include "core/facts.h"
#include "store/store.h"
#include "util/arena.h"

/* Loads every employee and the learning totals of FIRST_YEAR..LAST_YEAR
 * (at most 10 years) into F, all memory in A. */
int facts_load(store *db, arena *a, int first_year, int last_year, facts *f);
/* facts_load of one YEAR for figures summed over groups: the social
 * balance, and participation by dimension DIM (DIM_*). Of the people only
 * who was employed when, at what FTE, their gender and DIM's field (the
 * others empty: "", -1, ANSWER_NONE; no employee_id), in no particular
 * order; of the learning every figure but the right hours (0: the training
 * right reads facts_load_right). STORE_ERROR for an unknown DIM. OVERLAP starts the learning's read
 * while the people are read (stmt_start): quicker for one report, slower
 * when every processor is busy already (the sector report's readers:
 * measured 4.6 against 5.0 s). */
int facts_load_sums(store *db, arena *a, int year, int dim, bool overlap, facts *f);
/* facts_load_sums (overlapped) with only the records and hours of the
 * learning (costs, subsidies and right hours stay 0): what participation
 * needs, in four values a row of learning_totals instead of six. */
int facts_load_taken(store *db, arena *a, int year, int dim, facts *f);
/* What the training right needs: the people as facts_load lists them, but
 * only their employee_id, when they were employed, their FTE and, with
 * DEPARTMENTS, their department (the other fields empty); of the learning
 * only the hours that use the training right (f->right_hours; f->totals
 * stays NULL), in a twelfth of the memory. */
int facts_load_right(store *db, arena *a, int first_year, int last_year, bool departments,
                     facts *f);
/* Only who was employed when and at what FTE (id, hire, exit and fte of
 * every employee; no learning, the other fields empty): what the employer
 * size and the FTE of a year need, read from the covering index alone. */
int facts_load_staff(store *db, arena *a, facts *f);
/* Reads the settings the rules use (defaults where unset). */
int rule_settings_load(store *db, rule_settings *s);

#endif
