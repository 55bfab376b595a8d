-- 002_public_addresses: which organisation holds each public address that
-- needs no login: a badge's public id (/badges/<id>) and a calendar feed's
-- token (/calendar/<token>.ics). An address given out before it named its
-- organisation is looked up here in one read, instead of in every
-- organisation of the site (two round trips each, for anyone who sends a
-- made-up id). Written with each badge and feed token, in the same
-- transaction (orgs_keep_address in store/orgs.c), and again after a
-- restore. A row is a hint: the organisation it names is asked whether it
-- still holds the address before anything is shown, so a row left behind
-- (a table emptied by hand) costs one read and shows nothing.
CREATE TABLE public_addresses (
    kind      TEXT COLLATE "C" NOT NULL CHECK (kind IN ('badge', 'calendar')),
    public_id TEXT COLLATE "C" NOT NULL,
    org       TEXT COLLATE "C" NOT NULL REFERENCES organisations(slug) ON DELETE CASCADE,
    PRIMARY KEY (kind, public_id, org)
);
CREATE INDEX public_addresses_org ON public_addresses(org);

-- The addresses of the organisations made before this table, at once (an
-- organisation's own migration 012 fills in again what came meanwhile).
DO $fill$
DECLARE
    o RECORD;
BEGIN
    FOR o IN SELECT slug FROM organisations ORDER BY slug LOOP
        IF to_regclass(format('%I.badges', 'org_' || o.slug)) IS NOT NULL THEN
            EXECUTE format('INSERT INTO public_addresses(kind, public_id, org) SELECT ''badge'', '
                           'public_id, %L FROM %I.badges ON CONFLICT DO NOTHING',
                           o.slug, 'org_' || o.slug);
        END IF;
        IF to_regclass(format('%I.calendar_feeds', 'org_' || o.slug)) IS NOT NULL THEN
            EXECUTE format('INSERT INTO public_addresses(kind, public_id, org) SELECT '
                           '''calendar'', token, %L FROM %I.calendar_feeds ON CONFLICT DO NOTHING',
                           o.slug, 'org_' || o.slug);
        END IF;
    END LOOP;
END $fill$;
