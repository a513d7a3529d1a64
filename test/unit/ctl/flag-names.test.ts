import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withFlagNames } from '../../../ctl/output/flag-names';
import { wrapWords } from '../../../ctl/output/wrap';

test("contract field names in the agent's words become altctl flags", () => {
  const cases: [string, string][] = [
    [
      'choose backup_error_policy FAIL or REPORT to make such errors fail the job',
      'choose --on-backup-error fail or report to make such errors fail the job',
    ],
    ['set images_location to the directory', 'set --images to the directory'],
    ['spec.images_location: "foo" is not a full path', '--images: "foo" is not a full path'],
    ['spec.exclude_list.host_path: is empty', '--exclude-list-on-host: is empty'],
    ['spec.first_boot_script.content: is 2000000 bytes', '--first-boot-script: is 2000000 bytes'],
    ['spec.target_disks[1]: hdisk9 is named twice', 'DISK: hdisk9 is named twice'],
    [
      'request_id r1 belongs to job J: target_disks hdisk4 -> hdisk5, no_bootlist false -> true',
      '--request-id r1 belongs to job J: DISK hdisk4 -> hdisk5, --no-bootlist false -> true',
    ],
    ['reboot (-r) is asked together with no_bootlist (-B)', '--reboot (-r) is asked together with --no-bootlist (-B)'],
    ['convert_jfs_to_jfs2 (-T) converts nothing', '--jfs2 (-T) converts nothing'],
    // plain words stay words; environment variables are not fields
    [
      'reboot into the clone; the phases run; ALT_BAK_ERR_FAIL=1',
      'reboot into the clone; the phases run; ALT_BAK_ERR_FAIL=1',
    ],
  ];
  for (const [agent, people] of cases) assert.equal(withFlagNames(agent), people);
});

test('words are wrapped at spaces; only a word longer than a line is cut', () => {
  assert.deepEqual(wrapWords('one two three four', 9), ['one two', 'three', 'four']);
  assert.deepEqual(wrapWords('abcdefghij klm', 4), ['abcd', 'efgh', 'ij', 'klm']);
  assert.deepEqual(wrapWords('short', Infinity), ['short']);
});
