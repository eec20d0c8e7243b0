-- Feedback on catalogue items (MNR-19, ZS-24) and publication review of imagery and derived results (BX-18, MNR-12,
-- MNR-18, ZS-23). Locations in CGCS2000 (EPSG:4490). The history of both cases is the audit trail (object types
-- 'feedback' and 'publication_review'), so no event table of their own.

CREATE TABLE feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id text NOT NULL,
  item_id text NOT NULL,
  -- The data application the problem came up under, if the reporter names one. Deliberately no foreign key: the
  -- applications table (0006) was built in parallel with this one, and a report must not fail or vanish with an
  -- application; the id is kept as information for the custodian.
  application_id uuid,
  -- 'use' = 使用问题; the others are kinds of 质量问题
  category text NOT NULL
    CHECK (category IN ('use', 'cloudCover', 'geometry', 'colour', 'missingData', 'metadata', 'other')),
  severity text NOT NULL CHECK (severity IN ('normal', 'major')),
  description text NOT NULL,
  location geometry(Point, 4490),
  state text NOT NULL CHECK (state IN ('open', 'confirmed', 'dismissed', 'resolved')),
  reporter_id uuid NOT NULL REFERENCES app_user (id),
  reporter_org_id uuid NOT NULL REFERENCES org (id),
  -- the custodian's answer to the reporter (confirm or dismiss)
  response text,
  responded_by uuid REFERENCES app_user (id),
  responded_at timestamptz,
  -- MNR-19: a confirmed major problem goes to the leaders
  escalated_by uuid REFERENCES app_user (id),
  escalated_at timestamptz,
  resolution text,
  resolved_by uuid REFERENCES app_user (id),
  resolved_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  FOREIGN KEY (collection_id, item_id) REFERENCES catalog_item (collection_id, id),
  CHECK ((escalated_by IS NULL) = (escalated_at IS NULL))
);
CREATE INDEX feedback_item_idx ON feedback (collection_id, item_id);
CREATE INDEX feedback_created_idx ON feedback (created_at);
CREATE INDEX feedback_reporter_org_idx ON feedback (reporter_org_id);

CREATE TABLE publication_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 审核意见 number GKSH-YYYY-NNN, given on approval (gap-free per year)
  number text UNIQUE,
  org_id uuid NOT NULL REFERENCES org (id),
  applicant_id uuid NOT NULL REFERENCES app_user (id),
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('print', 'display', 'online', 'media')),
  medium text NOT NULL,
  planned_date date NOT NULL,
  description text NOT NULL,
  citation text NOT NULL,
  secrecy_review_confirmed boolean NOT NULL,
  secrecy_review_note text,
  state text NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected', 'changesRequested')),
  submitted_at timestamptz NOT NULL,
  -- 5 working days after the (latest) submission, China date
  due_date date NOT NULL,
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((state = 'approved') = (number IS NOT NULL))
);
CREATE INDEX publication_review_org_idx ON publication_review (org_id, created_at DESC);
CREATE INDEX publication_review_state_idx ON publication_review (state, due_date);

-- MNR-18: the catalogue items a product derives from, with their secrecy level when cited.
CREATE TABLE publication_source (
  review_id uuid NOT NULL REFERENCES publication_review (id),
  position integer NOT NULL,
  collection_id text NOT NULL,
  item_id text NOT NULL,
  secrecy text NOT NULL CHECK (secrecy IN ('public', 'secret', 'confidential', 'undetermined')),
  PRIMARY KEY (review_id, collection_id, item_id),
  FOREIGN KEY (collection_id, item_id) REFERENCES catalog_item (collection_id, id)
);

-- The maps and images to publish, in the Storage port under publication/<review id>/<attachment id>.
CREATE TABLE publication_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  review_id uuid NOT NULL REFERENCES publication_review (id),
  name text NOT NULL,
  media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'application/pdf')),
  size bigint NOT NULL,
  checksum_sm3 text NOT NULL,
  storage_key text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES app_user (id),
  uploaded_at timestamptz NOT NULL,
  -- set when a resubmission drops the file; the file is kept, so what was reviewed stays traceable
  withdrawn_at timestamptz
);
CREATE INDEX publication_attachment_review_idx ON publication_attachment (review_id);
