import { PHASE_NAMES } from '../../shared/phases';
import { STEP_RULES, WARNING_PATTERN } from './alt-disk-copy-messages';
import type { NewEvent } from './event-journal';
import { addStep, enterPhase, finishPhase, newProgress, startCopy, type ProgressState } from './progress-model';

/** State of an interpreter, saved in each journal cursor so a restarted agent resumes it. */
export interface InterpreterState {
  /** alt_disk_copy phases the job runs, e.g. [1, 2, 3]; [] for commands without phases. */
  phases: number[];
  step: string;
  copying: boolean;
  progress: ProgressState;
  /** Warnings seen, the first MAX_WARNINGS of them, for the job's record. */
  warnings: string[];
}

const MAX_WARNINGS = 50;

export function newInterpreterState(phases: number[], startedAtMs: number): InterpreterState {
  return { phases, step: '', copying: false, progress: newProgress(phases, startedAtMs), warnings: [] };
}

/**
 * Turns the command's output, line by line, into job events. A pure function of
 * its state and the line (plus the time, for the copy's start), so replaying the
 * same output from the same state gives the same events.
 */
export function interpretLine(s: InterpreterState, raw: string, nowMs: number): NewEvent[] {
  const line = raw.replace(/\s+$/, '');
  if (line.trim() === '') return [];
  const events: NewEvent[] = [];
  const rule = s.phases.length > 0 ? STEP_RULES.find((r) => r.pattern.test(line.trim())) : undefined;
  if (rule && s.phases.includes(rule.phase) && rule.phase !== s.progress.phase) {
    // A later phase's first message closes every phase before it; a phase that had
    // nothing to print (phase 2 without updates) is still started and finished.
    for (const p of s.phases.filter((n) => n >= s.progress.phase && n < rule.phase && n > 0)) {
      if (p !== s.progress.phase) events.push(...startPhase(s, p));
      finishPhase(s.progress, p);
      events.push({
        type: 'EVENT_TYPE_PHASE_FINISHED',
        phase: p,
        percent: s.progress.percent,
        text: `phase ${p} done`,
      });
    }
    events.push(...startPhase(s, rule.phase));
  }
  if (rule) {
    s.step = line.trim();
    if (rule.copy) {
      s.copying = true;
      startCopy(s.progress, nowMs);
    } else {
      s.copying = false;
      addStep(s.progress);
    }
    events.push({ type: 'EVENT_TYPE_STEP', phase: s.progress.phase, step: s.step, percent: s.progress.percent });
    return events;
  }
  if (WARNING_PATTERN.test(line)) {
    if (s.warnings.length < MAX_WARNINGS) s.warnings.push(line.trim());
    events.push({
      type: 'EVENT_TYPE_WARNING',
      phase: s.progress.phase,
      step: s.step,
      percent: s.progress.percent,
      text: line,
    });
  } else {
    events.push({
      type: 'EVENT_TYPE_OUTPUT',
      phase: s.progress.phase,
      step: s.step,
      percent: s.progress.percent,
      text: line,
    });
  }
  return events;
}

function startPhase(s: InterpreterState, phase: number): NewEvent[] {
  enterPhase(s.progress, phase);
  return [
    {
      type: 'EVENT_TYPE_PHASE_STARTED',
      phase,
      percent: s.progress.percent,
      text: `phase ${phase}: ${PHASE_NAMES[phase] ?? ''}`,
    },
  ];
}

/** At the command's exit: the last phase is closed if the command succeeded. */
export function interpretExit(s: InterpreterState, exitCode: number | null): NewEvent[] {
  if (exitCode !== 0 || s.progress.phase === 0) return [];
  const open = s.phases.filter((p) => p >= s.progress.phase);
  return open.map((p) => {
    finishPhase(s.progress, p);
    return {
      type: 'EVENT_TYPE_PHASE_FINISHED' as const,
      phase: p,
      percent: s.progress.percent,
      text: `phase ${p} done`,
    };
  });
}
