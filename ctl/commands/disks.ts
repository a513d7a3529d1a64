import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { renderTable } from '../output/table';
import { shortEnum } from '../output/enums';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined };

export const disksCommand: CommandModule<GlobalArgs, Args> = {
  command: 'disks [host]',
  describe: 'List the physical volumes: PVID, volume group, state, size, bootability',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.disk, 'listDisks', {}, timeout);
      out.message('ListDisksResponse', response);
      out.text(
        renderTable(
          ['NAME', 'PVID', 'VG', 'STATE', 'SIZE_MB', 'BOOTABLE', 'BOOT_DISK'],
          response.disks.map((d) => [d.name, d.pvid, d.vg, shortEnum('PvState', d.state), d.sizeMb, yesNo(d.bootCapable), d.isBootDisk ? 'yes' : '']),
        ),
      );
    }),
};

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
