/**
 * Sizes the agent accepts, shared so altctl refuses the same things before sending them
 * (with a message naming its own flag) instead of after.
 */

/** One file sent with a clone (image.data, a script, an exclude list, ...). */
export const MAX_CONTENT_BYTES = 1024 * 1024;
/** All the files sent with one clone together: gRPC's default message size, so a request the agent accepts is one grpc-js can carry. */
export const MAX_TOTAL_CONTENT_BYTES = 4 * 1024 * 1024;
/**
 * One request on the wire: the files of a clone at their limit plus room for every
 * other field (names, patterns), so what the limits above promise always gets through.
 */
export const MAX_REQUEST_BYTES = MAX_TOTAL_CONTENT_BYTES + 1024 * 1024;
/** One first-boot hook. */
export const MAX_HOOK_BYTES = 64 * 1024;
