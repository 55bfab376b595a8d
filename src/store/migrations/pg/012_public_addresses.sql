-- 012_public_addresses: what this organisation held before the site's
-- registry kept its public addresses (registry/002_public_addresses.sql),
-- or wrote meanwhile, before this schema was brought up to date. From now
-- on the code that writes a badge or a feed's token notes it there in the
-- same transaction (store/orgs.c orgs_keep_address; a restore fills them
-- in again). Not triggers: Citus's distributed schemas have none. Nothing
-- outside an organisation's schema (a restore's scratch schema).
INSERT INTO registry.public_addresses(kind, public_id, org)
    SELECT 'badge', public_id, registry.current_org() FROM badges
    WHERE registry.current_org() IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO registry.public_addresses(kind, public_id, org)
    SELECT 'calendar', token, registry.current_org() FROM calendar_feeds
    WHERE registry.current_org() IS NOT NULL ON CONFLICT DO NOTHING;
