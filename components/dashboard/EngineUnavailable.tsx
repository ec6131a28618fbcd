"use client";

/** Shown when no engine answers: which address was tried, and how to fix it. Retries on its own. */
export function EngineUnavailable({ message, engine }: { message: string; engine?: string }) {
  return (
    <div className="flex h-full items-center justify-center p-6">
      <section
        data-testid="engine-unavailable"
        role="alert"
        className="max-w-2xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-slate-800 shadow-sm"
      >
        <h2 className="text-lg font-semibold text-amber-900">No Docker engine answers</h2>
        {engine && (
          <p className="mt-2">
            cnmap tried <code className="rounded bg-white px-1 py-0.5 font-mono text-sm" data-testid="engine-address">{engine}</code>.
          </p>
        )}
        <p className="mt-2 text-sm">{message}</p>
        <h3 className="mt-4 font-medium">How to fix it</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
          <li>
            Start the engine: <code className="font-mono">sudo systemctl start docker</code>, or{" "}
            <code className="font-mono">sudo dockerd &amp;</code>.
          </li>
          <li>
            Or point cnmap at a running engine and restart it:{" "}
            <code className="font-mono">DOCKER_HOST=unix:///path/to/docker.sock npm start</code> (or{" "}
            <code className="font-mono">tcp://host:2375</code>).
          </li>
          <li>Check that the user running cnmap may open the socket (root, or the docker group).</li>
        </ul>
        <p className="mt-4 text-xs text-slate-500">This page retries every few seconds and shows the graph as soon as the engine answers.</p>
      </section>
    </div>
  );
}
