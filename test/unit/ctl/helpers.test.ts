import assert from 'node:assert/strict';
import { Metadata, status } from '@grpc/grpc-js';
import { test } from 'node:test';
import { splitHost } from '../../../ctl/host';
import { fromServiceError } from '../../../ctl/errors';
import { EXIT, exitCodeForJobState } from '../../../ctl/exit-codes';
import { parseFindings } from '../../../ctl/output/findings';
import { formatDuration, shellLine } from '../../../ctl/output/job';

function withHostEnv<T>(value: string | undefined, body: () => T): T {
  const saved = process.env['ALTCTL_HOST'];
  if (value === undefined) delete process.env['ALTCTL_HOST'];
  else process.env['ALTCTL_HOST'] = value;
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env['ALTCTL_HOST'];
    else process.env['ALTCTL_HOST'] = saved;
  }
}

test('HOST comes first; it may be left out for ALTCTL_HOST only with exactly the required arguments', () => {
  const clone = { variadic: true, example: 'altctl clone host1 hdisk1' };
  withHostEnv(undefined, () => {
    assert.deepEqual(splitHost(['host1', 'hdisk1', 'hdisk2'], ['DISK'], clone), {
      host: 'host1',
      rest: ['hdisk1', 'hdisk2'],
    });
    assert.throws(
      () => splitHost(['hdisk1'], ['DISK'], clone),
      /DISK\.\.\. missing: expected HOST DISK\.\.\. \(or DISK\.\.\. alone when ALTCTL_HOST is set\)/,
    );
    assert.throws(() => splitHost(['host1', 'a', 'b'], ['JOB'], { example: 'x' }), /expected HOST JOB /);
  });
  withHostEnv('host9', () => {
    assert.deepEqual(splitHost(['hdisk1'], ['DISK'], clone), { host: undefined, rest: ['hdisk1'] });
    assert.deepEqual(splitHost(['JOB1'], ['JOB'], { example: 'x' }), { host: undefined, rest: ['JOB1'] });
  });
});

test('only a succeeded job exits 0; cancelled is 7; anything else 1', () => {
  assert.equal(exitCodeForJobState('JOB_STATE_SUCCEEDED'), EXIT.OK);
  assert.equal(exitCodeForJobState('JOB_STATE_CANCELLED'), 7);
  assert.equal(exitCodeForJobState('JOB_STATE_FAILED'), EXIT.FAILED);
  assert.equal(exitCodeForJobState('JOB_STATE_RUNNING'), EXIT.FAILED);
  assert.equal(EXIT.INTERRUPTED, 130);
});

test('findings in refusal metadata are read in either spelling, and travel as structured JSON', () => {
  const long = parseFindings(
    JSON.stringify([{ code: 'a', severity: 'SEVERITY_ERROR', message: 'm', remedy: 'r', source: 's', field: 'f' }]),
  );
  const short = parseFindings(
    JSON.stringify({
      findings: [{ code: 'a', severity: 'error', message: 'm', remedy: 'r', source: 's', field: 'f' }],
    }),
  );
  const numeric = parseFindings(
    JSON.stringify([{ code: 'a', severity: 3, message: 'm', remedy: 'r', source: 's', field: 'f' }]),
  );
  assert.deepEqual(long, short);
  assert.deepEqual(long, numeric);
  assert.equal(long?.[0]?.severity, 'SEVERITY_ERROR');
  assert.equal(parseFindings('not json'), undefined);
  assert.equal(parseFindings('[1, 2]'), undefined);

  const metadata = new Metadata();
  metadata.set('altdisk-state', 'preflight-failed');
  metadata.set(
    'altdisk-findings',
    JSON.stringify([{ code: 'target-in-vg', severity: 'error', message: 'hdisk2 is in datavg', remedy: 'free it' }]),
  );
  const err = fromServiceError(
    Object.assign(new Error('refused'), { code: status.FAILED_PRECONDITION, details: 'refused', metadata }),
    'host1:7400',
    120,
  );
  assert.equal(err.exitCode, EXIT.PRECONDITION);
  assert.equal(err.details['state'], 'preflight-failed');
  assert.deepEqual(err.details['findings'], [
    {
      code: 'target-in-vg',
      severity: 'error',
      message: 'hdisk2 is in datavg',
      remedy: 'free it',
      source: '',
      field: '',
    },
  ]);
  assert.match(
    err.explanation,
    /^SEVERITY\s+CODE\s+MESSAGE\s+REMEDY\nerror\s+target-in-vg\s+hdisk2 is in datavg\s+free it\n$/,
  );
});

test('durations and command lines as people read and paste them', () => {
  assert.deepEqual([0, 45, 200, 3600, 3725].map(formatDuration), ['0s', '45s', '3m20s', '1h00m', '1h02m']);
  assert.equal(
    shellLine(['alt_disk_copy', '-d', 'hdisk1 hdisk2', '-e', "/it's"]),
    `alt_disk_copy -d 'hdisk1 hdisk2' -e '/it'\\''s'`,
  );
});
