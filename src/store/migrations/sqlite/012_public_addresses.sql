-- 012_public_addresses: nothing on a SQLite file. On a PostgreSQL site
-- this migration has the site's registry learn which organisation holds
-- each badge's public id and calendar feed's token (pg/012 and
-- registry/002); a SQLite file is one organisation, which holds them all.
-- The number is kept so that both dialects count their migrations alike.
SELECT 1;
