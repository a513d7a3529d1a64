import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding__Output } from '../../../shared/generated/altdisk/v1/Finding';
import { beforeAltDiskFixLevel } from '../../../agent/clone/checks-host';
import type { HostFacts, HostFileFacts } from '../../../agent/clone/host-facts';
import { isReady, preflight } from '../../../agent/clone/preflight';
import { spaceFacts, type SpaceFacts } from '../../../agent/clone/checks-targets';
import { readFixture } from '../../support/fixtures';
import { parseLsvgLvs } from '../../../agent/aix/parsers/lsvg';
import type { NormalizedSpec } from '../../../agent/clone/spec';
import { codes, DISKS, errors, hostFacts, lv, only, spec } from './helpers';

function run(fields: Partial<NormalizedSpec>, change?: (facts: HostFacts) => void, disks = DISKS): Finding__Output[] {
  const s = spec(fields);
  return preflight(s, hostFacts(s, change, disks));
}

/** The one finding with this code; fails unless there is exactly one. */
function one(findings: Finding__Output[], code: string): Finding__Output {
  const found = only(findings, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(codes(findings))}`);
  return found[0]!;
}

/** The clone-space part of SpaceFacts. */
function pick(
  s: SpaceFacts,
): Pick<SpaceFacts, 'requiredMb' | 'rootvgUsedMb' | 'rootvgCopies' | 'cloneCopies' | 'basis'> {
  return {
    requiredMb: s.requiredMb,
    rootvgUsedMb: s.rootvgUsedMb,
    rootvgCopies: s.rootvgCopies,
    cloneCopies: s.cloneCopies,
    basis: s.basis,
  };
}

const SEVERITY = { error: 'SEVERITY_ERROR', warning: 'SEVERITY_WARNING', info: 'SEVERITY_INFO' } as const;

function expectFinding(
  findings: Finding__Output[],
  code: string,
  severity: keyof typeof SEVERITY,
  field: string,
  source: RegExp,
  message?: RegExp,
): Finding__Output {
  const f = one(findings, code);
  assert.equal(f.severity, SEVERITY[severity], `${code} severity`);
  assert.equal(f.field, field, `${code} field`);
  assert.match(f.source, source, `${code} source`);
  if (message) assert.match(f.message, message, `${code} message`);
  assert.ok(f.remedy.length > 0, `${code} has a remedy`);
  return f;
}

const host = (p: string) => ({ kind: 'host' as const, path: p });
const content = (text: string) => ({ kind: 'content' as const, content: Buffer.from(text) });
const file = (p: string, fields: Partial<HostFileFacts> = {}): HostFileFacts => ({
  path: p,
  exists: true,
  regularFile: true,
  executable: false,
  sizeBytes: 10,
  content: null,
  error: null,
  ...fields,
});

describe('a clean host', () => {
  test('a plain clone to a free disk: no errors, no warnings, only the notes that always apply', () => {
    const findings = run({});
    assert.deepEqual(errors(findings), []);
    assert.deepEqual(codes(findings), ['quiesce-system', 'nfs-clients-remount']);
    assert.equal(isReady(findings), true);
  });

  test('a clone with every option that a clean host accepts has no errors', () => {
    const findings = run({
      targetDisks: ['hdisk1', 'hdisk4'],
      imageData: content('image.data'),
      bundle: host('update_all'),
      imagesLocation: '/updates',
      fixes: ['IJ12345'],
      excludePatterns: ['^./tmp/'],
      backupErrorPolicy: 'fail',
    });
    assert.deepEqual(errors(findings), []);
  });

  test('findings come errors first, then warnings, then notes', () => {
    const findings = run({ reboot: true, noBootlist: true, remainNimClient: true }, (f) => (f.tcb.state = 'enabled'));
    const ranks = findings.map((f) => ['SEVERITY_ERROR', 'SEVERITY_WARNING', 'SEVERITY_INFO'].indexOf(f.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.equal(isReady(findings), false);
  });
});

describe('target disks (-d)', () => {
  test('target-not-found: lspv does not list it', () => {
    expectFinding(
      run({ targetDisks: ['hdisk1', 'hdisk9'] }),
      'target-not-found',
      'error',
      'spec.target_disks[1]',
      /-d/,
      /hdisk9.*lspv/,
    );
  });

  test('target-is-boot-disk', () => {
    const findings = run({ targetDisks: ['hdisk0'] });
    expectFinding(findings, 'target-is-boot-disk', 'error', 'spec.target_disks[0]', /-d/, /hdisk0.*booted from/);
    assert.deepEqual(only(findings, 'target-in-rootvg'), [], 'the boot disk is reported once');
  });

  test('target-in-rootvg: a rootvg disk that is not the boot disk (a mirror)', () => {
    expectFinding(
      run({ targetDisks: ['hdisk6'] }, undefined, {
        ...DISKS,
        hdisk6: { vg: 'rootvg', sizeMb: 20480, bootable: true },
      }),
      'target-in-rootvg',
      'error',
      'spec.target_disks[0]',
      /-d/,
      /hdisk6 belongs to rootvg/,
    );
  });

  test('target-in-vg: a data VG; for old_rootvg the remedy is the cleanup command', () => {
    expectFinding(
      run({ targetDisks: ['hdisk2'] }),
      'target-in-vg',
      'error',
      'spec.target_disks[0]',
      /-d/,
      /hdisk2 belongs to volume group datavg/,
    );
    const old = one(
      run({ targetDisks: ['hdisk6'] }, undefined, {
        ...DISKS,
        hdisk6: { vg: 'old_rootvg', sizeMb: 20480, bootable: true },
      }),
      'target-in-vg',
    );
    assert.match(old.remedy, /altctl cleanup HOST old_rootvg/);
  });

  test('a claimed target: an error naming the owner and its own tool, no field (the host is at fault), not target-in-vg', () => {
    const claim =
      (
        kind: 'DISK_CLAIM_KIND_MULTIPATH_PATH' | 'DISK_CLAIM_KIND_GPFS_NSD' | 'DISK_CLAIM_KIND_CLUSTER_VG',
        owner: string,
        remedy: string,
      ) =>
      (facts: HostFacts) => {
        facts.targets[0]!.claim = { kind, owner, evidence: `evidence for ${owner}`, remedy };
      };
    const path = expectFinding(
      run({ targetDisks: ['hdisk1'] }, claim('DISK_CLAIM_KIND_MULTIPATH_PATH', 'hdiskpower0', 'clone elsewhere')),
      'target-is-multipath-path',
      'error',
      '',
      /-d/,
      /hdisk1 is a path of the multipath pseudo-device hdiskpower0 \(evidence for hdiskpower0\)/,
    );
    assert.equal(path.remedy, 'clone elsewhere');
    const disks = { ...DISKS, hdisk6: { vg: 'gpfs1nsd', sizeMb: 20480, bootable: true } };
    const gpfs = run(
      { targetDisks: ['hdisk6'] },
      claim('DISK_CLAIM_KIND_GPFS_NSD', 'gpfs1nsd', 'mmdelnsd gpfs1nsd'),
      disks,
    );
    expectFinding(gpfs, 'target-is-gpfs-nsd', 'error', '', /-d/, /the GPFS NSD gpfs1nsd/);
    assert.deepEqual(only(gpfs, 'target-in-vg'), []);
    const cluster = run({ targetDisks: ['hdisk2'] }, claim('DISK_CLAIM_KIND_CLUSTER_VG', 'datavg', 'use C-SPOC'));
    expectFinding(cluster, 'target-in-cluster-vg', 'error', '', /-d/, /in the cluster volume group datavg/);
    assert.deepEqual(only(cluster, 'target-in-vg'), []);
    assert.doesNotMatch(JSON.stringify(cluster), /reducevg|exportvg/);
  });

  test("what a free target's header holds: warnings, with their own codes", () => {
    const findings = run({ targetDisks: ['hdisk1'] }, (facts) => {
      facts.targets[0]!.headerWarnings = [
        { code: 'target-holds-vgda', message: 'a VGDA no VG claims', remedy: 'lqueryvg -Atp /dev/hdisk1' },
      ];
    });
    expectFinding(findings, 'target-holds-vgda', 'warning', '', /-d/, /a VGDA no VG claims/);
    assert.equal(isReady(findings), true);
  });

  test('target-not-bootable: an error, or a warning with -g', () => {
    const disks = { ...DISKS, hdisk6: { vg: 'None', sizeMb: 20480, bootable: false } };
    expectFinding(
      run({ targetDisks: ['hdisk6'] }, undefined, disks),
      'target-not-bootable',
      'error',
      'spec.target_disks[0]',
      /-g/,
      /bootinfo -B/,
    );
    expectFinding(
      run({ targetDisks: ['hdisk6'], skipBootabilityCheck: true }, undefined, disks),
      'target-not-bootable',
      'warning',
      'spec.target_disks[0]',
      /-g/,
    );
  });

  test('target-unreadable: bootinfo could not read the size or bootability', () => {
    const disks = { ...DISKS, hdisk6: { vg: 'None', sizeMb: null, bootable: null } };
    expectFinding(
      run({ targetDisks: ['hdisk6'] }, undefined, disks),
      'target-unreadable',
      'warning',
      'spec.target_disks[0]',
      /-d/,
      /size.*bootability/,
    );
  });

  test("target-too-small: the disks together against the clone's size, in MB; a warning with -S", () => {
    const f = expectFinding(
      run({ targetDisks: ['hdisk5'] }),
      'target-too-small',
      'error',
      'spec.target_disks',
      /-d/,
      /^hdisk5 holds 4096 MB and the clone needs 5184 MB$/,
    );
    assert.match(f.remedy, /several/);
    expectFinding(
      run({ targetDisks: ['hdisk5'], skipSpaceCheck: true }),
      'target-too-small',
      'warning',
      'spec.target_disks',
      /-S/,
      /skip_space_check/,
    );
    // Two small disks together are enough.
    assert.deepEqual(only(run({ targetDisks: ['hdisk5', 'hdisk3'] }), 'target-too-small'), []);
  });

  test('clone-space-basis: a mirrored rootvg is cloned as one copy, and the plan says it assumed so', () => {
    const mirrored = (f: HostFacts) => {
      // Every LV mirrored: 2 PPs per LP, so USED is twice the single copy (162 LPs = 5184 MB).
      f.rootvg = { ppSizeMb: 32, usedPps: 324, usedMb: 10368, totalMb: 40896 };
      f.logicalVolumes['rootvg'] = f.logicalVolumes['rootvg']!.map((l) => ({ ...l, pps: l.lps * 2, pvs: 2 }));
    };
    const disks = { ...DISKS, hdisk3: { vg: 'None', sizeMb: 8192, bootable: true } };
    const s = spec({ targetDisks: ['hdisk3'] });
    const facts = hostFacts(s, mirrored, disks);
    const findings = preflight(s, facts);
    assert.deepEqual(errors(findings), []);
    assert.deepEqual(
      codes(findings).filter((c) => c.startsWith('target-') || c.startsWith('clone-')),
      ['clone-space-basis'],
      'an 8192 MB disk takes the clone: no size finding',
    );
    const f = expectFinding(
      findings,
      'clone-space-basis',
      'info',
      '',
      /-i/,
      /^rootvg is mirrored \(2 copies: 10368 MB in use, lsvg rootvg\); the clone is taken to hold one copy of each logical volume, as alt_disk_copy makes it unless an image\.data \(-i\) says otherwise: it needs 5184 MB$/,
    );
    assert.match(f.remedy, /mirrorvg rootvg hdiskN/);
    assert.deepEqual(pick(spaceFacts(s, facts)), {
      requiredMb: 5184,
      rootvgUsedMb: 10368,
      rootvgCopies: 2,
      cloneCopies: 1,
      basis: 'one-copy',
    });
    // too small even for one copy: an error naming what the clone needs, not rootvg's mirrored use
    expectFinding(
      run({ targetDisks: ['hdisk5'] }, mirrored),
      'target-too-small',
      'error',
      'spec.target_disks',
      /-d/,
      /^hdisk5 holds 4096 MB and the clone needs 5184 MB$/,
    );
    // an unmirrored rootvg without -i: nothing to say
    assert.deepEqual(only(run({}), 'clone-space-basis'), []);
  });

  test('clone-space-basis: an image.data given with -i decides the copies (LPs x COPIES of its lv_data stanzas)', () => {
    const imageData = content(readFixture('image.data.hd6-mirrored.01.txt')); // hd6: 124 LPs x 2 copies of 128 MB
    const s = spec({ targetDisks: ['hdisk1'], imageData });
    const findings = preflight(s, hostFacts(s));
    expectFinding(
      findings,
      'target-too-small',
      'error',
      'spec.target_disks',
      /-d/,
      /^hdisk1 holds 20480 MB and the clone needs 31744 MB$/,
    );
    const f = expectFinding(
      findings,
      'clone-space-basis',
      'info',
      'spec.image_data',
      /-i/,
      /^the clone is built from the image\.data given \(-i\), whose logical volumes need 31744 MB with up to 2 copies each/,
    );
    assert.match(f.remedy, /at least 2 target disks/);
    assert.equal(spaceFacts(s, hostFacts(s)).cloneCopies, 2);
    // the same file named on the host and read there
    const onHost = spec({ targetDisks: ['hdisk4'], imageData: host('/tmp/my_image.data') });
    const read = hostFacts(
      onHost,
      (h) =>
        (h.hostFiles = {
          imageData: file('/tmp/my_image.data', {
            content: Buffer.from(readFixture('image.data.hd6-mirrored.01.txt')),
          }),
        }),
    );
    assert.deepEqual(pick(spaceFacts(onHost, read)), {
      requiredMb: 31744,
      rootvgUsedMb: 5184,
      rootvgCopies: 1,
      cloneCopies: 2,
      basis: 'image-data',
    });
    assert.deepEqual(only(preflight(onHost, read), 'target-too-small'), []);
  });

  test('clone-space-basis: an image.data that was not read here is said to be assumed one copy', () => {
    const s = spec({ imageData: host('/tmp/my_image.data') });
    const findings = preflight(
      s,
      hostFacts(s, (h) => (h.hostFiles = null)),
    );
    expectFinding(
      findings,
      'clone-space-basis',
      'info',
      'spec.image_data',
      /-i/,
      /the image\.data given \(-i\) decides how many copies the clone holds, but it was not read here .*the clone is taken to hold one copy of each logical volume.*: it needs 5184 MB$/,
    );
  });

  test('target-space-tight: less than a partition per disk to spare', () => {
    expectFinding(
      run({ targetDisks: ['hdisk6'] }, undefined, { ...DISKS, hdisk6: { vg: 'None', sizeMb: 5200, bootable: true } }),
      'target-space-tight',
      'warning',
      'spec.target_disks',
      /-d/,
      /only 16 MB more/,
    );
  });
});

describe('altinst_rootvg and phases (-P, note 1)', () => {
  const withAltinst = { ...DISKS, hdisk1: { vg: 'altinst_rootvg', sizeMb: 20480, bootable: true } };
  const altinstFacts = (variedOn: boolean) => (f: HostFacts) => {
    f.volumeGroups.push('altinst_rootvg');
    if (variedOn) f.variedOn.push('altinst_rootvg');
  };

  test('altinst-rootvg-exists: phase 1 with an altinst_rootvg anywhere', () => {
    const f = expectFinding(
      run({ targetDisks: ['hdisk4'] }, altinstFacts(false), withAltinst),
      'altinst-rootvg-exists',
      'error',
      '',
      /note 1/,
      /on hdisk1/,
    );
    assert.match(f.remedy, /altctl cleanup HOST altinst_rootvg/);
    for (const phases of ['1', '12', 'all'] as const) {
      assert.equal(
        only(run({ targetDisks: ['hdisk4'], phases }, altinstFacts(false), withAltinst), 'altinst-rootvg-exists')
          .length,
        1,
        phases,
      );
    }
  });

  test('altinst-rootvg-missing: phases 2, 3 or 23 need one', () => {
    for (const phases of ['2', '3', '23'] as const) {
      expectFinding(run({ phases }), 'altinst-rootvg-missing', 'error', 'spec.phases', /-P/);
    }
  });

  test('altinst-rootvg-disks-differ: phases 2/3 on other disks than phase 1 used', () => {
    expectFinding(
      run({ targetDisks: ['hdisk4'], phases: '23' }, altinstFacts(true), withAltinst),
      'altinst-rootvg-disks-differ',
      'error',
      'spec.target_disks',
      /-P/,
      /altinst_rootvg is on hdisk1/,
    );
  });

  test('altinst-rootvg-not-varied-on: a finished (varied-off) clone cannot take phases 2/3', () => {
    expectFinding(
      run({ phases: '23' }, altinstFacts(false), withAltinst),
      'altinst-rootvg-not-varied-on',
      'error',
      'spec.phases',
      /-P/,
    );
  });

  test('phases 23 on the varied-on phase-1 clone: no error, and its disk being in altinst_rootvg is fine', () => {
    assert.deepEqual(errors(run({ phases: '23' }, altinstFacts(true), withAltinst)), []);
  });

  test('partial-clone: phases 1 and 12 leave the clone unfinished', () => {
    expectFinding(run({ phases: '1' }), 'partial-clone', 'info', '', /-P/, /after phase 1/);
    expectFinding(run({ phases: '12' }), 'partial-clone', 'info', '', /-P/, /after phase 2/);
  });

  test('flag-outside-phases: phase 1 flags without phase 1, install flags without phase 2, -r without phase 3', () => {
    const withAltinst23 = run(
      { phases: '23', excludePatterns: ['^./tmp/'], convertJfsToJfs2: true },
      altinstFacts(true),
      withAltinst,
    );
    assert.match(one(withAltinst23, 'flag-outside-phases').message, /-e and -T act while phase 1/);
    const p1 = run({ phases: '1', imagesLocation: '/updates', fixes: ['IJ1'], reboot: true });
    assert.deepEqual(
      only(p1, 'flag-outside-phases').map((f) => f.field),
      ['spec.phases', 'spec.reboot'],
    );
    assert.match(only(p1, 'flag-outside-phases')[0]!.message, /-F and -l act in phase 2/);
  });
});

describe('flags that need other flags', () => {
  test('images-location-required: -b, -f, -F, -w or -I without -l', () => {
    const f = expectFinding(
      run({ bundle: host('/tmp/b'), fixes: ['IJ1'], installpFlags: '-acgXY' }),
      'images-location-required',
      'error',
      'spec.images_location',
      /-b -I -F/,
      /-b, -I and -F are given without -l/,
    );
    assert.match(f.message, /must be used with this option/);
    for (const fields of [{ fixBundle: host('/tmp/f') }, { filesets: ['bos.rte.lvm'] }]) {
      assert.equal(only(run(fields), 'images-location-required').length, 1);
    }
    assert.deepEqual(only(run({ fixes: ['IJ1'], imagesLocation: '/updates' }), 'images-location-required'), []);
  });

  test('console-without-device-reset: -c without -O', () => {
    expectFinding(run({ console: '/dev/vty0' }), 'console-without-device-reset', 'error', 'spec.console', /-c/);
    assert.deepEqual(only(run({ console: '/dev/vty0', deviceReset: true }), 'console-without-device-reset'), []);
  });

  test('reboot-with-no-bootlist: -r with -B', () => {
    expectFinding(run({ reboot: true, noBootlist: true }), 'reboot-with-no-bootlist', 'error', 'spec.reboot', /-B -r/);
  });

  test('path-not-absolute: host paths and images_location; update_all is a bundle name', () => {
    expectFinding(
      run({ resolvConf: host('resolv.conf') }),
      'path-not-absolute',
      'error',
      'spec.resolv_conf.host_path',
      /-R/,
      /"resolv.conf" is not a full path/,
    );
    expectFinding(
      run({ imagesLocation: 'updates', fixes: ['IJ1'] }),
      'path-not-absolute',
      'error',
      'spec.images_location',
      /-l/,
    );
    assert.deepEqual(only(run({ bundle: host('update_all'), imagesLocation: '/updates' }), 'path-not-absolute'), []);
  });
});

describe('host files (-i -s -b -f -e -x -R)', () => {
  test('input-file-missing', () => {
    expectFinding(
      run(
        { imageData: host('/tmp/my_image.data') },
        (f) =>
          (f.hostFiles!.imageData = file('/tmp/my_image.data', { exists: false, regularFile: false, error: 'ENOENT' })),
      ),
      'input-file-missing',
      'error',
      'spec.image_data.host_path',
      /-i/,
      /\/tmp\/my_image.data does not exist/,
    );
  });

  test('input-not-regular-file', () => {
    expectFinding(
      run(
        { fixBundle: host('/tmp'), imagesLocation: '/updates' },
        (f) => (f.hostFiles!.fixBundle = file('/tmp', { regularFile: false })),
      ),
      'input-not-regular-file',
      'error',
      'spec.fix_bundle.host_path',
      /-f/,
    );
  });

  test('script-not-executable: -s and -x; other files need no x bit', () => {
    const findings = run(
      {
        customizationScript: host('/tmp/post.sh'),
        firstBootScript: host('/tmp/first.sh'),
        resolvConf: host('/tmp/resolv.conf'),
      },
      (f) => {
        f.hostFiles!.customizationScript = file('/tmp/post.sh');
        f.hostFiles!.firstBootScript = file('/tmp/first.sh');
        f.hostFiles!.resolvConf = file('/tmp/resolv.conf');
      },
    );
    assert.deepEqual(
      only(findings, 'script-not-executable').map((f) => [f.field, f.source]),
      [
        ['spec.customization_script.host_path', 'alt_disk_copy manual, -s'],
        ['spec.first_boot_script.host_path', 'alt_disk_copy manual, -x'],
      ],
    );
  });

  test('exclude-list-blank-line: in sent content or in the host file', () => {
    expectFinding(
      run({ excludeList: content('^./tmp/\n\n/scratch/\n') }),
      'exclude-list-blank-line',
      'error',
      'spec.exclude_list.content',
      /-e/,
      /line 2/,
    );
    expectFinding(
      run(
        { excludeList: host('/etc/exclude.rootvg') },
        (f) => (f.hostFiles!.excludeList = file('/etc/exclude.rootvg', { content: Buffer.from('  \n^./tmp/\n') })),
      ),
      'exclude-list-blank-line',
      'error',
      'spec.exclude_list.host_path',
      /-e/,
      /line 1 of the exclude list \/etc\/exclude.rootvg/,
    );
    assert.deepEqual(
      only(run({ excludeList: content('^./tmp/\n') }), 'exclude-list-blank-line'),
      [],
      'the final newline is not a blank line',
    );
  });

  test('host-files-not-examined: for a caller who may not, host files are named but never looked at', () => {
    const blank = (f: HostFacts) => (f.hostFiles = null);
    const findings = run(
      { excludeList: host('/etc/exclude.rootvg'), imageData: host('/nonexistent/image.data') },
      blank,
    );
    expectFinding(
      findings,
      'host-files-not-examined',
      'info',
      '',
      /-i.*-e/,
      /^-i and -e name files on the host, which the agent did not look at/,
    );
    assert.deepEqual(
      findings.filter((f) => f.code.startsWith('input-') || f.code.startsWith('exclude-list')),
      [],
      'nothing said of whether they exist or what they hold',
    );
    assert.deepEqual(
      only(run({ excludeList: content('^./tmp/\n') }, blank), 'host-files-not-examined'),
      [],
      'sent content needs no host file',
    );
  });

  test('exclude-list-too-large: a host list too big to join with exclude_patterns', () => {
    const big = (f: HostFacts) =>
      (f.hostFiles!.excludeList = file('/etc/exclude.rootvg', { sizeBytes: 2 * 1024 * 1024 }));
    expectFinding(
      run({ excludeList: host('/etc/exclude.rootvg'), excludePatterns: ['^./tmp/'] }, big),
      'exclude-list-too-large',
      'error',
      'spec.exclude_patterns',
      /-e/,
      /2097152 bytes/,
    );
    assert.deepEqual(
      only(run({ excludeList: host('/etc/exclude.rootvg') }, big), 'exclude-list-too-large'),
      [],
      'passed by path, it is not read',
    );
  });

  test('exclude-list-crlf', () => {
    expectFinding(
      run({ excludeList: content('^./tmp/\r\n') }),
      'exclude-list-crlf',
      'warning',
      'spec.exclude_list.content',
      /-e/,
    );
  });
});

describe('rootvg and the host (notes 1, 3, 4, 7, 9, 10)', () => {
  test('lv-name-too-long: an error without -i, a note with it (note 3)', () => {
    const longName = (f: HostFacts) => f.logicalVolumes['rootvg']!.push(lv('applicationlv', 'jfs2', 1, '/app'));
    expectFinding(run({}, longName), 'lv-name-too-long', 'error', '', /note 3/, /applicationlv has 13 characters/);
    expectFinding(run({ imageData: content('x') }, longName), 'lv-name-too-long', 'info', '', /note 3/);
    assert.deepEqual(
      only(
        run({}, (f) => f.logicalVolumes['rootvg']!.push(lv('elevenchars', 'jfs2', 1, '/x'))),
        'lv-name-too-long',
      ),
      [],
    );
  });

  test('alt-prefix-vg, alt-prefix-lv, alt-prefix-fs; altinst_rootvg and old_rootvg themselves are fine (note 1)', () => {
    const findings = run({}, (f) => {
      f.volumeGroups.push('altdata', 'old_rootvg');
      f.variedOn.push('altdata');
      f.logicalVolumes['altdata'] = [lv('altlv', 'jfs2', 1, '/altdata')];
      f.logicalVolumes['old_rootvg'] = [lv('alt_hd4', 'jfs2', 1, '/alt_inst')];
      f.filesystems!.push({ filesystem: 'nfs:/x', blocks: 1, free: 1, usedPercent: 1, mountedOn: '/alt_inst/nfs' });
    });
    expectFinding(findings, 'alt-prefix-vg', 'warning', '', /note 1/, /volume group altdata/);
    expectFinding(findings, 'alt-prefix-lv', 'warning', '', /note 1/, /altlv \(in altdata\)/);
    assert.deepEqual(
      only(findings, 'alt-prefix-fs').map((f) => /file system (\S+)/.exec(f.message)?.[1]),
      ['/altdata', '/alt_inst/nfs'],
    );
  });

  test('ipldevice-unusable: bosboot -vd /dev/ipldevice failed (note 4), quoting bosboot', () => {
    const f = expectFinding(
      run(
        {},
        (x) =>
          (x.ipldevice = { ok: false, exitCode: 1, said: '0301-150 bosboot: Invalid or no boot device specified!' }),
      ),
      'ipldevice-unusable',
      'error',
      '',
      /note 4/,
      /0301-150/,
    );
    assert.match(f.remedy, /ln \/dev\/rhdisk0 \/dev\/ipldevice/);
    // Phase 1 makes no boot image, but the run that finishes the clone will.
    expectFinding(
      run({ phases: '1' }, (x) => (x.ipldevice = { ok: false, exitCode: 1, said: '' })),
      'ipldevice-unusable',
      'warning',
      '',
      /note 4/,
      /in phase 3/,
    );
  });

  test('fileset-missing: bos.alt_disk_install.rte', () => {
    expectFinding(
      run({}, (f) => (f.altDiskFileset = null)),
      'fileset-missing',
      'error',
      '',
      /Location/,
      /bos.alt_disk_install.rte/,
    );
  });

  test('fileset-level-for-update: updating from before 6100-08-02 / 7100-02-02 (note 9)', () => {
    const old = (f: HostFacts) =>
      (f.osLevel = { raw: '7100-02-01-1316', version: '7100', technologyLevel: 2, servicePack: 1, buildWeek: '1316' });
    expectFinding(
      run({ fixes: ['IJ1'], imagesLocation: '/updates' }, old),
      'fileset-level-for-update',
      'warning',
      '',
      /note 9/,
      /7100-02-01-1316/,
    );
    assert.deepEqual(only(run({}, old), 'fileset-level-for-update'), [], 'a plain clone installs nothing');
    assert.deepEqual(
      only(run({ fixes: ['IJ1'], imagesLocation: '/updates' }), 'fileset-level-for-update'),
      [],
      '7200 is past both levels',
    );
  });

  test('the note 9 levels', () => {
    const level = (version: string, technologyLevel: number | null, servicePack: number | null) => ({
      raw: '',
      version,
      technologyLevel,
      servicePack,
      buildWeek: null,
    });
    assert.equal(beforeAltDiskFixLevel(level('5300', 12, 9)), true);
    assert.equal(beforeAltDiskFixLevel(level('6100', 8, 1)), true);
    assert.equal(beforeAltDiskFixLevel(level('6100', 8, 2)), false);
    assert.equal(beforeAltDiskFixLevel(level('6100', 9, 0)), false);
    assert.equal(beforeAltDiskFixLevel(level('7100', 1, 10)), true);
    assert.equal(beforeAltDiskFixLevel(level('7100', 2, 2)), false);
    assert.equal(beforeAltDiskFixLevel(level('7100', 2, null)), true);
    assert.equal(beforeAltDiskFixLevel(level('7300', 0, 0)), false);
  });

  test('tcb-enabled: note 10 with the tcbck -d remedy; tcb-state-unknown when odmget could not tell', () => {
    const f = expectFinding(
      run({}, (x) => (x.tcb = { state: 'enabled', value: 'tcb_enabled', error: null })),
      'tcb-enabled',
      'warning',
      '',
      /note 10/,
      /3001-020/,
    );
    assert.match(f.remedy, /tcbck -d \/dev\/altinst_rootvg/);
    expectFinding(
      run({}, (x) => (x.tcb = { state: 'unknown', value: null, error: 'odmget was not found' })),
      'tcb-state-unknown',
      'info',
      '',
      /note 10/,
      /odmget was not found/,
    );
  });

  test('filesystem-not-mounted: each closed jfs/jfs2 LV with a mount point (note 7)', () => {
    const findings = run({}, (f) => {
      const root = f.logicalVolumes['rootvg']!;
      root.find((l) => l.name === 'hd1')!.open = false;
      root.find((l) => l.name === 'hd1')!.state = 'closed/syncd';
      root.push(lv('oldfs', 'jfs', 4, '/old', false));
    });
    assert.deepEqual(
      only(findings, 'filesystem-not-mounted').map((f) => [f.severity, f.source, /^(\S+)/.exec(f.message)?.[1]]),
      [
        ['SEVERITY_WARNING', 'alt_disk_copy manual, note 7', '/home'],
        ['SEVERITY_WARNING', 'alt_disk_copy manual, note 7', '/old'],
      ],
    );
    assert.deepEqual(only(run({}), 'filesystem-not-mounted'), [], 'hd5 (boot, closed) is not a file system');
  });

  test('filesystem-no-mount-point, raw-lv-not-copied: each rootvg LV whose data the clone would not get (real lsvg -l captures)', () => {
    // lsvg-l.rootvg.03.txt has a jfs2 LV "dump" with no mount point; aixsim/lsvg-l.rootvg-raw.aixsim.01.txt a raw LV.
    const captured = (name: string) => parseLsvgLvs(readFixture(name))[0]!.lvs;
    const withDump = run({}, (f) => (f.logicalVolumes['rootvg'] = captured('lsvg-l.rootvg.03.txt')));
    const dump = expectFinding(
      withDump,
      'filesystem-no-mount-point',
      'warning',
      '',
      /note 7/,
      /^logical volume dump \(jfs2, 256 MB, closed\/syncd\) has no mount point \(lsvg -l rootvg: N\/A\).*the clone would get dump empty$/,
    );
    assert.match(dump.remedy, /imfs -l dump.*rmlv dump/);
    assert.deepEqual(
      only(withDump, 'raw-lv-not-copied'),
      [],
      'paging00, sec_dumplv, loglv00 are made anew by alt_disk_copy',
    );
    const withRaw = run({}, (f) => (f.logicalVolumes['rootvg'] = captured('aixsim/lsvg-l.rootvg-raw.aixsim.01.txt')));
    const raw = expectFinding(
      withRaw,
      'raw-lv-not-copied',
      'warning',
      '',
      /note 7/,
      /^logical volume lv_ifmduni \(type raw, 320 MB, closed\/syncd\) holds no file system: alt_disk_copy creates it on the clone but copies none of its data/,
    );
    assert.match(raw.remedy, /altctl wake HOST DISK.*dd if=\/dev\/rlv_ifmduni of=\/dev\/ralt_lv_ifmduni/);
    assert.deepEqual(only(withRaw, 'filesystem-no-mount-point'), []);
    // an open jfs2 LV mounted by hand, outside /etc/filesystems, is named too; and one per LV
    const byHand = run({}, (f) =>
      f.logicalVolumes['rootvg']!.push(
        lv('scratch', 'jfs2', 2, null, true),
        lv('oradata', 'raw', 4, null, true),
        lv('oraidx', 'raw', 1, null, false),
      ),
    );
    assert.deepEqual(
      only(byHand, 'filesystem-no-mount-point').map((x) => /logical volume (\S+)/.exec(x.message)?.[1]),
      ['scratch'],
    );
    assert.deepEqual(
      only(byHand, 'raw-lv-not-copied').map((x) => /logical volume (\S+)/.exec(x.message)?.[1]),
      ['oradata', 'oraidx'],
    );
    // boot, paging, sysdump and log LVs of the default host: nothing to say; nor when phase 1 does not run
    assert.deepEqual(
      codes(run({})).filter((c) => c === 'filesystem-no-mount-point' || c === 'raw-lv-not-copied'),
      [],
    );
    assert.deepEqual(
      codes(run({ phases: '23' }, (f) => (f.logicalVolumes['rootvg'] = captured('lsvg-l.rootvg.03.txt')))).filter(
        (c) => c === 'filesystem-no-mount-point',
      ),
      [],
    );
  });
});

describe('space flags (-S, -T)', () => {
  test('jfs2-conversion: names each JFS file system with its size and use, and which are nearly full', () => {
    const jfs = (f: HostFacts) => {
      f.logicalVolumes['rootvg']!.push(lv('lv00', 'jfs', 4, '/legacy'), lv('lv01', 'jfs', 2, '/full'));
      f.filesystems!.push(
        { filesystem: '/dev/lv00', blocks: 131072, free: 100000, usedPercent: 24, mountedOn: '/legacy' },
        { filesystem: '/dev/lv01', blocks: 65536, free: 1000, usedPercent: 98, mountedOn: '/full' },
      );
    };
    expectFinding(
      run({ convertJfsToJfs2: true }, jfs),
      'jfs2-conversion',
      'warning',
      '',
      /-T/,
      /\/legacy \(128 MB, 24% used\) and \/full \(64 MB, 98% used\).*\/full is 90% full/,
    );
    expectFinding(run({ convertJfsToJfs2: true }), 'jfs2-conversion', 'info', '', /-T/, /no JFS file systems/);
  });

  test("space-check-skipped-jfs2: -S with -T (the manual's Important note)", () => {
    expectFinding(
      run({ convertJfsToJfs2: true, skipSpaceCheck: true }),
      'space-check-skipped-jfs2',
      'warning',
      'spec.skip_space_check',
      /-S -T \(Important\)/,
    );
  });

  test('space-check-skipped: -S alone is a note', () => {
    expectFinding(run({ skipSpaceCheck: true }), 'space-check-skipped', 'info', '', /-S/);
  });
});

describe('notes for options', () => {
  test('quiesce-system: note 8, saying what the backup error policy does', () => {
    assert.match(expectFinding(run({}), 'quiesce-system', 'info', '', /note 8/).message, /carries on/);
    assert.match(one(run({ backupErrorPolicy: 'fail' }), 'quiesce-system').message, /ALT_BAK_ERR_FAIL=1/);
    assert.match(one(run({ backupErrorPolicy: 'report' }), 'quiesce-system').message, /ALT_BAK_ERR_REPORT=1/);
  });

  test('remain-nim-client (-n), wpar-filesystems (-u), device-reset (-O)', () => {
    const findings = run({ remainNimClient: true, copyWparFilesystems: true, deviceReset: true });
    expectFinding(findings, 'remain-nim-client', 'info', '', /-n/, /\/etc\/niminfo/);
    expectFinding(findings, 'wpar-filesystems', 'info', '', /-u/);
    expectFinding(findings, 'device-reset', 'info', '', /-O/);
  });

  test('reboot-after-clone (-r), bootlist-unchanged (-B), nfs-clients-remount (note 11)', () => {
    expectFinding(run({ reboot: true }), 'reboot-after-clone', 'warning', '', /-r/, /reboots from hdisk1/);
    const noBootlist = run({ noBootlist: true });
    expectFinding(noBootlist, 'bootlist-unchanged', 'info', '', /-B/);
    assert.deepEqual(only(noBootlist, 'nfs-clients-remount'), []);
    expectFinding(run({}), 'nfs-clients-remount', 'info', '', /note 11/);
  });
});
