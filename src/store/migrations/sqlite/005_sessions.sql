-- 005_sessions: organising training. Sessions of a catalogue activity with
-- one or more dates, enrolments with their append-only history, the
-- agreement made before the start, attendance per date, private calendar
-- feeds, and the outbox of e-mail written in the same transaction as the
-- change that caused it.

-- Whether enrolling into an activity's sessions needs the manager's approval.
ALTER TABLE activities ADD COLUMN enrol_approval INTEGER NOT NULL DEFAULT 1;

-- seats_taken counts the enrolments holding a seat (enrolled and after);
-- a seat is taken by one conditional UPDATE (seats_taken < capacity), which
-- both backends apply to one row at a time: two requests for the last seat
-- cannot both see it free. sequence rises on every change (iCalendar).
CREATE TABLE training_sessions (
    id                    INTEGER PRIMARY KEY,
    activity_id           INTEGER NOT NULL REFERENCES activities(id),
    language              TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'en')),
    capacity              INTEGER NOT NULL CHECK (capacity > 0),
    seats_taken           INTEGER NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
    shift                 TEXT NOT NULL CHECK (shift IN ('day', 'night', 'rotating')),
    registration_deadline TEXT NOT NULL,
    cancellation_deadline TEXT NOT NULL,
    late_fee              INTEGER NOT NULL DEFAULT 0,
    cost                  INTEGER NOT NULL DEFAULT 0,
    note                  TEXT,
    state                 TEXT NOT NULL DEFAULT 'planned'
                              CHECK (state IN ('planned', 'cancelled', 'closed')),
    cancel_reason         TEXT,
    sequence              INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    CHECK (seats_taken <= capacity)
);
CREATE INDEX training_sessions_activity ON training_sessions(activity_id);

-- The dates of a session. uid is the stable iCalendar UID of the date.
-- The trainer is an employee (trainer_id) or an outside name (trainer_name).
CREATE TABLE session_dates (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES training_sessions(id),
    day          TEXT NOT NULL,
    start_time   TEXT NOT NULL,
    end_time     TEXT NOT NULL,
    place        TEXT,
    online_link  TEXT,
    trainer_id   INTEGER REFERENCES employees(id),
    trainer_name TEXT,
    uid          TEXT NOT NULL UNIQUE,
    CHECK (end_time > start_time)
);
CREATE INDEX session_dates_session ON session_dates(session_id, day);
CREATE INDEX session_dates_day ON session_dates(day);
CREATE INDEX session_dates_trainer ON session_dates(trainer_id);

-- One enrolment per person and session; state is the latest of its
-- history (enrolment_events). waitlist_order orders the waiting list.
CREATE TABLE enrolments (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES training_sessions(id),
    employee_id    INTEGER NOT NULL REFERENCES employees(id),
    state          TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'declined',
                       'enrolled', 'waitlisted', 'attended', 'partly_attended', 'no_show',
                       'cancelled')),
    waitlist_order INTEGER,
    late           INTEGER NOT NULL DEFAULT 0,
    fee_due        INTEGER NOT NULL DEFAULT 0,
    record_id      INTEGER REFERENCES learning_records(id),
    created_at     TEXT NOT NULL,
    UNIQUE (session_id, employee_id)
);
CREATE INDEX enrolments_employee ON enrolments(employee_id, state);
CREATE INDEX enrolments_session ON enrolments(session_id, state, waitlist_order);

-- The history of every enrolment: only ever appended to (store/sessions.c
-- has no statement that updates or deletes it).
CREATE TABLE enrolment_events (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
    state        TEXT NOT NULL,
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL,
    reason       TEXT
);
CREATE INDEX enrolment_events_enrolment ON enrolment_events(enrolment_id, id);

-- The agreement made before the start: goals, preconditions, how the
-- learning is applied at work, and who replaces the person meanwhile.
CREATE TABLE enrolment_agreements (
    enrolment_id  INTEGER PRIMARY KEY REFERENCES enrolments(id),
    goals         TEXT NOT NULL,
    preconditions TEXT,
    application   TEXT NOT NULL,
    replacement   TEXT,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Attendance per enrolment and date; hours (hundredths) when partly there.
CREATE TABLE attendance (
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
    date_id      INTEGER NOT NULL REFERENCES session_dates(id),
    status       TEXT NOT NULL CHECK (status IN ('present', 'partly', 'absent')),
    hours        INTEGER,
    PRIMARY KEY (enrolment_id, date_id)
);

-- A user's private calendar feed. The token is kept as it is (not hashed)
-- so that its owner can copy the address again: it opens nothing but that
-- person's calendar, and renewing it closes the old address.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id),
    token      TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- E-mail waiting to be sent, written in the transaction of the change that
-- causes it (store/outbox.c). dedupe_key keeps one message per cause.
-- A message is retried with back-off (next_attempt) until it is sent or
-- has failed max attempts.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    recipient    TEXT NOT NULL,
    lang         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    dedupe_key   TEXT UNIQUE,
    state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT NOT NULL,
    last_error   TEXT,
    created_at   TEXT NOT NULL,
    sent_at      TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt);
