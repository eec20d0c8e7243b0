import { FileProtectOutlined } from '@ant-design/icons';
import type { ModulePage } from '../modules/module-catalog';
import { PublicationPage } from './PublicationPage';

/** 发布审核 (BX-18): every unit may request; reviewers decide on the same page. */
export const PUBLICATION_PAGES: ModulePage[] = [
  { path: '/publication-reviews', title: '发布审核', icon: FileProtectOutlined, Page: PublicationPage },
];
