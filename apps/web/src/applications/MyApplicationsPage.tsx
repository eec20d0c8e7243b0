import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApiData } from '../api/useApiData';
import { PageContainer } from '../layout/PageContainer';
import { ApplicationTable } from './ApplicationTable';
import { applicationsApi } from './applications.api';

/** 我的申请: the applications of the user's own unit (BX-22), newest first. */
export function MyApplicationsPage() {
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => applicationsApi.list('mine', undefined, signal), []);
  const { data = [], loading } = useApiData(load);
  return (
    <PageContainer
      title="我的申请"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/sharing/new')} data-testid="app-new">
          新建申请
        </Button>
      }
    >
      <ApplicationTable rows={data} loading={loading} testId="applications-mine" />
    </PageContainer>
  );
}
