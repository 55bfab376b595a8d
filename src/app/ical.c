/* ical.c - see ical.h. Lines end in CRLF and are folded at 75 octets
 * without splitting a UTF-8 character; text values are escaped. */
#include "app/ical.h"
#include <stdio.h>
#include <string.h>

/* Europe/Brussels since 1996: CET, CEST from the last Sunday of March to
 * the last Sunday of October. */
static const char vtimezone[] =
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

/* Appends one content line, NAME and VALUE (already escaped where it is
 * text), folded at 75 octets. */
static void line(str *out, const char *name, const char *value)
{
    str l = STR_INIT;
    str_puts(&l, name);
    str_putc(&l, ':');
    str_puts(&l, value);
    size_t col = 0;
    for (size_t i = 0; i < l.len; i++) {
        unsigned char c = (unsigned char)l.p[i];
        size_t clen = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        if (col + clen > 75) {
            str_puts(out, "\r\n ");
            col = 1;
        }
        str_append(out, l.p + i, clen > l.len - i ? l.len - i : clen);
        col += clen;
        i += clen - 1;
    }
    str_puts(out, "\r\n");
    if (!str_ok(&l))
        str_puts(out, ""); /* the caller's str_ok(out) reports it */
    str_free(&l);
}

/* TEXT escaped as an iCalendar TEXT value (into a fresh string OUT). */
static void escape(str *out, const char *text)
{
    str_clear(out);
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',')
            str_putc(out, '\\'), str_putc(out, *p);
        else if (*p == '\n')
            str_puts(out, "\\n");
        else if (*p != '\r')
            str_putc(out, *p);
    }
    str_puts(out, "");
}

/* DAY at MINUTES as a local DATE-TIME: 20261215T090000. */
static void local_time(date_t day, int minutes, char out[24])
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    snprintf(out, 24, "%04d%02d%02dT%02d%02d00", y % 10000, m % 100, d % 100,
             (minutes / 60) % 100, minutes % 60);
}

static void begin(str *out, const char *method, const char *name)
{
    str_puts(out, "BEGIN:VCALENDAR\r\nPRODID:-//groeipad//training sessions//EN\r\n"
                  "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\n");
    line(out, "METHOD", method);
    if (name) {
        str e = STR_INIT;
        escape(&e, name);
        line(out, "X-WR-CALNAME", e.p ? e.p : "");
        str_free(&e);
    }
    str_puts(out, vtimezone);
}

/* One VEVENT for slot X of the session TITLE. */
static void event(str *out, const session_slot *x, const char *title, int sequence,
                  bool cancelled, const ical_organizer *org)
{
    char stamp[TIME_TEXT_SIZE], utc[20], start[24], end[24], seq[16];
    time_text(TIME_ISO_Z, 0, stamp);
    size_t k = 0;
    for (const char *p = stamp; *p && k + 1 < sizeof utc; p++)
        if (*p != '-' && *p != ':')
            utc[k++] = *p;
    utc[k] = '\0';
    local_time(x->day, x->start, start);
    local_time(x->day, x->end, end);
    snprintf(seq, sizeof seq, "%d", sequence);
    str e = STR_INIT;
    str_puts(out, "BEGIN:VEVENT\r\n");
    line(out, "UID", x->uid);
    line(out, "DTSTAMP", utc);
    line(out, "DTSTART;TZID=Europe/Brussels", start);
    line(out, "DTEND;TZID=Europe/Brussels", end);
    line(out, "SEQUENCE", seq);
    escape(&e, title);
    line(out, "SUMMARY", e.p ? e.p : "");
    if (x->place && *x->place) {
        escape(&e, x->place);
        line(out, "LOCATION", e.p ? e.p : "");
    } else if (x->online_link && *x->online_link) {
        escape(&e, x->online_link);
        line(out, "LOCATION", e.p ? e.p : "");
    }
    str d = STR_INIT;
    if (x->online_link && *x->online_link)
        str_printf(&d, "%s\n", x->online_link);
    if (x->trainer_name && *x->trainer_name)
        str_printf(&d, "%s\n", x->trainer_name);
    if (d.len) {
        escape(&e, d.p);
        line(out, "DESCRIPTION", e.p ? e.p : "");
    }
    str_free(&d);
    /* CN is a quoted parameter: it may hold neither a double quote nor a
     * control character, so those become a quote and a space. */
    str n = STR_INIT, o = STR_INIT;
    str_puts(&n, "ORGANIZER;CN=\"");
    for (const char *p = org->name ? org->name : ""; *p; p++)
        str_putc(&n, *p == '"' ? '\'' : (unsigned char)*p < 0x20 ? ' ' : *p);
    str_putc(&n, '"');
    str_printf(&o, "mailto:%s", org->email);
    line(out, n.p ? n.p : "ORGANIZER", o.p ? o.p : "");
    str_free(&n);
    str_free(&o);
    line(out, "STATUS", cancelled ? "CANCELLED" : "CONFIRMED");
    str_puts(out, "END:VEVENT\r\n");
    str_free(&e);
}

bool ical_session(str *out, const session_plan *p, const ical_organizer *org)
{
    bool cancelled = strcmp(p->state, "cancelled") == 0;
    begin(out, cancelled ? "CANCEL" : "PUBLISH", NULL);
    for (size_t i = 0; i < p->nslots; i++)
        event(out, &p->slots[i], p->activity_title, p->sequence, cancelled, org);
    str_puts(out, "END:VCALENDAR\r\n");
    return str_ok(out);
}

bool ical_feed(str *out, const calendar_item *items, size_t n, const char *name,
               const ical_organizer *org)
{
    begin(out, "PUBLISH", name);
    for (size_t i = 0; i < n; i++) {
        const calendar_item *c = &items[i];
        bool cancelled = strcmp(c->session_state, "cancelled") == 0 ||
                         c->enrol_state == ENROL_CANCELLED || c->enrol_state == ENROL_DECLINED;
        event(out, &c->slot, c->title, c->sequence, cancelled, org);
    }
    str_puts(out, "END:VCALENDAR\r\n");
    return str_ok(out);
}
