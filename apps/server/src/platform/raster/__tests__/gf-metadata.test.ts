import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isDomainError } from '../../errors/domain-error.js';
import { beijingToUtcIso, findSidecar, parseGfMetadata, readGfSidecar } from '../gf-metadata.js';

/**
 * Modelled on the sidecar CRESDA ships with a GF-2 PMS multispectral L1A scene (the element set and order of
 * the real files; the values are invented for the test). Times are Beijing time: a GF-2 pass over Wuhan at
 * ~10:55 local solar time is 11:19 in Beijing, 03:19 UTC.
 */
const GF2_PMS_MSS = `<?xml version="1.0" encoding="UTF-8" ?>
<ProductMetaData>
    <SatelliteID>GF2</SatelliteID>
    <SensorID>PMS1</SensorID>
    <ReceiveTime>2016-08-07 11:20:06</ReceiveTime>
    <OrbitID>13140</OrbitID>
    <ProduceType>STANDARD</ProduceType>
    <SceneID>2619838</SceneID>
    <ProductID>0001723568</ProductID>
    <ProductLevel>LEVEL1A</ProductLevel>
    <ProductQuality />
    <ProductQualityReport />
    <ProductFormat>GEOTIFF</ProductFormat>
    <ProduceTime>2016-08-08 04:41:48</ProduceTime>
    <Bands>1,2,3,4</Bands>
    <ScenePath>5</ScenePath>
    <SceneRow>130</SceneRow>
    <SatPath>5</SatPath>
    <SatRow>130</SatRow>
    <SceneCount>1</SceneCount>
    <SceneShift>1</SceneShift>
    <StartTime>2016-08-07 11:19:38</StartTime>
    <EndTime>2016-08-07 11:19:43</EndTime>
    <CenterTime>2016-08-07 11:19:40</CenterTime>
    <ImageGSD>3.2</ImageGSD>
    <WidthInPixels>7300</WidthInPixels>
    <HeightInPixels>6908</HeightInPixels>
    <WidthInMeters />
    <HeightInMeters />
    <CloudPercent>2</CloudPercent>
    <QualityInfo />
    <PixelBits />
    <ValidPixelBits />
    <RollViewingAngle>0</RollViewingAngle>
    <PitchViewingAngle>0</PitchViewingAngle>
    <RollSatelliteAngle>-0.000196245</RollSatelliteAngle>
    <PitchSatelliteAngle>0.0297335</PitchSatelliteAngle>
    <YawSatelliteAngle>2.86406</YawSatelliteAngle>
    <SolarAzimuth>138.621</SolarAzimuth>
    <SolarZenith>24.0986</SolarZenith>
    <SatelliteAzimuth>97.3707</SatelliteAzimuth>
    <SatelliteZenith>89.9955</SatelliteZenith>
    <GainMode>G0,G0,G0,G0</GainMode>
    <IntegrationTime>0.000459</IntegrationTime>
    <IntegrationLevel>S4,S4,S4,S4</IntegrationLevel>
    <MapProjection />
    <EarthEllipsoid />
    <ZoneNo />
    <ResamplingKernel />
    <HeightMode />
    <MtfCorrection>LAB</MtfCorrection>
    <RelativeCorrectionData />
    <TopLeftLatitude>30.8235</TopLeftLatitude>
    <TopLeftLongitude>114.107</TopLeftLongitude>
    <TopRightLatitude>30.7812</TopRightLatitude>
    <TopRightLongitude>114.357</TopRightLongitude>
    <BottomRightLatitude>30.5627</BottomRightLatitude>
    <BottomRightLongitude>114.302</BottomRightLongitude>
    <BottomLeftLatitude>30.6046</BottomLeftLatitude>
    <BottomLeftLongitude>114.052</BottomLeftLongitude>
    <TopLeftMapX />
    <TopLeftMapY />
    <TopRightMapX />
    <TopRightMapY />
    <BottomRightMapX />
    <BottomRightMapY />
    <BottomLeftMapX />
    <BottomLeftMapY />
    <DataArchiveFile />
    <BrowseFileLocation />
    <ThumbFileLocation />
</ProductMetaData>
`;

/** ZY-3 multispectral, later product line: fractional seconds, no CenterTime, cloud cover not assessed (-1). */
const ZY3_MUX = `<?xml version="1.0" encoding="UTF-8"?>
<ProductMetaData>
  <SatelliteID>ZY3-1</SatelliteID>
  <SensorID>MUX</SensorID>
  <ReceiveTime>2013-02-01 23:40:10.5</ReceiveTime>
  <ProductID>0000875645</ProductID>
  <ProductLevel>LEVEL1A</ProductLevel>
  <Bands>1,2,3,4</Bands>
  <StartTime>2013-02-01 23:58:12.0</StartTime>
  <EndTime>2013-02-01 23:58:15.3</EndTime>
  <ImageGSD>5.8</ImageGSD>
  <CloudPercent>-1</CloudPercent>
  <TopLeftLatitude>41.51</TopLeftLatitude>
  <TopLeftLongitude>123.52</TopLeftLongitude>
  <TopRightLatitude>41.45</TopRightLatitude>
  <TopRightLongitude>124.17</TopRightLongitude>
  <BottomRightLatitude>40.97</BottomRightLatitude>
  <BottomRightLongitude>124.08</BottomRightLongitude>
</ProductMetaData>`;

describe('parseGfMetadata', () => {
  test('GF-2 PMS: typed fields, Beijing times as UTC, corners and footprint', () => {
    expect(parseGfMetadata(GF2_PMS_MSS)).toEqual({
      satelliteId: 'GF2',
      sensorId: 'PMS1',
      productId: '0001723568', // leading zeros kept: it is an identifier
      productLevel: 'LEVEL1A',
      receiveTime: '2016-08-07T03:20:06.000Z',
      startTime: '2016-08-07T03:19:38.000Z',
      centerTime: '2016-08-07T03:19:40.000Z',
      endTime: '2016-08-07T03:19:43.000Z',
      acquisitionTime: '2016-08-07T03:19:40.000Z',
      cloudPercent: 2,
      gsd: 3.2,
      bands: ['1', '2', '3', '4'],
      corners: {
        topLeft: [114.107, 30.8235],
        topRight: [114.357, 30.7812],
        bottomRight: [114.302, 30.5627],
        bottomLeft: [114.052, 30.6046],
      },
      footprint: [
        [114.107, 30.8235],
        [114.052, 30.6046],
        [114.302, 30.5627],
        [114.357, 30.7812],
        [114.107, 30.8235],
      ],
    });
  });

  test('the footprint ring is counter-clockwise (RFC 7946 exterior ring)', () => {
    const ring = parseGfMetadata(GF2_PMS_MSS).footprint!;
    let twiceArea = 0;
    for (let i = 0; i + 1 < ring.length; i++)
      twiceArea += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    expect(twiceArea).toBeGreaterThan(0);
  });

  test('ZY-3: StartTime stands in for a missing CenterTime, crossing midnight into the UTC day before', () => {
    const m = parseGfMetadata(ZY3_MUX);
    expect(m).toMatchObject({
      satelliteId: 'ZY3-1',
      sensorId: 'MUX',
      receiveTime: '2013-02-01T15:40:10.500Z',
      centerTime: null,
      startTime: '2013-02-01T15:58:12.000Z',
      endTime: '2013-02-01T15:58:15.300Z',
      acquisitionTime: '2013-02-01T15:58:12.000Z',
      cloudPercent: null, // -1 = not assessed
      gsd: 5.8,
      corners: null, // BottomLeft missing
      footprint: null,
    });
  });

  test('element names are matched case-insensitively', () => {
    const m = parseGfMetadata(
      '<productMetaData><satelliteid>GF1</satelliteid><IMAGEGSD>16</IMAGEGSD></productMetaData>',
    );
    expect(m).toMatchObject({ satelliteId: 'GF1', gsd: 16, bands: [], receiveTime: null });
  });

  test.each([
    ['malformed XML', '<ProductMetaData><SatelliteID>GF2</ProductMetaData>', '格式错误'],
    ['another document', '<Root><SatelliteID>GF2</SatelliteID></Root>', '根元素应为 ProductMetaData'],
    [
      'a DTD with entities',
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><ProductMetaData><SatelliteID>&a;</SatelliteID></ProductMetaData>',
      'DOCTYPE',
    ],
  ])('%s → INGEST_UNSUPPORTED', (_name, xml, zh) => {
    let err: unknown;
    try {
      parseGfMetadata(xml);
    } catch (e) {
      err = e;
    }
    expect(isDomainError(err) && err.code).toBe('INGEST_UNSUPPORTED');
    expect((err as Error).message).toContain(zh);
  });
});

describe('beijingToUtcIso (XML times are UTC+8)', () => {
  test.each([
    ['2016-08-07 11:19:40', '2016-08-07T03:19:40.000Z'],
    ['2016-08-07T11:19:40', '2016-08-07T03:19:40.000Z'],
    ['2016/8/7 11:19:40', '2016-08-07T03:19:40.000Z'],
    ['2022-06-24 13:39:09.0', '2022-06-24T05:39:09.000Z'],
    ['2022-06-24 13:39:09.123456', '2022-06-24T05:39:09.123Z'],
    ['2020-01-01 07:59:59', '2019-12-31T23:59:59.000Z'],
    ['2016-02-30 10:00:00', null],
    ['2016-08-07 24:00:00', null],
    ['2016-08-07', null],
    ['', null],
    [null, null],
  ])('%j → %s', (input, expected) => {
    expect(beijingToUtcIso(input)).toBe(expected);
  });
});

describe('findSidecar / readGfSidecar', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'geoshare-gf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = 'GF2_PMS1_E114.1_N30.7_20160807_L1A0001723568-MSS1';

  test('finds <basename>.xml next to the TIFF and parses it', async () => {
    writeFileSync(path.join(dir, `${base}.tiff`), '');
    writeFileSync(path.join(dir, `${base}.xml`), GF2_PMS_MSS);
    expect(await findSidecar(path.join(dir, `${base}.tiff`))).toBe(path.join(dir, `${base}.xml`));
    expect((await readGfSidecar(path.join(dir, `${base}.tiff`)))?.productId).toBe('0001723568');
  });

  test('finds an upper-case .XML', async () => {
    writeFileSync(path.join(dir, 'ZY3_MUX.XML'), ZY3_MUX);
    expect(await findSidecar(path.join(dir, 'ZY3_MUX.TIF'))).toBe(path.join(dir, 'ZY3_MUX.XML'));
  });

  test('null when there is no sidecar (or only a directory of that name)', async () => {
    expect(await findSidecar(path.join(dir, 'other.tif'))).toBeNull();
    expect(await readGfSidecar(path.join(dir, 'other.tif'))).toBeNull();
    mkdirSync(path.join(dir, 'folder.xml'));
    expect(await findSidecar(path.join(dir, 'folder.tif'))).toBeNull();
  });
});
