import { defineCommand } from '../command';
import { renderTable } from '../output/table';
import { UsageError } from '../errors';
import { yesNo } from './disks';
import { single } from '../number-options';

export const lvsCommand = defineCommand({
  command: 'lvs',
  describe: "List a volume group's logical volumes (rootvg by default): type, size, mount point, mounted",
  builder: (y) =>
    y.option('vg', {
      type: 'string',
      // `--vg` with no name must not quietly list rootvg
      requiresArg: true,
      coerce: (value: unknown) => {
        const vg = single('vg', value);
        if (vg !== undefined && vg.trim() === '') {
          throw new UsageError('--vg: give a volume group name, such as datavg (without --vg, rootvg)', {
            field: '--vg',
          });
        }
        return vg;
      },
      describe: 'Volume group to list (default rootvg)',
    }),
  rpc: { service: 'disk', method: 'listLogicalVolumes' },
  request: ({ args }) => ({ vg: args.vg ?? 'rootvg' }),
  render: (response, { out }) => {
    out.text(
      renderTable(
        ['NAME', 'TYPE', 'SIZE_MB', 'LPS', 'STATE', 'MOUNT_POINT', 'MOUNTED'],
        response.logicalVolumes.map((lv) => [
          lv.name,
          lv.type,
          lv.sizeMb,
          lv.lps,
          lv.state,
          lv.mountPoint || '-',
          lv.mountPoint ? yesNo(lv.mounted) : '-',
        ]),
      ),
    );
  },
});
