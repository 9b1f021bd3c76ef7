/**
 * Clean-up said where the resource is made: each phase opens a scope, registers how to undo what it
 * started (child processes, databases, servers), and closes it in `finally`. Scopes still open when the
 * drill is interrupted are closed by the SIGINT handler, so nothing outlives the drill.
 */
const openScopes = new Set<Scope>();

export class Scope {
  private readonly steps: { name: string; run: () => unknown }[] = [];

  constructor() {
    openScopes.add(this);
  }

  defer(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  /** Undoes everything in reverse order; a failing step is reported and the others still run. */
  async close(): Promise<void> {
    openScopes.delete(this);
    const steps = this.steps.splice(0).reverse();
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        console.error(
          `clean-up: ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

export async function withScope<T>(work: (scope: Scope) => Promise<T>): Promise<T> {
  const scope = new Scope();
  try {
    return await work(scope);
  } finally {
    await scope.close();
  }
}

/** Closes every open scope, newest first. */
export async function closeAllScopes(): Promise<void> {
  for (const scope of [...openScopes].reverse()) await scope.close();
}
