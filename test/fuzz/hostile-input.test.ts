import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import fc from 'fast-check';
import { connect, type AgentClients } from '../../ctl/client';
import { parseEndpoint } from '../../shared/endpoint';
import { createHost, type TestHost } from '../support/aixsim-host';
import { startAgentProcess, type AgentProcess } from '../support/processes';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);
/** The agent in this test holds at most this many hooks and bytes of hooks (its --max-hooks, --max-hooks-bytes). */
const MAX_HOOKS = 8;
const MAX_HOOKS_BYTES = 128 * 1024;
const HOOK_NAMES = Array.from({ length: 20 }, (_, i) => `fuzz-hook-${i}`);
const CANARY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-canary-'));
const CANARY = path.join(CANARY_DIR, 'pwned');

/** Strings an attacker would try: each would create CANARY if it ever reached a shell. */
const INJECTIONS = [
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  `; touch ${CANARY}`,
  `| touch ${CANARY}`,
  `&& touch ${CANARY}`,
  `\ntouch ${CANARY}`,
  `hdisk1; touch ${CANARY}`,
  `hdisk1$(touch ${CANARY})`,
  `-d hdisk1 -s ${CANARY}`,
  `${CANARY}`,
  `/tmp/x'; touch ${CANARY}; '`,
  '../../../../etc/passwd',
  '..',
  '/',
  '.',
  '\0',
  'hdisk1\0',
  'a\nb',
  '-rf',
  '--help',
  '%s%s%n',
  "' OR 1=1 --",
  '${IFS}',
  'hdisk1 hdisk2',
  '*',
  '~root',
  'rootvg',
  'altinst_rootvg',
  'old_rootvg',
  'hdisk0',
  'hdisk99',
  'x'.repeat(300),
];
const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 5_000, maxLength: 60_000 }) },
);
/** Numbers the contract says are uint32/uint64, and enums: negative, overflowing, unknown values. */
const number = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER),
  fc.nat({ max: 20 }),
);
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  hostile.map((s) => Buffer.from(`#!/bin/sh\n${s}\n`)),
  fc.constantFrom(Buffer.alloc(70 * 1024, 0x41), Buffer.alloc(2 * 1024 * 1024, 0x41)),
);
const fileSource = fc.option(fc.oneof(fc.record({ hostPath: hostile }), fc.record({ content: bytes })), {
  nil: undefined,
});
/** Real disk names sometimes, so the checks behind target_disks are reached too. */
const disk = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 1, arbitrary: fc.constantFrom('hdisk1', 'hdisk4', 'hdisk5') },
);
const spec = fc.record(
  {
    targetDisks: fc.array(disk, { maxLength: 4 }),
    imageData: fileSource,
    customizationScript: fileSource,
    bundle: fileSource,
    installpFlags: hostile,
    imagesLocation: hostile,
    fixBundle: fileSource,
    fixes: fc.array(hostile, { maxLength: 3 }),
    excludeList: fileSource,
    excludePatterns: fc.array(hostile, { maxLength: 3 }),
    filesets: fc.array(hostile, { maxLength: 3 }),
    remainNimClient: fc.boolean(),
    phases: number,
    console: hostile,
    firstBootScript: fileSource,
    resolvConf: fileSource,
    debug: fc.boolean(),
    noBootlist: fc.boolean(),
    deviceReset: fc.boolean(),
    verbose: fc.boolean(),
    skipBootabilityCheck: fc.boolean(),
    reboot: fc.boolean(),
    copyWparFilesystems: fc.boolean(),
    convertJfsToJfs2: fc.boolean(),
    skipSpaceCheck: fc.boolean(),
    backupErrorPolicy: number,
  },
  { requiredKeys: [] },
);

/**
 * A spec valid but for one hostile field, so the fuzzing reaches past the spec checks into
 * the preflight and the command line (fully random specs are nearly all refused early).
 */
const nearlyValidSpec = fc
  .tuple(
    fc.constantFrom(['hdisk1'], ['hdisk4'], ['hdisk1', 'hdisk4']),
    fc.oneof(
      hostile.map((v) => ({ installpFlags: v, imagesLocation: '/images', fixes: ['IJ12345'] })),
      hostile.map((v) => ({ imagesLocation: v, filesets: ['bos.rte'] })),
      hostile.map((v) => ({ console: v })),
      fc.array(hostile, { minLength: 1, maxLength: 3 }).map((v) => ({ excludePatterns: v })),
      hostile.map((v) => ({ customizationScript: { hostPath: v } })),
      hostile.map((v) => ({ firstBootScript: { content: Buffer.from(`#!/bin/sh\n${v}\n`) } })),
      fc.constant({}),
    ),
  )
  .map(([targetDisks, extra]) => ({ targetDisks, ...extra }));

type Call = { service: keyof AgentClients; method: string; request: unknown; stream?: boolean; raw?: boolean };
const rpc = (
  service: keyof AgentClients,
  method: string,
  request: fc.Arbitrary<unknown>,
  stream = false,
): fc.Arbitrary<Call> => request.map((r) => ({ service, method, request: r, stream }));

const RAW_METHODS = [
  '/altdisk.v1.BootService/SetBootList',
  '/altdisk.v1.CloneService/StartClone',
  '/altdisk.v1.FirstBootService/AddHook',
  '/altdisk.v1.DiskService/ListLogicalVolumes',
];

/** Every RPC of the contract, weighted so the ones without input do not dominate. */
const anyCall = fc.oneof(
  { weight: 1, arbitrary: rpc('host', 'getHost', fc.constant({})) },
  { weight: 1, arbitrary: rpc('disk', 'listDisks', fc.constant({})) },
  { weight: 1, arbitrary: rpc('disk', 'listVolumeGroups', fc.constant({})) },
  { weight: 4, arbitrary: rpc('disk', 'listLogicalVolumes', fc.record({ vg: hostile })) },
  { weight: 1, arbitrary: rpc('disk', 'listCloneTargets', fc.constant({})) },
  { weight: 3, arbitrary: rpc('boot', 'getBootList', fc.record({ mode: number })) },
  {
    weight: 8,
    arbitrary: rpc('boot', 'setBootList', fc.record({ mode: number, disks: fc.array(hostile, { maxLength: 7 }) })),
  },
  { weight: 6, arbitrary: rpc('boot', 'bosboot', fc.record({ disk: hostile })) },
  { weight: 1, arbitrary: rpc('boot', 'listBootEnvironments', fc.constant({})) },
  { weight: 1, arbitrary: rpc('boot', 'rollback', fc.constant({})) },
  { weight: 2, arbitrary: rpc('boot', 'reboot', fc.record({ confirm: fc.constant(false) })) },
  { weight: 8, arbitrary: rpc('clone', 'planClone', fc.record({ spec })) },
  { weight: 2, arbitrary: rpc('clone', 'planClone', fc.record({ spec: nearlyValidSpec })) },
  { weight: 8, arbitrary: rpc('clone', 'startClone', fc.record({ spec, requestId: hostile })) },
  { weight: 4, arbitrary: rpc('clone', 'watchJob', fc.record({ jobId: hostile, afterSequence: number }), true) },
  { weight: 4, arbitrary: rpc('clone', 'getJob', fc.record({ jobId: hostile })) },
  { weight: 2, arbitrary: rpc('clone', 'listJobs', fc.record({ limit: number })) },
  { weight: 4, arbitrary: rpc('clone', 'cancelJob', fc.record({ jobId: hostile })) },
  { weight: 4, arbitrary: rpc('clone', 'removeAltRootvg', fc.record({ vg: hostile })) },
  { weight: 4, arbitrary: rpc('clone', 'wakeAltRootvg', fc.record({ disk: hostile })) },
  { weight: 1, arbitrary: rpc('clone', 'sleepAltRootvg', fc.constant({})) },
  {
    weight: 8,
    arbitrary: rpc(
      'firstboot',
      'addHook',
      fc.record({
        name: hostile,
        content: bytes,
        order: number,
        timeoutSeconds: number,
        description: hostile,
        required: fc.boolean(),
        replace: fc.boolean(),
      }),
    ),
  },
  // Valid hooks of many names and sizes, so the registry's limits are reached and held.
  {
    weight: 3,
    arbitrary: rpc(
      'firstboot',
      'addHook',
      fc.record({
        name: fc.constantFrom(...HOOK_NAMES),
        content: fc.nat({ max: 60_000 }).map((n) => Buffer.from(`#!/bin/sh\n#${'x'.repeat(n)}\n`)),
        replace: fc.boolean(),
      }),
    ),
  },
  { weight: 1, arbitrary: rpc('firstboot', 'listHooks', fc.constant({})) },
  { weight: 4, arbitrary: rpc('firstboot', 'getHook', fc.record({ name: hostile })) },
  { weight: 4, arbitrary: rpc('firstboot', 'removeHook', fc.record({ name: hostile })) },
  { weight: 1, arbitrary: rpc('firstboot', 'getResults', fc.constant({})) },
  // Wrong types: bytes that are not a protobuf message of the method's type at all.
  {
    weight: 6,
    arbitrary: fc
      .record({ method: fc.constantFrom(...RAW_METHODS), request: fc.uint8Array({ minLength: 1, maxLength: 64 }) })
      .map((r) => ({ service: 'host' as const, method: r.method, request: Buffer.from(r.request), raw: true })),
  },
);

/** What a refusal may be. INTERNAL, UNKNOWN, UNAVAILABLE or DEADLINE_EXCEEDED would be a crash, a hang or a bug. */
const ACCEPTABLE = new Set([
  grpc.status.OK,
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.FAILED_PRECONDITION,
  grpc.status.ALREADY_EXISTS,
  grpc.status.RESOURCE_EXHAUSTED,
]);

function invoke(
  clients: AgentClients,
  c: Call,
): Promise<{ code: number; details: string; field: string; limit: string }> {
  const client = clients[c.service] as unknown as Record<string, (...args: unknown[]) => unknown>;
  const deadline = Date.now() + 15_000;
  return new Promise((resolve) => {
    const done = (err: grpc.ServiceError | null) =>
      resolve({
        code: err?.code ?? grpc.status.OK,
        details: err?.details ?? '',
        field: String(err?.metadata?.get('altdisk-field')[0] ?? ''),
        limit: String(err?.metadata?.get('altdisk-limit')[0] ?? ''),
      });
    let encoded: unknown;
    try {
      if (c.raw) {
        const channelClient = clients.host as unknown as grpc.Client;
        const identity = (b: Buffer) => b;
        channelClient.makeUnaryRequest(c.method, identity, identity, c.request as Buffer, { deadline }, (err) =>
          done(err),
        );
        return;
      }
      if (c.stream) {
        const stream = client[c.method]!.call(client, c.request, { deadline }) as grpc.ClientReadableStream<unknown>;
        stream.on('data', () => undefined);
        stream.on('error', (err: grpc.ServiceError) => done(err));
        stream.on('end', () => done(null));
        return;
      }
      encoded = client[c.method]!.call(client, c.request, { deadline }, (err: grpc.ServiceError | null) => done(err));
    } catch (err) {
      // protobufjs refused to encode the value on this side: nothing reached the agent
      resolve({ code: -1, details: (err as Error).message, field: '', limit: '' });
    }
    void encoded;
  });
}

let host: TestHost;
let agent: AgentProcess;
let clients: AgentClients;

before(async () => {
  host = await createHost();
  agent = await startAgentProcess({
    commandsDir: host.bin,
    extraArgs: ['--max-hooks', String(MAX_HOOKS), '--max-hooks-bytes', String(MAX_HOOKS_BYTES)],
  });
  clients = connect(parseEndpoint(agent.address));
});
after(async () => {
  clients?.close();
  await agent?.stop();
  host?.cleanup();
});

test(
  `${RUNS} hostile requests over real gRPC: no crash, no hang, fields named, nothing injected`,
  { timeout: 20 * 60_000 },
  async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(anyCall, async (c) => {
        const outcome = await invoke(clients, c);
        const key = `${c.service}.${c.method} ${outcome.code === -1 ? 'not encodable' : grpc.status[outcome.code]}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (outcome.code === -1) return; // the client library refused it; the agent never saw it
        assert.ok(
          ACCEPTABLE.has(outcome.code),
          `${c.service}.${c.method} answered ${grpc.status[outcome.code]}: ${outcome.details}`,
        );
        if (outcome.code === grpc.status.RESOURCE_EXHAUSTED) {
          // a cap of the agent's names itself; only grpc-js's own size check, before parsing, does not
          assert.ok(
            outcome.limit !== '' || /larger than max/.test(outcome.details),
            `${c.method}: RESOURCE_EXHAUSTED without a limit: ${outcome.details}`,
          );
        }
        if (outcome.code === grpc.status.INVALID_ARGUMENT) {
          assert.notEqual(outcome.field, '', `${c.method}: INVALID_ARGUMENT without a field: ${outcome.details}`);
          assert.ok(
            outcome.details.startsWith(`${outcome.field}: `),
            `${c.method}: the message names ${outcome.field}: ${outcome.details}`,
          );
        }
        assert.equal(fs.existsSync(CANARY), false, `${c.method} ran an injected command`);
      }),
      { numRuns: RUNS, seed: Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
    assert.equal(agent.child.exitCode, null, 'the agent is still running');
    // the run reached the deep code, and values the client could not even encode were rare
    const count = (re: RegExp) => [...seen].filter(([k]) => re.test(k)).reduce((n, [, v]) => n + v, 0);
    assert.ok(
      count(/^clone\.planClone (OK|FAILED_PRECONDITION)$/) > 0,
      `PlanClone got past the spec checks: ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    assert.ok(count(/ not encodable$/) < RUNS / 100, `fewer than 1% not encodable: ${count(/ not encodable$/)}`);
    const host1 = await invoke(clients, { service: 'host', method: 'getHost', request: {} });
    assert.equal(host1.code, grpc.status.OK, 'and still answers');
    // the limits held whatever was sent
    const hooksDir = path.join(agent.stateDir, 'hooks');
    const hooks = fs.readdirSync(hooksDir).filter((n) => !n.startsWith('.'));
    assert.ok(hooks.length <= MAX_HOOKS, `${hooks.length} hooks registered`);
    const hookBytes = hooks.reduce((sum, n) => sum + fs.statSync(path.join(hooksDir, n, 'script')).size, 0);
    assert.ok(hookBytes <= MAX_HOOKS_BYTES, `${hookBytes} bytes of hooks`);
    assert.ok(count(/^firstboot\.addHook RESOURCE_EXHAUSTED$/) > 0, 'the hook limits were reached');
    process.stdout.write(`# fuzz outcomes: ${JSON.stringify(Object.fromEntries([...seen].sort()))}\n`);
  },
);
