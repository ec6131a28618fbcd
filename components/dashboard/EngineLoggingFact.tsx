"use client";
/**
 * The daemon's own logging, beside the engine's other facts in the header:
 * its logging driver (what `docker logs` reads from) and whether it runs
 * with debug on, as `/info` reports them (through `GET /api/engines`). The
 * daemon's log level itself is not in /info: "debug off" is all it says.
 */
import { loggingText } from "@/lib/engines/form";
import { useEngineId } from "@/lib/hooks/use-engine-scope";
import { useEngines } from "@/lib/hooks/use-engines";

export function EngineLoggingFact() {
  const { data } = useEngines();
  const engine = useEngineId();
  const summary = data?.engines.find((e) => e.id === engine) ?? (engine === null ? data?.engines[0] : undefined);
  const logging = summary?.logging;
  if (!logging) return null;
  return (
    <div title="From the engine's /info: LoggingDriver (the default for containers) and Debug (dockerd --debug). The daemon's log level is not reported there.">
      <dt className="inline text-slate-500">daemon </dt>
      <dd className="inline" data-testid="engine-logging" data-driver={logging.driver} data-debug={logging.debug ? "true" : "false"}>
        {loggingText(logging)}
      </dd>
    </div>
  );
}
