import type { JobProgress } from './job-record';

/**
 * Turns what the interpreter knows (phase, step count, copy fraction) into one
 * percentage for the whole job, and an ETA. The copy of rootvg dominates a clone's
 * time, so phase 1 is weighted most and its copy step is measured (from df);
 * other steps advance the bar a little each, never past their phase's share.
 */
const PHASE_WEIGHT: Readonly<Record<number, number>> = { 1: 80, 2: 10, 3: 10 };
/** Within phase 1, the part before the copy (make VG, LVs, file systems). */
const PRE_COPY_SHARE = 0.06;

export interface ProgressState {
  phases: number[];
  phase: number;
  /** Steps seen in the current phase. */
  stepsInPhase: number;
  /** 0-1 once the copy is being measured, else null. */
  copyFraction: number | null;
  copyStartedAtMs: number | null;
  percentAtCopyStart: number;
  startedAtMs: number;
  percent: number;
}

export function newProgress(phases: number[], startedAtMs: number): ProgressState {
  return {
    phases,
    phase: 0,
    stepsInPhase: 0,
    copyFraction: null,
    copyStartedAtMs: null,
    percentAtCopyStart: 0,
    startedAtMs,
    percent: 0,
  };
}

export function enterPhase(s: ProgressState, phase: number): void {
  s.phase = phase;
  s.stepsInPhase = 0;
  s.copyFraction = null;
  raise(s, phaseStart(s, phase));
}

export function addStep(s: ProgressState): void {
  s.stepsInPhase += 1;
  const share = s.phase === 1 ? PRE_COPY_SHARE : 1;
  // Each step covers a third of what is left of the share: it moves, but never reaches the end early.
  raise(s, phaseStart(s, s.phase) + phaseSpan(s, s.phase) * share * (1 - Math.pow(2 / 3, s.stepsInPhase)));
}

export function startCopy(s: ProgressState, nowMs: number): void {
  s.copyStartedAtMs = nowMs;
  s.copyFraction = 0;
  raise(s, phaseStart(s, 1) + phaseSpan(s, 1) * PRE_COPY_SHARE);
  s.percentAtCopyStart = s.percent;
}

export function measureCopy(s: ProgressState, fraction: number): void {
  s.copyFraction = Math.max(0, Math.min(0.99, fraction));
  raise(s, phaseStart(s, 1) + phaseSpan(s, 1) * (PRE_COPY_SHARE + (1 - PRE_COPY_SHARE) * s.copyFraction));
}

export function finishPhase(s: ProgressState, phase: number): void {
  raise(s, phaseStart(s, phase) + phaseSpan(s, phase));
}

/** Seconds to the end, extrapolated from the pace so far; -1 until there is a pace. */
export function etaSeconds(s: ProgressState, nowMs: number): number {
  if (s.copyStartedAtMs !== null && s.copyFraction !== null && s.copyFraction > 0.02) {
    const rate = (s.percent - s.percentAtCopyStart) / ((nowMs - s.copyStartedAtMs) / 1000);
    if (rate > 0) return Math.round((100 - s.percent) / rate);
  }
  const elapsed = (nowMs - s.startedAtMs) / 1000;
  if (s.percent < 3 || elapsed < 2) return -1;
  return Math.round((elapsed * (100 - s.percent)) / s.percent);
}

export function snapshot(s: ProgressState, step: string, nowMs: number): JobProgress {
  return { phase: s.phase, step, percent: floorPercent(s.percent), etaSeconds: etaSeconds(s, nowMs) };
}

/** One decimal, rounded down: rounding up could show a value that a later, larger raw value then undercuts. */
export function floorPercent(percent: number): number {
  return Math.floor(percent * 10) / 10;
}

function raise(s: ProgressState, percent: number): void {
  s.percent = Math.max(s.percent, Math.min(100, percent));
}

function totalWeight(s: ProgressState): number {
  return s.phases.reduce((sum, p) => sum + (PHASE_WEIGHT[p] ?? 0), 0) || 1;
}

function phaseStart(s: ProgressState, phase: number): number {
  const before = s.phases.filter((p) => p < phase).reduce((sum, p) => sum + (PHASE_WEIGHT[p] ?? 0), 0);
  return (100 * before) / totalWeight(s);
}

function phaseSpan(s: ProgressState, phase: number): number {
  return s.phases.includes(phase) ? (100 * (PHASE_WEIGHT[phase] ?? 0)) / totalWeight(s) : 0;
}
