import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { renderTable } from '../output/table';
import { UsageError } from '../errors';
import { yesNo } from './disks';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined; vg: string | undefined };

export const lvsCommand: CommandModule<GlobalArgs, Args> = {
  command: 'lvs [host]',
  describe: "List a volume group's logical volumes (rootvg by default): type, size, mount point, mounted",
  builder: (y) =>
    withHost(y).option('vg', {
      type: 'string',
      // `--vg` with no name must not quietly list rootvg
      requiresArg: true,
      coerce: (value: unknown) => {
        if (Array.isArray(value)) throw new UsageError(`--vg was given ${value.length} times; give it once`, { field: '--vg' });
        if (value !== undefined && String(value).trim() === '') throw new UsageError('--vg: give a volume group name, such as datavg (without --vg, rootvg)', { field: '--vg' });
        return value === undefined ? undefined : String(value);
      },
      describe: 'Volume group to list (default rootvg)',
    }),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.disk, 'listLogicalVolumes', { vg: args.vg ?? 'rootvg' }, timeout);
      out.message('ListLogicalVolumesResponse', response);
      out.text(
        renderTable(
          ['NAME', 'TYPE', 'SIZE_MB', 'LPS', 'STATE', 'MOUNT_POINT', 'MOUNTED'],
          response.logicalVolumes.map((lv) => [lv.name, lv.type, lv.sizeMb, lv.lps, lv.state, lv.mountPoint || '-', lv.mountPoint ? yesNo(lv.mounted) : '-']),
        ),
      );
    }),
};
