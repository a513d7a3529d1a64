import type { Client, ClientUnaryCall, requestCallback } from '@grpc/grpc-js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  call,
  responseTypeName,
  type AgentClients,
  type RequestOf,
  type ResponseOf,
  type ServiceName,
  type UnaryName,
} from './client';
import { reportError, runWithAgent, toCliError, type CommandContext, type GlobalArgs } from './context';
import { EXIT, type ExitCode } from './exit-codes';
import { splitHost, withHost } from './host';
import { subcommandList } from './commands/subcommands';

/**
 * The one way altctl declares a command (after wrangler's createCommand): its word, its
 * help, HOST and the words after it, its own options, and either the gRPC call it makes
 * with how to show the answer, or a run of its own. The frame every command shares is
 * here: HOST parsed and resolved, the agent connected, `--json` rendered as the method's
 * response message, errors reported, and the exit status the run returns set once.
 */

/** What a run returns: its exit status; nothing means EXIT.OK. */
export type ExitStatus = ExitCode | void;

/** The words after HOST (`altctl job HOST JOB`), declared once: help, parsing and usage errors follow. */
export interface Positionals<N extends string, L extends string> {
  /** The words after HOST, one each: ['JOB'], ['NAME', 'FILE']. */
  readonly names?: readonly N[];
  /** A last word that repeats (DISK...): its value is a list. */
  readonly list?: L;
  /** The list is of disks: a first word that is a disk name starts it, on the default host. */
  readonly disks?: boolean;
  /** What --help says of them, HOST first: 'HOST JOB'. */
  readonly describe: string;
  /** A whole command line, for usage errors: 'altctl job host1 20261123-101500-clone-3f2a9c'. */
  readonly example: string;
  /** One refusal for any wrong count instead of the usual ones (bosboot's, which scripts know). */
  readonly usage?: string;
}

/** The words after HOST by name: a string each, a list for the repeating one. */
export type Words<N extends string, L extends string> = { readonly [K in N]: string } & { readonly [K in L]: string[] };

/** One command's run: the agent (CommandContext), its options and its words. */
export interface RunContext<A, W> extends CommandContext {
  readonly args: ArgumentsCamelCase<A>;
  readonly words: W;
  /** Calls a unary method with --timeout; `type` names its response message for --json. */
  query<S extends ServiceName, M extends UnaryName<AgentClients[S]>>(
    service: S,
    method: M,
    request: RequestOf<AgentClients[S][M]>,
  ): Promise<{ response: ResponseOf<AgentClients[S][M]>; type: string }>;
}

/** What every agent command declares. */
interface AgentSpec<A, N extends string, L extends string> {
  /** The command's word; the usage line adds `[host]`, or `[args..]` with positionals. */
  readonly command: string;
  readonly describe: string;
  /** Without them the command takes HOST alone (optional, for the default host). */
  readonly positionals?: Positionals<N, L>;
  /** The command's own options, examples and epilogue, after HOST's positional. */
  readonly builder?: (y: Argv<GlobalArgs>) => Argv<A>;
}

/** A command that makes one call and shows its answer: --json prints the response as its message. */
export interface QuerySpec<
  A,
  N extends string,
  L extends string,
  S extends ServiceName,
  M extends UnaryName<AgentClients[S]>,
> extends AgentSpec<A, N, L> {
  readonly rpc: { readonly service: S; readonly method: M };
  /** The request (by default empty); may refuse the command line with a UsageError. */
  readonly request?: (ctx: RunContext<A, Words<N, L>>) => RequestOf<AgentClients[S][M]>;
  /** render prints the --json document itself (to follow a job first): `responseType` names it. */
  readonly ownJson?: boolean;
  readonly render: (
    response: ResponseOf<AgentClients[S][M]>,
    ctx: RunContext<A, Words<N, L>> & { readonly responseType: string },
  ) => ExitStatus | Promise<ExitStatus>;
}

/** A command that does more than one call and a rendering (clone, watch, cancel ...). */
export interface RunSpec<A, N extends string, L extends string> extends AgentSpec<A, N, L> {
  readonly run: (ctx: RunContext<A, Words<N, L>>) => Promise<ExitStatus>;
}

/** A command that needs no agent (certs init): the yargs command as is, and a run. */
export interface LocalSpec<A> {
  /** The whole yargs command: `init <dir>`. */
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv<GlobalArgs>) => Argv<A>;
  readonly run: (ctx: { readonly args: ArgumentsCamelCase<A> }) => Promise<ExitStatus>;
}

export function defineCommand<
  A = GlobalArgs,
  N extends string = never,
  L extends string = never,
  S extends ServiceName = never,
  M extends UnaryName<AgentClients[S]> = never,
>(spec: QuerySpec<A, N, L, S, M>): CommandModule;
export function defineCommand<A = GlobalArgs, N extends string = never, L extends string = never>(
  spec: RunSpec<A, N, L>,
): CommandModule;
export function defineCommand(declared: object): CommandModule {
  // each overload checked its spec's types against each other; here they are one shape
  const spec = declared as AnySpec;
  const positionals = spec.positionals;
  return {
    command: `${spec.command} ${positionals ? '[args..]' : '[host]'}`,
    describe: spec.describe,
    builder: (y) => {
      const withWords = positionals
        ? asGlobal(y.positional('args', { type: 'string', array: true, describe: positionals.describe }))
        : asGlobal(withHost(y));
      return spec.builder ? spec.builder(withWords) : withWords;
    },
    handler: (parsed) => {
      const args = parsed as ArgumentsCamelCase<Parsed>;
      // a usage error here reaches main's report, as one yargs found
      const { host, words } = hostAndWords(positionals, args);
      return runWithAgent(args, host, (ctx) => {
        const query: RunContext<Parsed, AnyWords>['query'] = async (service, method, request) => {
          const client = ctx.clients[service];
          return { response: await call(client, method, request, ctx.timeout), type: responseTypeName(client, method) };
        };
        const run = { ...ctx, args, words, query };
        return 'run' in spec ? spec.run(run) : queryAndRender(spec, run);
      }).then(setExitStatus);
    },
  };
}

/** A command that needs no agent (certs init): the same report of errors and setting of the exit status. */
export function defineLocalCommand<A>(spec: LocalSpec<A>): CommandModule {
  return {
    command: spec.command,
    describe: spec.describe,
    builder: (y) => spec.builder(asGlobal(y)),
    handler: (parsed) =>
      spec.run({ args: parsed as ArgumentsCamelCase<A> }).then(
        (status) => setExitStatus(status),
        (err: unknown) => setExitStatus(reportError(toCliError(err, '', 0), Boolean(parsed['json']))),
      ),
  };
}

/** A command with subcommands (firstboot, certs): its describe lists them, as does the command alone. */
export function defineGroup(spec: {
  readonly command: string;
  readonly describe: string;
  readonly subcommands: readonly CommandModule[];
}): CommandModule {
  const words = spec.subcommands.map((c) => commandWord(c));
  return {
    command: spec.command,
    describe: `${spec.describe} (${words.join(', ')})`,
    builder: (y) =>
      spec.subcommands
        .reduce((parser, c) => parser.command(c), y)
        .demandCommand(1, subcommandList(spec.command, spec.subcommands)),
    handler: () => undefined,
  };
}

/** The command's word: `add` of `add [args..]`. */
export function commandWord(c: CommandModule): string {
  return String(c.command).split(' ')[0] ?? '';
}

type Parsed = GlobalArgs & Record<string, unknown>;
type AnyWords = Record<string, string | string[]>;
type AnyContext = RunContext<Parsed, AnyWords>;
/** The specs as the implementation sees them; the overloads above keep each one's types together. */
interface AnyQuerySpec extends AgentSpec<Parsed, string, string> {
  readonly rpc: { readonly service: ServiceName; readonly method: string };
  readonly request?: (ctx: AnyContext) => unknown;
  readonly ownJson?: boolean;
  readonly render: (
    response: unknown,
    ctx: AnyContext & { readonly responseType: string },
  ) => ExitStatus | Promise<ExitStatus>;
}
interface AnyRunSpec extends AgentSpec<Parsed, string, string> {
  readonly run: (ctx: AnyContext) => Promise<ExitStatus>;
}
type AnySpec = AnyQuerySpec | AnyRunSpec;

/** main.ts declares the global options on the parser every command is built on. */
function asGlobal<T>(y: Argv<T>): Argv<GlobalArgs> {
  return y as unknown as Argv<GlobalArgs>;
}

async function queryAndRender(spec: AnyQuerySpec, ctx: AnyContext): Promise<ExitStatus> {
  const request = spec.request ? spec.request(ctx) : {};
  const { response, type } = await queryUntyped(ctx, spec.rpc.service, spec.rpc.method, request);
  if (!spec.ownJson) ctx.out.message(type, response);
  return spec.render(response, { ...ctx, responseType: type });
}

/** A service client seen as its unary methods by name, for the untyped path below. */
type AnyClient = Client & {
  [method: string]: (request: unknown, callback: requestCallback<unknown>) => ClientUnaryCall;
};

/** RunContext.query without its types, which the overloads of defineCommand have checked. */
async function queryUntyped(
  ctx: CommandContext,
  service: ServiceName,
  method: string,
  request: unknown,
): Promise<{ response: unknown; type: string }> {
  const client = ctx.clients[service] as unknown as AnyClient;
  return { response: await call(client, method, request, ctx.timeout), type: responseTypeName(client, method) };
}

function hostAndWords(
  positionals: Positionals<string, string> | undefined,
  args: Parsed,
): { host: string | undefined; words: AnyWords } {
  if (!positionals) return { host: args['host'] as string | undefined, words: {} };
  const { names = [], list } = positionals;
  const all = list === undefined ? [...names] : [...names, list];
  const { host, rest } = splitHost(args['args'] as unknown[] | undefined, all, {
    variadic: list !== undefined,
    disks: positionals.disks ?? false,
    example: positionals.example,
    ...(positionals.usage === undefined ? {} : { usage: positionals.usage }),
  });
  // splitHost checked the count: every name has its word
  const words = all.map((name, i) => [name, name === list ? rest.slice(i) : (rest[i] as string)] as const);
  return { host, words: Object.fromEntries(words) };
}

/** The one place a command's exit status is set. */
function setExitStatus(status: ExitStatus): void {
  process.exitCode = status ?? EXIT.OK;
}
