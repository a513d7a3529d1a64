import type * as grpc from '@grpc/grpc-js';

/** Stands in for a request that is not a valid message of its type. */
export interface Undecodable {
  readonly undecodable: string;
}

const MARK = Symbol('undecodable');

export function isUndecodable(request: unknown): request is Undecodable {
  return typeof request === 'object' && request !== null && MARK in request;
}

/**
 * grpc-js answers INTERNAL ("Error deserializing request") before any handler runs when
 * the bytes are not a message of the method's type. That is the caller's mistake, not
 * the agent's: the deserializer here never throws, and the guard turns what it marks
 * into INVALID_ARGUMENT on the field `request`.
 */
export function tolerantDefinition(definition: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const out: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [method, attrs] of Object.entries(definition)) {
    out[method] = {
      ...attrs,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return attrs.requestDeserialize(bytes);
        } catch (err) {
          return { [MARK]: true, undecodable: (err as Error).message };
        }
      },
    };
  }
  return out as grpc.ServiceDefinition;
}
