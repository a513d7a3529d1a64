import { defineCommand } from '../command';
import { renderTable } from '../output/table';

export const targetsCommand = defineCommand({
  command: 'targets',
  describe: 'Rank the disks rootvg could be cloned to, and say why the others cannot take it',
  rpc: { service: 'disk', method: 'listCloneTargets' },
  render: (response, { out }) => {
    const mirrors =
      response.rootvgCopies > 1
        ? `; rootvg itself is mirrored, ${response.rootvgCopies} copies in ${response.rootvgUsedMb} MB`
        : '';
    out.text(
      `A clone of rootvg needs ${response.requiredMb} MB (one copy of each logical volume${mirrors}): a clone target needs at least that much.\n\n`,
    );
    out.text(
      renderTable(
        ['RANK', 'DISK', 'SIZE_MB', 'VG', 'WHY'],
        response.targets.map((t) => [
          t.eligible ? String(t.rank) : '-',
          t.disk?.name ?? '',
          t.disk?.unreadable ? '?' : (t.disk?.sizeMb ?? 0),
          t.disk?.vg ?? '',
          [...t.reasons, ...t.warnings.map((w) => `warning: ${w}`)].join('; '),
        ]),
      ),
    );
  },
});
