import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { aixsim } from '../support/host-commands';
import { runCtl, startAgentProcess } from '../support/processes';

interface ErrorJson {
  error: { code: string; message: string; exitCode: number; field: string; job: string };
}

function refusal(result: { code: number | null; stderr: string }): ErrorJson['error'] {
  assert.equal(result.code, 3, result.stderr);
  return (JSON.parse(result.stderr) as ErrorJson).error;
}

describe('a request_id used again', () => {
  test('the same request follows the first job; other disks, flags or file content are refused naming the field and the job', async () => {
    const host = await createHost();
    // slow enough that the first job is still running for the whole test
    aixsim(['tune', host.dir, '--copy-rate-mb', '50']);
    const agent = await startAgentProcess({ commandsDir: host.bin });
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-request-'));
    const first = path.join(local, 'first.sh');
    const second = path.join(local, 'second.sh');
    fs.writeFileSync(first, '#!/bin/sh\necho first\n');
    fs.writeFileSync(second, '#!/bin/sh\necho second\n');
    const a = agent.address;
    try {
      const started = await runCtl([
        'clone',
        a,
        'hdisk4',
        '--request-id',
        'ansible-7',
        '--first-boot-script',
        first,
        '--detach',
        '--json',
      ]);
      assert.equal(started.code, 0, started.stderr);
      const { job, started: isNew } = JSON.parse(started.stdout) as { job: { id: string }; started: boolean };
      assert.equal(isNew, true);

      const retry = await runCtl([
        'clone',
        a,
        'hdisk4',
        '--request-id',
        'ansible-7',
        '--first-boot-script',
        first,
        '--detach',
        '--json',
      ]);
      assert.equal(retry.code, 0, retry.stderr);
      const again = JSON.parse(retry.stdout) as { job: { id: string }; started: boolean };
      assert.deepEqual([again.job.id, again.started], [job.id, false], 'the same request follows the first job');

      const otherDisk = refusal(
        await runCtl(['clone', a, 'hdisk5', '--request-id', 'ansible-7', '--first-boot-script', first, '--json']),
      );
      assert.equal(otherDisk.code, 'ALREADY_EXISTS');
      assert.equal(otherDisk.field, 'request_id');
      assert.equal(otherDisk.job, job.id);
      assert.match(
        otherDisk.message,
        new RegExp(
          `^request_id ansible-7 belongs to job ${job.id}, which was started with other settings: target_disks hdisk4 -> hdisk5;`,
        ),
      );

      const otherFlag = refusal(
        await runCtl([
          'clone',
          a,
          'hdisk4',
          '--request-id',
          'ansible-7',
          '--first-boot-script',
          first,
          '--no-bootlist',
          '--json',
        ]),
      );
      assert.match(otherFlag.message, /other settings: no_bootlist false -> true;/);

      const otherContent = refusal(
        await runCtl(['clone', a, 'hdisk4', '--request-id', 'ansible-7', '--first-boot-script', second, '--json']),
      );
      assert.match(
        otherContent.message,
        /other settings: first_boot_script content sha256:[0-9a-f]{16} \(21 bytes\) -> content sha256:[0-9a-f]{16} \(22 bytes\);/,
      );

      const noFile = refusal(await runCtl(['clone', a, 'hdisk4', '--request-id', 'ansible-7', '--json']));
      assert.match(noFile.message, /first_boot_script content sha256:[0-9a-f]{16} \(21 bytes\) -> \(none\)/);

      await runCtl(['cancel', a, job.id, '--json']);
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });

  test('a job recorded before the agent kept file fields is compared on everything else', async () => {
    const host = await createHost();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
    const id = '20260101-000000-clone-0a0b0c';
    const inputs = path.join(stateDir, 'jobs', id, 'inputs');
    fs.mkdirSync(inputs, { recursive: true, mode: 0o700 });
    // as an older agent wrote it: the sent script replaced by where it was written, no requestFiles
    const record = {
      schema: 1,
      id,
      kind: 'clone',
      state: 'failed',
      command: ['alt_disk_copy', '-d', 'hdisk4'],
      environment: {},
      spec: {
        targetDisks: ['hdisk4'],
        noBootlist: true,
        firstBootScript: { hostPath: path.join(inputs, 'first_boot_script'), source: 'hostPath' },
      },
      phases: 'all',
      disks: ['hdisk4'],
      requestId: 'old-run',
      createdAt: '2026-01-01T00:00:00Z',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:10:00Z',
      exitCode: 1,
      summary: 'failed',
      nextStep: '',
      leftover: '',
      warnings: [],
      cancelRequested: false,
    };
    fs.writeFileSync(path.join(stateDir, 'jobs', id, 'job.json'), JSON.stringify(record), { mode: 0o600 });
    const agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-request-'));
    const script = path.join(local, 'x.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho x\n');
    try {
      const same = await runCtl([
        'clone',
        agent.address,
        'hdisk4',
        '--no-bootlist',
        '--first-boot-script',
        script,
        '--request-id',
        'old-run',
        '--detach',
        '--json',
      ]);
      assert.equal(same.code, 0, same.stderr);
      assert.deepEqual(
        ((o: { job: { id: string }; started: boolean }) => [o.job.id, o.started])(JSON.parse(same.stdout)),
        [id, false],
      );
      const other = refusal(
        await runCtl(['clone', agent.address, 'hdisk5', '--no-bootlist', '--request-id', 'old-run', '--json']),
      );
      assert.match(other.message, /target_disks hdisk4 -> hdisk5;/);
      assert.doesNotMatch(other.message, /first_boot_script/, 'what the old record did not keep is not compared');
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});
