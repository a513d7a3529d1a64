import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { shortEnum } from '../output/enums';
import { renderTable } from '../output/table';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined };

export const vgsCommand: CommandModule<GlobalArgs, Args> = {
  command: 'vgs [host]',
  describe: 'List the volume groups: role, disks, partition size and space',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.disk, 'listVolumeGroups', {}, timeout);
      out.message('ListVolumeGroupsResponse', response);
      out.text(
        renderTable(
          ['NAME', 'ROLE', 'STATE', 'DISKS', 'PP_MB', 'TOTAL_MB', 'FREE_MB', 'USED_MB', 'LVS'],
          response.volumeGroups.map((vg) =>
            vg.variedOn
              ? [vg.name, shortEnum('VgRole', vg.role), vg.concurrent ? `${vg.state} (concurrent ${vg.concurrent})` : vg.state, vg.disks.join(','), vg.ppSizeMb, vg.totalMb, vg.freeMb, vg.usedMb, vg.lvCount]
              : [vg.name, shortEnum('VgRole', vg.role), 'varied off', vg.disks.join(','), '-', '-', '-', '-', '-'],
          ),
        ),
      );
    }),
};
