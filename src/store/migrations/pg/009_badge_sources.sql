-- Badges for a completed onboarding trajectory or a valid certification
-- besides a confirmed learning claim: what the badge was issued for.
ALTER TABLE badges ADD COLUMN source_kind TEXT COLLATE "C" NOT NULL DEFAULT 'claim';
ALTER TABLE badges ADD COLUMN source_id BIGINT;
CREATE INDEX badges_source ON badges(source_kind, source_id);
