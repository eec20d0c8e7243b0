import { Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ADMIN_PAGES } from './admin/admin-pages';
import { LoginPage } from './auth/LoginPage';
import { MainLayout } from './layout/MainLayout';
import { ModuleIntro } from './modules/ModuleIntro';
import { MODULES } from './modules/module-catalog';
import { RequireAuth } from './session/RequireAuth';

// MapLibre is large: the map loads as its own chunk.
const MapPage = lazy(() => import('./map/MapPage').then((m) => ({ default: m.MapPage })));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <MainLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/map" replace />} />
        <Route
          path="/map"
          element={
            <Suspense fallback={<Spin className="page-spin" />}>
              <MapPage />
            </Suspense>
          }
        />
        {MODULES.map((m) => (
          <Route key={m.path} path={m.path} element={<ModuleIntro module={m} />} />
        ))}
        {ADMIN_PAGES.map(({ path, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireAuth requiredRole="admin">
                <Page />
              </RequireAuth>
            }
          />
        ))}
        <Route path="*" element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单选择功能" />} />
      </Route>
    </Routes>
  );
}
