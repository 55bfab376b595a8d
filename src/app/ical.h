/* ical.h - iCalendar (RFC 5545) files of training sessions: one file per
 * session and a person's private feed. Each session date is one VEVENT
 * with a stable UID, a SEQUENCE that rises with every change of the
 * session, local times in Europe/Brussels (with its VTIMEZONE), and a
 * cancelled session sent as METHOD:CANCEL. */
#ifndef GP_APP_ICAL_H
#define GP_APP_ICAL_H
#include <stdbool.h>
#include "store/sessions.h"
#include "util/str.h"

/* The organiser every event names: ORGANIZER (NAME, the organisation) and
 * its address (the sender's, or a placeholder). */
typedef struct ical_organizer {
    const char *name, *email;
} ical_organizer;

/* Appends the calendar of session P to OUT: METHOD:PUBLISH, or
 * METHOD:CANCEL with every date cancelled when the session is cancelled.
 * False when out of memory. */
bool ical_session(str *out, const session_plan *p, const ical_organizer *org);
/* Appends a person's feed: the N ITEMS (METHOD:PUBLISH), cancelled ones
 * with STATUS:CANCELLED, named NAME. */
bool ical_feed(str *out, const calendar_item *items, size_t n, const char *name,
               const ical_organizer *org);

#endif
