// CommonJS TypeScript through ts-node (type-checked with moduleResolution node10, so subpath types
// come from typesVersions): every entry point, with a type from each.
import * as root from 'podsim';
import type { Scenario, SimulationResult, Issue } from 'podsim';
import * as engine from 'podsim/engine';
import * as inputs from 'podsim/inputs';
import type { ImportResult } from 'podsim/inputs';
import * as kube from 'podsim/kube';
import type { KubeProfile } from 'podsim/kube';
import * as metrics from 'podsim/metrics';
import * as experiments from 'podsim/experiments';
import * as theory from 'podsim/theory';
import * as dynamics from 'podsim/dynamics';
import * as packing from 'podsim/packing';
import type { PackResult } from 'podsim/packing';
import * as performance from 'podsim/performance';
import type { CpuContainer } from 'podsim/performance';
import * as random from 'podsim/random';
import type { DistributionSpec } from 'podsim/random';
import * as report from 'podsim/report';
import type { ChartSpec } from 'podsim/report';
import * as resources from 'podsim/resources';
import type { ResourceVector } from 'podsim/resources';
import * as scheduling from 'podsim/scheduling';
import type { PlacementPolicy } from 'podsim/scheduling';
import * as traces from 'podsim/traces';
import type { TraceTask } from 'podsim/traces';
import type { EventHandle } from 'podsim/engine';
import type { DistributionSummary } from 'podsim/metrics';
import * as cli from 'podsim/cli';
import type { CliIo } from 'podsim/cli';

const { check } = require('./check.cjs') as { check(m: Record<string, unknown>, e: unknown): string };
const typed: [Scenario['hosts'], SimulationResult['wait'] | undefined, Issue | undefined, ImportResult | undefined, KubeProfile, PackResult | undefined,
  CpuContainer, DistributionSpec, ChartSpec | undefined, ResourceVector | undefined, PlacementPolicy, TraceTask | undefined, EventHandle | undefined, DistributionSummary | undefined, CliIo] = [
  [{ name: 'n', capacity: { cpu: 1 } }], undefined, undefined, undefined, { preset: 'binpack' }, undefined,
  { request: 100 }, { distribution: 'constant', value: 1 }, undefined, undefined, scheduling.firstFit(), undefined, undefined, undefined, { stdout: process.stdout, stderr: process.stderr },
];
const resolved = require.resolve('podsim/kube');
if (!/[/\\]dist[/\\]cjs[/\\]kube[/\\]index\.js$/.test(resolved) || typed.length !== 15) throw new Error(`podsim/kube resolved to ${resolved}, not the CommonJS build`);
console.log(check({
  podsim: root, 'podsim/engine': engine, 'podsim/inputs': inputs, 'podsim/kube': kube, 'podsim/metrics': metrics,
  'podsim/packing': packing, 'podsim/performance': performance, 'podsim/random': random, 'podsim/report': report,
  'podsim/resources': resources, 'podsim/scheduling': scheduling, 'podsim/traces': traces, 'podsim/cli': cli,
  'podsim/experiments': experiments, 'podsim/theory': theory, 'podsim/dynamics': dynamics,
}, require('podsim/package.json').exports));
