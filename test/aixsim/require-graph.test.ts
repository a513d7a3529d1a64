import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { COMMAND_NAMES, commandModulePath } from '../../aixsim/commands/registry';

/**
 * The compiled aixsim must have no require cycle, lazy ones included: a cycle makes a
 * module see another one half-loaded, and ties the light per-command processes to the
 * heavy init and reboot code. Every literal require('./...') of dist/aixsim counts, and
 * the dispatcher's one path-based require (commandModulePath) counts as an edge to
 * every command module.
 */
const distAixsim = path.resolve(__dirname, '..', '..', 'aixsim');
const dispatcher = path.join(distAixsim, 'dispatch.js');

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return jsFiles(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

/** The aixsim modules a compiled file requires by a literal relative path. */
function requiresOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/\brequire\(\s*(['"])(\.\.?\/[^'"]*)\1\s*\)/g)) {
    const target = require.resolve(path.resolve(path.dirname(file), m[2] as string));
    if (target.startsWith(distAixsim + path.sep)) found.push(target);
  }
  if (file === dispatcher) {
    for (const name of COMMAND_NAMES) found.push(require.resolve(commandModulePath(name)));
  }
  return found;
}

/** The first cycle found, as the list of files around it, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (node: string): string[] | null => {
    if (onStack.has(node)) return [...stack.slice(stack.indexOf(node)), node];
    if (done.has(node)) return null;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('aixsim require graph', () => {
  test('sees the edges it is meant to see', () => {
    const edges = requiresOf(path.join(distAixsim, 'commands', 'shutdown.js'));
    assert.ok(edges.includes(path.join(distAixsim, 'ops', 'reboot.js')), 'the lazy require of ops/reboot');
    assert.ok(requiresOf(dispatcher).includes(path.join(distAixsim, 'commands', 'alt_disk_copy', 'index.js')));
  });

  test('has no cycle, counting lazy requires', () => {
    const graph = new Map(jsFiles(distAixsim).map((f) => [f, requiresOf(f)] as const));
    const cycle = findCycle(graph);
    assert.equal(cycle && cycle.map((f) => path.relative(distAixsim, f)).join(' -> '), null);
  });
});
