-- Online sharing access (issue 4): personal API tokens, the online results-application agreement (MNR-16) and
-- signed, expiring download links with per-user daily quotas. Downloads and API calls are counted in usage_daily.

-- Personal API tokens for other systems. Only a keyed SM3 digest of the secret is stored (HMAC-SM3 under a key
-- derived from the platform secret), plus its first characters so the owner can tell tokens apart.
CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['stac', 'tiles', 'downloads']),
  prefix text NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE UNIQUE INDEX api_token_hash_key ON api_token (token_hash);
CREATE INDEX api_token_user_idx ON api_token (user_id, created_at DESC);

-- The online results-application agreement (MNR-16), versioned: the current version is the one published last
-- (highest `seq`), and publishing a new version means everyone signs again. No foreign key to app_user: the text
-- is reference data that outlives accounts (and is kept when the test harness empties the other tables).
CREATE TABLE sharing_agreement_version (
  seq integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  version text PRIMARY KEY CHECK (version ~ '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$'),
  title text NOT NULL,
  paragraphs text[] NOT NULL CHECK (cardinality(paragraphs) > 0),
  effective_from timestamptz NOT NULL,
  published_by uuid
);

-- Who signed which version for which collection, when and from where (MNR-16).
CREATE TABLE sharing_agreement_signature (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  collection_id text NOT NULL REFERENCES catalog_collection (id),
  version text NOT NULL REFERENCES sharing_agreement_version (version),
  org_id uuid NOT NULL REFERENCES org (id),
  signed_at timestamptz NOT NULL,
  ip text,
  PRIMARY KEY (user_id, collection_id, version)
);

-- Signed download links. The quota is charged when a link is created (its size is known then: an asset's stored
-- size, or the generated clip / preview file), per user and China-time day.
CREATE TABLE download_link (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES org (id),
  collection_id text NOT NULL,
  item_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('asset', 'clip', 'preview')),
  asset_key text,
  -- the file served: the asset's stored file, or a generated one (clip, preview) removed once the link expired
  storage_key text NOT NULL,
  generated boolean NOT NULL,
  filename text NOT NULL,
  media_type text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  -- clip only: output CRS (EPSG) and the polygon as drawn (GeoJSON, EPSG:4490)
  crs integer,
  geometry jsonb,
  quota_day date NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  cleaned_at timestamptz
);
CREATE INDEX download_link_quota_idx ON download_link (user_id, quota_day);
CREATE INDEX download_link_cleanup_idx ON download_link (expires_at) WHERE generated AND cleaned_at IS NULL;

INSERT INTO sharing_agreement_version (version, title, effective_from, paragraphs) VALUES (
  '2026-1',
  '自然资源调查监测成果在线应用协议（2026 年版）',
  '2026-01-01T00:00:00+08:00',
  ARRAY[
    '一、为规范自然资源调查监测成果（含遥感影像，以下简称“成果”）的在线共享和应用，根据《中华人民共和国测绘法》《中华人民共和国数据安全法》《自然资源调查监测成果管理办法》等规定，使用单位及其经办人员（以下简称“使用方”）在首次在线浏览、调用或下载某一数据集的成果前，应当阅读并在线签署本协议。签署记录包括签署人、所在单位、数据集、协议版本、签署时间和 IP 地址。',
    '二、用途限定。使用方仅可将成果用于本单位依法履职、规划编制、调查监测、科学研究等已声明的用途，不得超出声明的用途和范围使用成果；用途或范围发生变化的，应当重新申请。',
    '三、禁止转让。未经成果提供方书面授权，使用方不得以任何形式向第三方转让、转借、出售、出租或提供成果及其复制件、衍生数据，不得将成果用于商业经营活动。',
    '四、安全管理。在线提供的成果均为非涉密成果，使用方仍应落实数据安全管理责任，不得将成果原始数据在互联网公开发布或存放于不受控的公共网络存储；涉密成果不在线提供，须通过数据申请程序离线办理。发现成果泄露或疑似泄露的，应当立即报告成果提供方。',
    '五、成果引用。使用方利用成果形成的报告、论文、图件、专题数据等衍生成果公开发表、出版或对外提供时，应当注明成果来源（如“数据来源：自然资源调查监测成果共享平台”）；衍生成果需公开发布的，应当按规定通过保密审查并取得成果提供方的书面同意。',
    '六、使用记录。平台自动记录使用方的在线浏览、接口调用和下载情况，包括用户、单位、数据项、时间、IP 地址和数据量，记录长期保存，用于使用统计、绩效评价和监督检查。',
    '七、水印追溯。平台提供的预览图等成果可带有可见的使用者水印（用户名、单位、生成时间），使用方不得去除、遮挡或篡改水印；流出的成果可据此追溯到责任单位和个人。',
    '八、账号与令牌。个人账号和接口令牌视同本人操作，使用方应当妥善保管，不得转借他人使用；令牌泄露或不再使用的，应当及时在平台“我的令牌”中吊销。下载链接仅供本人在有效期内使用，不得转发。',
    '九、违约责任。使用方违反本协议的，平台可暂停或终止其在线共享权限，并通报其所在单位；造成成果泄露、损失或违反法律法规的，依法追究相关单位和人员的责任。',
    '十、协议版本。本协议对签署的数据集自签署之日起生效。协议内容更新后，使用方须签署新版本方可继续在线使用成果。'
  ]
);
