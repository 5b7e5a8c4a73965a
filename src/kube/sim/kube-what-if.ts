import { RandomStreams } from '../../random/streams.js';
import type { HostCondition } from '../../scheduling/host-condition.js';
import type { PlacementRequest } from '../../scheduling/policy.js';
import type { SchedulerExplanation } from '../../scheduling/scheduler.js';
import type { Simulation } from '../../simulation/simulation.js';
import type { SimulationEvent } from '../../simulation/observation.js';
import type { KubePreset } from '../resolve-profile.js';
import { KubeSchedulerAdapter } from './kube-adapter.js';

/**
 * What kube-scheduler would have made of a run placed by another policy: a second, passive
 * kube-scheduler that follows the run through its events (pods bound where the run placed them,
 * removed when they leave, host conditions as taints) and, when the run explains a container, scores
 * every host for it from the same moment: the cluster's allocations and the pods already running.
 * It never places anything, so the run is unchanged.
 *
 * @example
 * ```ts
 * const whatIf = KubeWhatIf.follow(run, 'binpack');
 * run.explain('web-3');
 * run.run();
 * whatIf.explanations.get('web-3'); // kube-scheduler's filters and scores at web-3's decision
 * ```
 */
export class KubeWhatIf {
  /** kube-scheduler's explanation at each explained container's last attempt, by container name. */
  readonly explanations = new Map<string, SchedulerExplanation>();
  private readonly kube: KubeSchedulerAdapter;
  private submitted = new Float64Array(1024);
  private readonly req: PlacementRequest;

  private constructor(private readonly run: Simulation, profile: KubePreset) {
    const cluster = run.cluster;
    const submitted = () => this.submitted;
    this.kube = new KubeSchedulerAdapter({
      cluster,
      scenario: run.scenario,
      streams: new RandomStreams(`${String(run.scenario.seed)}/what-if`),
      clock: run.sim,
      containers: {
        submitTime: (c) => submitted()[c] ?? 0,
        workload: () => -1,
        ordinal: () => -1,
      },
    }, profile === 'default' ? 'kube' : profile);
    this.req = { container: 0, workload: 0, demand: new Float64Array(cluster.D), offset: 0 };
  }

  /**
   * Starts following a run (before it runs).
   * @param profile - The kube-scheduler profile: a preset, or `default` for the scenario's own profiles (kube-scheduler's default when it has none).
   */
  static follow(run: Simulation, profile: KubePreset): KubeWhatIf {
    const w = new KubeWhatIf(run, profile);
    run.observe((e) => w.onEvent(e));
    return w;
  }

  private onEvent(e: SimulationEvent): void {
    const req = this.req;
    req.container = e.container;
    req.workload = e.workload;
    switch (e.kind) {
      case 'submitted':
        if (e.container >= this.submitted.length) {
          const b = new Float64Array(Math.max(e.container + 1, this.submitted.length * 2));
          b.set(this.submitted);
          this.submitted = b;
        }
        this.submitted[e.container] = e.time;
        break;
      case 'explained':
        this.explanations.set(this.run.containerName(e.workload, e.ordinal), this.kube.explain(req));
        break;
      case 'placed':
        this.kube.placed(req, e.host);
        break;
      case 'finished': case 'failed': case 'evicted': case 'preempted': case 'lost':
        this.kube.released(e.container);
        break;
      case 'host-condition':
        this.kube.hostConditionChanged(e.host, e.condition as HostCondition, e.on);
        break;
      default:
    }
  }
}
