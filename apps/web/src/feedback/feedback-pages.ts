import { MessageOutlined } from '@ant-design/icons';
import type { ModulePage } from '../modules/module-catalog';
import { FeedbackPage } from './FeedbackPage';

/** 问题反馈 (MNR-19): every signed-in user reports and reads the answers; custodians also answer and summarise. */
export const FEEDBACK_PAGES: ModulePage[] = [
  { path: '/feedback', title: '问题反馈', icon: MessageOutlined, Page: FeedbackPage },
];
