/** Platform roles (ZS-25 access control). The UI shows the Chinese label. */
export const ROLES = [
  'admin',
  'catalogueManager',
  'reviewer',
  'custodian',
  'departmentClerk',
  'sectionStaff',
  'inspector',
  'fieldStaff',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  catalogueManager: '目录管理员',
  reviewer: '审核员',
  custodian: '成果保管员',
  departmentClerk: '部门经办人',
  sectionStaff: '科室人员',
  inspector: '监督检查员',
  fieldStaff: '网格员',
  leader: '领导',
};

/**
 * Secrecy clearance of a user, ordered from lowest to highest. A user may see assets of an item
 * whose secrecy level rank is at most the user's clearance rank (MNR-5, BX-16).
 */
export const CLEARANCES = ['public', 'secret', 'confidential'] as const;
export type Clearance = (typeof CLEARANCES)[number];

export const CLEARANCE_LABELS: Record<Clearance, string> = {
  public: '非涉密',
  secret: '秘密',
  confidential: '机密',
};

export const ORG_KINDS = ['bureau', 'department', 'section', 'district', 'external'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  bureau: '局（中心）',
  department: '市直部门',
  section: '内设科室',
  district: '区县',
  external: '外部单位',
};
