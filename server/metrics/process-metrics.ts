import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Logger } from "@/server/log";

/**
 * With BERTH_METRICS_INTERVAL_MS set (the soak bench sets it), logs Berth's RSS, heap and event-loop delay (p50, p99,
 * max over the interval, from monitorEventLoopDelay) once per interval as a "process metrics" line. Off by default:
 * nothing is measured or logged unless asked.
 */
export function startProcessMetrics(log: Logger, env: NodeJS.ProcessEnv = process.env): () => void {
  const every = Number.parseInt(env.BERTH_METRICS_INTERVAL_MS ?? "", 10);
  if (!Number.isFinite(every) || every < 1_000) return () => {};
  const RESOLUTION_MS = 10;
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  // The histogram records the time between its timer's runs, which includes the sampling interval itself (an idle
  // loop reads ~10 ms): subtract it, so the figures are the delay beyond the interval.
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  const timer = setInterval(() => {
    const mem = process.memoryUsage();
    log.info(
      {
        metrics: {
          rssMiB: Math.round(mem.rss / 1048576),
          heapUsedMiB: Math.round(mem.heapUsed / 1048576),
          loopP50Ms: ms(delay.percentile(50)),
          loopP99Ms: ms(delay.percentile(99)),
          loopMaxMs: ms(delay.max),
        },
      },
      "process metrics",
    );
    delay.reset();
  }, every);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}
