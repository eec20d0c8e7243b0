-- Daily download quotas (issue 4), managed by administrators instead of a code constant: what one user may create
-- in signed download links per China-time day (count and bytes). One default row (org_id NULL) applies to every user
-- whose unit has no override of its own; an override applies to all users of its unit.
-- The column defaults are the seeded default (50 links, 20 GiB): written once here, so the test harness can re-seed
-- the default row with DEFAULT VALUES after emptying the tables.
CREATE TABLE download_quota (
  org_id uuid UNIQUE REFERENCES org (id) ON DELETE CASCADE,
  count_limit integer NOT NULL DEFAULT 50 CHECK (count_limit > 0),
  byte_limit bigint NOT NULL DEFAULT 21474836480 CHECK (byte_limit > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- null for the seeded row
  updated_by uuid REFERENCES app_user (id)
);
-- exactly one default row (UNIQUE above lets NULLs repeat)
CREATE UNIQUE INDEX download_quota_default_key ON download_quota ((org_id IS NULL)) WHERE org_id IS NULL;

INSERT INTO download_quota DEFAULT VALUES;
