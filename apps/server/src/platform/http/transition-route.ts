import { Uuid } from '@geoshare/shared';
import { type TSchema, Type } from 'typebox';
import { requireUser } from './request-context.js';

const IdParams = Type.Object({ id: Uuid });

/**
 * Route options of a module's workflow events on a case, `POST /api/<cases>/:id/<event>`: given the event's body
 * schema, the options take the case id and that body and answer with the case as it is afterwards (`response`).
 * Any signed-in caller may try; the service checks role and state against the machine table.
 */
export function transitionRoute<R extends TSchema>(tags: string[], response: R) {
  return <B extends TSchema>(body: B) => ({
    schema: { tags, params: IdParams, body, response: { 200: response } },
    preHandler: requireUser,
  });
}
