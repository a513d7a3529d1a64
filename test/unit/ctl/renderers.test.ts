import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JsonRenderer } from '../../../ctl/follow/json';
import { PlainRenderer } from '../../../ctl/follow/plain';
import { chooseRenderer } from '../../../ctl/follow/renderer';
import { CLEAR_LINE, TtyRenderer } from '../../../ctl/follow/tty';
import { Capture, event, finishedJob, job, JOB_ID, screen, successfulClone } from './fixtures';

const NOW = Date.parse('2026-11-23T10:30:00Z');

describe('plain renderer (pipes and logs)', () => {
  test('one time-stamped line per event, then what happened and what to do next', () => {
    const out = new Capture();
    const r = new PlainRenderer(out, () => NOW);
    r.begin(job());
    for (const e of successfulClone()) r.event(e);
    r.finish(finishedJob());
    r.close();
    assert.equal(
      out.text,
      [
        '2026-11-23T10:15:01Z started: alt_disk_copy -d hdisk1',
        '2026-11-23T10:15:02Z phase 1/3 started: copy rootvg',
        '2026-11-23T10:15:03Z step: Creating logical volume alt_hd4',
        '2026-11-23T10:15:04Z progress: 12%, about 4m10s left',
        '2026-11-23T10:15:05Z warning: backup: 0505-187 could not read ./tmp/sock',
        '2026-11-23T10:15:06Z progress: 60%, about 1m35s left',
        '2026-11-23T10:15:07Z phase 1/3 finished: copy rootvg',
        '2026-11-23T10:15:08Z phase 3/3 started: make bootable',
        '2026-11-23T10:15:09Z output: bootlist: Device hdisk1 set',
        '2026-11-23T10:15:10Z phase 3/3 finished: make bootable',
        '2026-11-23T10:15:11Z finished: succeeded (exit 0): rootvg cloned to hdisk1',
        `Job ${JOB_ID} succeeded: rootvg cloned to hdisk1; it boots next`,
        'Warnings: 1 (backup: 0505-187 could not read ./tmp/sock)',
        'Next: reboot with: altctl reboot host1 --yes',
        '',
      ].join('\n'),
    );
  });

  test('no control characters reach a log, even when the host printed some', () => {
    const out = new Capture();
    const r = new PlainRenderer(out, () => NOW);
    r.event(event(1, { type: 'EVENT_TYPE_OUTPUT', text: 'copying\r50%\x1b[2K\ttwo\nlines' }));
    r.event(event(2, { type: 'EVENT_TYPE_STARTED', text: 'started: alt_disk_copy -d hdisk1' }));
    r.notice('lost the agent (UNAVAILABLE: x); reconnecting');
    r.interrupted({ jobId: JOB_ID, host: 'host1', lastSequence: 1 });
    assert.equal(
      out.text,
      `2026-11-23T10:15:01Z output: copying 50% [2K two lines\n2026-11-23T10:15:02Z started: alt_disk_copy -d hdisk1\n2026-11-23T10:30:00Z lost the agent (UNAVAILABLE: x); reconnecting\njob ${JOB_ID} continues on host1; re-attach with: altctl watch host1 ${JOB_ID}\n`,
    );
    // eslint-disable-next-line no-control-regex -- control characters are what must not be there
    assert.doesNotMatch(out.text, /[\x00-\x09\x0b-\x1f\x7f]/);
  });

  test('a failed and a cancelled job say so, with the leftovers before the next step', () => {
    const out = new Capture();
    const r = new PlainRenderer(out, () => NOW);
    r.finish(
      finishedJob({
        state: 'JOB_STATE_FAILED',
        exitCode: 1,
        summary: 'alt_disk_copy failed in phase 1',
        nextStep: 'fix the space and clone again',
        leftover: 'altinst_rootvg on hdisk1: remove with altctl cleanup host1 altinst_rootvg --yes',
        warnings: [],
      }),
    );
    r.finish(finishedJob({ state: 'JOB_STATE_CANCELLED', exitCode: -1, summary: '', nextStep: '', warnings: [] }));
    assert.equal(
      out.text,
      [
        `Job ${JOB_ID} failed (exit 1): alt_disk_copy failed in phase 1`,
        'Left on the host: altinst_rootvg on hdisk1: remove with altctl cleanup host1 altinst_rootvg --yes',
        'Next: fix the space and clone again',
        `Job ${JOB_ID} was cancelled.`,
        '',
      ].join('\n'),
    );
  });
});

describe('JSON renderer (scripts)', () => {
  test('{"event"} per event, the finished job ({"job"}, GetJobResponse) last, notices on stderr', () => {
    const out = new Capture();
    const err = new Capture();
    const r = new JsonRenderer(out, err, () => NOW);
    r.begin(job());
    r.line('not for scripts');
    for (const e of successfulClone()) r.event(e);
    r.notice('reconnected to the agent; resuming after event 11');
    r.finish(
      finishedJob({
        spec: {
          targetDisks: ['hdisk1'],
          firstBootScript: { content: Buffer.from('#!/bin/ksh\n'), source: 'content' },
        } as never,
      }),
    );
    const lines = out.text.split('\n');
    assert.equal(lines.pop(), '', 'every document ends with a newline');
    assert.equal(lines.length, 12);
    const docs = lines.map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    assert.deepEqual(docs[0], {
      event: {
        jobId: JOB_ID,
        sequence: 1,
        time: '2026-11-23T10:15:01Z',
        type: 'started',
        phase: 0,
        step: '',
        percent: 0,
        etaSeconds: -1,
        text: 'alt_disk_copy -d hdisk1',
        state: 'running',
        exitCode: -1,
      },
    });
    assert.deepEqual(
      docs.slice(0, 11).map((d) => d['event']?.['sequence']),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    assert.equal(docs[10]?.['event']?.['type'], 'finished');
    const last = docs[11]?.['job'] as Record<string, unknown>;
    assert.equal(last['id'], JOB_ID);
    assert.equal(last['state'], 'succeeded');
    assert.equal(last['kind'], 'clone');
    assert.equal(last['exitCode'], 0);
    assert.equal(last['nextStep'], 'reboot with: altctl reboot host1 --yes');
    // bytes as proto3 JSON spells them (base64), not Node's {"type":"Buffer"}
    assert.equal(
      ((last['spec'] as Record<string, unknown>)['firstBootScript'] as Record<string, unknown>)['content'],
      Buffer.from('#!/bin/ksh\n').toString('base64'),
    );
    assert.deepEqual(JSON.parse(err.text), {
      notice: { time: '2026-11-23T10:30:00Z', message: 'reconnected to the agent; resuming after event 11' },
    });
  });

  test('Ctrl-C ends the stream with an object saying the job goes on, and how to resume', () => {
    const out = new Capture();
    const r = new JsonRenderer(out, new Capture(), () => NOW);
    r.event(event(4, { type: 'EVENT_TYPE_PROGRESS', percent: 12 }));
    r.interrupted({ jobId: JOB_ID, host: 'host1', lastSequence: 4 });
    const last = JSON.parse(out.text.trim().split('\n')[1] as string) as { interrupted: Record<string, unknown> };
    assert.deepEqual(last.interrupted, {
      jobId: JOB_ID,
      host: 'host1',
      lastSequence: 4,
      message: `job ${JOB_ID} continues on host1; re-attach with: altctl watch host1 ${JOB_ID}`,
      reattach: ['altctl', 'watch', 'host1', JOB_ID, '--from', '4', '--json'],
    });
  });
});

describe('TTY renderer (a live status line)', () => {
  test('one status line, redrawn in place; phases, warnings and output scroll above it', () => {
    const out = new Capture(100);
    let now = NOW;
    const r = new TtyRenderer(out, () => now);
    r.line('Started job x on host1: alt_disk_copy -d hdisk1');
    r.begin(job());
    const events = successfulClone();
    for (const e of events.slice(0, 6)) r.event(e);
    now += 30_000; // the ETA counts down between progress events
    r.tick();
    const mid = screen(out.text);
    assert.deepEqual(mid, [
      'Started job x on host1: alt_disk_copy -d hdisk1',
      'started: alt_disk_copy -d hdisk1',
      'phase 1/3 started: copy rootvg',
      'warning: backup: 0505-187 could not read ./tmp/sock',
      '/ phase 1/3 copy rootvg  [############--------]  60%  ETA 1m05s  Creating logical volume alt_hd4',
    ]);
    for (const e of events.slice(6)) r.event(e);
    r.finish(finishedJob());
    r.close();
    assert.deepEqual(screen(out.text), [
      ...mid.slice(0, 4),
      'phase 1/3 finished: copy rootvg',
      'phase 3/3 started: make bootable',
      'output: bootlist: Device hdisk1 set',
      'phase 3/3 finished: make bootable',
      'finished: succeeded (exit 0): rootvg cloned to hdisk1',
      `Job ${JOB_ID} succeeded: rootvg cloned to hdisk1; it boots next`,
      'Warnings: 1 (backup: 0505-187 could not read ./tmp/sock)',
      'Next: reboot with: altctl reboot host1 --yes',
      '',
    ]);
    // every redraw of the status line starts by erasing it and never ends a line
    const redraws = out.chunks.filter(
      (c) => c.startsWith(CLEAR_LINE) && c.length > CLEAR_LINE.length && !c.includes('\n'),
    );
    assert.ok(redraws.length >= 8, `${redraws.length} redraws`);
  });

  test('the status line never wraps: it is cut to the terminal width', () => {
    const out = new Capture(100);
    const r = new TtyRenderer(out, () => NOW);
    r.begin(
      job({
        phase: 2,
        percent: 33,
        etaSeconds: 4000,
        step: 'Installing fileset bos.rte.libc 7.3.2.0 and 40 more into the clone',
      }),
    );
    const status = r.statusLine();
    assert.equal(status.length, 99);
    assert.match(
      status,
      /^\| phase 2\/3 update and customize {2}\[######--------------\] {2}33% {2}ETA 1h06m .*\.\.\.$/,
    );
    assert.deepEqual(screen(out.text), [status]);
  });

  test('Ctrl-C and errors leave no half-drawn status line behind', () => {
    const out = new Capture(80);
    const r = new TtyRenderer(out, () => NOW);
    r.begin(undefined);
    r.event(event(1, { type: 'EVENT_TYPE_STEP', step: 'Calling mkszfile' }));
    r.interrupted({ jobId: JOB_ID, host: 'host1', lastSequence: 1 });
    r.close();
    assert.deepEqual(screen(out.text), [
      `job ${JOB_ID} continues on host1; re-attach with: altctl watch host1 ${JOB_ID}`,
      '',
    ]);
    const closed = new Capture(80);
    const r2 = new TtyRenderer(closed, () => NOW);
    r2.begin(undefined);
    r2.close();
    assert.deepEqual(screen(closed.text), ['']);
    assert.ok(closed.text.endsWith(CLEAR_LINE));
  });

  test('before the first phase it says starting, and an unknown ETA is shown as such', () => {
    const r = new TtyRenderer(new Capture(120), () => NOW);
    r.begin(undefined);
    assert.equal(r.statusLine(), '| starting  [--------------------]   0%  ETA --');
  });
});

test('the live display only on a terminal that can redraw, never with --json', () => {
  const tty = { isTTY: true, write: () => true } as unknown as NodeJS.WritableStream;
  const pipe = { write: () => true } as unknown as NodeJS.WritableStream;
  assert.equal(chooseRenderer(false, { stdout: tty, stderr: pipe, env: { TERM: 'xterm' } }), 'tty');
  assert.equal(chooseRenderer(true, { stdout: tty, stderr: pipe, env: { TERM: 'xterm' } }), 'json');
  assert.equal(chooseRenderer(false, { stdout: pipe, stderr: pipe, env: {} }), 'plain');
  assert.equal(chooseRenderer(false, { stdout: tty, stderr: pipe, env: { TERM: 'dumb' } }), 'plain');
});

test("a new phase clears the last phase's step from the status line", () => {
  const r = new TtyRenderer(new Capture(120), () => NOW);
  r.begin(job({ phase: 1, step: 'Creating logical volume alt_hd4', percent: 60 }));
  r.event(event(8, { type: 'EVENT_TYPE_PHASE_STARTED', phase: 3 }));
  assert.equal(r.statusLine(), '| phase 3/3 make bootable  [############--------]  60%  ETA --');
});
