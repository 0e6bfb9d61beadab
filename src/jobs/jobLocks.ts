/**
 * A tab holds a Web Lock for each job it has queued or running, so another tab (or this
 * one after a reload) can tell a job that is still going from one whose tab went away.
 */
const lockName = (id: string) => `inpaint-studio-job:${id}`;

const locks = (): LockManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.locks);

/** Holds the job's lock until the returned function is called. */
export function holdJobLock(id: string): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  void locks()?.request(lockName(id), () => held);
  return release;
}

/** True while some open tab holds the job's lock. */
export async function isJobHeldElsewhere(id: string): Promise<boolean> {
  const manager = locks();
  if (!manager) return false;
  return manager.request(lockName(id), { ifAvailable: true }, (lock) => lock === null);
}

/** Resolves once no tab holds the job's lock any more (its tab finished it, or went away). */
export async function whenJobReleased(id: string): Promise<void> {
  await locks()?.request(lockName(id), async () => {});
}
