-- Data applications (BX-22, MNR-15..18, ZS-21): application + order lines, confidentiality agreements, review,
-- provision and hand-over, usage log (BX-23), BX-11 submission holds, in-app notifications.

-- 附件4: one agreement per unit, valid three years (BX-F4); an agreement in force is reused by later applications.
CREATE TABLE confidentiality_agreement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  org_id uuid NOT NULL REFERENCES org (id),
  provider_org_id uuid NOT NULL REFERENCES org (id),
  user_representative text NOT NULL,
  signed_on date NOT NULL,
  valid_until date NOT NULL,
  document_id text,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until > signed_on)
);
CREATE INDEX confidentiality_agreement_org ON confidentiality_agreement (org_id, valid_until DESC);

CREATE TABLE data_application (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- SQB-YYYY-NNN and the order number, given at submission (gap-free per year)
  number text UNIQUE,
  order_number text UNIQUE,
  handover_number text UNIQUE,
  state text NOT NULL CHECK (state IN ('draft', 'inReview', 'approved', 'rejected', 'preparing', 'ready', 'handedOver', 'withdrawn')),
  org_id uuid NOT NULL REFERENCES org (id),
  provider_org_id uuid NOT NULL REFERENCES org (id),
  created_by uuid NOT NULL REFERENCES app_user (id),
  letter jsonb NOT NULL,
  purpose text NOT NULL,
  projects jsonb NOT NULL,
  legal_representative text NOT NULL,
  order_project text NOT NULL,
  medium text NOT NULL CHECK (medium IN ('disc', 'usb', 'hdd', 'network')),
  agreement_id uuid REFERENCES confidentiality_agreement (id),
  submitted_at timestamptz,
  -- ZS-21: the provider answers conditional requests within 5 working days (China date)
  review_due date,
  reminded_at timestamptz,
  escalated_at timestamptz,
  decided_at timestamptz,
  decided_by uuid REFERENCES app_user (id),
  reject_reason text,
  size_gb double precision,
  pickup_note text,
  receiver_name text,
  receiver_id_hmac text,
  receiver_id_masked text,
  introduction_letter text,
  handed_over_at timestamptz,
  handed_over_by uuid REFERENCES app_user (id),
  remarks text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_application_org ON data_application (org_id, created_at DESC);
CREATE INDEX data_application_state ON data_application (state, review_due);

-- 经办人 of 附件2: the ID number is stored encrypted, with a keyed digest for the hand-over check (BX-F3/F5).
CREATE TABLE application_handler (
  application_id uuid NOT NULL REFERENCES data_application (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  name text NOT NULL,
  id_number_enc text NOT NULL,
  id_number_hmac text NOT NULL,
  id_number_masked text NOT NULL,
  phone text NOT NULL,
  PRIMARY KEY (application_id, seq)
);

-- 附件3 order lines: a snapshot of the ordered entries as they were at ordering time.
CREATE TABLE application_line (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES data_application (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  collection_id text NOT NULL,
  item_id text NOT NULL,
  title text NOT NULL,
  catalogue_no text NOT NULL,
  datetime timestamptz NOT NULL,
  gsd double precision,
  secrecy text NOT NULL,
  sharing_type text NOT NULL,
  custodian_org_id uuid REFERENCES org (id),
  size_bytes bigint,
  decision text NOT NULL CHECK (decision IN ('auto', 'pending', 'approved', 'rejected')),
  reason text,
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  FOREIGN KEY (collection_id, item_id) REFERENCES catalog_item (collection_id, id),
  UNIQUE (application_id, collection_id, item_id)
);
CREATE INDEX application_line_item ON application_line (collection_id, item_id);

-- The history timeline of an application (the audit trail holds the same facts, chained).
CREATE TABLE application_event (
  id bigserial PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES data_application (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES app_user (id),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  note text
);
CREATE INDEX application_event_app ON application_event (application_id, id);

-- BX-23 / MNR-18: custody, use, copies, third-party delegation, destruction — kept permanently.
CREATE TABLE usage_log_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES data_application (id),
  kind text NOT NULL CHECK (kind IN ('custody', 'use', 'copy', 'delegation', 'destruction')),
  occurred_on date NOT NULL,
  description text NOT NULL,
  copies integer,
  third_party_name text,
  third_party_foreign boolean,
  third_party_agreement_no text,
  approval_no text,
  witness text,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX usage_log_entry_app ON usage_log_entry (application_id, occurred_on);

-- BX-11: an overdue submission (汇交) that blocks further provision to the unit until cleared.
CREATE TABLE submission_hold (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES org (id),
  title text NOT NULL,
  due_date date NOT NULL,
  reason text NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  cleared_at timestamptz,
  cleared_by uuid REFERENCES app_user (id)
);
CREATE INDEX submission_hold_open ON submission_hold (org_id) WHERE cleared_at IS NULL;

-- In-app notifications (reminders, escalations, pick-up notices), one row per recipient.
CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user (id),
  title text NOT NULL,
  body text NOT NULL,
  link text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notification_user ON notification (user_id, created_at DESC);
