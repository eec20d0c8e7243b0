import 'maplibre-gl/dist/maplibre-gl.css';
import '../../map/map.css';
import '../catalogue.css';
import '../../sharing/sharing.css';
import { Alert, Button, Flex, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useApiData } from '../../api/useApiData';
import { districtsOf, fetchAdminAreas } from '../../map/admin-areas';
import { useSharingAgreement } from '../../sharing/agreement/useSharingAgreement';
import type { ClipArea } from '../../sharing/download/clip-crs';
import { type ClipChoice, DownloadModal } from '../../sharing/download/DownloadModal';
import { SwipeCompare } from '../../sharing/swipe/SwipeCompare';
import { leftSideLayers } from '../../sharing/swipe/swipe-pair';
import { useSwipe } from '../../sharing/swipe/useSwipe';
import { type AggregationName, bucketsOf, catalogueApi, loadCollections } from '../catalogue.api';
import { SearchPager } from '../SearchPager';
import { type SearchArea, type SearchFilters, searchBody } from '../search-request';
import { itemKey, type StacItem } from '../stac';
import { useImageryLayers } from '../useImageryLayers';
import { useStacSearch } from '../useStacSearch';
import { AggregationStrip } from './AggregationStrip';
import { BrowseCollectionButton } from './BrowseCollectionButton';
import { FilterForm } from './FilterForm';
import { ItemDrawer } from './ItemDrawer';
import { LayerPanel } from './LayerPanel';
import { MapTools } from './MapTools';
import { ResultList } from './ResultList';
import { areaGeometry, type DrawMode, useCatalogueMap } from './useCatalogueMap';

const STRIP: AggregationName[] = ['total_count', 'collection_frequency', 'geoshare:district_frequency'];

/** The districts, or null where they are not available (anonymous visitors of the public catalogue). */
const loadAreas = (signal: AbortSignal) =>
  fetchAdminAreas(signal).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  });

/** Platform names in the catalogue, for the platform filter's suggestions. */
const loadPlatforms = (signal: AbortSignal) =>
  catalogueApi
    .aggregate({}, ['platform_frequency'], signal)
    .then((a) => bucketsOf(a, 'platform_frequency').map((b) => b.key));

/**
 * 目录检索 (BX-20, ZS-13): search the catalogue by area, period, resolution, platform, type, cloud, secrecy, sharing
 * and free text; results with their footprints on the map, details in a drawer. Imagery viewed online (after the
 * collection's online agreement, MNR-16), compared with a swipe, downloaded whole, clipped or as a watermarked
 * preview. `publicMode` is the anonymous 公开目录: read only, no request basket, no downloads.
 */
export function CatalogueSearchPage({ publicMode = false }: { publicMode?: boolean }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState<SearchArea | null>(null);
  const [filters, setFilters] = useState<SearchFilters>({});
  const [drawMode, setDrawMode] = useState<DrawMode | null>(null);
  const [hoveredKey, setHoveredKey] = useState<string | null>(null);
  const [opened, setOpened] = useState<StacItem | null>(null);
  const [downloading, setDownloading] = useState<StacItem | null>(null);
  const [drawnClip, setDrawnClip] = useState<ClipArea | null>(null);
  const [drawingClip, setDrawingClip] = useState(false);

  const { data: areas } = useApiData(loadAreas);
  const { data: collections } = useApiData(loadCollections);
  const { data: platforms = [] } = useApiData(loadPlatforms);

  const body = useMemo(() => searchBody(area, filters), [area, filters]);
  const search = useStacSearch(body);
  const loadStrip = useCallback((signal: AbortSignal) => catalogueApi.aggregate(body, STRIP, signal), [body]);
  const { data: aggregations } = useApiData(loadStrip);
  const items = search.page?.features ?? [];

  const districts = useMemo(() => districtsOf(areas), [areas]);
  const districtName = useCallback(
    (code: string) => districts.find((d) => d.properties.code === code)?.properties.name ?? code,
    [districts],
  );
  const collectionTitle = useCallback(
    (id: string) => collections?.find((c) => c.id === id)?.title ?? id,
    [collections],
  );
  const { agreement, modal: agreementModal } = useSharingAgreement(collectionTitle);
  const imagery = useImageryLayers(agreement);
  const swipe = useSwipe(imagery.layers);
  const mapImagery = useMemo(
    () => (swipe.pair ? leftSideLayers(imagery.layers, swipe.pair) : imagery.layers),
    [imagery.layers, swipe.pair],
  );
  const clip = useMemo((): ClipChoice | null => {
    if (drawnClip) return { area: drawnClip, source: 'drawn' };
    const searchArea = areaGeometry(area);
    return searchArea && { area: searchArea, source: 'search' };
  }, [drawnClip, area]);

  const openedKey = opened ? itemKey(opened) : null;
  // A shape drawn for a download's clip is not a search area.
  const onAreaDrawn = useCallback(
    (drawn: SearchArea) => {
      setDrawMode(null);
      if (drawingClip) {
        setDrawnClip(areaGeometry(drawn));
        setDrawingClip(false);
      } else {
        setArea(drawn);
      }
    },
    [drawingClip],
  );
  const drawClip = () => {
    setDrawingClip(true);
    setDrawMode('polygon');
  };
  const stopDrawingClip = () => {
    setDrawingClip(false);
    setDrawMode(null);
  };
  const { map, failure } = useCatalogueMap(containerRef, {
    areas,
    area,
    items,
    imagery: mapImagery,
    hoveredKey,
    selectedKey: openedKey,
    drawMode,
    onAreaDrawn,
    onHover: setHoveredKey,
    onSelect: (key) => setOpened(items.find((i) => itemKey(i) === key) ?? null),
    onImageryRefused: (layer) => agreement.require(layer.collectionId),
  });

  const chooseDistrict = (code: string | undefined) => {
    const district = districts.find((d) => d.properties.code === code);
    setArea(district ? { kind: 'district', code: district.properties.code, geometry: district.geometry } : null);
  };

  return (
    <div className="catalogue-page">
      <aside className="catalogue-panel">
        <Typography.Title level={5} className="catalogue-panel-title">
          {publicMode ? '公开目录检索' : '目录检索'}
        </Typography.Title>
        {publicMode && (
          <Alert type="info" showIcon title="仅显示已发布、非涉密、无条件共享的目录条目" className="page-alert" />
        )}
        <FilterForm
          districts={districts}
          districtCode={area?.kind === 'district' ? area.code : undefined}
          onDistrict={chooseDistrict}
          platforms={platforms}
          publicMode={publicMode}
          onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
        />
        <AggregationStrip
          aggregations={aggregations}
          collectionTitle={collectionTitle}
          districtName={districtName}
          collectionAction={(id) => (
            <BrowseCollectionButton collectionId={id} title={collectionTitle(id)} imagery={imagery} />
          )}
        />
        <SearchPager search={search} testId="catalogue-matched" />
        <ResultList
          items={items}
          loading={search.loading}
          hoveredKey={hoveredKey}
          selectedKey={openedKey}
          onHover={setHoveredKey}
          onOpen={setOpened}
        />
      </aside>
      <div className="catalogue-map">
        <div ref={containerRef} className="map-canvas" data-testid="catalogue-map" />
        {/* While drawing, the shape being drawn must not hide under the swipe's right side. */}
        {map && swipe.pair && drawMode === null && (
          <SwipeCompare
            map={map}
            pair={swipe.pair}
            position={swipe.position}
            onPosition={swipe.setPosition}
            agreement={agreement}
          />
        )}
        {failure ? (
          <Alert type="error" showIcon title={failure} className="map-failure" />
        ) : drawingClip ? (
          <Flex vertical gap={4} className="clip-drawing" data-testid="download-drawing">
            <Typography.Text strong>绘制裁切范围</Typography.Text>
            <Flex align="center" gap={8}>
              <Typography.Text type="secondary">单击添加顶点，双击结束</Typography.Text>
              <Button size="small" onClick={stopDrawingClip} data-testid="download-draw-cancel">
                取消
              </Button>
            </Flex>
          </Flex>
        ) : (
          <MapTools
            drawMode={drawMode}
            onDrawMode={setDrawMode}
            canClear={area !== null || drawnClip !== null || drawMode !== null}
            onClear={() => {
              setArea(null);
              setDrawnClip(null);
              setDrawMode(null);
            }}
          />
        )}
        <LayerPanel imagery={imagery} swipe={swipe} />
      </div>
      <ItemDrawer
        item={opened}
        onClose={() => setOpened(null)}
        districtName={districtName}
        publicMode={publicMode}
        hidden={drawingClip}
        imagery={imagery}
        agreement={agreement}
        onDownload={setDownloading}
      />
      {downloading && (
        <DownloadModal
          key={itemKey(downloading)}
          item={downloading}
          open={!drawingClip}
          clip={clip}
          onDrawClip={drawClip}
          onClose={() => setDownloading(null)}
          agreement={agreement}
        />
      )}
      {agreementModal}
    </div>
  );
}
