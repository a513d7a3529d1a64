import { hostPaths } from '../state/paths';
import { reboot, type RebootOutcome } from '../ops/reboot';

/** aixsim reboot DIR: what shutdown -Fr does, without its messages. Throws BootError when nothing can boot. */
export function rebootHost(dir: string, now: () => Date = () => new Date()): RebootOutcome {
  return reboot(hostPaths(dir), now);
}
