/** PostgreSQL type OIDs whose JS form we pin so both adapters agree. */
export const PG_OID = { int8: 20, numeric: 1700, date: 1082 } as const;

export const parseNumber = (v: string): number => Number(v);
/** A calendar date stays a 'YYYY-MM-DD' string: a Date would shift it by the process time zone. */
export const parseDate = (v: string): string => v;
