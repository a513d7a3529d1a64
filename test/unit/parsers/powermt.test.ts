import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parsePowermtDisplay } from '../../../agent/aix/parsers/powermt';
import { listFixtures, readFixture } from '../../support/fixtures';

test('powermt display: every fixture, each pseudo-device with its native paths', () => {
  const expected: Record<string, Record<string, string[]>> = {
    'powermt.display-dev-all.01.txt': {
      hdiskpower0: ['hdisk10', 'hdisk16', 'hdisk22', 'hdisk4'],
      hdiskpower4: ['hdisk14', 'hdisk20', 'hdisk26', 'hdisk8'],
      hdiskpower5: ['hdisk15', 'hdisk21', 'hdisk27', 'hdisk9'],
      hdiskpower1: ['hdisk11', 'hdisk17', 'hdisk23', 'hdisk5'],
      hdiskpower3: ['hdisk13', 'hdisk19', 'hdisk25', 'hdisk7'],
      hdiskpower2: ['hdisk12', 'hdisk18', 'hdisk24', 'hdisk6'],
    },
    // Symmetrix: another array line, a standby path, a narrower interface column.
    'powermt.display-dev.symmetrix.01.txt': { hdiskpower8: ['hdisk11', 'hdisk26'] },
  };
  const fixtures = listFixtures('powermt.');
  assert.deepEqual(fixtures, Object.keys(expected));
  for (const name of fixtures) {
    const devices = parsePowermtDisplay(readFixture(name));
    assert.deepEqual(Object.fromEntries(devices.map((d) => [d.pseudo, d.paths])), expected[name], name);
  }
  assert.equal(
    parsePowermtDisplay(readFixture('powermt.display-dev-all.01.txt'))[0]?.logicalDevice,
    '600601605C80340006DBA9929B9DE311',
  );
});

test('powermt display: nothing configured is an empty list; other text is a ParseError', () => {
  assert.deepEqual(parsePowermtDisplay(''), []);
  assert.throws(() => parsePowermtDisplay('ERROR: the PowerPath driver is not loaded\n'), ParseError);
});
