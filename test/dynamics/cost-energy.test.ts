// Cost, power, energy and carbon: closed forms for constant scenarios, exact step integrals for series.
import { describe, expect, it } from 'vitest';
import { compilePowerModel, powerSpecIssues } from '../../src/dynamics/power-model.js';
import { carbonIntensityIssues, compileCarbonIntensity } from '../../src/dynamics/carbon-intensity.js';
import { HostMeter } from '../../src/dynamics/host-meter.js';

describe('compilePowerModel', () => {
  it('is linear between idle and max in CPU utilisation, clamped to [0, 1]', () => {
    const p = compilePowerModel({ idle: 100, max: 300 });
    expect([p(0), p(0.25), p(0.5), p(1), p(-1), p(2)]).toEqual([100, 150, 200, 300, 100, 300]);
  });
  it('interpolates SPECpower\'s 11 load levels', () => {
    const levels: [number, number][] = [[0, 58], [0.1, 91], [0.2, 103], [0.3, 114], [0.4, 125], [0.5, 137], [0.6, 151], [0.7, 167], [0.8, 186], [0.9, 210], [1, 235]];
    const p = compilePowerModel({ points: levels });
    for (const [u, w] of levels) expect(p(u)).toBe(w);
    expect(p(0.05)).toBeCloseTo((58 + 91) / 2, 12);
    expect(p(0.75)).toBeCloseTo((167 + 186) / 2, 12);
  });
  it('reports bad specs with paths', () => {
    expect(powerSpecIssues({ idle: 200, max: 100 }, 'hosts[0].power').map((i) => i.path)).toEqual(['hosts[0].power.max']);
    expect(powerSpecIssues({ points: [[0, 10], [0, 20], [1.5, -1]] }, 'p').map((i) => i.path)).toEqual(['p.points[1][0]', 'p.points[2][0]', 'p.points[2][1]']);
  });
});

describe('compileCarbonIntensity', () => {
  it('integrates a constant and a periodic step series exactly', () => {
    expect(compileCarbonIntensity(400).integral(0, 3600)).toBe(1_440_000);
    const c = compileCarbonIntensity({ points: [[0, 100], [1800, 300]], period: 3600 });
    expect(c.integral(0, 7200)).toBe(200 * 7200);
    expect(c.integral(900, 2700)).toBe(100 * 900 + 300 * 900);
    expect(c.integral(3600 * 5 + 1800, 3600 * 7)).toBe(300 * 1800 + 100 * 1800 + 300 * 1800);
    expect([c.at(0), c.at(1799), c.at(1800), c.at(3600), c.at(5400)]).toEqual([100, 100, 300, 100, 300]);
    const once = compileCarbonIntensity({ points: [[0, 100], [1800, 300]] });
    expect(once.integral(0, 7200)).toBe(100 * 1800 + 300 * 5400);
  });
  it('reports bad specs with paths', () => {
    expect(carbonIntensityIssues({ points: [[10, 100], [5, -1]], period: 5 }, 'carbon.intensity').map((i) => i.path)).toEqual([
      'carbon.intensity.points[0][0]', 'carbon.intensity.points[1][0]', 'carbon.intensity.points[1][1]', 'carbon.intensity.period',
    ]);
    expect(carbonIntensityIssues(-3, 'carbon.intensity')).toHaveLength(1);
  });
});

describe('HostMeter: cost, energy and CO₂ of constant scenarios equal the closed forms exactly', () => {
  it('cost: 3 hosts at 0.5 an hour for 10 hours, one of them added after 2 hours', () => {
    const cost = new HostMeter(3);
    cost.set(0, 0, 0.5); cost.set(1, 0, 0.5); cost.set(2, 7200, 0.5);
    const t = 36_000;
    const total = (cost.total(0, t) + cost.total(1, t) + cost.total(2, t)) / 3600;
    expect(total).toBe(0.5 * 10 + 0.5 * 10 + 0.5 * 8);
  });
  it('energy and CO₂: 200 W for 1 h then removed; 400 g/kWh → 0.2 kWh, 0.08 kg', () => {
    const power = new HostMeter(1, compileCarbonIntensity(400));
    power.set(0, 0, compilePowerModel({ idle: 100, max: 300 })(0.5));
    power.set(0, 3600, 0);
    expect(HostMeter.kWh(power.total(0, 10_000))).toBe(0.2);
    expect(power.co2kg(0, 10_000)).toBe(0.08);
  });
  it('CO₂ against a daily series integrates power × intensity over every overlap of their steps', () => {
    // Intensity 100 g/kWh for the first half of each hour, 300 for the second. A host draws 100 W from t = 0,
    // 300 W from t = 2700 (mid-step), and stops at t = 5400.
    const power = new HostMeter(1, compileCarbonIntensity({ points: [[0, 100], [1800, 300]], period: 3600 }));
    power.set(0, 0, 100);
    power.set(0, 2700, 300);
    power.set(0, 5400, 0);
    const ws = 100 * (100 * 1800 + 300 * 900) + 300 * (300 * 900 + 100 * 1800); // W·s·g/kWh
    expect(power.weighted(0, 6000)).toBe(ws);
    expect(power.co2kg(0, 6000)).toBe(ws / 3.6e6 / 1000);
    expect(power.total(0, 6000)).toBe(100 * 2700 + 300 * 2700);
  });
  it('loses nothing over a month of per-second changes', () => {
    const power = new HostMeter(1);
    for (let t = 0; t < 30 * 86400; t++) power.set(0, t, t % 2 === 0 ? 100 : 300);
    expect(power.total(0, 30 * 86400)).toBe(200 * 30 * 86400);
  });
});
