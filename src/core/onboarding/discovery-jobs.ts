// Discovery jobs: a WS-Discovery probe and/or a range scan running in the core, with progress
// (count and time left) as events, cancel, and a list of what was found, each device marked when
// it is already in the register. Everything a probe answer says is untrusted (issue: "only http(s)
// XAddrs in the scanned network are contacted"): XAddrs pass the library's filter against the
// networks this job covers, and details are read only from those that pass.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { discoverInput, DiscoveredDevice, DiscoveryJob } from '../../shared/contract';
import { AppError, toErrorInfo, type ErrorInfo } from '../../shared/errors';
import type { EventBus } from '../events/event-bus';
import { createLogger } from '../log/logger';
import { describeDevice, expandRange, ipv4ToInt, localNetworks, parseCidr, probe, scanRange, type DiscoveredDevice as Probed, type Ipv4Net, type ScannedDevice } from '../onvif';

const log = createLogger('discovery');

export type DiscoverInput = z.output<typeof discoverInput>;
type Registered = DiscoveredDevice['registered'];

export interface DiscoveryDeps {
  events: EventBus;
  /** "Already registered" by endpoint, serial, MAC or address: built afresh for every read. */
  registeredIndex(): (d: { endpoint: string | null; serial: string | null; mac: string | null; address: string }) => Registered;
  /** How long a probe listens; default 3 s (cameras answer within 0–2.5 s by the spec). */
  probeTimeoutMs?: number;
  scanTimeoutMs?: number;
  concurrency?: number;
  /** Networks a multicast probe's answers may point into; default this machine's (no loopback). */
  localNetworks?: () => Ipv4Net[];
}

const MAX_JOBS = 8;
const EVENT_EVERY_MS = 200;

/** The fewest CIDR blocks that cover exactly from..to (a range need not be aligned). */
export function rangeToNets(from: number, to: number): Ipv4Net[] {
  const out: Ipv4Net[] = [];
  let lo = from;
  while (lo <= to) {
    let size = 32;
    while (size > 0) {
      const block = 2 ** (32 - (size - 1));
      if (lo % block !== 0 || lo + block - 1 > to) break;
      size--;
    }
    out.push({ base: lo, prefix: size });
    lo += 2 ** (32 - size);
  }
  return out;
}

function rangeNets(range: NonNullable<DiscoverInput['range']>): Ipv4Net[] {
  if ('cidr' in range) {
    const n = parseCidr(range.cidr);
    if (!n) throw new AppError('bad_request', { field: 'range', problem: 'cidr' });
    return [n];
  }
  const lo = ipv4ToInt(range.from);
  const hi = ipv4ToInt(range.to);
  if (lo === null || hi === null || hi < lo) throw new AppError('bad_request', { field: 'range', problem: 'range' });
  return rangeToNets(lo, hi);
}

interface Job {
  id: string;
  userId: string;
  state: DiscoveryJob['state'];
  started: number;
  ended: number | null;
  abort: AbortController;
  devices: Map<string, DiscoveredDevice>;
  /** address → key, to merge what the probe and the scan found of one device. */
  byAddress: Map<string, string>;
  fresh: Set<string>;
  probe: { done: boolean; until: number } | null;
  scan: { done: number; total: number; etaMs: number | null } | null;
  error: ErrorInfo | null;
  lastEvent: number;
  eventTimer: NodeJS.Timeout | null;
  finished: Promise<void>;
}

export class DiscoveryJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly d: DiscoveryDeps) {}

  /** Starts a job; its progress arrives as discovery.progress events. */
  start(userId: string, input: DiscoverInput): string {
    // Checked before anything is sent: a range too large or malformed is the caller's error.
    let hosts: string[] = [];
    let scanNets: Ipv4Net[] = [];
    if (input.range) {
      try {
        hosts = expandRange(input.range, 1024);
      } catch {
        throw new AppError('bad_request', { field: 'range', problem: 'too_large' });
      }
      scanNets = rangeNets(input.range);
    }
    const now = Date.now();
    const probeMs = this.d.probeTimeoutMs ?? 3000;
    const job: Job = {
      id: randomUUID(),
      userId,
      state: 'running',
      started: now,
      ended: null,
      abort: new AbortController(),
      devices: new Map(),
      byAddress: new Map(),
      fresh: new Set(),
      probe: input.probe ? { done: false, until: now + probeMs } : null,
      scan: input.range ? { done: 0, total: hosts.length * (input.ports?.length ?? 5), etaMs: null } : null,
      error: null,
      lastEvent: 0,
      eventTimer: null,
      finished: Promise.resolve(),
    };
    this.jobs.set(job.id, job);
    this.trim();
    const work: Promise<void>[] = [];
    if (input.probe) work.push(this.runProbe(job, input, scanNets, probeMs));
    if (input.range) work.push(this.runScan(job, input));
    job.finished = Promise.allSettled(work).then((results) => {
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed && !job.abort.signal.aborted) {
        job.error = toErrorInfo(failed.reason);
        log.warn('discovery failed', { jobId: job.id, err: String(failed.reason) });
      }
      job.state = job.abort.signal.aborted ? 'cancelled' : failed ? 'failed' : 'done';
      job.ended = Date.now();
      this.emit(job, true);
    });
    this.emit(job, true);
    return job.id;
  }

  private async runProbe(job: Job, input: DiscoverInput, scanNets: Ipv4Net[], timeoutMs: number): Promise<void> {
    const target = input.probeTarget;
    // Whose XAddrs may be contacted: the range being scanned, the unicast target's /24, and for
    // a multicast probe this machine's own networks (loopback only when asked for explicitly).
    const networks = [...scanNets];
    if (target) networks.push(parseCidr(`${target.address}/24`)!);
    else networks.push(...(this.d.localNetworks ?? (() => localNetworks(false)))());
    const described: Promise<void>[] = [];
    try {
      await probe({
        timeoutMs,
        ...(target ? { address: target.address, port: target.port } : {}),
        networks,
        signal: job.abort.signal,
        onDevice: (p) => described.push(this.probed(job, p, input)),
      });
    } catch (err) {
      if (!job.abort.signal.aborted) throw err;
    }
    await Promise.allSettled(described);
    job.probe = { done: true, until: Date.now() };
    this.emit(job);
  }

  /** A probe answer: listed at once, then its details read from the first XAddr that passed. */
  private async probed(job: Job, p: Probed, input: DiscoverInput): Promise<void> {
    const url = p.xaddrs[0] ?? null;
    const address = url ? new URL(url).host : p.from;
    const dev = this.merge(job, {
      key: p.endpoint || address,
      endpoint: p.endpoint || null,
      address,
      deviceUrl: url ?? '',
      via: 'probe',
      name: p.scope.name ?? null,
      manufacturer: p.scope.manufacturer ?? null,
      model: p.scope.hardware ?? null,
      firmware: null,
      serial: null,
      mac: p.scope.mac ?? null,
      clockOffsetMs: null,
      registered: null,
      refused: p.refused,
    });
    if (!url || job.abort.signal.aborted) return;
    const details = await describeDevice(url, { timeoutMs: this.d.scanTimeoutMs ?? 1500, credentials: input.credentials, signal: job.abort.signal }).catch(() => null);
    if (details) this.fill(job, dev.key, details);
  }

  private async runScan(job: Job, input: DiscoverInput): Promise<void> {
    const result = await scanRange({
      range: input.range!,
      ...(input.ports ? { ports: input.ports } : {}),
      concurrency: this.d.concurrency ?? 64,
      timeoutMs: this.d.scanTimeoutMs ?? 1500,
      credentials: input.credentials,
      signal: job.abort.signal,
      onProgress: (pr) => {
        job.scan = { done: pr.done, total: pr.total, etaMs: pr.etaMs };
        this.emit(job);
      },
      onFound: (s) => {
        const dev = this.merge(job, this.blank(s));
        this.fill(job, dev.key, s);
      },
    });
    job.scan = { done: result.done, total: result.total, etaMs: 0 };
  }

  private blank(s: ScannedDevice): DiscoveredDevice {
    return { key: s.address, endpoint: null, address: s.address, deviceUrl: s.deviceUrl, via: 'scan', name: null, manufacturer: null, model: null, firmware: null, serial: null, mac: null, clockOffsetMs: null, registered: null, refused: [] };
  }

  /** Adds a device, or merges it with what the other method found at the same address. */
  private merge(job: Job, d: DiscoveredDevice): DiscoveredDevice {
    const key = job.byAddress.get(d.address) ?? d.key;
    const existing = job.devices.get(key);
    const next: DiscoveredDevice = existing
      ? { ...existing, via: existing.via === d.via ? existing.via : 'both', endpoint: existing.endpoint ?? d.endpoint, name: existing.name ?? d.name, refused: [...existing.refused, ...d.refused] }
      : { ...d, key };
    job.devices.set(key, next);
    job.byAddress.set(d.address, key);
    job.fresh.add(key);
    this.emit(job);
    return next;
  }

  private fill(job: Job, key: string, s: ScannedDevice): void {
    const d = job.devices.get(key);
    if (!d) return;
    job.devices.set(key, {
      ...d,
      deviceUrl: d.deviceUrl || s.deviceUrl,
      name: d.name ?? s.name ?? null,
      manufacturer: s.manufacturer || d.manufacturer,
      model: s.model || d.model,
      firmware: s.firmware || d.firmware,
      serial: s.serial || d.serial,
      mac: s.mac || d.mac,
      clockOffsetMs: s.clockOffsetMs,
    });
    job.fresh.add(key);
    this.emit(job);
  }

  private withRegistered(list: DiscoveredDevice[]): DiscoveredDevice[] {
    if (!list.length) return list;
    const match = this.d.registeredIndex();
    return list.map((d) => ({ ...d, registered: match({ endpoint: d.endpoint, serial: d.serial, mac: d.mac, address: d.address }) }));
  }

  private progress(job: Job) {
    const now = job.ended ?? Date.now();
    const probeTotal = job.probe ? 1 : 0;
    const done = (job.probe?.done ? 1 : 0) + (job.scan?.done ?? 0);
    const total = probeTotal + (job.scan?.total ?? 0);
    const probeLeft = job.probe && !job.probe.done ? Math.max(0, job.probe.until - now) : 0;
    const scanLeft = job.scan ? (job.scan.done >= job.scan.total ? 0 : job.scan.etaMs) : 0;
    const etaMs = job.state !== 'running' ? 0 : scanLeft === null ? null : Math.max(probeLeft, scanLeft);
    return { done, total, found: job.devices.size, elapsedMs: now - job.started, etaMs };
  }

  /** Throttled: a scan reports hundreds of probes a second; consoles need a few updates. */
  private emit(job: Job, force = false): void {
    const now = Date.now();
    if (!force && now - job.lastEvent < EVENT_EVERY_MS) {
      if (!job.eventTimer) {
        job.eventTimer = setTimeout(() => {
          job.eventTimer = null;
          this.emit(job, true);
        }, EVENT_EVERY_MS);
        job.eventTimer.unref();
      }
      return;
    }
    if (job.eventTimer) clearTimeout(job.eventTimer);
    job.eventTimer = null;
    job.lastEvent = now;
    const devices = this.withRegistered([...job.fresh].map((k) => job.devices.get(k)!));
    job.fresh.clear();
    this.d.events.publish({ type: 'discovery.progress', jobId: job.id, state: job.state, ...this.progress(job), devices });
  }

  get(jobId: string): DiscoveryJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', { kind: 'discovery', id: jobId });
    return { id: job.id, state: job.state, ...this.progress(job), devices: this.withRegistered([...job.devices.values()]), error: job.error };
  }

  async cancel(jobId: string): Promise<DiscoveryJob> {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', { kind: 'discovery', id: jobId });
    job.abort.abort();
    await job.finished;
    return this.get(jobId);
  }

  /** Keeps the newest few finished jobs (a console reopening the dialog finds its last result). */
  private trim(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running').sort((a, b) => a.started - b.started);
    while (this.jobs.size > MAX_JOBS && finished.length) this.jobs.delete(finished.shift()!.id);
  }

  async dispose(): Promise<void> {
    for (const j of this.jobs.values()) j.abort.abort();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.finished));
    for (const j of this.jobs.values()) if (j.eventTimer) clearTimeout(j.eventTimer);
    this.jobs.clear();
  }
}
