import type { CommandModule } from 'yargs';
import { call } from '../../client';
import { withAgent, type GlobalArgs } from '../../context';
import { renderHook } from '../../output/firstboot';
import { splitHost } from '../positionals';

type Args = GlobalArgs & { args: string[] | undefined };

export const showCommand: CommandModule<GlobalArgs, Args> = {
  command: 'show [args..]',
  describe: 'Show one hook and its content: altctl firstboot show HOST NAME',
  builder: (y) => y.positional('args', { type: 'string', array: true, describe: 'HOST NAME' }) as never,
  handler: (args) => {
    const { host, rest } = splitHost(args.args, ['NAME'], { example: 'altctl firstboot show host1 ntp' });
    return withAgent(args, host, async ({ clients, out, timeout }) => {
      const response = await call(clients.firstboot, 'getHook', { name: rest[0] as string }, timeout);
      out.message('GetHookResponse', response);
      out.text(renderHook(response));
    });
  },
};
