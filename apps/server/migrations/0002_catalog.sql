-- Resource catalogue (BX-3, BX-13, BX-19, BX-20, MNR-9, ZS-9, ZS-12, ZS-13) as STAC collections and items.
-- Geometry in CGCS2000 (EPSG:4490); STAC clients send WGS84 lon/lat, which agrees with CGCS2000 to centimetres.

-- Gap-free numbering per scope and year (统一编号 here; SQB/YJD form numbers later). The row lock serialises issuers.
CREATE TABLE number_sequence (
  scope text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (scope, year)
);

CREATE TABLE catalog_collection (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_.-]{1,63}$'),
  title text NOT NULL,
  description text NOT NULL,
  product_type text NOT NULL CHECK (product_type IN ('primary', 'dom', 'fiscal', 'aerial', 'result')),
  keywords text[] NOT NULL DEFAULT '{}',
  license text NOT NULL DEFAULT 'proprietary',
  custodian_org_id uuid REFERENCES org (id),
  provider_org_id uuid REFERENCES org (id),
  update_frequency text NOT NULL DEFAULT 'irregular'
    CHECK (update_frequency IN ('realtime', 'monthly', 'quarterly', 'yearly', 'irregular')),
  -- defaults for new items of this collection; secrecy has none (an item without one is 'undetermined')
  sharing_type text NOT NULL DEFAULT 'conditional' CHECK (sharing_type IN ('unconditional', 'conditional', 'none')),
  sharing_basis text,
  sharing_method text NOT NULL DEFAULT 'online' CHECK (sharing_method IN ('online', 'offline')),
  usage_requirements text,
  published boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- ZS-12: 不予共享 needs its legal basis
  CHECK (sharing_type <> 'none' OR coalesce(sharing_basis, '') <> '')
);

CREATE TABLE catalog_item (
  collection_id text NOT NULL REFERENCES catalog_collection (id),
  id text NOT NULL CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'),
  catalogue_no text NOT NULL,
  title text NOT NULL,
  description text,
  datetime timestamptz NOT NULL,
  geom geometry(Geometry, 4490) NOT NULL,
  gsd double precision,
  platform text,
  instruments text[] NOT NULL DEFAULT '{}',
  cloud_cover double precision CHECK (cloud_cover BETWEEN 0 AND 100),
  product_type text NOT NULL CHECK (product_type IN ('primary', 'dom', 'fiscal', 'aerial', 'result')),
  format text,
  data_volume bigint,
  secrecy text NOT NULL CHECK (secrecy IN ('public', 'secret', 'confidential', 'undetermined')),
  secrecy_term text,
  sharing_type text NOT NULL CHECK (sharing_type IN ('unconditional', 'conditional', 'none')),
  sharing_basis text,
  sharing_method text NOT NULL CHECK (sharing_method IN ('online', 'offline')),
  funding_source text CHECK (funding_source IN ('provincial', 'municipal', 'other')),
  custodian_org_id uuid REFERENCES org (id),
  provider_org_id uuid REFERENCES org (id),
  update_frequency text,
  usage_requirements text,
  district_codes text[] NOT NULL DEFAULT '{}',
  properties jsonb NOT NULL DEFAULT '{}',
  -- lower-cased words for free-text search (`q`): title, number, platform, product type label, districts, year
  search_text text NOT NULL DEFAULT '',
  checksum_sm3 text,
  published boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection_id, id),
  CHECK (sharing_type <> 'none' OR coalesce(sharing_basis, '') <> '')
);
CREATE UNIQUE INDEX catalog_item_catalogue_no_key ON catalog_item (catalogue_no);
CREATE UNIQUE INDEX catalog_item_checksum_key ON catalog_item (checksum_sm3) WHERE checksum_sm3 IS NOT NULL;
CREATE INDEX catalog_item_geom_idx ON catalog_item USING gist (geom);
CREATE INDEX catalog_item_datetime_idx ON catalog_item (datetime DESC, collection_id, id);
CREATE INDEX catalog_item_collection_datetime_idx ON catalog_item (collection_id, datetime DESC);

CREATE TABLE catalog_asset (
  collection_id text NOT NULL,
  item_id text NOT NULL,
  key text NOT NULL,
  storage_key text NOT NULL,
  media_type text NOT NULL,
  title text,
  roles text[] NOT NULL DEFAULT '{}',
  size bigint,
  checksum_sm3 text,
  PRIMARY KEY (collection_id, item_id, key),
  FOREIGN KEY (collection_id, item_id) REFERENCES catalog_item (collection_id, id) ON DELETE CASCADE
);
