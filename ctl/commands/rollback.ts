import { defineCommand } from '../command';
import { renderTable } from '../output/table';
import { fillHost } from '../output/host-placeholder';

export const rollbackCommand = defineCommand({
  command: 'rollback',
  describe:
    'Make the previous boot environment boot next (old_rootvg, or rootvg when a clone was set to boot next); does not reboot',
  rpc: { service: 'boot', method: 'rollback' },
  render: (response, { out }) => {
    out.text(
      response.changed
        ? `${response.environment} (${response.disk}) boots next now.\n`
        : `${response.environment} (${response.disk}) already boots next; nothing changed.\n`,
    );
    out.text(
      `\n${renderTable(
        ['ORDER', 'DEVICE', 'ATTRIBUTES'],
        response.normal.map((d, i) => [
          String(i + 1),
          d.device,
          Object.entries(d.attributes)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        ]),
      )}`,
    );
    if (response.nextStep) out.text(`\nNext: ${fillHost(response.nextStep)}\n`);
  },
});
