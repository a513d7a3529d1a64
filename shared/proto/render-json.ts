import type * as protobuf from 'protobufjs';

/**
 * Renders a received message as altctl's stable JSON: the proto3 JSON field names
 * (camelCase), every field present, and enum values shortened to lower case without
 * their type prefix (PV_STATE_ACTIVE -> "active", JOB_STATE_SUCCEEDED -> "succeeded").
 * Scripts read these documents, so the shape follows the contract, not the code.
 */
export function renderMessage(type: protobuf.Type, value: unknown): Record<string, unknown> {
  const source = (value ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const name = field.name; // protobufjs camelCases names when loaded with keepCase: false
    const raw = source[name];
    field.resolve();
    if (field.map) {
      const entries = Object.entries((raw ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        renderValue(field, v),
      ]);
      out[name] = Object.fromEntries(entries);
    } else if (field.repeated) {
      out[name] = ((raw ?? []) as unknown[]).map((v) => renderValue(field, v));
    } else {
      out[name] = renderValue(field, raw);
    }
  }
  return out;
}

function renderValue(field: protobuf.Field, value: unknown): unknown {
  const resolved = field.resolvedType;
  if (resolved && 'fieldsArray' in resolved) {
    return value === null || value === undefined ? null : renderMessage(resolved as protobuf.Type, value);
  }
  if (resolved && 'values' in resolved) {
    return shortEnumName(resolved as protobuf.Enum, value);
  }
  // proto3's JSON mapping spells bytes as base64
  if (field.type === 'bytes' && value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value ?? null;
}

/** PV_STATE_ACTIVE of enum PvState -> "active"; unknown numbers stay numbers. */
export function shortEnumName(enumType: protobuf.Enum, value: unknown): string | number | null {
  let name: string | undefined;
  if (typeof value === 'string') name = value;
  else if (typeof value === 'number') name = enumType.valuesById[value];
  if (name === undefined) return typeof value === 'number' ? value : null;
  const prefix = `${upperSnake(enumType.name)}_`;
  const short = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return short.toLowerCase();
}

/** The reverse of shortEnumName: "normal" -> BOOT_MODE_NORMAL for enum BootMode. */
export function longEnumName(enumType: protobuf.Enum, short: string): string | undefined {
  const name = `${upperSnake(enumType.name)}_${short.toUpperCase()}`;
  return Object.prototype.hasOwnProperty.call(enumType.values, name) ? name : undefined;
}

function upperSnake(typeName: string): string {
  return typeName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
