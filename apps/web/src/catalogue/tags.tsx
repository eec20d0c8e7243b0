import { SECRECY_LABELS, type Secrecy, SHARING_TYPE_LABELS, type SharingType } from '@geoshare/shared';
import { Tag } from 'antd';

/** Classified levels red, 待定密 orange (treated as classified until decided). */
const SECRECY_COLOURS: Record<Secrecy, string> = {
  public: 'green',
  secret: 'red',
  confidential: 'red',
  undetermined: 'orange',
};

const SHARING_COLOURS: Record<SharingType, string> = {
  unconditional: 'green',
  conditional: 'blue',
  none: 'default',
};

export function SecrecyTag({ secrecy }: { secrecy: Secrecy }) {
  return <Tag color={SECRECY_COLOURS[secrecy]}>{SECRECY_LABELS[secrecy]}</Tag>;
}

export function SharingTypeTag({ sharingType }: { sharingType: SharingType }) {
  return <Tag color={SHARING_COLOURS[sharingType]}>{SHARING_TYPE_LABELS[sharingType]}</Tag>;
}

export function PublishedTag({ published }: { published: boolean }) {
  return published ? <Tag color="green">已发布</Tag> : <Tag>未发布</Tag>;
}
