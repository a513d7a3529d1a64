import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestHost } from '../support/aixsim-host';
import { fastHost } from './clone-helpers';
import { lines, run } from './helpers';

/**
 * alt_rootvg_op -W on the previous rootvg: IBM documents that the woken volume group "is
 * renamed altinst_rootvg"; nothing documented renames it back at -S (inferred: it keeps
 * the name), and -v gives it its name again.
 */
describe('alt_rootvg_op on old_rootvg', () => {
  let host: TestHost;
  const vgOf = (disk: string) =>
    lines(run(host.bin, 'lspv').stdout)
      .find((l) => l.startsWith(`${disk} `))
      ?.trim()
      .split(/ +/)
      .slice(2)
      .join(' ');
  before(async () => {
    host = await fastHost();
    assert.equal(run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1']).status, 0);
    host.reboot();
    assert.equal(vgOf('hdisk0'), 'old_rootvg');
  });
  after(() => host.cleanup());

  test('-W wakes it as altinst_rootvg; -S leaves that name; -v old_rootvg gives its name back', () => {
    const w = run(host.bin, 'alt_rootvg_op', ['-W', '-d', 'hdisk0']);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(w.stdout, 'Waking up old_rootvg volume group ...\n');
    assert.equal(vgOf('hdisk0'), 'altinst_rootvg active');
    assert.match(run(host.bin, 'lsvg', ['-l', 'altinst_rootvg']).stdout, /^alt_hd4 .* \/alt_inst$/m);
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-S']).status, 0);
    assert.equal(vgOf('hdisk0'), 'altinst_rootvg');
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-v', 'old_rootvg', '-d', 'hdisk0']).status, 0);
    assert.equal(vgOf('hdisk0'), 'old_rootvg');
  });

  test('-W refuses while another volume group is called altinst_rootvg (0505-136)', () => {
    assert.equal(run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4', '-B']).status, 0);
    const w = run(host.bin, 'alt_rootvg_op', ['-W', '-d', 'hdisk0']);
    assert.equal(w.status, 1);
    assert.equal(w.stderr, '0505-136 alt_rootvg_op: The volume group name altinst_rootvg is already used.\n');
    assert.equal(vgOf('hdisk0'), 'old_rootvg');
  });
});
