import type { BootDevice__Output } from '../../shared/generated/altdisk/v1/BootDevice';
import type { BootMode } from '../../shared/generated/altdisk/v1/BootMode';
import type { GetBootListResponse__Output } from '../../shared/generated/altdisk/v1/GetBootListResponse';
import type { OtherDevices } from '../../shared/generated/altdisk/v1/OtherDevices';
import { defineCommand } from '../command';
import { renderTable } from '../output/table';

type Mode = 'normal' | 'service' | 'both';
type Others = 'keep' | 'drop';

const MODE_ENUM: Record<Mode, BootMode> = {
  normal: 'BOOT_MODE_NORMAL',
  service: 'BOOT_MODE_SERVICE',
  both: 'BOOT_MODE_BOTH',
};
const OTHERS_ENUM: Record<Others, OtherDevices> = { keep: 'OTHER_DEVICES_KEEP', drop: 'OTHER_DEVICES_DROP' };

export const bootlistCommand = defineCommand({
  command: 'bootlist',
  describe: 'Show the boot lists, or set the disks of one with --set DISK... (in boot order)',
  builder: (y) =>
    y
      .option('mode', {
        choices: ['normal', 'service', 'both'] as const,
        describe: 'Which list: normal, service or both (default: both to show, normal to set)',
      })
      .option('set', { type: 'array', string: true, describe: "Replace the list's disks with these, in boot order" })
      .option('other-devices', {
        choices: ['keep', 'drop'] as const,
        default: 'keep' as Others,
        describe:
          'With --set: keep the devices that are not disks (cd0, fd0, rmt0, ent0 ...) where they stand, before or after the disks, or drop them',
      })
      .example('$0 bootlist host1', 'show both lists')
      .example(
        '$0 bootlist host1 --set hdisk1 hdisk0',
        'boot hdisk1 next, hdisk0 if that fails; a cd0 or ent0 in the list stays',
      )
      .example('$0 bootlist host1 --set hdisk1 --other-devices drop', 'the list holds hdisk1 only'),
  run: async ({ args, out, query }) => {
    if (args.set !== undefined) {
      const mode = args.mode ?? 'normal';
      const request = {
        mode: MODE_ENUM[mode],
        disks: args.set.map(String),
        otherDevices: OTHERS_ENUM[args['other-devices']],
      };
      const { response, type } = await query('boot', 'setBootList', request);
      out.message(type, response, (doc) => ({ ...doc, bootlist: pickModes(doc['bootlist'], mode) }));
      out.text(
        response.changed
          ? `${mode} boot list set.\n`
          : `${mode} boot list already was as asked (${args.set.join(' ')}); nothing changed.\n`,
      );
      if (response.bootlist) out.text(renderLists(response.bootlist, mode));
      return;
    }
    const mode = args.mode ?? 'both';
    const { response, type } = await query('boot', 'getBootList', { mode: MODE_ENUM[mode] });
    out.message(type, response, (doc) => pickModes(doc, mode) as Record<string, unknown>);
    out.text(renderLists(response, mode));
  },
});

/** JSON shows only the lists that were asked for, so an unasked list never reads as empty. */
function pickModes(doc: unknown, mode: Mode): unknown {
  const lists = doc as Record<string, unknown>;
  return mode === 'both' ? lists : { [mode]: lists[mode] };
}

function renderLists(lists: GetBootListResponse__Output, mode: Mode): string {
  const modes: ('normal' | 'service')[] = mode === 'both' ? ['normal', 'service'] : [mode];
  const rows = modes.flatMap((m) => {
    const devices: BootDevice__Output[] = lists[m];
    if (devices.length === 0) return [[m, '-', '(empty)', '']];
    return devices.map((d, i) => [
      m,
      String(i + 1),
      d.device,
      Object.entries(d.attributes)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ]);
  });
  return renderTable(['MODE', 'ORDER', 'DEVICE', 'ATTRIBUTES'], rows);
}
