import { describe, expect, test } from 'vitest';
import { DomainError } from '../../../platform/errors/domain-error.js';
import { parseCql2Text } from '../cql2.text.js';

const p = (property: string) => ({ property });

/** The error `parseCql2Text` throws for `text` (fails the test when it does not throw a DomainError). */
function parseError(text: string): DomainError {
  try {
    parseCql2Text(text);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`expected ${text} to be rejected`);
}

const TORONTO = [
  [43.5845, -79.5442],
  [43.6079, -79.4893],
  [43.5677, -79.4632],
  [43.6129, -79.3925],
  [43.6223, -79.3238],
  [43.6576, -79.3163],
  [43.7945, -79.1178],
  [43.8144, -79.1542],
  [43.8555, -79.1714],
  [43.7509, -79.639],
  [43.5845, -79.5442],
];
const DC_1 = [
  [-77.0824, 38.7886],
  [-77.0189, 38.7886],
  [-77.0189, 38.8351],
  [-77.0824, 38.8351],
  [-77.0824, 38.7886],
];
const DC_2 = [
  [-79.0935, 38.7886],
  [-79.029, 38.7886],
  [-79.029, 38.8351],
  [-79.0935, 38.8351],
  [-79.0935, 38.7886],
];

describe('STAC API filter extension README examples (cql2-text → cql2-json)', () => {
  test.each<[string, string, unknown]>([
    [
      'example 1',
      "id='LC08_L1TP_060247_20180905_20180912_01_T1_L1TP' AND collection='landsat8_l1tp'",
      {
        op: 'and',
        args: [
          { op: '=', args: [p('id'), 'LC08_L1TP_060247_20180905_20180912_01_T1_L1TP'] },
          { op: '=', args: [p('collection'), 'landsat8_l1tp'] },
        ],
      },
    ],
    [
      'example 2',
      `collection = 'landsat8_l1tp'
  AND eo:cloud_cover <= 10
  AND datetime >= TIMESTAMP('2021-04-08T04:39:23Z')
  AND S_INTERSECTS(geometry, POLYGON((43.5845 -79.5442, 43.6079 -79.4893, 43.5677 -79.4632, 43.6129 -79.3925, 43.6223 -79.3238, 43.6576 -79.3163, 43.7945 -79.1178, 43.8144 -79.1542, 43.8555 -79.1714, 43.7509 -79.6390, 43.5845 -79.5442)))`,
      {
        op: 'and',
        args: [
          { op: '=', args: [p('collection'), 'landsat8_l1tp'] },
          { op: '<=', args: [p('eo:cloud_cover'), 10] },
          { op: '>=', args: [p('datetime'), { timestamp: '2021-04-08T04:39:23Z' }] },
          { op: 's_intersects', args: [p('geometry'), { type: 'Polygon', coordinates: [TORONTO] }] },
        ],
      },
    ],
    [
      'example 3 (AND)',
      'sentinel:data_coverage > 50 AND eo:cloud_cover < 10',
      {
        op: 'and',
        args: [
          { op: '>', args: [p('sentinel:data_coverage'), 50] },
          { op: '<', args: [p('eo:cloud_cover'), 10] },
        ],
      },
    ],
    [
      'example 4 (OR)',
      'sentinel:data_coverage > 50 OR eo:cloud_cover < 10',
      {
        op: 'or',
        args: [
          { op: '>', args: [p('sentinel:data_coverage'), 50] },
          { op: '<', args: [p('eo:cloud_cover'), 10] },
        ],
      },
    ],
    ['example 5 (property-property)', 'prop1 = prop2', { op: '=', args: [p('prop1'), p('prop2')] }],
    [
      'example 6 (T_INTERSECTS)',
      "T_INTERSECTS(datetime, INTERVAL('2020-11-11T00:00:00Z', '2020-11-12T00:00:00Z'))",
      { op: 't_intersects', args: [p('datetime'), { interval: ['2020-11-11T00:00:00Z', '2020-11-12T00:00:00Z'] }] },
    ],
    [
      'example 7 (S_INTERSECTS point)',
      'S_INTERSECTS(geometry,POINT(-77.0824 38.7886))',
      { op: 's_intersects', args: [p('geometry'), { type: 'Point', coordinates: [-77.0824, 38.7886] }] },
    ],
    [
      'example 8 (S_INTERSECTS polygon)',
      'S_INTERSECTS(geometry,POLYGON((-77.0824 38.7886,-77.0189 38.7886,-77.0189 38.8351,-77.0824 38.8351,-77.0824 38.7886)))',
      { op: 's_intersects', args: [p('geometry'), { type: 'Polygon', coordinates: [DC_1] }] },
    ],
    [
      'example 9 (S_INTERSECTS disjunction)',
      'S_INTERSECTS(geometry,POLYGON((-77.0824 38.7886,-77.0189 38.7886,-77.0189 38.8351,-77.0824 38.8351,-77.0824 38.7886))) OR S_INTERSECTS(geometry,POLYGON((-79.0935 38.7886,-79.0290 38.7886,-79.0290 38.8351,-79.0935 38.8351,-79.0935 38.7886)))',
      {
        op: 'or',
        args: [
          { op: 's_intersects', args: [p('geometry'), { type: 'Polygon', coordinates: [DC_1] }] },
          { op: 's_intersects', args: [p('geometry'), { type: 'Polygon', coordinates: [DC_2] }] },
        ],
      },
    ],
    [
      'example 10 (IS NULL)',
      'sentinel:data_coverage > 50 OR landsat:coverage_percent < 10 OR (sentinel:data_coverage IS NULL AND landsat:coverage_percent IS NULL)',
      {
        op: 'or',
        args: [
          { op: '>', args: [p('sentinel:data_coverage'), 50] },
          { op: '<', args: [p('landsat:coverage_percent'), 10] },
          {
            op: 'and',
            args: [
              { op: 'isNull', args: [p('sentinel:data_coverage')] },
              { op: 'isNull', args: [p('landsat:coverage_percent')] },
            ],
          },
        ],
      },
    ],
    ['example 11 (BETWEEN)', 'eo:cloud_cover BETWEEN 0 AND 50', { op: 'between', args: [p('eo:cloud_cover'), 0, 50] }],
    ['example 12 (LIKE)', "mission LIKE 'sentinel%'", { op: 'like', args: [p('mission'), 'sentinel%'] }],
    [
      'example 13 (CASEI)',
      "CASEI(provider) = CASEI('coolsat')",
      {
        op: '=',
        args: [
          { op: 'casei', args: [p('provider')] },
          { op: 'casei', args: ['coolsat'] },
        ],
      },
    ],
    [
      'example 13 (CASEI, Straße)',
      "CASEI(provider) = CASEI('Straße')",
      {
        op: '=',
        args: [
          { op: 'casei', args: [p('provider')] },
          { op: 'casei', args: ['Straße'] },
        ],
      },
    ],
    [
      'example 14 (ACCENTI)',
      "ACCENTI(provider) = ACCENTI('tiburón')",
      {
        op: '=',
        args: [
          { op: 'accenti', args: [p('provider')] },
          { op: 'accenti', args: ['tiburón'] },
        ],
      },
    ],
    [
      'example 15 (IN)',
      "keywords IN ('fire', 'forest', 'wildfire')",
      { op: 'in', args: [p('keywords'), ['fire', 'forest', 'wildfire']] },
    ],
  ])('%s', (_name, text, json) => {
    expect(parseCql2Text(text)).toEqual(json);
  });
});

describe('OGC CQL2 (21-065r2) examples', () => {
  test.each<[string, string, unknown]>([
    ['clause6_02a', "city='Toronto'", { op: '=', args: [p('city'), 'Toronto'] }],
    ['clause6_02d', "updated >= date('1970-01-01')", { op: '>=', args: [p('updated'), { date: '1970-01-01' }] }],
    ['clause6_03', 'geometry IS NOT NULL', { op: 'not', args: [{ op: 'isNull', args: [p('geometry')] }] }],
    ['clause7_01', "name LIKE 'Smith%'", { op: 'like', args: [p('name'), 'Smith%'] }],
    ['clause7_02', 'depth BETWEEN 100.0 and 150.0', { op: 'between', args: [p('depth'), 100, 150] }],
    [
      'clause7_03a',
      "cityName IN ('Toronto','Frankfurt','Tokyo','New York')",
      { op: 'in', args: [p('cityName'), ['Toronto', 'Frankfurt', 'Tokyo', 'New York']] },
    ],
    [
      'clause7_03b',
      'category NOT IN (1,2,3,4)',
      { op: 'not', args: [{ op: 'in', args: [p('category'), [1, 2, 3, 4]] }] },
    ],
    [
      'clause7_04',
      "CASEI(road_class) IN (CASEI('Οδος'),CASEI('Straße'))",
      {
        op: 'in',
        args: [
          { op: 'casei', args: [p('road_class')] },
          [
            { op: 'casei', args: ['Οδος'] },
            { op: 'casei', args: ['Straße'] },
          ],
        ],
      },
    ],
    [
      'clause7_05',
      "ACCENTI(etat_vol) = ACCENTI('débárquér')",
      {
        op: '=',
        args: [
          { op: 'accenti', args: [p('etat_vol')] },
          { op: 'accenti', args: ['débárquér'] },
        ],
      },
    ],
    [
      'clause7_07',
      'S_INTERSECTS(geometry,POINT(36.319836 32.288087))',
      { op: 's_intersects', args: [p('geometry'), { type: 'Point', coordinates: [36.319836, 32.288087] }] },
    ],
    [
      'clause7_12',
      "T_INTERSECTS(event_time, INTERVAL('1969-07-16T05:32:00Z', '1969-07-24T16:50:35Z'))",
      { op: 't_intersects', args: [p('event_time'), { interval: ['1969-07-16T05:32:00Z', '1969-07-24T16:50:35Z'] }] },
    ],
    [
      'clause7_13',
      "T_DURING(INTERVAL(touchdown, liftOff), INTERVAL('1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'))",
      {
        op: 't_during',
        args: [
          { interval: [p('touchdown'), p('liftOff')] },
          { interval: ['1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'] },
        ],
      },
    ],
    [
      'clause7_15',
      "A_CONTAINS(layer:ids, ('layers-ca','layers-us'))",
      { op: 'a_contains', args: [p('layer:ids'), ['layers-ca', 'layers-us']] },
    ],
    [
      'clause7_16 (two literals)',
      'S_CROSSES(LINESTRING(43.72992 -79.2998, 43.73005 -79.2991), POLYGON((43.7286 -79.2986, 43.7311 -79.2996, 43.7323 -79.2972, 43.7286 -79.2986)))',
      {
        op: 's_crosses',
        args: [
          {
            type: 'LineString',
            coordinates: [
              [43.72992, -79.2998],
              [43.73005, -79.2991],
            ],
          },
          {
            type: 'Polygon',
            coordinates: [
              [
                [43.7286, -79.2986],
                [43.7311, -79.2996],
                [43.7323, -79.2972],
                [43.7286, -79.2986],
              ],
            ],
          },
        ],
      },
    ],
    [
      'clause7_17',
      "T_DURING(INTERVAL('1969-07-20T20:17:40Z', '1969-07-21T17:54:00Z'), INTERVAL('1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'))",
      {
        op: 't_during',
        args: [
          { interval: ['1969-07-20T20:17:40Z', '1969-07-21T17:54:00Z'] },
          { interval: ['1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'] },
        ],
      },
    ],
    [
      'example01',
      "landsat:scene_id = 'LC82030282019133LGN00'",
      { op: '=', args: [p('landsat:scene_id'), 'LC82030282019133LGN00'] },
    ],
    [
      'example03',
      "landsat:wrs_path IN ('153','154','15X')",
      { op: 'in', args: [p('landsat:wrs_path'), ['153', '154', '15X']] },
    ],
    [
      'example04',
      'eo:cloud_cover < 0.1 AND landsat:wrs_row=28 AND landsat:wrs_path=203',
      {
        op: 'and',
        args: [
          { op: '<', args: [p('eo:cloud_cover'), 0.1] },
          { op: '=', args: [p('landsat:wrs_row'), 28] },
          { op: '=', args: [p('landsat:wrs_path'), 203] },
        ],
      },
    ],
    [
      'example05a',
      'eo:cloud_cover=0.1 OR eo:cloud_cover=0.2',
      {
        op: 'or',
        args: [
          { op: '=', args: [p('eo:cloud_cover'), 0.1] },
          { op: '=', args: [p('eo:cloud_cover'), 0.2] },
        ],
      },
    ],
    ['example05b', 'eo:cloud_cover IN (0.1,0.2)', { op: 'in', args: [p('eo:cloud_cover'), [0.1, 0.2]] }],
    [
      'example06a',
      '    eo:cloud_cover BETWEEN 0.1 AND 0.2\nAND landsat:wrs_row=28\nAND landsat:wrs_path=203',
      {
        op: 'and',
        args: [
          { op: 'between', args: [p('eo:cloud_cover'), 0.1, 0.2] },
          { op: '=', args: [p('landsat:wrs_row'), 28] },
          { op: '=', args: [p('landsat:wrs_path'), 203] },
        ],
      },
    ],
    [
      'example07',
      "eo:instrument LIKE 'OLI%'\n  AND S_INTERSECTS(footprint,POLYGON((43.5845 -79.5442,\n 43.6079 -79.4893,\n 43.5677 -79.4632,\n 43.6129 -79.3925,\n 43.6223 -79.3238,\n 43.6576 -79.3163,\n 43.7945 -79.1178,\n 43.8144 -79.1542,\n 43.8555 -79.1714,\n 43.7509 -79.6390,\n 43.5845 -79.5442)))",
      {
        op: 'and',
        args: [
          { op: 'like', args: [p('eo:instrument'), 'OLI%'] },
          { op: 's_intersects', args: [p('footprint'), { type: 'Polygon', coordinates: [TORONTO] }] },
        ],
      },
    ],
    ['example13', "owner NOT LIKE '%Mike%'", { op: 'not', args: [{ op: 'like', args: [p('owner'), '%Mike%'] }] }],
    ['example14', 'swimming_pool = true', { op: '=', args: [p('swimming_pool'), true] }],
    [
      'example16',
      "swimming_pool=true AND (floors>5\n    OR  material LIKE 'brick%'\n    OR  material LIKE '%brick')",
      {
        op: 'and',
        args: [
          { op: '=', args: [p('swimming_pool'), true] },
          {
            op: 'or',
            args: [
              { op: '>', args: [p('floors'), 5] },
              { op: 'like', args: [p('material'), 'brick%'] },
              { op: 'like', args: [p('material'), '%brick'] },
            ],
          },
        ],
      },
    ],
    [
      'example17',
      "(floors>5 AND material='brick') OR swimming_pool=true",
      {
        op: 'or',
        args: [
          {
            op: 'and',
            args: [
              { op: '>', args: [p('floors'), 5] },
              { op: '=', args: [p('material'), 'brick'] },
            ],
          },
          { op: '=', args: [p('swimming_pool'), true] },
        ],
      },
    ],
    [
      'example18',
      'NOT (floors<5) OR swimming_pool=true',
      {
        op: 'or',
        args: [
          { op: 'not', args: [{ op: '<', args: [p('floors'), 5] }] },
          { op: '=', args: [p('swimming_pool'), true] },
        ],
      },
    ],
    [
      'example20',
      "T_BEFORE(built, DATE('2015-01-01'))",
      { op: 't_before', args: [p('built'), { date: '2015-01-01' }] },
    ],
    ['example21', "T_AFTER(built,DATE('2012-06-05'))", { op: 't_after', args: [p('built'), { date: '2012-06-05' }] }],
    [
      'example23',
      'S_WITHIN(location,BBOX(-118,33.8,-117.9,34))',
      { op: 's_within', args: [p('location'), { bbox: [-118, 33.8, -117.9, 34] }] },
    ],
    [
      'example28',
      "CASEI(geophys:SURVEY_NAME) LIKE CASEI('%calcutta%')",
      {
        op: 'like',
        args: [
          { op: 'casei', args: [p('geophys:SURVEY_NAME')] },
          { op: 'casei', args: ['%calcutta%'] },
        ],
      },
    ],
    [
      'example29',
      `"id" = 'fa7e1920-9107-422d-a3db-c468cbc5d6df'`,
      { op: '=', args: [p('id'), 'fa7e1920-9107-422d-a3db-c468cbc5d6df'] },
    ],
    ['example36', `NOT "name" LIKE 'foo%'`, { op: 'not', args: [{ op: 'like', args: [p('name'), 'foo%'] }] }],
    [
      'example38-alt01',
      `"value" NOT BETWEEN 10 AND 20`,
      { op: 'not', args: [{ op: 'between', args: [p('value'), 10, 20] }] },
    ],
    [
      'example40',
      `NOT "value" IN ('a', 'b', 'c')`,
      { op: 'not', args: [{ op: 'in', args: [p('value'), ['a', 'b', 'c']] }] },
    ],
    ['example41', `"value" IS NULL`, { op: 'isNull', args: [p('value')] }],
    [
      'example43-alt01',
      `"name" NOT LIKE 'foo%' AND "value" > 10`,
      {
        op: 'and',
        args: [
          { op: 'not', args: [{ op: 'like', args: [p('name'), 'foo%'] }] },
          { op: '>', args: [p('value'), 10] },
        ],
      },
    ],
    [
      'example44',
      `("value" IS NULL OR "value" BETWEEN 10 AND 20)`,
      {
        op: 'or',
        args: [
          { op: 'isNull', args: [p('value')] },
          { op: 'between', args: [p('value'), 10, 20] },
        ],
      },
    ],
    [
      'example45 (6-number BBOX)',
      `S_INTERSECTS("geometry", BBOX(-128.098193, -1.1, -99999.0, 180.0, 90.0, 100000.0))`,
      { op: 's_intersects', args: [p('geometry'), { bbox: [-128.098193, -1.1, -99999, 180, 90, 100000] }] },
    ],
    [
      'example47',
      `S_DISJOINT("geometry", MULTIPOLYGON (((144.022387 45.176126, -1.1 0.0, 180.0 47.808086, 144.022387 45.176126))))`,
      {
        op: 's_disjoint',
        args: [
          p('geometry'),
          {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [144.022387, 45.176126],
                  [-1.1, 0],
                  [180, 47.808086],
                  [144.022387, 45.176126],
                ],
              ],
            ],
          },
        ],
      },
    ],
    [
      'example48',
      `S_TOUCHES("geometry", MULTILINESTRING ((-1.9 -0.99999, 75.292574 1.5),(-1.9 -1.1, 1.5 8.547371)))`,
      {
        op: 's_touches',
        args: [
          p('geometry'),
          {
            type: 'MultiLineString',
            coordinates: [
              [
                [-1.9, -0.99999],
                [75.292574, 1.5],
              ],
              [
                [-1.9, -1.1],
                [1.5, 8.547371],
              ],
            ],
          },
        ],
      },
    ],
    [
      'example49 (POLYGON Z)',
      `S_WITHIN(POLYGON Z ((-49.88024 0.5 -75993.341684, -1.5 -0.99999 -100000.0, 0.0 0.5 -0.333333, -49.88024 0.5 -75993.341684)), "geometry")`,
      {
        op: 's_within',
        args: [
          {
            type: 'Polygon',
            coordinates: [
              [
                [-49.88024, 0.5, -75993.341684],
                [-1.5, -0.99999, -100000],
                [0, 0.5, -0.333333],
                [-49.88024, 0.5, -75993.341684],
              ],
            ],
          },
          p('geometry'),
        ],
      },
    ],
    [
      'example50',
      `S_OVERLAPS("geometry", BBOX(-179.912109, 1.9, 180.0, 16.897016))`,
      { op: 's_overlaps', args: [p('geometry'), { bbox: [-179.912109, 1.9, 180, 16.897016] }] },
    ],
    [
      'example52',
      `S_CONTAINS("geometry", POINT (-3.508362 -1.754181))`,
      { op: 's_contains', args: [p('geometry'), { type: 'Point', coordinates: [-3.508362, -1.754181] }] },
    ],
    [
      'example54',
      `T_BEFORE("updated_at", TIMESTAMP('2012-08-10T05:30:00.000000Z'))`,
      { op: 't_before', args: [p('updated_at'), { timestamp: '2012-08-10T05:30:00.000000Z' }] },
    ],
    [
      'example55',
      "T_CONTAINS(INTERVAL('2000-01-01T00:00:00Z', '2005-01-10T01:01:01.393216Z'), INTERVAL(starts_at, ends_at))",
      {
        op: 't_contains',
        args: [
          { interval: ['2000-01-01T00:00:00Z', '2005-01-10T01:01:01.393216Z'] },
          { interval: [p('starts_at'), p('ends_at')] },
        ],
      },
    ],
    [
      'example56 (open start)',
      "T_DISJOINT(INTERVAL('..', '2005-01-10T01:01:01.393216Z'), INTERVAL(starts_at, ends_at))",
      {
        op: 't_disjoint',
        args: [{ interval: ['..', '2005-01-10T01:01:01.393216Z'] }, { interval: [p('starts_at'), p('ends_at')] }],
      },
    ],
    [
      'example57',
      "T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2005-01-10', '2010-02-10'))",
      {
        op: 't_during',
        args: [{ interval: [p('starts_at'), p('ends_at')] }, { interval: ['2005-01-10', '2010-02-10'] }],
      },
    ],
    [
      'example58',
      `T_EQUALS("updated_at", DATE('1851-04-29'))`,
      { op: 't_equals', args: [p('updated_at'), { date: '1851-04-29' }] },
    ],
    [
      'example79',
      `A_CONTAINEDBY("values", ('a', 'b', 'c'))`,
      { op: 'a_containedBy', args: [p('values'), ['a', 'b', 'c']] },
    ],
    [
      'example81 (literal first, mixed items)',
      `A_EQUALS(('a', TRUE, 1.0, 8), "values")`,
      { op: 'a_equals', args: [['a', true, 1, 8], p('values')] },
    ],
    [
      'example82',
      `A_OVERLAPS("values", (TIMESTAMP('2012-08-10T05:30:00.000000Z'), DATE('2010-02-10'), FALSE))`,
      {
        op: 'a_overlaps',
        args: [p('values'), [{ timestamp: '2012-08-10T05:30:00.000000Z' }, { date: '2010-02-10' }, false]],
      },
    ],
    [
      'example83',
      `S_EQUALS(MULTIPOINT ((180.0 -0.5), (179.0 -47.121701), (180.0 -0.0)), "geometry")`,
      {
        op: 's_equals',
        args: [
          {
            type: 'MultiPoint',
            coordinates: [
              [180, -0.5],
              [179, -47.121701],
              [180, -0],
            ],
          },
          p('geometry'),
        ],
      },
    ],
    [
      'example84',
      `S_EQUALS(GEOMETRYCOLLECTION (POINT (1.9 2.00001), POINT (0.0 -2.00001), LINESTRING (179.0 1.179148, -148.192487 -65.007816, 0.5 0.333333)), "geometry")`,
      {
        op: 's_equals',
        args: [
          {
            type: 'GeometryCollection',
            geometries: [
              { type: 'Point', coordinates: [1.9, 2.00001] },
              { type: 'Point', coordinates: [0, -2.00001] },
              {
                type: 'LineString',
                coordinates: [
                  [179, 1.179148],
                  [-148.192487, -65.007816],
                  [0.5, 0.333333],
                ],
              },
            ],
          },
          p('geometry'),
        ],
      },
    ],
    [
      'example86 (one-sided CASEI)',
      `"name" LIKE CASEI('FOO%')`,
      { op: 'like', args: [p('name'), { op: 'casei', args: ['FOO%'] }] },
    ],
    ['ATS basic-cql2 boolean literal true', 'true', true],
    ['ATS basic-cql2 boolean literal false', 'FALSE', false],
  ])('%s', (_name, text, json) => {
    expect(parseCql2Text(text)).toEqual(json);
  });
});

describe('precedence and grouping', () => {
  const a = { op: '=', args: [p('a'), 1] };
  const b = { op: '=', args: [p('b'), 2] };
  const c = { op: '=', args: [p('c'), 3] };
  test.each<[string, unknown]>([
    ['a = 1 OR b = 2 AND c = 3', { op: 'or', args: [a, { op: 'and', args: [b, c] }] }],
    ['a = 1 AND b = 2 OR c = 3', { op: 'or', args: [{ op: 'and', args: [a, b] }, c] }],
    ['(a = 1 OR b = 2) AND c = 3', { op: 'and', args: [{ op: 'or', args: [a, b] }, c] }],
    ['NOT a = 1 AND b = 2', { op: 'and', args: [{ op: 'not', args: [a] }, b] }],
    ['NOT (a = 1 AND b = 2)', { op: 'not', args: [{ op: 'and', args: [a, b] }] }],
    ['NOT NOT a = 1', { op: 'not', args: [{ op: 'not', args: [a] }] }],
    ['a = 1 AND b = 2 AND c = 3', { op: 'and', args: [a, b, c] }],
    ['a = 1 OR b = 2 OR c = 3', { op: 'or', args: [a, b, c] }],
    ['(a = 1 AND b = 2) AND c = 3', { op: 'and', args: [{ op: 'and', args: [a, b] }, c] }],
    ['((a = 1))', a],
    [
      // BETWEEN's AND is the operator's, the next AND is the conjunction
      'a BETWEEN 1 AND 2 AND b = 2',
      { op: 'and', args: [{ op: 'between', args: [p('a'), 1, 2] }, b] },
    ],
    ['a = 1 AND b IS NOT NULL', { op: 'and', args: [a, { op: 'not', args: [{ op: 'isNull', args: [p('b')] }] }] }],
    ['a=1 and B=2 oR c=3', { op: 'or', args: [{ op: 'and', args: [a, { op: '=', args: [p('B'), 2] }] }, c] }],
  ])('%s', (text, json) => {
    expect(parseCql2Text(text)).toEqual(json);
  });
});

describe('literals, identifiers and quoting', () => {
  test.each<[string, string, unknown]>([
    ['Chinese LIKE pattern', "title LIKE '%本溪%'", { op: 'like', args: [p('title'), '%本溪%'] }],
    [
      'Chinese text with quote escaping',
      "title = '辽宁省''本溪''市 DOM'",
      { op: '=', args: [p('title'), "辽宁省'本溪'市 DOM"] },
    ],
    ['empty string', "title = ''", { op: '=', args: [p('title'), ''] }],
    ['only an escaped quote', "title = ''''", { op: '=', args: [p('title'), "'"] }],
    ['emoji and newline kept', "title = '😀\n图'", { op: '=', args: [p('title'), '😀\n图'] }],
    ['backslash kept for LIKE escaping', "title LIKE '100\\%'", { op: 'like', args: [p('title'), '100\\%'] }],
    ['colon identifier', "geoshare:secrecy = 'public'", { op: '=', args: [p('geoshare:secrecy'), 'public'] }],
    ['dotted identifier', 'properties.gsd < 1', { op: '<', args: [p('properties.gsd'), 1] }],
    ['quoted identifier with space', '"cloud cover" < 1', { op: '<', args: [p('cloud cover'), 1] }],
    ['quoted keyword as identifier', '"in" = 1', { op: '=', args: [p('in'), 1] }],
    ['quoted identifier with escaped quote', '"a""b" = 1', { op: '=', args: [p('a"b'), 1] }],
    ['Chinese identifier', "名称 = '本溪'", { op: '=', args: [p('名称'), '本溪'] }],
    ['negative number', 'x > -5', { op: '>', args: [p('x'), -5] }],
    ['decimal without leading digit', 'x > .5', { op: '>', args: [p('x'), 0.5] }],
    ['exponent', 'x < 1.5e3', { op: '<', args: [p('x'), 1500] }],
    ['negative exponent', 'x < -2E-2', { op: '<', args: [p('x'), -0.02] }],
    ['explicit plus sign', 'x = +7', { op: '=', args: [p('x'), 7] }],
    ['literal on the left', '10 < x', { op: '<', args: [10, p('x')] }],
    ['all comparison operators', 'a <> 1', { op: '<>', args: [p('a'), 1] }],
    [
      'no spaces',
      "a<=1AND b>='x'",
      {
        op: 'and',
        args: [
          { op: '<=', args: [p('a'), 1] },
          { op: '>=', args: [p('b'), 'x'] },
        ],
      },
    ],
    [
      'keywords in any case',
      "t_Intersects(datetime, interval('2024-01-01', '..')) and Title not like 'a%'",
      {
        op: 'and',
        args: [
          { op: 't_intersects', args: [p('datetime'), { interval: ['2024-01-01', '..'] }] },
          { op: 'not', args: [{ op: 'like', args: [p('Title'), 'a%'] }] },
        ],
      },
    ],
    [
      'timestamp with offset and fraction',
      "datetime < TIMESTAMP('2024-01-01T08:00:00.123+08:00')",
      { op: '<', args: [p('datetime'), { timestamp: '2024-01-01T08:00:00.123+08:00' }] },
    ],
    [
      'open-ended interval at start',
      "T_BEFORE(datetime, INTERVAL('..', '2024-01-01'))",
      { op: 't_before', args: [p('datetime'), { interval: ['..', '2024-01-01'] }] },
    ],
    [
      'all spatial functions',
      'S_TOUCHES(geometry, POINT(1 2)) OR S_OVERLAPS(geometry, POINT(1 2)) OR S_EQUALS(geometry, POINT(1 2))',
      {
        op: 'or',
        args: ['s_touches', 's_overlaps', 's_equals'].map((op) => ({
          op,
          args: [p('geometry'), { type: 'Point', coordinates: [1, 2] }],
        })),
      },
    ],
    [
      'MULTIPOINT without inner parentheses',
      'S_INTERSECTS(geometry, MULTIPOINT(7.02 49.92, 90 180))',
      {
        op: 's_intersects',
        args: [
          p('geometry'),
          {
            type: 'MultiPoint',
            coordinates: [
              [7.02, 49.92],
              [90, 180],
            ],
          },
        ],
      },
    ],
    [
      'polygon with a hole',
      'S_WITHIN(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2)))',
      {
        op: 's_within',
        args: [
          p('geometry'),
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [10, 0],
                [10, 10],
                [0, 10],
                [0, 0],
              ],
              [
                [2, 2],
                [3, 2],
                [3, 3],
                [2, 2],
              ],
            ],
          },
        ],
      },
    ],
    [
      'geometry property named like a WKT type',
      'S_INTERSECTS(point, BBOX(0, 0, 1, 1))',
      { op: 's_intersects', args: [p('point'), { bbox: [0, 0, 1, 1] }] },
    ],
    [
      'array functions',
      "A_OVERLAPS(keywords, ('本溪', 'DOM')) AND A_CONTAINEDBY(keywords, ()) AND A_EQUALS(keywords, tags)",
      {
        op: 'and',
        args: [
          { op: 'a_overlaps', args: [p('keywords'), ['本溪', 'DOM']] },
          { op: 'a_containedBy', args: [p('keywords'), []] },
          { op: 'a_equals', args: [p('keywords'), p('tags')] },
        ],
      },
    ],
    [
      'nested CASEI/ACCENTI',
      "ACCENTI(CASEI(title)) = accenti(casei('ÄÉ'))",
      {
        op: '=',
        args: [
          { op: 'accenti', args: [{ op: 'casei', args: [p('title')] }] },
          { op: 'accenti', args: [{ op: 'casei', args: ['ÄÉ'] }] },
        ],
      },
    ],
    ['full-width space is whitespace', "title\u3000=\u3000'本溪'", { op: '=', args: [p('title'), '本溪'] }],
  ])('%s', (_name, text, json) => {
    expect(parseCql2Text(text)).toEqual(json);
  });
});

describe('malformed and unsupported CQL2-text → STAC_FILTER_INVALID', () => {
  test.each<[string, string]>([
    ['empty', ''],
    ['blank', '   \n '],
    ['unterminated string', "title = '本溪"],
    ['unterminated quoted identifier', '"title = 1'],
    ['empty quoted identifier', '"" = 1'],
    ['missing right parenthesis', "(title = 'a'"],
    ['extra right parenthesis', "title = 'a')"],
    ['missing operand', 'title ='],
    ['missing operator', "title 'a'"],
    ['trailing garbage', 'a = 1 b'],
    ['dangling AND', 'a = 1 AND'],
    ['bare property is not a predicate', 'title'],
    ['keyword as operand', 'a = AND'],
    ['NOT before a comparison operator', 'a NOT = 1'],
    ['IS without NULL', 'a IS 1'],
    ['empty IN list', 'a IN ()'],
    ['IN without parentheses', "a IN 'x'"],
    ['BETWEEN without AND', 'a BETWEEN 1 2'],
    ['LIKE with a number pattern', 'title LIKE 5'],
    ['LIKE on a number', "5 LIKE '5'"],
    ['!= is not CQL2', 'a != 1'],
    ['arithmetic', 'balance - 150 > 0'],
    ['arithmetic in parentheses', 'vehicle_height > (bridge_clearance * 1)'],
    ['custom function', 'avg(windSpeed) < 4'],
    ['custom function as predicate', 'Foo("geometry") = TRUE'],
    ['unsupported temporal function', "T_MEETS(INTERVAL('2005-01-10', '2010-02-10'), INTERVAL(starts_at, ends_at))"],
    ['unsupported temporal function, lower case', "t_overlaps(datetime, INTERVAL('2005-01-10', '..'))"],
    ['unknown spatial function', 'S_DWITHIN(geometry, POINT(1 2), 10)'],
    ['spatial function as an operand', 'S_INTERSECTS(geometry, POINT(1 2)) = TRUE'],
    ['INTERVAL outside a temporal function', "datetime = INTERVAL('2024-01-01', '..')"],
    ['geometry outside a spatial function', 'geometry = POINT(1 2)'],
    ['timestamp without time zone', "datetime > TIMESTAMP('2024-01-01T00:00:00')"],
    ['timestamp given a date', "datetime > TIMESTAMP('2024-01-01')"],
    ['impossible date', "datetime > DATE('2024-02-30')"],
    ['impossible time', "datetime > TIMESTAMP('2024-01-01T24:00:00Z')"],
    ['date given a timestamp', "datetime > DATE('2024-01-01T00:00:00Z')"],
    ['DATE without a string', 'datetime > DATE(2024)'],
    ['bad interval bound', "T_INTERSECTS(datetime, INTERVAL('2024', '..'))"],
    ['interval with a number bound', 'T_INTERSECTS(datetime, INTERVAL(2024, 2025))'],
    ['temporal function given a number', 'T_AFTER(datetime, 5)'],
    ['temporal function with one argument', 'T_AFTER(datetime)'],
    ['spatial function given a string', "S_INTERSECTS(geometry, 'POINT(1 2)')"],
    ['WKT with M values', 'S_INTERSECTS(geometry, POINT M (1 2 3))'],
    ['WKT Z with 2 numbers', 'S_INTERSECTS(geometry, POINT Z (1 2))'],
    ['WKT with 4 numbers', 'S_INTERSECTS(geometry, POINT(1 2 3 4))'],
    ['WKT EMPTY', 'S_INTERSECTS(geometry, POINT EMPTY)'],
    ['WKT missing a coordinate', 'S_INTERSECTS(geometry, POINT(1))'],
    ['nested GEOMETRYCOLLECTION', 'S_INTERSECTS(geometry, GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POINT(1 2))))'],
    ['BBOX with 3 numbers', 'S_INTERSECTS(geometry, BBOX(1, 2, 3))'],
    ['BBOX with 5 numbers', 'S_INTERSECTS(geometry, BBOX(1, 2, 3, 4, 5))'],
    ['array function given a string', "A_CONTAINS(keywords, 'a')"],
    ['CASEI inside an array literal', "A_CONTAINS(keywords, (CASEI('a')))"],
    ['CASEI of a number', 'CASEI(5) = 5'],
    ['number out of range', 'x < 1e999'],
    ['unknown character', 'a = 1 $ b = 2'],
    ['full-width parenthesis', "（title = '本溪'）"],
    ['full-width quote', 'title = ‘本溪’'],
    ['nesting too deep (parentheses)', `${'('.repeat(100)}a = 1${')'.repeat(100)}`],
    ['nesting too deep (NOT)', `${'NOT '.repeat(100)}a = 1`],
    ['nesting too deep (CASEI)', `${'CASEI('.repeat(100)}a${')'.repeat(100)} = 'x'`],
    ['nesting too deep (arrays)', `A_CONTAINS(a, ${'('.repeat(100)}'x'${')'.repeat(100)})`],
  ])('%s', (_name, text) => {
    const e = parseError(text);
    expect(e.code).toBe('STAC_FILTER_INVALID');
    expect(e.status).toBe(400);
  });

  test('the error gives the 1-based character position, counting a Chinese character as one', () => {
    expect(parseError("title = '本溪' AND )").details).toMatchObject({ position: 18 });
    expect(parseError("(title = 'a'").details).toMatchObject({ position: 13, found: '表达式结尾' });
    expect(parseError("title = '本溪").details).toMatchObject({ position: 9 });
    expect(parseError('a = 1 b').details).toMatchObject({ position: 7 });
  });
});
