import { withCloneSpecFlags, specFromArgs } from '../clone-spec';
import { defineCommand } from '../command';
import { EXIT } from '../exit-codes';
import { CliError } from '../errors';
import { rendererFor, followForCommand } from '../follow/run';
import { findingsJson, renderFindingNotes } from '../output/findings';
import { jsonLine, renderType } from '../output/json';
import { JsonRenderer } from '../follow/json';
import { shellLine } from '../output/job';
import { lineWidth } from '../output/wrap';

export const cloneCommand = defineCommand({
  command: 'clone',
  describe:
    'Clone the running rootvg to DISK... with alt_disk_copy and follow the job: altctl clone HOST DISK... [options]',
  positionals: {
    list: 'DISK',
    disks: true,
    describe: 'HOST DISK...: the agent, then the target disks in order (the first gets the boot image)',
    example: 'altctl clone host1 hdisk1',
  },
  builder: (y) =>
    withCloneSpecFlags(
      y
        .option('request-id', {
          type: 'string',
          requiresArg: true,
          describe:
            'Your key for this clone (1-64 of letters, digits, - _ .): a retry with the same key follows the first job instead of cloning twice',
        })
        .option('detach', {
          type: 'boolean',
          default: false,
          describe: 'Print the job id and return at once; follow later with altctl watch HOST JOB',
        }),
    )
      .example('$0 clone host1 hdisk1', 'clone rootvg to hdisk1 and show its progress')
      .example(
        '$0 clone host1 hdisk1 --exclude "^./tmp/" --first-boot-script ./post.sh',
        'leave /tmp out; run post.sh once when the clone first boots',
      )
      .example('$0 clone host1 hdisk1 -B --json > clone.jsonl', 'keep the boot list; one JSON document per event'),
  run: async (ctx) => {
    const { args, words } = ctx;
    const spec = specFromArgs(args, words.DISK);
    const requestId = args['request-id'];
    // a refusal by the preflight checks carries every finding in its metadata (altdisk-findings)
    const { response, type } = await ctx.query('clone', 'startClone', {
      spec,
      requestId: requestId === undefined ? '' : String(requestId),
    });
    const job = response.job;
    if (!job) throw new CliError('the agent answered StartClone without a job', EXIT.FAILED, 'INTERNAL');
    const label = ctx.label;

    if (args.detach) {
      ctx.out.message(type, response);
      // stdout holds only the id, for JOB=$(altctl clone ... --detach); the rest is for people
      if (!args.json) {
        process.stderr.write(renderFindingNotes(response.findings, lineWidth(process.stderr)));
        process.stderr.write(
          `${response.started ? 'Started' : 'Already started'} job ${job.id} on ${label}; follow it with: altctl watch ${label} ${job.id}\n`,
        );
      }
      ctx.out.text(`${job.id}\n`);
      return EXIT.OK;
    }

    // --json: {"start"} (the StartClone answer, `started` saying whether this call started the
    // job or follows an earlier one of its request id), {"event"} lines, {"job"} last (with `started` again)
    const renderer = args.json
      ? new JsonRenderer(process.stdout, process.stderr, Date.now, { started: response.started })
      : rendererFor(false);
    if (args.json) {
      process.stdout.write(jsonLine({ start: renderType(type, response) }));
      // the finished job repeats these as warnings
      if (response.findings.length > 0) {
        process.stderr.write(
          jsonLine({
            notice: {
              message: `the preflight checks found ${response.findings.length} finding(s); the clone goes ahead`,
              findings: findingsJson(response.findings),
            },
          }),
        );
      }
    } else {
      renderer.line(
        response.started
          ? `Started job ${job.id} on ${label}: ${shellLine(job.command)}`
          : `Request id ${job.requestId} already started job ${job.id} on ${label}; nothing new was started. Following it.`,
      );
      const notes = renderFindingNotes(response.findings, lineWidth(process.stdout));
      if (notes !== '') renderer.line(notes.trimEnd());
      renderer.line('Ctrl-C stops watching; the job goes on.');
    }
    return followForCommand({ ctx, renderer, jobId: job.id, host: label, job });
  },
});
