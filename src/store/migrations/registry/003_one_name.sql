-- 003_one_name: an organisation of a site has one name. Before, its `name`
-- setting (shown in its header) and the registry's name (shown in the
-- switcher, `org list` and the sector reports) could differ; since, setting
-- the name writes both (site_rename_org in store/site.c). An organisation
-- that has a name setting the registry can hold takes it here: it is the
-- one its people saw at the top of every page.
DO $name$
DECLARE
    o RECORD;
BEGIN
    FOR o IN SELECT slug FROM organisations ORDER BY slug LOOP
        IF to_regclass(format('%I.settings', 'org_' || o.slug)) IS NOT NULL THEN
            EXECUTE format('UPDATE organisations SET name = s.value FROM %I.settings s '
                           'WHERE organisations.slug = %L AND s.key = ''name'' '
                           'AND s.value <> organisations.name '
                           'AND char_length(s.value) BETWEEN 1 AND 200 '
                           'AND s.value !~ ''[\x01-\x1f\x7f-\x9f]'' AND btrim(s.value) <> ''''',
                           'org_' || o.slug, o.slug);
        END IF;
    END LOOP;
END $name$;
