-- 012_public_addresses: what this organisation held before the site's
-- registry kept its public addresses (registry/002_public_addresses.sql),
-- or wrote meanwhile, before this schema was brought up to date. From now
-- on the code that writes a badge or a feed's token notes it there in the
-- same transaction (store/orgs.c orgs_keep_address; a restore fills them
-- in again). Not triggers: Citus's distributed schemas have none. Nothing
-- outside an organisation's schema (a restore's scratch schema), nor from
-- a table the organisation lost (a restore over it makes it again).
DO $fill$
BEGIN
    IF registry.current_org() IS NULL THEN
        RETURN;
    END IF;
    IF to_regclass('badges') IS NOT NULL THEN
        INSERT INTO registry.public_addresses(kind, public_id, org)
            SELECT 'badge', public_id, registry.current_org() FROM badges
            ON CONFLICT DO NOTHING;
    END IF;
    IF to_regclass('calendar_feeds') IS NOT NULL THEN
        INSERT INTO registry.public_addresses(kind, public_id, org)
            SELECT 'calendar', token, registry.current_org() FROM calendar_feeds
            ON CONFLICT DO NOTHING;
    END IF;
END $fill$;
