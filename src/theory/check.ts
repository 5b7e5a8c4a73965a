// Argument checks shared by the theory functions: each names the function and the argument.

/** @internal Throws unless `c` is a whole number ≥ `min`. */
export function checkServers(fn: string, c: number, min = 0): void {
  if (!(Number.isInteger(c) && c >= min)) throw new RangeError(`${fn}: servers must be a whole number ≥ ${min}, got ${c}`);
}

/** @internal Throws unless `a` is finite and ≥ 0. */
export function checkLoad(fn: string, a: number, name = 'offered load'): void {
  if (!(Number.isFinite(a) && a >= 0)) throw new RangeError(`${fn}: ${name} must be a finite number ≥ 0, got ${a}`);
}

/** @internal Throws unless `x` is finite and > 0. */
export function checkRate(fn: string, x: number, name: string): void {
  if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`${fn}: ${name} must be a finite number > 0, got ${x}`);
}

/** @internal Throws unless the queue is stable: load `a` below `c` servers. */
export function checkStable(fn: string, c: number, a: number): void {
  if (!(a < c)) throw new RangeError(`${fn}: the queue is unstable (offered load ${a} Erlangs on ${c} servers): it needs λ/μ < c`);
}
