import { defineCommand } from '../command';
import { shortEnum } from '../output/enums';
import { renderTable } from '../output/table';

export const vgsCommand = defineCommand({
  command: 'vgs',
  describe: 'List the volume groups: role, disks, partition size and space',
  rpc: { service: 'disk', method: 'listVolumeGroups' },
  render: (response, { out }) => {
    out.text(
      renderTable(
        ['NAME', 'ROLE', 'STATE', 'DISKS', 'PP_MB', 'TOTAL_MB', 'FREE_MB', 'USED_MB', 'LVS'],
        response.volumeGroups.map((vg) =>
          vg.variedOn
            ? [
                vg.name,
                shortEnum('VgRole', vg.role),
                vg.concurrent ? `${vg.state} (concurrent ${vg.concurrent})` : vg.state,
                vg.disks.join(','),
                vg.ppSizeMb,
                vg.totalMb,
                vg.freeMb,
                vg.usedMb,
                vg.lvCount,
              ]
            : [vg.name, shortEnum('VgRole', vg.role), 'varied off', vg.disks.join(','), '-', '-', '-', '-', '-'],
        ),
      ),
    );
  },
});
