import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { renderTable } from '../output/table';
import { yesNo } from './disks';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined; vg: string };

export const lvsCommand: CommandModule<GlobalArgs, Args> = {
  command: 'lvs [host]',
  describe: "List a volume group's logical volumes (rootvg by default): type, size, mount point, mounted",
  builder: (y) => withHost(y).option('vg', { type: 'string', default: 'rootvg', describe: 'Volume group to list' }),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.disk, 'listLogicalVolumes', { vg: args.vg }, timeout);
      out.message('ListLogicalVolumesResponse', response);
      out.text(
        renderTable(
          ['NAME', 'TYPE', 'SIZE_MB', 'LPS', 'STATE', 'MOUNT_POINT', 'MOUNTED'],
          response.logicalVolumes.map((lv) => [lv.name, lv.type, lv.sizeMb, lv.lps, lv.state, lv.mountPoint || '-', lv.mountPoint ? yesNo(lv.mounted) : '-']),
        ),
      );
    }),
};
