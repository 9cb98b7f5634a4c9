/**
 * Issue #12: the one API contract. The shapes of requests and answers come from the server's
 * OpenAPI document (generated/openapi.ts, `npm run gen:api`); these helpers name them.
 */
import type { paths } from './generated/openapi';

export type { paths };
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Success = 200 | 201 | 202;

/** The JSON a route answers with on success, e.g. `Answer<'/api/v1/cases/{id}'>`. */
export type Answer<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<R[Extract<keyof R, Success>]> : never;

/** The JSON body a route accepts. */
export type BodyOf<P extends ApiPath, M extends Method = 'post'> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;

/** The query parameters a route accepts. */
export type QueryOf<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of an array answer. */
export type Item<T> = T extends readonly (infer E)[] ? E : never;
