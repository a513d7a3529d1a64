import { defineCommand } from '../command';
import { HOST_ENV } from '../host';

export const bosbootCommand = defineCommand({
  command: 'bosboot',
  describe: `Write a new boot image to a disk of rootvg: altctl bosboot HOST DISK (or DISK alone with ${HOST_ENV} set)`,
  positionals: {
    names: ['DISK'],
    describe: 'HOST DISK',
    example: 'altctl bosboot host1 hdisk0',
    usage: `bosboot takes HOST DISK (or DISK alone when ${HOST_ENV} is set), e.g. altctl bosboot host1 hdisk0`,
  },
  builder: (y) => y.example('$0 bosboot host1 hdisk0', ''),
  rpc: { service: 'boot', method: 'bosboot' },
  request: ({ words }) => ({ disk: words.DISK }),
  render: (response, { out }) => {
    out.text(
      `${response.output.join('\n')}\nBoot image written to ${response.disk} (${response.bootImageBlocks} 512-byte blocks).\n`,
    );
  },
});
