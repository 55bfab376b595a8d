-- 014_one_login_per_employee: an employee has at most one login (their
-- learning, badges and calendar are theirs under one name). users_add and
-- the Users page checked it in code only; this index makes the database
-- refuse a second link too, whoever writes it (on PostgreSQL the link is
-- the site's registry.memberships.employee: registry/004).
--
-- A database may already hold an employee with several logins (made before
-- the check, or by hand). The oldest login (the lowest id) keeps the link;
-- each other one is unlinked, stays a login with its role, and gets an
-- audit line naming the employee it lost and the login that kept it.
INSERT INTO audit_log(at, actor, action, entity, entity_key, before, after)
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration', 'unlink', 'user', u.login,
           json_object('employee_id', e.employee_id),
           json_object('employee_id', NULL, 'kept_by', k.login)
    FROM users u
    JOIN employees e ON e.id = u.employee_id
    JOIN users k ON k.id = (SELECT min(o.id) FROM users o WHERE o.employee_id = u.employee_id)
    WHERE u.id <> k.id
    ORDER BY u.id;
UPDATE users SET employee_id = NULL
    WHERE employee_id IS NOT NULL
      AND id > (SELECT min(o.id) FROM users o WHERE o.employee_id = users.employee_id);
CREATE UNIQUE INDEX users_one_per_employee ON users(employee_id) WHERE employee_id IS NOT NULL;
