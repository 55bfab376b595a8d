-- 010_cert_records: the dates on which each employee completed an activity
-- that certifies or is mandatory (RULES.md §5), one row per employee,
-- activity and date. The certifications report reads the latest date on or
-- before the day asked from here, in the order of its key, instead of
-- scanning every learning record: a side table of facts, never a status (the
-- status is computed on the day asked). Kept up to date by every write of a
-- learning record and by an activity that starts or stops certifying
-- (store/certifications.c, cert_records_*).
CREATE TABLE cert_records (
    employee_id BIGINT NOT NULL,
    activity_id BIGINT NOT NULL,
    achieved    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (employee_id, activity_id, achieved)
);
INSERT INTO cert_records(employee_id, activity_id, achieved)
SELECT DISTINCT r.employee_id, r.activity_id, coalesce(r.end_date, r.start_date)
FROM learning_records r JOIN activities x ON x.id = r.activity_id
WHERE (x.validity_months > 0 OR x.mandatory = 1) AND r.result = 'completed';

-- What a remark for next year's plan was raised from by one click on an
-- evaluation's results ("evaluation:<activity code>:<year>"), NULL for a
-- remark written by hand: the unique index makes a second click add nothing.
ALTER TABLE eval_remarks ADD COLUMN origin TEXT COLLATE "C";
CREATE UNIQUE INDEX eval_remarks_origin ON eval_remarks(origin);
