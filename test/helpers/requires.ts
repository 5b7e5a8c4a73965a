// Tests that need something outside the repository (Chromium, Redis, the npm registry) run when it is
// there, and otherwise skip with the reason printed, so that `npm test` passes on a fresh machine.
// CI installs these tools and sets PODSIM_REQUIRE_<NAME>=1: then a missing tool is a failing test
// that says how to install it, never a silent skip.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

/** Something a group of tests needs from the machine. */
export interface Requirement {
  /** What it is, for messages: `Chromium`, `redis-server`. */
  readonly name: string;
  /** The variable that, set to 1, makes a missing requirement a failure: `PODSIM_REQUIRE_BROWSER`. */
  readonly env: string;
  /** Why it is missing, or undefined when it is there. */
  readonly missing: string | undefined;
  /** How to provide it. */
  readonly install: string;
}

/** Whether the environment demands `req` (its variable is set to 1, true or yes). */
export function isRequired(req: Pick<Requirement, 'env'>): boolean {
  return /^(1|true|yes)$/i.test(process.env[req.env] ?? '');
}

/**
 * `describe(title, body)` when the requirement is met. When it is not: a failing test naming what
 * is missing if the environment requires it, otherwise a skipped suite whose title gives the reason,
 * and the same reason on stderr so that it shows in the run's output.
 */
export function describeRequiring(req: Requirement, title: string, body: () => void): void {
  if (req.missing === undefined) {
    describe(title, body);
    return;
  }
  const reason = `${req.name} is not available (${req.missing}); ${req.install}`;
  if (isRequired(req)) {
    describe(title, () => {
      it(`needs ${req.name} (${req.env}=1)`, () => {
        throw new Error(`${reason}. ${req.env}=1 makes this a failure rather than a skip.`);
      });
    });
    return;
  }
  process.stderr.write(`SKIPPED: ${title}: ${reason} (set ${req.env}=1 to make this a failure)\n`);
  describe.skip(`${title} [skipped: ${reason}]`, body);
}

/** The absolute path of `command` on PATH, or undefined. */
export function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, command);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * A program the tests start: present when `path` (an absolute path) or `command` (on PATH) is
 * executable.
 *
 * @example
 * ```ts
 * const REDIS = program({ name: 'redis-server', command: 'redis-server', env: 'PODSIM_REQUIRE_REDIS', install: 'install it with `apt-get install -y redis-server`' });
 * describeRequiring(REDIS, 'sweeps over a Redis queue', () => { ... });
 * ```
 */
export function program(o: { name: string; env: string; install: string; command?: string; path?: string }): Requirement & { readonly path: string | undefined } {
  let path: string | undefined;
  if (o.path !== undefined) {
    try {
      accessSync(o.path, constants.X_OK);
      path = o.path;
    } catch {
      path = undefined;
    }
  } else if (o.command !== undefined) path = onPath(o.command);
  const looked = o.path ?? `${o.command ?? o.name} on PATH`;
  return { name: o.name, env: o.env, install: o.install, path, missing: path === undefined ? `no executable ${looked}` : undefined };
}

/** Chromium for the report's browser test: PODSIM_CHROMIUM, else /usr/bin/chromium. Required when PODSIM_REQUIRE_BROWSER=1. */
export const CHROMIUM = program({
  name: 'Chromium',
  env: 'PODSIM_REQUIRE_BROWSER',
  path: process.env.PODSIM_CHROMIUM ?? '/usr/bin/chromium',
  install: 'install it with `apt-get install -y chromium`, or point PODSIM_CHROMIUM at a Chromium binary',
});

/** redis-server, for tests of work queues on Redis. Required when PODSIM_REQUIRE_REDIS=1. */
export const REDIS = program({
  name: 'redis-server',
  env: 'PODSIM_REQUIRE_REDIS',
  command: 'redis-server',
  install: 'install it with `apt-get install -y redis-server`',
});
