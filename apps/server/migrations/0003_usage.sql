-- Online use of shared data, recorded automatically (MNR-16, BX-21): counts per day (China time), user, item and
-- kind of use. Tiles are aggregated in memory and flushed in batches, so a map pan does not cost a write per tile.
CREATE TABLE usage_daily (
  day date NOT NULL,
  -- No foreign keys: a statistics row outlives whatever it counted, and counts are written in batches after the
  -- request that made them.
  user_id uuid,
  org_id uuid,
  collection_id text NOT NULL,
  item_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('tile', 'download', 'api')),
  count bigint NOT NULL,
  bytes bigint NOT NULL DEFAULT 0
);
-- Anonymous use (user_id NULL) aggregates under one key.
CREATE UNIQUE INDEX usage_daily_key ON usage_daily
  (day, coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid), collection_id, item_id, kind);
CREATE INDEX usage_daily_org_idx ON usage_daily (org_id, day);
