import type { Options } from '@grpc/proto-loader';

/**
 * How proto-loader turns messages into JS objects, for agent and ctl alike.
 * scripts/build.js passes the same choices to proto-loader-gen-types; change both together.
 * - longs: Number: sizes in MB and block counts stay far below 2^53.
 * - enums: String: values travel as their proto names (PV_STATE_ACTIVE), which
 *   shared/proto/render-json.ts shortens for altctl's JSON.
 * - defaults/arrays: every field is present on received messages, so code never
 *   has to tell "absent" from "zero" for scalars.
 */
export const LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  oneofs: true,
};
