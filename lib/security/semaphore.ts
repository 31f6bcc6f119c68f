// A counting semaphore: at most `max` holders at once, later callers wait in order up to a deadline.
// Sign-in uses it to cap concurrent argon2 checks per node (each takes ~19 MiB and a core for a moment).

export type Release = () => void;

export class Semaphore {
  private active = 0;
  private readonly waiting: Array<(release: Release) => void> = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new Error("A semaphore needs at least one slot.");
  }

  /** A release function, or null when no slot freed up within `timeoutMs`. */
  acquire(timeoutMs: number): Promise<Release | null> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const grant = (release: Release) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(null);
      }, timeoutMs);
      this.waiting.push(grant);
    });
  }

  get inUse(): number {
    return this.active;
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter: `active` stays the same.
      if (next) next(this.releaser());
      else this.active -= 1;
    };
  }
}
