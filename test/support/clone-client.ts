import type { ServiceError } from '@grpc/grpc-js';
import { call, connect } from '../../ctl/client';
import { parseEndpoint } from '../../shared/endpoint';
import type { CloneSpec } from '../../shared/generated/altdisk/v1/CloneSpec';
import type { PlanCloneResponse__Output } from '../../shared/generated/altdisk/v1/PlanCloneResponse';

/** A CloneService client for tests: typed requests and responses over the real contract and channel code. */
export interface CloneClient {
  plan(spec: CloneSpec, timeoutSeconds?: number): Promise<PlanCloneResponse__Output>;
  close(): void;
}

export function cloneClient(address: string): CloneClient {
  const clients = connect(parseEndpoint(address));
  return {
    plan: (spec, timeoutSeconds = 60) => call(clients.clone, 'PlanClone', { spec }, timeoutSeconds),
    close: () => clients.close(),
  };
}

/** Whether an error is a gRPC status error (code, details, metadata). */
export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number' && 'metadata' in err;
}
