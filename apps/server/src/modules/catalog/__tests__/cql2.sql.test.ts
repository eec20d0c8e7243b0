import { describe, expect, test } from 'vitest';
import { testDb } from '../../../../test/harness.js';
import { DomainError } from '../../../platform/errors/domain-error.js';
import { type Cql2Queryables, cql2ToSql } from '../cql2.sql.js';
import { parseCql2Text } from '../cql2.text.js';

const Q: Cql2Queryables = {
  id: { sql: 'i.id', type: 'string' },
  collection: { sql: 'i.collection_id', type: 'string' },
  title: { sql: 'i.title', type: 'string' },
  'eo:cloud_cover': { sql: 'i.cloud_cover', type: 'number' },
  'landsat:wrs_row': { sql: 'i.wrs_row', type: 'integer' },
  datetime: { sql: 'i.datetime', type: 'datetime' },
  start_datetime: { sql: 'i.start_datetime', type: 'datetime' },
  end_datetime: { sql: 'i.end_datetime', type: 'datetime' },
  geometry: { sql: 'i.geom', type: 'geometry' },
  keywords: { sql: 'i.keywords', type: 'array' },
  'geoshare:secrecy': { sql: 'i.secrecy', type: 'string' },
  'geoshare:published': { sql: 'i.published', type: 'boolean' },
};

const p = (property: string) => ({ property });

function sql(expr: unknown, params: unknown[] = []) {
  return { sql: cql2ToSql(expr, Q, params), params };
}

function sqlError(expr: unknown): DomainError {
  try {
    cql2ToSql(expr, Q, []);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(expr)} to be rejected`);
}

const DAY_START = '2024-01-01T00:00:00Z';
const DAY_END = '2024-01-01T23:59:59.999999Z';
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};
const GEOM_SQL = 'ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4490)';
const ENVELOPE =
  'ST_MakeEnvelope($1::double precision, $2::double precision, $3::double precision, $4::double precision, 4490)';

describe('cql2ToSql: SQL text and parameters', () => {
  test.each<[string, unknown, string, unknown[]]>([
    ['boolean literal', true, 'TRUE', []],
    [
      'string equality',
      { op: '=', args: [p('collection'), 'landsat8_l1tp'] },
      'i.collection_id = $1::text',
      ['landsat8_l1tp'],
    ],
    ['number', { op: '<=', args: [p('eo:cloud_cover'), 10] }, 'i.cloud_cover <= $1::double precision', [10]],
    ['integer column, integer literal', { op: '=', args: [p('landsat:wrs_row'), 28] }, 'i.wrs_row = $1::bigint', [28]],
    [
      'integer column, fractional literal',
      { op: '<', args: [p('landsat:wrs_row'), 28.5] },
      'i.wrs_row < $1::double precision',
      [28.5],
    ],
    ['literal on the left', { op: '>', args: [10, p('eo:cloud_cover')] }, '$1::double precision > i.cloud_cover', [10]],
    ['boolean', { op: '=', args: [p('geoshare:published'), true] }, 'i.published = $1::boolean', [true]],
    ['property-property', { op: '<>', args: [p('title'), p('id')] }, 'i.title <> i.id', []],
    ['STAC "properties." prefix', { op: '=', args: [p('properties.title'), 'x'] }, 'i.title = $1::text', ['x']],
    [
      'and / or / not',
      {
        op: 'or',
        args: [
          {
            op: 'and',
            args: [
              { op: '>', args: [p('eo:cloud_cover'), 1] },
              { op: '<', args: [p('eo:cloud_cover'), 2] },
            ],
          },
          { op: 'not', args: [{ op: '=', args: [p('title'), 'x'] }] },
        ],
      },
      '((i.cloud_cover > $1::double precision AND i.cloud_cover < $2::double precision) OR NOT (i.title = $3::text))',
      [1, 2, 'x'],
    ],
    ['LIKE with Chinese', { op: 'like', args: [p('title'), '%本溪%'] }, 'i.title LIKE $1::text', ['%本溪%']],
    [
      'CASEI on both sides',
      {
        op: 'like',
        args: [
          { op: 'casei', args: [p('title')] },
          { op: 'casei', args: ['%dom%'] },
        ],
      },
      'lower(i.title) LIKE lower($1::text)',
      ['%dom%'],
    ],
    [
      'CASEI in the {function} form of the STAC README',
      {
        op: '=',
        args: [
          { function: 'casei', args: [p('title')] },
          { function: 'casei', args: ['coolsat'] },
        ],
      },
      'lower(i.title) = lower($1::text)',
      ['coolsat'],
    ],
    [
      'ACCENTI is the identity',
      {
        op: '=',
        args: [
          { op: 'accenti', args: [p('title')] },
          { op: 'accenti', args: ['本溪'] },
        ],
      },
      'i.title = $1::text',
      ['本溪'],
    ],
    [
      'BETWEEN',
      { op: 'between', args: [p('eo:cloud_cover'), 0, 50] },
      '(i.cloud_cover BETWEEN $1::double precision AND $2::double precision)',
      [0, 50],
    ],
    [
      'IN strings',
      { op: 'in', args: [p('geoshare:secrecy'), ['public', 'undetermined']] },
      'i.secrecy = ANY($1::text[])',
      [['public', 'undetermined']],
    ],
    ['IN integers', { op: 'in', args: [p('landsat:wrs_row'), [1, 2]] }, 'i.wrs_row = ANY($1::bigint[])', [[1, 2]]],
    [
      'IN numbers',
      { op: 'in', args: [p('eo:cloud_cover'), [0.1, 0.2]] },
      'i.cloud_cover = ANY($1::double precision[])',
      [[0.1, 0.2]],
    ],
    [
      'IN with CASEI items',
      {
        op: 'in',
        args: [
          { op: 'casei', args: [p('title')] },
          [
            { op: 'casei', args: ['Οδος'] },
            { op: 'casei', args: ['Straße'] },
          ],
        ],
      },
      '(lower(i.title) = lower($1::text) OR lower(i.title) = lower($2::text))',
      ['Οδος', 'Straße'],
    ],
    ['empty IN list', { op: 'in', args: [p('title'), []] }, 'FALSE', []],
    ['NOT IN', { op: 'not', args: [{ op: 'in', args: [p('id'), ['a']] }] }, 'NOT (i.id = ANY($1::text[]))', [['a']]],
    ['isNull', { op: 'isNull', args: [p('eo:cloud_cover')] }, 'i.cloud_cover IS NULL', []],
    ['isNull on geometry', { op: 'isNull', args: [p('geometry')] }, 'i.geom IS NULL', []],
    ['case-insensitive op names', { op: 'ISNULL', args: [p('title')] }, 'i.title IS NULL', []],
  ])('%s', (_name, expr, expectedSql, expectedParams) => {
    expect(sql(expr)).toEqual({ sql: expectedSql, params: expectedParams });
  });
});

describe('cql2ToSql: time (datetime is an instant; a DATE is the whole UTC day)', () => {
  const ts = { timestamp: '2024-01-01T08:00:00Z' };
  const day = { date: '2024-01-01' };
  test.each<[string, unknown, string, unknown[]]>([
    ['= timestamp', { op: '=', args: [p('datetime'), ts] }, 'i.datetime = $1::timestamptz', [ts.timestamp]],
    [
      '= date: during the day',
      { op: '=', args: [p('datetime'), day] },
      '(i.datetime >= $1::timestamptz AND i.datetime <= $2::timestamptz)',
      [DAY_START, DAY_END],
    ],
    [
      '<> date',
      { op: '<>', args: [p('datetime'), day] },
      '(i.datetime < $1::timestamptz OR i.datetime > $2::timestamptz)',
      [DAY_START, DAY_END],
    ],
    ['< date: before the day', { op: '<', args: [p('datetime'), day] }, 'i.datetime < $1::timestamptz', [DAY_START]],
    [
      '<= date: up to the end of the day',
      { op: '<=', args: [p('datetime'), day] },
      'i.datetime <= $1::timestamptz',
      [DAY_END],
    ],
    ['> date: after the day', { op: '>', args: [p('datetime'), day] }, 'i.datetime > $1::timestamptz', [DAY_END]],
    [
      '>= date: from the start of the day',
      { op: '>=', args: [p('datetime'), day] },
      'i.datetime >= $1::timestamptz',
      [DAY_START],
    ],
    ['date on the left', { op: '<=', args: [day, p('datetime')] }, '$1::timestamptz <= i.datetime', [DAY_START]],
    [
      'BETWEEN dates',
      { op: 'between', args: [p('datetime'), day, { date: '2024-01-31' }] },
      '(i.datetime >= $1::timestamptz AND i.datetime <= $2::timestamptz)',
      [DAY_START, '2024-01-31T23:59:59.999999Z'],
    ],
    [
      'IN with a date and a timestamp',
      { op: 'in', args: [p('datetime'), [day, ts]] },
      '((i.datetime >= $1::timestamptz AND i.datetime <= $2::timestamptz) OR i.datetime = $3::timestamptz)',
      [DAY_START, DAY_END, ts.timestamp],
    ],
    [
      'T_INTERSECTS interval (STAC README example 6)',
      { op: 't_intersects', args: [p('datetime'), { interval: ['2020-11-11T00:00:00Z', '2020-11-12T00:00:00Z'] }] },
      '(i.datetime >= $1::timestamptz AND i.datetime <= $2::timestamptz)',
      ['2020-11-11T00:00:00Z', '2020-11-12T00:00:00Z'],
    ],
    [
      'T_INTERSECTS open-ended interval',
      { op: 't_intersects', args: [p('datetime'), { interval: ['2024-01-01', '..'] }] },
      "(i.datetime >= $1::timestamptz AND i.datetime <= 'infinity'::timestamptz)",
      [DAY_START],
    ],
    [
      'T_INTERSECTS timestamp',
      { op: 't_intersects', args: [p('datetime'), ts] },
      'i.datetime = $1::timestamptz',
      [ts.timestamp],
    ],
    [
      'T_EQUALS timestamp',
      { op: 't_equals', args: [p('datetime'), ts] },
      'i.datetime = $1::timestamptz',
      [ts.timestamp],
    ],
    [
      'T_DISJOINT timestamp',
      { op: 't_disjoint', args: [p('datetime'), ts] },
      'i.datetime <> $1::timestamptz',
      [ts.timestamp],
    ],
    [
      'T_DISJOINT date',
      { op: 't_disjoint', args: [p('datetime'), day] },
      '(i.datetime < $1::timestamptz OR i.datetime > $2::timestamptz)',
      [DAY_START, DAY_END],
    ],
    ['T_BEFORE date', { op: 't_before', args: [p('datetime'), day] }, 'i.datetime < $1::timestamptz', [DAY_START]],
    ['T_AFTER date', { op: 't_after', args: [p('datetime'), day] }, 'i.datetime > $1::timestamptz', [DAY_END]],
    [
      'T_DURING (strict)',
      { op: 't_during', args: [p('datetime'), { interval: ['2024-01-01', '2024-01-31'] }] },
      '(i.datetime > $1::timestamptz AND i.datetime < $2::timestamptz)',
      [DAY_START, '2024-01-31T23:59:59.999999Z'],
    ],
    [
      'T_CONTAINS with a property interval',
      { op: 't_contains', args: [{ interval: [p('start_datetime'), p('end_datetime')] }, day] },
      '(i.start_datetime < $1::timestamptz AND i.end_datetime > $2::timestamptz)',
      [DAY_START, DAY_END],
    ],
    [
      'T_EQUALS with an open end against a column',
      {
        op: 't_equals',
        args: [{ interval: [p('start_datetime'), p('end_datetime')] }, { interval: ['2024-01-01', '..'] }],
      },
      "(i.start_datetime = $1::timestamptz AND i.end_datetime = 'infinity'::timestamptz)",
      [DAY_START],
    ],
    [
      'open ends against literals fold',
      { op: 't_disjoint', args: [{ interval: ['..', '..'] }, { interval: ['2020-01-01', '2020-01-02'] }] },
      'FALSE',
      [],
    ],
    [
      'two literal intervals (CQL2 clause7_17)',
      {
        op: 't_during',
        args: [
          { interval: ['1969-07-20T20:17:40Z', '1969-07-21T17:54:00Z'] },
          { interval: ['1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'] },
        ],
      },
      '($1::timestamptz > $2::timestamptz AND $3::timestamptz < $4::timestamptz)',
      ['1969-07-20T20:17:40Z', '1969-07-16T13:32:00Z', '1969-07-21T17:54:00Z', '1969-07-24T16:50:35Z'],
    ],
    [
      'timestamp with an offset',
      { op: '>=', args: [p('datetime'), { timestamp: '2024-01-01T08:00:00+08:00' }] },
      'i.datetime >= $1::timestamptz',
      ['2024-01-01T08:00:00+08:00'],
    ],
  ])('%s', (_name, expr, expectedSql, expectedParams) => {
    expect(sql(expr)).toEqual({ sql: expectedSql, params: expectedParams });
  });
});

describe('cql2ToSql: space and arrays', () => {
  test.each<[string, unknown, string, unknown[]]>([
    [
      'S_INTERSECTS point (STAC README example 7)',
      { op: 's_intersects', args: [p('geometry'), { type: 'Point', coordinates: [-77.0824, 38.7886] }] },
      `ST_Intersects(i.geom, ${GEOM_SQL})`,
      ['{"type":"Point","coordinates":[-77.0824,38.7886]}'],
    ],
    [
      'foreign GeoJSON members are dropped',
      { op: 's_within', args: [p('geometry'), { ...SQUARE, bbox: [0, 0, 1, 1], crs: { type: 'name' } }] },
      `ST_Within(i.geom, ${GEOM_SQL})`,
      [JSON.stringify(SQUARE)],
    ],
    [
      'BBOX',
      { op: 's_intersects', args: [p('geometry'), { bbox: [123, 41, 124, 42] }] },
      `ST_Intersects(i.geom, ${ENVELOPE})`,
      [123, 41, 124, 42],
    ],
    [
      '6-number BBOX keeps x/y',
      { op: 's_intersects', args: [p('geometry'), { bbox: [-128.098193, -1.1, -99999, 180, 90, 100000] }] },
      `ST_Intersects(i.geom, ${ENVELOPE})`,
      [-128.098193, -1.1, 180, 90],
    ],
    ...(
      [
        ['s_within', 'ST_Within'],
        ['s_contains', 'ST_Contains'],
        ['s_disjoint', 'ST_Disjoint'],
        ['s_equals', 'ST_Equals'],
        ['s_touches', 'ST_Touches'],
        ['s_overlaps', 'ST_Overlaps'],
        ['s_crosses', 'ST_Crosses'],
      ] as const
    ).map(([op, fn]): [string, unknown, string, unknown[]] => [
      op,
      { op, args: [p('geometry'), SQUARE] },
      `${fn}(i.geom, ${GEOM_SQL})`,
      [JSON.stringify(SQUARE)],
    ]),
    [
      'literal geometry first',
      {
        op: 's_equals',
        args: [
          {
            type: 'MultiPoint',
            coordinates: [
              [1, 2],
              [3, 4],
            ],
          },
          p('geometry'),
        ],
      },
      `ST_Equals(${GEOM_SQL}, i.geom)`,
      ['{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}'],
    ],
    [
      'GeometryCollection',
      {
        op: 's_intersects',
        args: [
          p('geometry'),
          { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, SQUARE] },
        ],
      },
      `ST_Intersects(i.geom, ${GEOM_SQL})`,
      [JSON.stringify({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, SQUARE] })],
    ],
    ['A_CONTAINS', { op: 'a_contains', args: [p('keywords'), ['a', 'b']] }, 'i.keywords @> $1::text[]', [['a', 'b']]],
    ['A_CONTAINEDBY', { op: 'a_containedBy', args: [p('keywords'), ['a']] }, 'i.keywords <@ $1::text[]', [['a']]],
    ['A_OVERLAPS', { op: 'a_overlaps', args: [p('keywords'), ['本溪']] }, 'i.keywords && $1::text[]', [['本溪']]],
    ['A_EQUALS, literal first', { op: 'a_equals', args: [['a'], p('keywords')] }, '$1::text[] = i.keywords', [['a']]],
    [
      'array property-property',
      { op: 'a_overlaps', args: [p('keywords'), p('keywords')] },
      'i.keywords && i.keywords',
      [],
    ],
  ])('%s', (_name, expr, expectedSql, expectedParams) => {
    expect(sql(expr)).toEqual({ sql: expectedSql, params: expectedParams });
  });
});

describe('cql2ToSql: parameters', () => {
  test('numbering continues after the caller’s parameters, which are kept', () => {
    const params: unknown[] = ['caller-1', 'caller-2'];
    const out = cql2ToSql(
      {
        op: 'and',
        args: [
          { op: '=', args: [p('title'), 'x'] },
          { op: '>', args: [p('eo:cloud_cover'), 5] },
        ],
      },
      Q,
      params,
    );
    expect(out).toBe('(i.title = $3::text AND i.cloud_cover > $4::double precision)');
    expect(params).toEqual(['caller-1', 'caller-2', 'x', 5]);
  });

  test('nothing is appended when the filter is rejected half-way', () => {
    const params: unknown[] = ['caller'];
    expect(() =>
      cql2ToSql(
        {
          op: 'and',
          args: [
            { op: '=', args: [p('title'), 'x'] },
            { op: '=', args: [p('nope'), 1] },
          ],
        },
        Q,
        params,
      ),
    ).toThrow(DomainError);
    expect(params).toEqual(['caller']);
  });

  test('hostile literals only ever reach the parameters', () => {
    const evil = "x'); DROP TABLE catalog_item; --";
    const out = sql(parseCql2Text(`title = '${evil.replaceAll("'", "''")}' OR title LIKE '%''--%'`));
    expect(out.sql).toBe('(i.title = $1::text OR i.title LIKE $2::text)');
    expect(out.params).toEqual([evil, "%'--%"]);
  });

  test('a hostile property name is an unknown queryable, never SQL', () => {
    expect(sqlError({ op: '=', args: [p('i.title; DROP TABLE x'), 1] }).code).toBe('STAC_QUERYABLE_UNKNOWN');
  });
});

describe('cql2-text → cql2-json → SQL (STAC README examples)', () => {
  test.each<[string, string, string, unknown[]]>([
    [
      'example 1',
      "id='LC08_L1TP_060247_20180905_20180912_01_T1_L1TP' AND collection='landsat8_l1tp'",
      '(i.id = $1::text AND i.collection_id = $2::text)',
      ['LC08_L1TP_060247_20180905_20180912_01_T1_L1TP', 'landsat8_l1tp'],
    ],
    [
      'example 2',
      "collection = 'landsat8_l1tp' AND eo:cloud_cover <= 10 AND datetime >= TIMESTAMP('2021-04-08T04:39:23Z') AND S_INTERSECTS(geometry, POLYGON((43.5845 -79.5442, 43.6079 -79.4893, 43.5677 -79.4632, 43.5845 -79.5442)))",
      '(i.collection_id = $1::text AND i.cloud_cover <= $2::double precision AND i.datetime >= $3::timestamptz AND ST_Intersects(i.geom, ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4490)))',
      [
        'landsat8_l1tp',
        10,
        '2021-04-08T04:39:23Z',
        '{"type":"Polygon","coordinates":[[[43.5845,-79.5442],[43.6079,-79.4893],[43.5677,-79.4632],[43.5845,-79.5442]]]}',
      ],
    ],
    [
      'example 10 (IS NULL)',
      'eo:cloud_cover > 50 OR (title IS NULL AND landsat:wrs_row IS NOT NULL)',
      '(i.cloud_cover > $1::double precision OR (i.title IS NULL AND NOT (i.wrs_row IS NULL)))',
      [50],
    ],
    [
      'example 11 (BETWEEN)',
      'eo:cloud_cover BETWEEN 0 AND 50',
      '(i.cloud_cover BETWEEN $1::double precision AND $2::double precision)',
      [0, 50],
    ],
    ['example 13 (CASEI)', "CASEI(title) = CASEI('Straße')", 'lower(i.title) = lower($1::text)', ['Straße']],
    [
      'example 15 (IN) on a string queryable',
      "geoshare:secrecy IN ('public', 'secret')",
      'i.secrecy = ANY($1::text[])',
      [['public', 'secret']],
    ],
    [
      'Chinese LIKE and the GeoShare namespace',
      "title LIKE '%本溪%' AND geoshare:secrecy = 'public'",
      '(i.title LIKE $1::text AND i.secrecy = $2::text)',
      ['%本溪%', 'public'],
    ],
  ])('%s', (_name, text, expectedSql, expectedParams) => {
    expect(sql(parseCql2Text(text))).toEqual({ sql: expectedSql, params: expectedParams });
  });
});

describe('cql2ToSql: rejected filters', () => {
  const deep = (n: number): unknown =>
    n === 0 ? { op: '=', args: [p('title'), 'x'] } : { op: 'not', args: [deep(n - 1)] };
  const manyPoints = { type: 'MultiPoint', coordinates: Array.from({ length: 100_001 }, (_, i) => [i % 180, 0]) };

  test.each<[string, unknown]>([
    ['unknown property', { op: '=', args: [p('eo:snow_cover'), 1] }],
    ['unknown property in isNull', { op: 'isNull', args: [p('platform')] }],
    ['unknown property in a spatial function', { op: 's_intersects', args: [p('footprint'), SQUARE] }],
    [
      'unknown property in an interval',
      { op: 't_intersects', args: [{ interval: [p('begin'), '..'] }, p('datetime')] },
    ],
    ['prototype member __proto__', { op: '=', args: [p('__proto__'), 1] }],
    ['prototype member constructor', { op: '=', args: [p('constructor'), 1] }],
    ['prototype member toString', { op: '=', args: [p('toString'), 1] }],
  ])('%s → STAC_QUERYABLE_UNKNOWN', (_name, expr) => {
    const e = sqlError(expr);
    expect(e.code).toBe('STAC_QUERYABLE_UNKNOWN');
    expect(e.details).toEqual({ property: (JSON.stringify(expr).match(/"property":"([^"]+)"/) ?? [])[1] });
  });

  test.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['a string', "title = 'x'"],
    ['an array', [{ op: '=', args: [p('title'), 'x'] }]],
    ['a bare property', p('geoshare:published')],
    ['no op', { args: [] }],
    ['op not a string', { op: 1, args: [] }],
    ['no args', { op: '=' }],
    ['args not an array', { op: '=', args: { 0: p('title'), 1: 'x' } }],
    ['comparison with 1 argument', { op: '=', args: [p('title')] }],
    ['comparison with 3 arguments', { op: '=', args: [p('title'), 'x', 'y'] }],
    ['and with 1 argument', { op: 'and', args: [true] }],
    ['not with 2 arguments', { op: 'not', args: [true, false] }],
    ['and with a non-boolean argument', { op: 'and', args: [true, 'x'] }],
    ['unknown operator', { op: 'near', args: [p('geometry'), SQUARE] }],
    ['prototype member as operator: toString', { op: 'toString', args: [p('geometry'), SQUARE] }],
    ['prototype member as operator: constructor', { op: 'constructor', args: [p('keywords'), ['a']] }],
    ['prototype member as operator: __proto__', { op: '__proto__', args: [p('keywords'), ['a']] }],
    ['custom function', { op: '<', args: [{ op: 'avg', args: [p('eo:cloud_cover')] }, 4] }],
    ['arithmetic', { op: '>', args: [{ op: '-', args: [p('eo:cloud_cover'), 1] }, 0] }],
    ['arithmetic as a predicate', { op: '+', args: [1, 2] }],
    ['casei as a predicate', { op: 'casei', args: [p('title')] }],
    ['string vs number', { op: '=', args: [p('title'), 5] }],
    ['number vs string', { op: '<', args: [p('eo:cloud_cover'), '10'] }],
    ['datetime vs plain string', { op: '>', args: [p('datetime'), '2024-01-01T00:00:00Z'] }],
    ['boolean vs string', { op: '=', args: [p('geoshare:published'), 'true'] }],
    ['string vs datetime property', { op: '=', args: [p('title'), p('datetime')] }],
    ['geometry in a comparison', { op: '=', args: [p('geometry'), p('geometry')] }],
    ['array in a comparison', { op: '=', args: [p('keywords'), 'a'] }],
    ['null literal', { op: '=', args: [p('title'), null] }],
    ['array literal in a comparison', { op: '=', args: [p('title'), ['a']] }],
    ['NaN', { op: '=', args: [p('eo:cloud_cover'), Number.NaN] }],
    ['Infinity', { op: '<', args: [p('eo:cloud_cover'), Number.POSITIVE_INFINITY] }],
    ['interval in a comparison', { op: '=', args: [p('datetime'), { interval: ['..', '..'] }] }],
    ['GeoJSON in a comparison', { op: '=', args: [p('title'), SQUARE] }],
    ['LIKE on a number', { op: 'like', args: [p('eo:cloud_cover'), '1%'] }],
    ['LIKE with a number pattern', { op: 'like', args: [p('title'), 1] }],
    ['CASEI of a number', { op: '=', args: [{ op: 'casei', args: [5] }, 'x'] }],
    ['CASEI with 2 arguments', { op: '=', args: [{ op: 'casei', args: [p('title'), 'x'] }, 'x'] }],
    ['BETWEEN on strings', { op: 'between', args: [p('title'), 'a', 'z'] }],
    ['BETWEEN with mixed types', { op: 'between', args: [p('eo:cloud_cover'), 0, '50'] }],
    ['BETWEEN with 2 arguments', { op: 'between', args: [p('eo:cloud_cover'), 0] }],
    ['IN without a list', { op: 'in', args: [p('title'), 'a'] }],
    ['IN with a mismatched item', { op: 'in', args: [p('title'), ['a', 1]] }],
    ['IN on an array queryable', { op: 'in', args: [p('keywords'), ['fire']] }],
    ['isNull of a literal', { op: 'isNull', args: ['x'] }],
    ['spatial on a string queryable', { op: 's_intersects', args: [p('title'), SQUARE] }],
    ['spatial with a WKT string', { op: 's_intersects', args: [p('geometry'), 'POINT(1 2)'] }],
    ['unknown geometry type', { op: 's_intersects', args: [p('geometry'), { type: 'Circle', coordinates: [0, 0] }] }],
    [
      'Feature instead of a geometry',
      { op: 's_intersects', args: [p('geometry'), { type: 'Feature', geometry: SQUARE }] },
    ],
    ['point with 1 coordinate', { op: 's_intersects', args: [p('geometry'), { type: 'Point', coordinates: [1] }] }],
    [
      'point with a string coordinate',
      { op: 's_intersects', args: [p('geometry'), { type: 'Point', coordinates: [1, '2'] }] },
    ],
    ['line with 1 point', { op: 's_intersects', args: [p('geometry'), { type: 'LineString', coordinates: [[1, 2]] }] }],
    [
      'unclosed polygon ring',
      {
        op: 's_intersects',
        args: [
          p('geometry'),
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          },
        ],
      },
    ],
    [
      'polygon ring with 3 points',
      {
        op: 's_intersects',
        args: [
          p('geometry'),
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [0, 0],
              ],
            ],
          },
        ],
      },
    ],
    ['empty MultiPolygon', { op: 's_intersects', args: [p('geometry'), { type: 'MultiPolygon', coordinates: [] }] }],
    [
      'nested GeometryCollection',
      {
        op: 's_intersects',
        args: [
          p('geometry'),
          { type: 'GeometryCollection', geometries: [{ type: 'GeometryCollection', geometries: [SQUARE] }] },
        ],
      },
    ],
    [
      'empty GeometryCollection',
      { op: 's_intersects', args: [p('geometry'), { type: 'GeometryCollection', geometries: [] }] },
    ],
    ['too many coordinates', { op: 's_intersects', args: [p('geometry'), manyPoints] }],
    ['bbox with 5 numbers', { op: 's_intersects', args: [p('geometry'), { bbox: [0, 0, 1, 1, 2] }] }],
    ['bbox with a string', { op: 's_intersects', args: [p('geometry'), { bbox: [0, 0, '1', 1] }] }],
    ['bbox crossing the antimeridian', { op: 's_intersects', args: [p('geometry'), { bbox: [170, 0, -170, 10] }] }],
    ['bbox with miny > maxy', { op: 's_intersects', args: [p('geometry'), { bbox: [0, 10, 1, 0] }] }],
    ['temporal on a number queryable', { op: 't_after', args: [p('eo:cloud_cover'), { date: '2024-01-01' }] }],
    ['temporal with a plain string', { op: 't_after', args: [p('datetime'), '2024-01-01'] }],
    ['timestamp without a time zone', { op: 't_after', args: [p('datetime'), { timestamp: '2024-01-01T00:00:00' }] }],
    ['timestamp not a string', { op: '>', args: [p('datetime'), { timestamp: 1704067200 }] }],
    ['impossible date', { op: '>', args: [p('datetime'), { date: '2023-02-29' }] }],
    ['impossible month', { op: '>', args: [p('datetime'), { date: '2024-13-01' }] }],
    ['interval with 1 bound', { op: 't_intersects', args: [p('datetime'), { interval: ['2024-01-01'] }] }],
    ['interval with a bad bound', { op: 't_intersects', args: [p('datetime'), { interval: ['2024', '..'] }] }],
    [
      'interval ending before it starts',
      { op: 't_intersects', args: [p('datetime'), { interval: ['2024-02-01', '2024-01-01'] }] },
    ],
    [
      'interval bound on a string queryable',
      { op: 't_intersects', args: [p('datetime'), { interval: [p('title'), '..'] }] },
    ],
    ['unsupported temporal operator', { op: 't_meets', args: [p('datetime'), { date: '2024-01-01' }] }],
    [
      'unsupported temporal operator (camel case)',
      { op: 't_overlappedBy', args: [p('datetime'), { date: '2024-01-01' }] },
    ],
    ['array op with a number array', { op: 'a_contains', args: [p('keywords'), [1, 2]] }],
    ['array op with a nested array', { op: 'a_contains', args: [p('keywords'), [['a']]] }],
    ['array op on a string queryable', { op: 'a_contains', args: [p('title'), ['a']] }],
    ['array op with a string', { op: 'a_contains', args: [p('keywords'), 'a'] }],
    ['nesting too deep', deep(100)],
  ])('%s → STAC_FILTER_INVALID', (_name, expr) => {
    const e = sqlError(expr);
    expect(e.code).toBe('STAC_FILTER_INVALID');
    expect(e.status).toBe(400);
  });

  test('the details say where in the filter the error is', () => {
    const e = sqlError({ op: 'and', args: [true, { op: 'like', args: [p('eo:cloud_cover'), '1%'] }] });
    expect(e.details).toMatchObject({ path: '/args/1' });
  });
});

describe('cql2ToSql against PostgreSQL/PostGIS', () => {
  // lon/lat of Benxi (本溪) and Shenyang (沈阳), Liaoning
  const ROWS = `(VALUES
      ('a', '本溪市 DOM 2024', 5.0::double precision, 28::integer, '2024-01-01T08:00:00Z'::timestamptz,
        ST_SetSRID(ST_MakePoint(123.77, 41.29), 4490), ARRAY['dom', '本溪']::text[]),
      ('b', '沈阳市 dom 2023', 40.0, 29, '2023-06-30T23:59:59Z', ST_SetSRID(ST_MakePoint(123.43, 41.80), 4490),
        ARRAY['dom', '沈阳']),
      ('c', 'Straße', NULL, NULL, '2024-01-02T00:00:00Z',
        ST_SetSRID(ST_MakeEnvelope(123.0, 41.0, 124.0, 42.0), 4490), ARRAY[]::text[])
    ) AS i(id, title, cloud_cover, wrs_row, datetime, geom, keywords)`;

  async function matching(filter: string | object): Promise<string[]> {
    const db = await testDb();
    const params: unknown[] = [];
    const where = cql2ToSql(typeof filter === 'string' ? parseCql2Text(filter) : filter, Q, params);
    const { rows } = await db.query<{ id: string }>(`SELECT i.id FROM ${ROWS} WHERE ${where} ORDER BY i.id`, params);
    return rows.map((r) => r.id);
  }

  test.each<[string, string | object, string[]]>([
    ['number', 'eo:cloud_cover < 10', ['a']],
    ['IS NULL', 'eo:cloud_cover IS NULL', ['c']],
    ['BETWEEN', 'eo:cloud_cover BETWEEN 5 AND 40', ['a', 'b']],
    ['integer column, bigint parameter', 'landsat:wrs_row = 28', ['a']],
    ['IN on an integer column', 'landsat:wrs_row IN (29, 30)', ['b']],
    ['NOT IN leaves NULL out', 'landsat:wrs_row NOT IN (29)', ['a']],
    ['Chinese LIKE', "title LIKE '%本溪%'", ['a']],
    ['CASEI LIKE', "CASEI(title) LIKE CASEI('%DOM%')", ['a', 'b']],
    ['LIKE is case-sensitive without CASEI', "title LIKE '%DOM%'", ['a']],
    ['CASEI of ß (PostgreSQL lower() keeps ß)', "CASEI(title) = CASEI('STRAßE')", ['c']],
    ['IN strings', "id IN ('a', 'c')", ['a', 'c']],
    ['date equality is the whole day', "datetime = DATE('2024-01-01')", ['a']],
    ['> date is after the day', "datetime > DATE('2024-01-01')", ['c']],
    ['<= date includes the whole day', "datetime <= DATE('2023-06-30')", ['b']],
    ['timestamp', "datetime >= TIMESTAMP('2024-01-01T16:00:00+08:00')", ['a', 'c']],
    ['T_INTERSECTS open interval', "T_INTERSECTS(datetime, INTERVAL('2024-01-01', '..'))", ['a', 'c']],
    ['T_INTERSECTS closed interval', "T_INTERSECTS(datetime, INTERVAL('2023-01-01', '2023-12-31'))", ['b']],
    ['T_DURING', "T_DURING(datetime, INTERVAL('2023-06-30T23:59:59Z', '2024-12-31'))", ['a', 'c']],
    ['T_BEFORE', "T_BEFORE(datetime, DATE('2024-01-01'))", ['b']],
    ['T_AFTER', "T_AFTER(datetime, INTERVAL('..', '2024-01-01'))", ['c']],
    ['T_DISJOINT', "T_DISJOINT(datetime, DATE('2024-01-01'))", ['b', 'c']],
    ['T_EQUALS', "T_EQUALS(datetime, TIMESTAMP('2024-01-02T00:00:00Z'))", ['c']],
    ['S_INTERSECTS BBOX', 'S_INTERSECTS(geometry, BBOX(123.5, 41.0, 124.0, 41.5))', ['a', 'c']],
    [
      'S_WITHIN polygon',
      'S_WITHIN(geometry, POLYGON((123.5 41.0, 124.0 41.0, 124.0 41.5, 123.5 41.5, 123.5 41.0)))',
      ['a'],
    ],
    ['S_CONTAINS point (a point contains itself)', 'S_CONTAINS(geometry, POINT(123.77 41.29))', ['a', 'c']],
    ['S_DISJOINT', 'S_DISJOINT(geometry, POINT(123.43 41.80))', ['a']],
    ['A_CONTAINS', "A_CONTAINS(keywords, ('dom', '本溪'))", ['a']],
    ['A_OVERLAPS', "A_OVERLAPS(keywords, ('沈阳', 'x'))", ['b']],
    ['A_CONTAINEDBY', "A_CONTAINEDBY(keywords, ('dom', '沈阳', '本溪'))", ['a', 'b', 'c']],
    ['A_EQUALS', "A_EQUALS(keywords, ('dom', '沈阳'))", ['b']],
    ['empty IN list', { op: 'in', args: [p('id'), []] }, []],
    [
      'a combination',
      "(title LIKE '%市%' OR eo:cloud_cover IS NULL) AND NOT S_DISJOINT(geometry, BBOX(123, 41, 124, 42)) AND datetime >= DATE('2024-01-01')",
      ['a', 'c'],
    ],
  ])('%s', async (_name, filter, expected) => {
    expect(await matching(filter)).toEqual(expected);
  });
});
