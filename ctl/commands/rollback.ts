import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { renderTable } from '../output/table';
import { withHost } from './host-positional';
import { fillHost } from '../output/host-placeholder';

type Args = GlobalArgs & { host: string | undefined };

export const rollbackCommand: CommandModule<GlobalArgs, Args> = {
  command: 'rollback [host]',
  describe: 'Make the previous boot environment boot next (old_rootvg, or rootvg when a clone was set to boot next); does not reboot',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.boot, 'rollback', {}, timeout);
      out.message('RollbackResponse', response);
      out.text(
        response.changed
          ? `${response.environment} (${response.disk}) boots next now.\n`
          : `${response.environment} (${response.disk}) already boots next; nothing changed.\n`,
      );
      out.text(`\n${renderTable(['ORDER', 'DEVICE', 'ATTRIBUTES'], response.normal.map((d, i) => [String(i + 1), d.device, Object.entries(d.attributes).map(([k, v]) => `${k}=${v}`).join(' ')]))}`);
      if (response.nextStep) out.text(`\nNext: ${fillHost(response.nextStep)}\n`);
    }),
};
