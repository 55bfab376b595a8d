/* scan.h - the policy scans: self-assessments answered by the employer and
 * the representatives separately, scored per aspect as the share of its
 * statements that apply. The statements are data (static/scans/SCAN.LANG.json, one
 * file per scan and language), not code. */
#ifndef GP_SCAN_H
#define GP_SCAN_H
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

typedef struct scan_statement {
    const char *id, *text;
} scan_statement;

typedef struct scan_aspect {
    const char *id, *title;
    /* SEPARATE: a block apart from the scan's aspects, as its source sets
     * it apart (the readiness scan's managers and informal learning), and
     * QUESTION, what its statements answer (NULL for an ordinary aspect). */
    bool separate;
    const char *question;
    /* What to improve when too few of its statements apply (the learning
     * potential scan suggests improvements per function), or NULL. */
    const char *suggestion;
    scan_statement *statements;
    size_t n;
} scan_aspect;

typedef struct scan_def {
    const char *id, *title, *intro;
    bool per_function; /* answered per function (the learning potential scan) */
    scan_aspect *aspects;
    size_t naspects;
} scan_def;

/* The scans groeipad knows, in the order they are shown. */
extern const char *const scan_ids[];
#define SCAN_COUNT 3

/* Reads a scan definition (JSON) into D, strings copied into A. */
bool scan_parse(arena *a, const char *json, size_t len, scan_def *d);

typedef struct aspect_score {
    int applies, total;
} aspect_score;

/* Scores every aspect of D; APPLIES tells whether a statement applies. OUT
 * has room for d->naspects scores. */
void scan_score(const scan_def *d, bool (*applies)(void *ctx, const char *statement), void *ctx,
                aspect_score *out);

/* Two sides differ noticeably on an aspect when their shares are at least
 * this many percentage points apart (our threshold). */
#define SCAN_DIFFERENCE_POINTS 25

/* An aspect's suggestion is shown when less than this share (percent) of
 * its statements applies (our threshold: fewer than half). */
#define SCAN_SUGGEST_BELOW_PERCENT 50
/* True when S, an aspect's score, asks for its suggestion. */
bool scan_suggests(const aspect_score *s);

#endif
