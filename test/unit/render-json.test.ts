import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContract } from '../../shared/proto/contract';
import { longEnumName, renderMessage, shortEnumName } from '../../shared/proto/render-json';

test('enum values are shortened to lower case without their prefix', () => {
  const { root } = loadContract();
  assert.equal(shortEnumName(root.lookupEnum('altdisk.v1.PvState'), 'PV_STATE_ACTIVE'), 'active');
  assert.equal(shortEnumName(root.lookupEnum('altdisk.v1.VgRole'), 'VG_ROLE_ALTINST_ROOTVG'), 'altinst_rootvg');
  assert.equal(shortEnumName(root.lookupEnum('altdisk.v1.VgRole'), 2), 'altinst_rootvg');
  assert.equal(shortEnumName(root.lookupEnum('altdisk.v1.VgRole'), 99), 99);
  assert.equal(longEnumName(root.lookupEnum('altdisk.v1.BootMode'), 'service'), 'BOOT_MODE_SERVICE');
  assert.equal(longEnumName(root.lookupEnum('altdisk.v1.BootMode'), 'sideways'), undefined);
});

test('messages render with every field, nested messages, maps and camelCase names', () => {
  const { root } = loadContract();
  const doc = renderMessage(root.lookupType('altdisk.v1.ListDisksResponse'), {
    disks: [{ name: 'hdisk3', pvid: 'none', vg: 'None', state: 'PV_STATE_INACTIVE', sizeMb: 10240 }],
  });
  assert.deepEqual(doc, {
    disks: [
      {
        name: 'hdisk3',
        pvid: 'none',
        vg: 'None',
        state: 'inactive',
        sizeMb: 10240,
        bootCapable: null,
        isBootDisk: null,
        vgRole: null,
        claim: null,
        unreadable: null,
        error: null,
      },
    ],
  });
  const list = renderMessage(root.lookupType('altdisk.v1.GetBootListResponse'), {
    normal: [{ device: 'hdisk0', blv: 'hd5', attributes: { blv: 'hd5', pathid: '0' }, raw: 'hdisk0 blv=hd5 pathid=0' }],
    service: [],
  });
  assert.deepEqual(list, {
    normal: [{ device: 'hdisk0', blv: 'hd5', attributes: { blv: 'hd5', pathid: '0' }, raw: 'hdisk0 blv=hd5 pathid=0' }],
    service: [],
  });
});
