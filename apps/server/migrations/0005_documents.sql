-- Sealed documents (ZS-14, BX-22 forms 附件1–5): PDFs issued with an SM2 electronic seal and verifiable by anyone.

-- One SM2 key pair (sm2p256v1) per organisation, made on its first sealed document. The private key is stored
-- SM4-encrypted with the platform field cipher; the public key is hex `04‖x‖y`.
CREATE TABLE org_signing_key (
  org_id uuid PRIMARY KEY REFERENCES org (id),
  public_key text NOT NULL CHECK (public_key ~ '^04[0-9a-f]{128}$'),
  private_key_enc text NOT NULL,
  created_at timestamptz NOT NULL
);

-- An issued document: the PDF lives in asset storage; `sm3` is its digest as issued and `signature` the SM2
-- signature (r‖s hex, SM3 with Z_A, ID 1234567812345678) over those 32 bytes. The public key and the unit's name
-- are copied as they were at issue, so a later rename or key change never alters what a seal said.
CREATE TABLE sealed_document (
  id uuid PRIMARY KEY,
  -- issue order (several forms are issued at the same instant in one transaction)
  seq bigint GENERATED ALWAYS AS IDENTITY,
  -- extensible: a new kind of document needs no migration
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]*$'),
  number text NOT NULL,
  org_id uuid NOT NULL REFERENCES org (id),
  org_name text NOT NULL,
  -- what the document belongs to, e.g. ('application', <application id>)
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  storage_key text NOT NULL,
  size bigint NOT NULL,
  sm3 text NOT NULL CHECK (sm3 ~ '^[0-9a-f]{64}$'),
  signature text NOT NULL,
  public_key text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user (id)
);
CREATE INDEX sealed_document_subject_idx ON sealed_document (subject_type, subject_id, seq);
