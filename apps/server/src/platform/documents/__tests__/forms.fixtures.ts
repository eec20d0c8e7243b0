import type {
  AgreementData,
  ApplicationFormData,
  ApplicationLetterData,
  HandoverData,
  OrderData,
  SceneRow,
  SealStamp,
} from '../forms.types.js';

/** Realistic form data for rendering tests (the provider is a parameter: here a fictitious 示例市 bureau). */
export const PROVIDER = '示例市自然资源局';
export const USER = '示例市住房和城乡建设局';

export const STAMP: SealStamp = {
  orgName: PROVIDER,
  verifyUrl: 'https://geoshare.example.gov.cn/verify/0b8e8f57-3d7e-4c0e-9a54-2f1c3e5d7a10',
  documentId: '0b8e8f57-3d7e-4c0e-9a54-2f1c3e5d7a10',
};

export const LETTER: ApplicationLetterData = {
  providerName: PROVIDER,
  orgName: USER,
  regionName: '平山区',
  areaDescription: '平山区全域（约 490 平方千米）',
  precision: '优于 0.5 米',
  imagingTime: '2026 年第三季度',
  dataType: '正射影像（DOM）',
  purpose: '城市更新项目规划设计及违法建设巡查',
  date: '2026-11-23',
};

export const FORM: ApplicationFormData = {
  number: 'SQB-2026-001',
  date: '2026-11-23',
  orgName: USER,
  purpose: '城市更新项目规划设计及违法建设巡查，数据仅用于本单位内部业务，不对外提供。',
  projects: [
    {
      name: '平山区老旧小区改造规划设计',
      dataType: '正射影像（DOM）',
      resolution: '0.5 米',
      imagingTime: '2026 年第三季度',
      coverage: '平山区全域',
    },
    {
      name: '违法建设动态巡查',
      dataType: '初级产品',
      resolution: '2 米',
      imagingTime: '2026 年 1—10 月',
      coverage: '明山区、溪湖区建成区及周边 5 千米缓冲区',
    },
  ],
  handlers: [
    { name: '王小明', idNumber: '11010519491231002X', phone: '024-42800000' },
    { name: '李华', idNumber: '210502199001011234', phone: '13800000000' },
  ],
  legalRepresentative: '张建国',
};

export const scenes = (n: number): SceneRow[] =>
  Array.from({ length: n }, (_, i) => ({
    itemId: `GF2_PMS1_E123.${String(i).padStart(3, '0')}_N41.3_20260815_L1A${String(7000000 + i)}`,
    title: `高分二号 平山区 第${i + 1}景`,
    datetime: '2026-08-15T02:47:30Z',
    gsd: 0.8,
    secrecyLabel: i % 3 === 0 ? '秘密' : '非涉密',
    sizeBytes: 1_234_567_890 + i,
  }));

export const ORDER: OrderData = {
  orgName: USER,
  applicationNumber: 'SQB-2026-001',
  orderNumber: 'DD-2026-0001',
  orderTime: '2026-11-23T02:00:00Z',
  projectName: '平山区老旧小区改造规划设计',
  scenes: scenes(3),
  volumeGb: 3.45,
  medium: '移动硬盘',
  handler: { name: '王小明', idNumber: '11010519491231002X', phone: '024-42800000' },
  provider: {
    handler: { name: '赵六', date: '2026-11-24' },
    supervisor: { name: '钱七', date: '2026-11-24' },
    leader: null,
  },
};

export const AGREEMENT: AgreementData = {
  number: 'BMXY-2026-001',
  providerName: PROVIDER,
  userName: USER,
  signedOn: '2026-11-23',
  validUntil: '2029-11-22',
  providerRepresentative: '孙八',
  userRepresentative: '张建国',
};

export const HANDOVER: HandoverData = {
  number: 'YJD-2026-001',
  orgName: USER,
  applicationNumber: 'SQB-2026-001',
  projectName: '平山区老旧小区改造规划设计',
  scenes: scenes(3).map((s) => ({ ...s, classified: s.secrecyLabel !== '非涉密' })),
  sizeGb: 3.45,
  medium: '移动硬盘（编号 YP-07）',
  classified: true,
  provider: '赵六',
  receiver: '李华',
  providedOn: '2026-11-25',
  receivedOn: '2026-11-25',
  remarks: '',
  introductionLetter: '示住建函〔2026〕18 号',
};
