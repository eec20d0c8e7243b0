import { type Static, Type } from 'typebox';

/** The one error body every API route returns on 4xx/5xx. `code` is stable; `message` is Chinese. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'stable machine-readable error code, e.g. ORG_CREDIT_CODE_INVALID' }),
    message: Type.String({ description: 'message for the user, in Chinese' }),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;
