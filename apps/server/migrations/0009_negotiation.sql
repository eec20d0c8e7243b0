-- Sharing negotiation (ZS-12, ZS-21): a unit asks for an item marked 不予共享; the provider agrees (conditions) or
-- declines (legal basis); the unit may escalate to the leaders. The history is the audit trail (object type
-- 'sharing_negotiation'), so no event table of its own.

CREATE TABLE sharing_negotiation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id text NOT NULL,
  item_id text NOT NULL,
  -- the requesting unit
  org_id uuid NOT NULL REFERENCES org (id),
  created_by uuid NOT NULL REFERENCES app_user (id),
  -- the purpose and why the data is needed
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 10 AND 2000),
  state text NOT NULL CHECK (state IN ('open', 'agreed', 'declined', 'escalated')),
  -- agreed: the conditions; declined: the legal basis
  answer text,
  answered_by uuid REFERENCES app_user (id),
  answered_at timestamptz,
  escalated_by uuid REFERENCES app_user (id),
  escalated_at timestamptz,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (collection_id, item_id) REFERENCES catalog_item (collection_id, id),
  CHECK ((escalated_by IS NULL) = (escalated_at IS NULL)),
  CHECK ((answered_by IS NULL) = (answered_at IS NULL))
);
-- one case in progress per unit and item
CREATE UNIQUE INDEX sharing_negotiation_active_key ON sharing_negotiation (org_id, collection_id, item_id)
  WHERE state IN ('open', 'escalated');
CREATE INDEX sharing_negotiation_created_idx ON sharing_negotiation (created_at DESC);
