import { Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ADMIN_PAGES } from './admin/admin-pages';
import { ApplicationDetailPage } from './applications/application-pages';
import { LoginPage } from './auth/LoginPage';
import { CatalogueSearchPage } from './catalogue/catalogue-pages';
import { VerifyPage } from './documents/VerifyPage';
import { FEEDBACK_PAGES } from './feedback/feedback-pages';
import { MainLayout } from './layout/MainLayout';
import { PublicLayout } from './layout/PublicLayout';
import { ModuleIntro } from './modules/ModuleIntro';
import { MODULES, type ModulePage } from './modules/module-catalog';
import { PUBLICATION_PAGES } from './publication/publication-pages';
import { RequireAuth } from './session/RequireAuth';
import { SHARING_PAGES } from './sharing/sharing-pages';

// MapLibre is large: the map loads as its own chunk.
const MapPage = lazy(() => import('./map/MapPage').then((m) => ({ default: m.MapPage })));

/** A page that may still be loading its chunk. */
const loaded = (page: ReactNode) => <Suspense fallback={<Spin className="page-spin" />}>{page}</Suspense>;

const pageRoute = ({ path, Page, roles }: ModulePage) => (
  <Route key={path} path={path} element={<RequireAuth roles={roles}>{loaded(<Page />)}</RequireAuth>} />
);

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<PublicLayout />}>
        <Route path="/public/catalogue" element={loaded(<CatalogueSearchPage publicMode />)} />
        <Route path="/verify/:id" element={<VerifyPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <MainLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/map" replace />} />
        <Route path="/map" element={loaded(<MapPage />)} />
        {MODULES.flatMap((m) =>
          m.pages
            ? m.pages.map(pageRoute)
            : [<Route key={m.path} path={m.path} element={<ModuleIntro module={m} />} />],
        )}
        {SHARING_PAGES.map(pageRoute)}
        {[...FEEDBACK_PAGES, ...PUBLICATION_PAGES].map(pageRoute)}
        {ADMIN_PAGES.map(pageRoute)}
        <Route path="/applications/:id" element={<ApplicationDetailPage />} />
        <Route path="*" element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单选择功能" />} />
      </Route>
    </Routes>
  );
}
