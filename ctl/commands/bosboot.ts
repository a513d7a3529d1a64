import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { UsageError } from '../errors';
import { defaultHost } from '../settings';
import { HOST_ENV } from '../target';

type Args = GlobalArgs & { args: string[] | undefined };

export const bosbootCommand: CommandModule<GlobalArgs, Args> = {
  command: 'bosboot [args..]',
  describe: `Write a new boot image to a disk of rootvg: altctl bosboot HOST DISK (or DISK alone with ${HOST_ENV} set)`,
  builder: (y) => y.positional('args', { type: 'string', array: true, describe: 'HOST DISK' }).example('$0 bosboot host1 hdisk0', '') as never,
  handler: (args) => {
    const [host, disk] = splitHostAndDisk((args.args ?? []).map(String));
    return withAgent(args, host, async ({ clients, out, timeout }) => {
      const response = await call(clients.boot, 'bosboot', { disk }, timeout);
      out.message('BosbootResponse', response);
      out.text(`${response.output.join('\n')}\nBoot image written to ${response.disk} (${response.bootImageBlocks} 512-byte blocks).\n`);
    });
  },
};

function splitHostAndDisk(positionals: string[]): [string | undefined, string] {
  if (positionals.length === 2) return [positionals[0], positionals[1] as string];
  if (positionals.length === 1 && defaultHost()) return [undefined, positionals[0] as string];
  throw new UsageError(`bosboot takes HOST DISK (or DISK alone when ${HOST_ENV} is set), e.g. altctl bosboot host1 hdisk0`, { field: 'DISK' });
}
