import { defineCommand } from '../command';
import { renderFields } from '../output/table';

export const hostCommand = defineCommand({
  command: 'host',
  describe: 'Show the agent and the host it runs on: level, boot disk, boot time',
  rpc: { service: 'host', method: 'getHost' },
  render: ({ host }, { out }) => {
    if (!host) return;
    out.text(
      renderFields([
        ['Host', host.hostname],
        ['Platform', host.platform === 'PLATFORM_AIX' ? 'AIX' : 'emulated (aixsim or another command directory)'],
        ['OS level', `${host.oslevel} (${host.osVersion}, ${host.kernelBits}-bit kernel)`],
        ['Boot disk', host.bootDisk],
        ['Booted at', host.bootTime || 'unknown'],
        [
          'alt_disk_install',
          host.altDiskInstallLevel
            ? `bos.alt_disk_install.rte ${host.altDiskInstallLevel}`
            : 'bos.alt_disk_install.rte is NOT installed',
        ],
        ['Agent', `altdiskd ${host.agentVersion} on Node.js ${host.runtimeVersion}, up since ${host.agentStartTime}`],
        ['Commands from', host.commandsDir || 'PATH'],
        ...host.agentProblems.map((p, i): [string, string] => [i === 0 ? 'Agent problems' : '', p]),
      ]),
    );
  },
});
