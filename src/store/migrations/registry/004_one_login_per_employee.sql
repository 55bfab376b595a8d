-- 004_one_login_per_employee: in an organisation an employee has at most
-- one login (their learning, badges and calendar are theirs under one
-- name). store/users.c and the CLI's user add and user grant checked it in
-- code only, so two requests at once could both pass; this index makes the
-- registry refuse the second (the caller then says who has the employee,
-- as the check does).
--
-- An older site may hold an employee with several logins in one
-- organisation. The oldest login there (the lowest account id) keeps the
-- link; each other one is unlinked, keeps its role, and gets a line in that
-- organisation's audit log naming the employee it lost and the login that
-- kept it.
DO $unlink$
DECLARE
    o RECORD;
BEGIN
    FOR o IN SELECT slug FROM organisations ORDER BY slug LOOP
        IF to_regclass(format('%I.audit_log', 'org_' || o.slug)) IS NOT NULL THEN
            EXECUTE format(
                'INSERT INTO %I.audit_log(at, actor, action, entity, entity_key, before, after) '
                'SELECT to_char(now() AT TIME ZONE ''UTC'', ''YYYY-MM-DD"T"HH24:MI:SS"Z"''), '
                '''migration'', ''unlink'', ''user'', a.login, '
                'json_build_object(''employee_id'', m.employee)::text, '
                'json_build_object(''employee_id'', NULL, ''kept_by'', k.login)::text '
                'FROM registry.memberships m '
                'JOIN registry.accounts a ON a.id = m.account_id '
                'JOIN registry.accounts k ON k.id = (SELECT min(x.account_id) FROM '
                'registry.memberships x WHERE x.org = m.org AND x.employee = m.employee) '
                'WHERE m.org = %L AND m.employee IS NOT NULL AND m.account_id <> k.id '
                'ORDER BY a.id', 'org_' || o.slug, o.slug);
        END IF;
    END LOOP;
END $unlink$;
UPDATE memberships m SET employee = NULL
    WHERE m.employee IS NOT NULL
      AND m.account_id > (SELECT min(x.account_id) FROM memberships x
                          WHERE x.org = m.org AND x.employee = m.employee);
CREATE UNIQUE INDEX memberships_one_per_employee ON memberships(org, employee)
    WHERE employee IS NOT NULL;
