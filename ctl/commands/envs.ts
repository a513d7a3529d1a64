import { defineCommand } from '../command';
import { renderTable } from '../output/table';

export const envsCommand = defineCommand({
  command: 'envs',
  describe:
    'List the boot environments (rootvg, altinst_rootvg, old_rootvg): disks, level, which runs now (N) and which boots next (R)',
  rpc: { service: 'boot', method: 'listBootEnvironments' },
  render: (response, { out }) => {
    out.text(
      renderTable(
        ['ENVIRONMENT', 'ACTIVE', 'DISKS', 'OSLEVEL', 'BOOT_RECORD', 'HOOKS'],
        response.environments.map((env) => [
          env.name,
          `${env.booted ? 'N' : ''}${env.nextBoot ? 'R' : ''}` || '-',
          env.disks.join(','),
          env.oslevel || '-',
          env.bootable ? 'yes' : 'no',
          env.hooks || '-',
        ]),
      ),
    );
    if (!response.environments.some((e) => e.nextBoot)) {
      out.text(
        response.nextBootDisk
          ? `\nThe disk that boots next, ${response.nextBootDisk}, holds none of these environments.\n`
          : '\nNothing boots next: no disk of the normal boot list has a boot record (see altctl bootlist).\n',
      );
    }
    out.text(
      '\nACTIVE: N = running now, R = boots next (the first disk of the normal boot list with a boot record).\n',
    );
  },
});
