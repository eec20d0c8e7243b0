-- Registered mosaic searches (BX-16 online browsing): the STAC search criteria a mosaic layer shows, under a stable
-- id (SM3 of the canonical criteria, so registering the same search twice gives the same id). A table rather than an
-- in-memory cache: tile and TileJSON URLs handed to map clients stay valid across restarts and server instances.
-- A row holds no data and no user: what a caller sees of a mosaic is decided on every tile request.
CREATE TABLE mosaic_search (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
  criteria jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
