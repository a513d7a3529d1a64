import type { CommandModule } from 'yargs';
import { call } from '../../client';
import { withAgent, type GlobalArgs } from '../../context';
import { splitHost } from '../positionals';

type Args = GlobalArgs & { args: string[] | undefined };

export const rmCommand: CommandModule<GlobalArgs, Args> = {
  command: 'rm [args..]',
  describe: 'Unregister a hook (a clone already made keeps it): altctl firstboot rm HOST NAME',
  builder: (y) => y.positional('args', { type: 'string', array: true, describe: 'HOST NAME' }) as never,
  handler: (args) => {
    const { host, rest } = splitHost(args.args, ['NAME'], { example: 'altctl firstboot rm host1 ntp' });
    const name = rest[0] as string;
    return withAgent(args, host, async ({ clients, out, timeout }) => {
      const response = await call(clients.firstboot, 'removeHook', { name }, timeout);
      out.message('RemoveHookResponse', response);
      out.text(`hook ${name} removed\n`);
    });
  },
};
