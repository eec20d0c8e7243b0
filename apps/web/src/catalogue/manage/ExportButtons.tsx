import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useNotifyError } from '../../api/useNotifyError';
import { saveDownload } from '../../common/download';

/** The two catalogue exports (MNR-9 resource catalogue, ZS-9 government data resource catalogue). */
const EXPORTS = [
  {
    key: 'mnr9',
    label: '导出资源目录（MNR-9）',
    path: '/api/catalog/export/resource-catalogue.xlsx',
    fileName: '遥感影像资源目录.xlsx',
  },
  {
    key: 'zs9',
    label: '导出政务数据资源目录（ZS-9）',
    path: '/api/catalog/export/data-resource-catalogue.xlsx',
    fileName: '政务数据资源目录.xlsx',
  },
] as const;

/** 导出资源目录（MNR-9） and 导出政务数据资源目录（ZS-9）: of the chosen collections, or of all when none is chosen. */
export function ExportButtons({ collectionIds }: { collectionIds: string[] }) {
  const notifyError = useNotifyError();
  const [running, setRunning] = useState<string | null>(null);

  const run = (e: (typeof EXPORTS)[number]) => {
    setRunning(e.key);
    const query = collectionIds.length > 0 ? { collections: collectionIds.join(',') } : undefined;
    saveDownload(e.path, e.fileName, query)
      .catch(notifyError)
      .finally(() => setRunning(null));
  };

  return EXPORTS.map((e) => (
    <Button
      key={e.key}
      icon={<FileExcelOutlined />}
      loading={running === e.key}
      onClick={() => run(e)}
      data-testid={`export-${e.key}`}
    >
      {e.label}
    </Button>
  ));
}
