import { type Clearance, checkCreditCode, type OrgKind, type Role } from '@geoshare/shared';
import { SYSTEM_CONTEXT } from '../platform/auth/actor.js';
import type { Services } from '../services.js';
import { seedDemoCatalogue } from './demo-catalogue.js';
import { cityOutline, DEMO_CITY, DEMO_DISTRICTS, districtSeed } from './demo-city.rules.js';

/** A valid GB 32100 code for demo organisation number `n` (fictional registration-authority digits). */
function demoCreditCode(n: number): string {
  const body = `11990100MB${String(n).padStart(7, '0')}`;
  const r = checkCreditCode(`${body}0`);
  return r.kind === 'badCheck' ? `${body}${r.expected}` : `${body}0`;
}

/** The sections of YQ-6 plus the units the documents name (BX-4, YQ-6). */
const ORGS: { key: string; name: string; kind: OrgKind; parent?: string }[] = [
  { key: 'bureau', name: '示范市自然资源和规划局', kind: 'bureau' },
  { key: 'satellite', name: '示范市卫星遥感应用中心', kind: 'bureau', parent: 'bureau' },
  { key: 'service', name: '示范市自然资源事务服务中心', kind: 'bureau', parent: 'bureau' },
  ...[
    '防火科',
    '耕地保护科',
    '矿产资源管理科',
    '用途管制科',
    '空间规划科',
    '测绘科',
    '生态修复科',
    '国土绿化科',
    '确权登记科',
    '行政审批科',
    '法规督查科',
    '机关纪委',
    '防火中心',
    '执法队',
  ].map((name, i) => ({ key: `section${i}`, name, kind: 'section' as const, parent: 'bureau' })),
  { key: 'bigdata', name: '示范市大数据管理局', kind: 'department' },
  { key: 'finance', name: '示范市财政局', kind: 'department' },
  { key: 'housing', name: '示范市住房和城乡建设局', kind: 'department' },
  { key: 'emergency', name: '示范市应急管理局', kind: 'department' },
  { key: 'agriculture', name: '示范市农业农村局', kind: 'department' },
  { key: 'surveyco', name: '示范测绘地理信息有限公司', kind: 'external' },
];

export const DEMO_PASSWORD = 'Demo@2026';

const USERS: { username: string; displayName: string; org: string; roles: Role[]; clearance: Clearance }[] = [
  { username: 'admin', displayName: '系统管理员', org: 'bureau', roles: ['admin'], clearance: 'confidential' },
  {
    username: 'catalogue',
    displayName: '目录管理员 王敏',
    org: 'satellite',
    roles: ['catalogueManager'],
    clearance: 'confidential',
  },
  { username: 'reviewer', displayName: '审核员 李强', org: 'bureau', roles: ['reviewer'], clearance: 'confidential' },
  {
    username: 'custodian',
    displayName: '保管员 赵丽',
    org: 'service',
    roles: ['custodian'],
    clearance: 'confidential',
  },
  { username: 'clerk', displayName: '经办人 陈晨', org: 'housing', roles: ['departmentClerk'], clearance: 'public' },
  {
    username: 'clerk2',
    displayName: '经办人 何静',
    org: 'agriculture',
    roles: ['departmentClerk'],
    clearance: 'public',
  },
  { username: 'section', displayName: '耕保科 刘洋', org: 'section1', roles: ['sectionStaff'], clearance: 'secret' },
  { username: 'inspector', displayName: '监督员 周杰', org: 'section10', roles: ['inspector'], clearance: 'secret' },
  { username: 'field', displayName: '网格员 吴涛', org: 'district0', roles: ['fieldStaff'], clearance: 'public' },
  { username: 'leader', displayName: '分管领导 孙伟', org: 'bureau', roles: ['leader'], clearance: 'confidential' },
];

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
}

/** Seeds the demo city once (when no organisation exists yet). Returns the accounts it created, or [] if it did nothing. */
export async function seedDemo(s: Services, opts: { adminPassword: string }): Promise<DemoAccount[]> {
  if ((await s.orgs.list({})).length > 0) return [];

  await s.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO admin_area (code, name, level, parent_code, geom)
       VALUES ($1, $2, 'city', NULL, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490)))
       ON CONFLICT (code) DO NOTHING`,
      [DEMO_CITY.code, DEMO_CITY.name, JSON.stringify({ type: 'Polygon', coordinates: [cityOutline()] })],
    );
    // Voronoi cells of the district seeds, clipped to the city: a partition with shared borders, no gaps.
    await tx.query(
      `WITH seeds AS (
         SELECT d.code, d.name, ST_SetSRID(ST_MakePoint(d.lon, d.lat), 4490) AS pt
         FROM jsonb_to_recordset($2::jsonb) AS d(code text, name text, lon float8, lat float8)),
       city AS (SELECT geom FROM admin_area WHERE code = $1),
       cells AS (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(pt), 0, (SELECT geom FROM city)))).geom AS cell FROM seeds)
       INSERT INTO admin_area (code, name, level, parent_code, geom)
       SELECT s.code, s.name, 'district', $1,
              ST_Multi(ST_CollectionExtract(ST_Intersection(ST_SetSRID(c.cell, 4490), (SELECT geom FROM city)), 3))
       FROM seeds s JOIN cells c ON ST_Contains(ST_SetSRID(c.cell, 4490), s.pt)
       ON CONFLICT (code) DO NOTHING`,
      [
        DEMO_CITY.code,
        JSON.stringify(
          DEMO_DISTRICTS.map((d) => {
            const [lon, lat] = districtSeed(d);
            return { code: d.code, name: d.name, lon, lat };
          }),
        ),
      ],
    );
  });

  const ids = new Map<string, string>();
  let n = 1;
  const all = [
    ...ORGS,
    ...DEMO_DISTRICTS.map((d, i) => ({
      key: `district${i}`,
      name: `${DEMO_CITY.name}${d.name}人民政府`,
      kind: 'district' as const,
      districtCode: d.code,
    })),
  ];
  for (const o of all) {
    const org = await s.orgs.create(SYSTEM_CONTEXT, {
      name: o.name,
      kind: o.kind,
      creditCode: demoCreditCode(n++),
      parentId: 'parent' in o && o.parent ? ids.get(o.parent)! : null,
      districtCode: 'districtCode' in o ? o.districtCode : null,
    });
    ids.set(o.key, org.id);
  }

  const accounts: DemoAccount[] = [];
  for (const u of USERS) {
    const password = u.username === 'admin' ? opts.adminPassword : DEMO_PASSWORD;
    await s.users.create(SYSTEM_CONTEXT, {
      username: u.username,
      displayName: u.displayName,
      password,
      orgId: ids.get(u.org)!,
      roles: u.roles,
      clearance: u.clearance,
    });
    accounts.push({ username: u.username, password, displayName: u.displayName, roles: u.roles });
  }
  await seedDemoCatalogue(s, { custodian: ids.get('service')!, provider: ids.get('satellite')! });
  // BX-11: the agriculture bureau has not submitted its results, so it is refused imagery until it does.
  await s.db.query(`INSERT INTO submission_hold (org_id, title, due_date, reason) VALUES ($1, $2, $3, $4)`, [
    ids.get('agriculture'),
    '2025 年度高标准农田建设遥感监测成果',
    '2026-10-30',
    '已超过 30 个工作日汇交期限（BX-10）',
  ]);
  return accounts;
}
