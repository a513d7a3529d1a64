import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { renderTable } from '../output/table';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined };

export const envsCommand: CommandModule<GlobalArgs, Args> = {
  command: 'envs [host]',
  describe: 'List the boot environments (rootvg, altinst_rootvg, old_rootvg): disks, level, which runs now (N) and which boots next (R)',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.boot, 'listBootEnvironments', {}, timeout);
      out.message('ListBootEnvironmentsResponse', response);
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
      out.text('\nACTIVE: N = running now, R = boots next (the first disk of the normal boot list with a boot record).\n');
    }),
};
