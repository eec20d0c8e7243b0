-- Platform foundation: identity, sessions, audit trail, working-day calendar, administrative areas.
-- Storage CRS is CGCS2000 geographic (EPSG:4490) everywhere.
CREATE EXTENSION IF NOT EXISTS postgis;

-- Organisations (ZS-19): departments, sections, districts, external units.
CREATE TABLE org (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  short_name text,
  kind text NOT NULL CHECK (kind IN ('bureau', 'department', 'section', 'district', 'external')),
  credit_code text,
  -- 'override': a legacy code that fails the GB 32100 check, kept on an admin's explicit confirmation.
  credit_code_status text CHECK (credit_code_status IN ('valid', 'override')),
  parent_id uuid REFERENCES org (id),
  district_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((credit_code IS NULL) = (credit_code_status IS NULL))
);
CREATE UNIQUE INDEX org_name_key ON org (name);
CREATE UNIQUE INDEX org_credit_code_key ON org (credit_code) WHERE credit_code IS NOT NULL;

-- Persons (ZS-19): the ID number is stored SM4-encrypted, with a keyed SM3 digest for look-ups and a mask for display.
CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  org_id uuid REFERENCES org (id),
  id_number_enc text,
  id_number_hmac text,
  id_number_masked text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_id_number_hmac_idx ON person (id_number_hmac);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  org_id uuid NOT NULL REFERENCES org (id),
  person_id uuid REFERENCES person (id),
  roles text[] NOT NULL,
  clearance text NOT NULL CHECK (clearance IN ('public', 'secret', 'confidential')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));

-- Sessions: only the SM3 digest of the cookie token is stored.
CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Audit trail (ZS-25, BX-21, MNR-16): append-only, chained by hash = SM3(prev_hash || canonical event).
CREATE TABLE audit_event (
  id bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  org_id uuid,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  summary jsonb NOT NULL,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_event_object_idx ON audit_event (object_type, object_id);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id);

-- The chain head: one row, updated in the same transaction as each insert, so its row lock serialises writers
-- and ids stay gap-free.
CREATE TABLE audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_id bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO audit_head (last_id, last_hash) VALUES (0, repeat('0', 64));

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

-- Working-day calendar (YQ-22): admin overrides on top of the published State Council arrangement.
CREATE TABLE calendar_override (
  day date PRIMARY KEY,
  working boolean NOT NULL,
  note text NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE calendar_year_confirmation (
  year integer PRIMARY KEY,
  confirmed_by uuid REFERENCES app_user (id),
  confirmed_at timestamptz NOT NULL
);

-- Administrative areas of the service area (city and districts), CGCS2000.
CREATE TABLE admin_area (
  code text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('city', 'district')),
  parent_code text REFERENCES admin_area (code),
  geom geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX admin_area_geom_idx ON admin_area USING gist (geom);
