import type { FlagSet } from '../cli/getopt';
import { describeDevice, isUnreadable, lunOf } from '../state/devices';
import type { HostState } from '../state/model';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * odmget: objects of the ODM classes the agent reads. PdAt: the TCB_STATE object (alt_disk_copy manual note 10).
 * CuAt: each disk's `pvid`, and each SDD vpath's `active_hdisk` (one object per path). CuDv: each disk's device
 * object. `-q` takes `descriptor=value` (or `like`, with * and ? wildcards) joined by `and`.
 *
 * Backed by samples: the stanza layout (test/fixtures/aix/odmget.CuAt-unique_id.01.txt: a blank line, "Class:",
 * one tab-indented `name = value` per descriptor, strings quoted, numbers bare); PdAt's `deflt` values
 * "tcb_enabled" / "tcb_disabled" (an AIX installp script, see SOURCES.aixsim.md); the CuAt `pvid` object (IBM
 * support page 6569263: value = PVID and 16 zeros, type "R", generic "D", rep "s", nls_index 2); SDD's
 * `active_hdisk` values starting `hdiskN/` (a script cuts them at "/", SOURCES.md).
 * Inferred: the rest of each stanza (CuDv's descriptors are those of the class); a query matching nothing prints
 * nothing with status 0; the usage text.
 */
const USAGE = 'Usage: odmget [-q criteria] ObjectClass ...\n';

type OdmObject = Record<string, string | number>;

export const main = defineCommand({ optstring: 'q:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length === 0) {
    ctx.err.write(USAGE);
    return 1;
  }
  const criteria = flags.value('q');
  const match = criteria === undefined ? () => true : matcher(criteria);
  if (match === null) {
    ctx.err.write(`${ctx.name}: 0514-522 The specified search criteria is incorrectly formed.\n`);
    return 1;
  }
  let text = '';
  for (const cls of operands) {
    const objects = objectsOf(ctx.state(), cls);
    if (objects === null) {
      ctx.err.write(`${ctx.name}: aixsim: the ${cls} object class is not emulated (PdAt, CuAt and CuDv are)\n`);
      return 1;
    }
    for (const o of objects.filter(match)) text += stanza(cls, o);
  }
  ctx.out.write(text);
  return 0;
}

function objectsOf(state: HostState, cls: string): OdmObject[] | null {
  switch (cls) {
    case 'PdAt':
      return [
        {
          uniquetype: '',
          attribute: 'TCB_STATE',
          deflt: state.tcb === true ? 'tcb_enabled' : 'tcb_disabled',
          values: '',
          width: '',
          type: 'R',
          generic: '',
          rep: 's',
          nls_index: 0,
        },
      ];
    case 'CuAt':
      return state.disks.flatMap((d): OdmObject[] => {
        const objects: OdmObject[] = [];
        if (d.pvid !== null)
          objects.push({
            name: d.name,
            attribute: 'pvid',
            value: `${d.pvid}0000000000000000`,
            type: 'R',
            generic: 'D',
            rep: 's',
            nls_index: 2,
          });
        if (d.multipath?.driver === 'sdd' && d.multipath.role === 'pseudo') {
          const paths = state.disks.filter((p) => p.multipath?.role === 'path' && p.multipath.pseudo === d.name);
          paths.forEach((p, i) =>
            objects.push({
              name: d.name,
              attribute: 'active_hdisk',
              value: `${p.name}/${(lunOf(state, d).pvid ?? '').slice(8).toUpperCase()}/fscsi${i % 2}`,
              type: 'R',
              generic: '',
              rep: 'sl',
              nls_index: 0,
            }),
          );
        }
        return objects;
      });
    case 'CuDv':
      return state.disks.map((d) => ({
        name: d.name,
        status: isUnreadable(state, d.name) ? 0 : 1,
        chgstatus: 2,
        ddins: d.multipath?.role === 'pseudo' ? d.multipath.driver : 'scsidisk',
        location: describeDevice(d).location,
        parent: d.multipath?.role === 'pseudo' ? d.multipath.driver : d.paths > 1 ? 'fscsi0' : 'vscsi0',
        connwhere: '',
        PdDvLn: d.multipath?.role === 'pseudo' ? `disk/${d.multipath.driver}/pseudo` : 'disk/vscsi/vdisk',
      }));
    default:
      return null;
  }
}

function stanza(cls: string, o: OdmObject): string {
  const lines = Object.entries(o).map(
    ([k, v]) => `\t${k} = ${typeof v === 'number' ? String(v) : `"${v.replace(/(["\\])/g, '\\$1')}"`}\n`,
  );
  return `\n${cls}:\n${lines.join('')}`;
}

/** `name=hdisk1 and attribute=pvid`, `attribute like active_*`: null when the criteria cannot be read. */
function matcher(criteria: string): ((o: OdmObject) => boolean) | null {
  const terms = criteria
    .trim()
    .split(/\s+and\s+/i)
    .map((term) => /^([A-Za-z_]\w*)\s*(=|\s+like\s+)\s*'?([^']*?)'?$/i.exec(term.trim()));
  if (terms.some((t) => t === null)) return null;
  return (o) =>
    terms.every((t) => {
      const [, field, op, value] = t as RegExpExecArray;
      const actual = o[field as string];
      if (actual === undefined) return false;
      if ((op as string).trim().toLowerCase() !== 'like') return String(actual) === value;
      const re = new RegExp(
        `^${(value as string)
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      return re.test(String(actual));
    });
}
