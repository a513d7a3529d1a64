import { defineCommand } from '../command';
import { renderTable } from '../output/table';
import { claimLabel } from '../output/disk-claim';
import { shortEnum } from '../output/enums';

export const disksCommand = defineCommand({
  command: 'disks',
  describe: 'List the physical volumes: PVID, volume group, state, size, bootability, and what else owns them',
  rpc: { service: 'disk', method: 'listDisks' },
  render: (response, { out }) => {
    out.text(
      renderTable(
        ['NAME', 'PVID', 'VG', 'STATE', 'SIZE_MB', 'BOOTABLE', 'BOOT_DISK', 'OWNER'],
        response.disks.map((d) => [
          d.name,
          d.pvid,
          d.vg,
          shortEnum('PvState', d.state),
          d.unreadable ? '?' : d.sizeMb,
          d.unreadable ? '?' : yesNo(d.bootCapable),
          d.isBootDisk ? 'yes' : '',
          d.unreadable ? 'unreadable' : claimLabel(d.claim),
        ]),
      ),
    );
    // What the short columns cannot hold: why a disk could not be read, what shows an owner.
    const notes = response.disks.flatMap((d) => [
      ...(d.unreadable ? [`${d.name}: unreadable: ${d.error}`] : []),
      ...(d.claim ? [`${d.name}: ${claimLabel(d.claim)}: ${d.claim.evidence}`] : []),
    ]);
    if (notes.length > 0) out.text(`\n${notes.join('\n')}\n`);
  },
});

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
