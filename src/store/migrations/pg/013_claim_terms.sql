-- 013_claim_terms: a scheme's term to file a claim, as a dated parameter
-- like its other figures (RULES.md §8): the number of calendar days after
-- a course starts within which the claim must be filed (its last day is
-- the start plus that many days); NULL when the scheme sets no such term.
-- The SME wallet asks for the application within 14 calendar days of the
-- training's start; groeipad had that in code (core/policy.c) and offered
-- claims past it. Every set of figures of an SME-wallet scheme gets it;
-- the other figures and the claims stay as they are. (PostgreSQL dialect
-- of sqlite/013_claim_terms.sql; IF NOT EXISTS: a site brings an
-- organisation whose migration records were lost up to date again.)
ALTER TABLE incentive_parameters ADD COLUMN IF NOT EXISTS file_within_days BIGINT;
UPDATE incentive_parameters SET file_within_days = 14
    WHERE scheme_id IN (SELECT id FROM incentive_schemes WHERE kind = 'sme_wallet');
