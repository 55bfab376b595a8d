-- 008_incentives: incentive schemes with dated parameters (RULES.md §8),
-- claims for them, and the Open Badges the organisation signs.
-- Money in cents, hours in hundredths, shares and occupation in
-- ten-thousandths; a figure that does not apply is NULL.

CREATE TABLE incentive_schemes (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('training_leave', 'voucher', 'sme_wallet',
                                               'sector_fund', 'other')),
    period       TEXT NOT NULL CHECK (period IN ('school_year', 'calendar_year')),
    per_employee INTEGER NOT NULL DEFAULT 1 CHECK (per_employee IN (0, 1))
);

-- Periods of one scheme never overlap (checked by core/incentives.c before
-- every insert); valid_to NULL: until further notice.
CREATE TABLE incentive_parameters (
    id             INTEGER PRIMARY KEY,
    scheme_id      INTEGER NOT NULL REFERENCES incentive_schemes(id) ON DELETE CASCADE,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT,
    rate_per_hour  INTEGER,
    share          INTEGER,
    share_medium   INTEGER,
    cap_hours      INTEGER,
    cap_amount     INTEGER,
    min_hours      INTEGER,
    min_occupation INTEGER,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX incentive_parameters_scheme ON incentive_parameters(scheme_id, valid_from);

-- Today's figures (RULES.md §8), valid until HR enters the next ones.
-- Training leave: EUR 14.91 an hour from 2025-26, at most 125 hours x the
-- occupation, courses of at least 32 contact hours, workers at 80 % or more.
-- Vouchers: up to EUR 250 a school year, half paid by Flanders, so at most
-- EUR 125 of subsidy per employee (our reading). SME wallet: 30 % (small) or
-- 20 % (medium) of the cost, at most EUR 7,500 a calendar year.
INSERT INTO incentive_schemes(code, name, kind, period, per_employee) VALUES
    ('training_leave', 'Flemish training leave', 'training_leave', 'school_year', 1),
    ('voucher', 'Training vouchers', 'voucher', 'school_year', 1),
    ('sme_wallet', 'SME wallet', 'sme_wallet', 'calendar_year', 0);
INSERT INTO incentive_parameters(scheme_id, valid_from, valid_to, rate_per_hour, share,
                                 share_medium, cap_hours, cap_amount, min_hours,
                                 min_occupation)
    SELECT id, '2025-09-01', NULL, 1491, NULL, NULL, 12500, NULL, 3200, 8000
    FROM incentive_schemes WHERE code = 'training_leave';
INSERT INTO incentive_parameters(scheme_id, valid_from, valid_to, rate_per_hour, share,
                                 share_medium, cap_hours, cap_amount, min_hours,
                                 min_occupation)
    SELECT id, '2025-09-01', NULL, NULL, 5000, NULL, NULL, 12500, NULL, NULL
    FROM incentive_schemes WHERE code = 'voucher';
INSERT INTO incentive_parameters(scheme_id, valid_from, valid_to, rate_per_hour, share,
                                 share_medium, cap_hours, cap_amount, min_hours,
                                 min_occupation)
    SELECT id, '2025-01-01', NULL, NULL, 3000, 2000, NULL, 750000, NULL, NULL
    FROM incentive_schemes WHERE code = 'sme_wallet';

-- A claim under a scheme: for a learning record (vouchers, SME wallet), or
-- for an employee's school year (training leave). amount is what is asked;
-- paid_amount what came in, which is added to the record's subsidy.
CREATE TABLE incentive_claims (
    id          INTEGER PRIMARY KEY,
    scheme_id   INTEGER NOT NULL REFERENCES incentive_schemes(id),
    employee_id INTEGER REFERENCES employees(id),
    record_id   INTEGER REFERENCES learning_records(id) ON DELETE SET NULL,
    period_year INTEGER NOT NULL,
    hours       INTEGER NOT NULL DEFAULT 0,
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    status      TEXT NOT NULL DEFAULT 'to_file'
                    CHECK (status IN ('to_file', 'filed', 'paid', 'refused')),
    filed_on    TEXT,
    decided_on  TEXT,
    paid_amount INTEGER,
    reference   TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX incentive_claims_period ON incentive_claims(scheme_id, period_year);
CREATE INDEX incentive_claims_record ON incentive_claims(record_id);

-- The organisation's Ed25519 signing keys (libsodium), hex; the newest signs.
CREATE TABLE signing_keys (
    id         INTEGER PRIMARY KEY,
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Open Badges 3.0 credentials issued to employees, as signed (VC-JWT).
CREATE TABLE badges (
    id          INTEGER PRIMARY KEY,
    public_id   TEXT NOT NULL UNIQUE,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    claim_id    INTEGER REFERENCES learning_claims(id),
    title       TEXT NOT NULL,
    jwt         TEXT NOT NULL,
    key_id      INTEGER NOT NULL REFERENCES signing_keys(id),
    issued_at   TEXT NOT NULL,
    revoked_at  TEXT,
    revoked_by  TEXT
);
CREATE INDEX badges_employee ON badges(employee_id);
