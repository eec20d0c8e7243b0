import { type Static, Type } from 'typebox';

/**
 * One step in the history of a case (a feedback report, a publication review), read back from the audit trail:
 * the trail is the one record of who did what when (ZS-25), so a case keeps no second history of its own.
 */
export const WorkflowEvent = Type.Object({
  at: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()]),
  /** dotted verb of the audit row, e.g. `feedback.confirm` */
  action: Type.String(),
  /** what the step recorded: state change, reason, number */
  summary: Type.Unknown(),
});
export type WorkflowEvent = Static<typeof WorkflowEvent>;

/** A GeoJSON Point in EPSG:4490 lon/lat degrees. */
export const PointGeometry = Type.Object({
  type: Type.Literal('Point'),
  coordinates: Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]),
});
export type PointGeometry = Static<typeof PointGeometry>;
