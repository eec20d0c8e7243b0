import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  ShareAltOutlined,
} from '@ant-design/icons';
import type { Role } from '@geoshare/shared';
import type { ComponentType } from 'react';
import { APPLICATION_PAGES } from '../applications/application-pages';
import { CATALOGUE_PAGES } from '../catalogue/catalogue-pages';

/** A page of the signed-in frame: one menu entry and one route. */
export interface ModulePage {
  path: string;
  title: string;
  icon: ComponentType;
  Page: ComponentType;
  /** shown to and reachable by users holding any of these roles; everyone signed in when absent */
  roles?: readonly Role[];
}

/** A business module of the platform: its menu entry and, until it is built, its introduction page. */
export interface ModuleInfo {
  path: string;
  title: string;
  icon: ComponentType;
  /** what the module will do, two lines */
  summary: [string, string];
  /** the rule IDs of the source documents it implements (see RULES.md) */
  rules: string[];
  /** once built: its pages, shown as a submenu (the first at `path`) instead of the introduction */
  pages?: ModulePage[];
}

/**
 * The business modules in menu order. One row each drives the menu and the routes: a built module's pages, else the
 * <ModuleIntro> page.
 */
export const MODULES: ModuleInfo[] = [
  {
    path: '/catalogue',
    title: '资源目录',
    icon: DatabaseOutlined,
    summary: [
      '编制并发布遥感影像与调查监测成果的资源目录和统筹目录，记录密级、共享类型、共享方式与保管单位。',
      '目录信息变更后 2 个工作日内更新，每年全面复核，支持按名称、类型、时相、范围检索。',
    ],
    rules: ['BX-3', 'BX-13', 'BX-19', 'BX-20', 'MNR-9', 'ZS-9', 'ZS-11', 'ZS-12', 'ZS-13'],
    pages: CATALOGUE_PAGES,
  },
  {
    path: '/sharing',
    title: '共享申请',
    icon: ShareAltOutlined,
    summary: [
      '在线填报申请函、申请表、订单和保密协议，按共享类型分级审核，有条件共享 5 个工作日内答复。',
      '审核通过后生成移交单并加盖电子印章，在线调用与下载全程登记，可追溯使用、复制与销毁。',
    ],
    rules: ['BX-16', 'BX-22', 'BX-23', 'MNR-15', 'MNR-16', 'MNR-17', 'ZS-14', 'ZS-21', 'ZS-23'],
    pages: APPLICATION_PAGES,
  },
  {
    path: '/submission',
    title: '成果汇交',
    icon: CloudUploadOutlined,
    summary: [
      '登记上级下发影像与调查监测成果的汇交，按工作日计算 30 日汇交期限并逾期提醒。',
      '技术核验不通过的退回 15 个工作日内重交，核验通过后移交保管单位；未汇交单位暂停供数。',
    ],
    rules: ['BX-10', 'BX-11', 'MNR-6', 'MNR-7', 'MNR-8', 'MNR-10'],
  },
  {
    path: '/planning',
    title: '需求计划',
    icon: CalendarOutlined,
    summary: [
      '各部门每年 4 月 30 日前填报下一年度影像需求，自然资源局汇总形成统筹目录并于 5 月 31 日前上报。',
      '重大项目、国防与应急需求优先保障，并按分辨率核定全市覆盖的更新频率。',
    ],
    rules: ['BX-6', 'BX-7', 'BX-8'],
  },
  {
    path: '/monitoring',
    title: '动态监测',
    icon: AlertOutlined,
    summary: [
      '按实时、月度、季度三种频次提取变化图斑，内业初核后下发至责任科室，高点视频预警直达网格员。',
      '跟踪核查举证与处置，核查报告按期限回传，汇总形成月度、季度监测报告并更新底图。',
    ],
    rules: ['YQ-6', 'YQ-11', 'YQ-13', 'YQ-14', 'YQ-18', 'YQ-19', 'YQ-20', 'YQ-21'],
  },
  {
    path: '/supervision',
    title: '监督检查',
    icon: AuditOutlined,
    summary: [
      '开展“双随机、一公开”保密检查与专项检查，每年抽查比例不低于 10%，检查结果公开。',
      '登记问题地图线索与立案，记录应急测绘保障提供的地图、影像与数据，并下发整改通知。',
    ],
    rules: ['GZ-1', 'GZ-2', 'GZ-3', 'GZ-5', 'ZS-31'],
  },
  {
    path: '/governance',
    title: '统计考核',
    icon: BarChartOutlined,
    summary: [
      '自动生成年度地理信息工作统计表和各部门共享工作年报，统计数据调用与下载情况。',
      '按目录、共享、更新与安全情况考核各部门，评价月度监测成果质量并公布结果。',
    ],
    rules: ['GZ-6', 'YQ-15', 'ZS-27', 'ZS-28', 'MNR-21'],
  },
];
