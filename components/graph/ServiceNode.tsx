"use client";
/**
 * A swarm service (lib/graph/swarm): mode, replicas running of desired,
 * endpoint mode; its tasks grouped by the node they run on (slot, state,
 * addresses); its published ports and where they answer (the routing mesh:
 * every node; host mode: the nodes running a task). Zoomed out (and on a
 * presentation screen) the name, the replicas and one dot a task, still
 * grouped by node.
 */
import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { serviceHeight, taskTone, tasksByNode, type TaskGroup, type TaskTone } from "@/lib/graph/swarm";
import type { ServiceNodeData } from "@/lib/graph/types";
import type { SwarmTask } from "@/lib/topology/types";
import { useDetail } from "./canvas/use-detail";
import { usePresent } from "./present-context";

export type ServiceFlowNode = Node<ServiceNodeData, "service">;

const TONE_DOT: Record<TaskTone, string> = {
  running: "bg-emerald-500",
  starting: "bg-amber-400",
  failed: "bg-red-500",
  done: "bg-slate-400",
};
const TONE_TEXT: Record<TaskTone, string> = {
  running: "text-emerald-700",
  starting: "text-amber-700",
  failed: "text-red-700",
  done: "text-slate-500",
};

/** What tests find a service node by, on both faces. */
function nodeAttributes(data: ServiceNodeData) {
  const s = data.service;
  return {
    "data-testid": "service-node",
    "data-name": s.name,
    "data-mode": s.mode,
    "data-endpoint-mode": s.endpointMode,
    "data-running": s.replicas.running,
    "data-desired": s.replicas.desired,
  };
}

function taskAttributes(t: SwarmTask, hostname: string) {
  return { "data-testid": "task", "data-node": hostname, "data-slot": t.slot, "data-state": t.state, "data-task-id": t.id };
}

const replicasText = (d: ServiceNodeData): string => `${d.service.replicas.running}/${d.service.replicas.desired}`;

function ServiceHandle() {
  return <Handle type="target" position={Position.Top} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-indigo-500" />;
}

/** Zoomed out: the name and replicas, large, and a dot a task in a row a node. */
function CompactService({ data, groups, selected }: { data: ServiceNodeData; groups: TaskGroup[]; selected: boolean }) {
  const present = usePresent();
  return (
    <div
      {...nodeAttributes(data)}
      data-detail="compact"
      style={{ height: serviceHeight(data) }}
      className={`flex w-[240px] flex-col justify-center gap-2 rounded-lg border-2 bg-indigo-50 px-4 ${selected ? "border-sky-600" : "border-indigo-400"}`}
    >
      <ServiceHandle />
      <div className="flex items-baseline gap-2">
        <span className={`truncate font-semibold leading-tight text-slate-900 ${present ? "text-[30px]" : "text-[26px]"}`} title={data.service.name}>
          {data.service.name}
        </span>
        <span className="shrink-0 text-[20px] font-medium text-indigo-800">{replicasText(data)}</span>
      </div>
      {groups.map((g) => (
        <div key={g.nodeId || g.hostname} data-testid="task-group" data-node={g.hostname} className="flex min-w-0 items-center gap-1.5">
          <span className="max-w-[120px] truncate text-[16px] text-slate-700">{g.hostname}</span>
          {g.tasks.map((t) => (
            <span key={t.id} {...taskAttributes(t, g.hostname)} title={`${data.service.name}.${t.slot || t.nodeId.slice(0, 12)} ${t.state}`} className={`h-4 w-4 shrink-0 rounded-full ${TONE_DOT[taskTone(t.state)]}`} />
          ))}
        </div>
      ))}
    </div>
  );
}

function TaskRow({ task, hostname, serviceName }: { task: SwarmTask; hostname: string; serviceName: string }) {
  const tone = taskTone(task.state);
  const name = `${serviceName}.${task.slot > 0 ? task.slot : task.nodeId.slice(0, 12)}`;
  return (
    <li {...taskAttributes(task, hostname)} className="h-[34px] px-3 py-0.5" title={`${name}\ntask ${task.id}\nstate ${task.state}, desired ${task.desiredState}${task.containerId ? `\ncontainer ${task.containerId.slice(0, 12)}` : ""}`}>
      <div className="flex items-center gap-1.5 text-[11px] leading-4">
        <span className={`h-2 w-2 shrink-0 rounded-full ${TONE_DOT[tone]}`} />
        <span className="font-medium text-slate-900">{task.slot > 0 ? `slot ${task.slot}` : "global"}</span>
        <span data-testid="task-state" className={TONE_TEXT[tone]}>
          {task.state}
        </span>
        {task.desiredState !== task.state && task.desiredState !== "running" && <span className="text-slate-500">→ {task.desiredState}</span>}
      </div>
      <div data-testid="task-addresses" className="truncate pl-3.5 font-mono text-[10px] leading-[14px] text-slate-600">
        {task.addresses.length > 0 ? task.addresses.map((a) => a.addr).join(", ") : "no address yet"}
      </div>
    </li>
  );
}

function ServiceNodeView({ data, selected }: NodeProps<ServiceFlowNode>) {
  const detail = useDetail();
  const groups = tasksByNode(data.tasks, data.nodes);
  if (detail === "compact") return <CompactService data={data} groups={groups} selected={selected} />;
  const s = data.service;
  return (
    <div
      {...nodeAttributes(data)}
      style={{ minHeight: serviceHeight(data) }}
      className={`w-[240px] rounded-lg border bg-white text-left shadow-sm ${selected ? "border-sky-600 ring-2 ring-sky-300" : "border-indigo-300"}`}
    >
      <ServiceHandle />
      <div className="h-1.5 rounded-t-[7px] bg-indigo-500" />
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-1 text-[10px] uppercase tracking-wide text-slate-500">
        <span>swarm service</span>
        <span data-testid="service-endpoint-mode" className="normal-case" title={s.endpointMode === "vip" ? "A virtual IP on each network balances over the tasks" : "DNS round-robin: the name resolves to the tasks' addresses, no VIP"}>
          endpoint {s.endpointMode}
        </span>
      </div>
      <div className="px-3 pt-1">
        <div className="truncate font-semibold leading-[22px] text-slate-900" title={s.name}>
          {s.name}
        </div>
        <div data-testid="service-replicas" className="text-[11px] leading-[18px] text-slate-600">
          {s.mode} · {replicasText(data)} running
        </div>
      </div>
      {groups.length === 0 ? (
        <div className="px-3 text-[11px] leading-[18px] text-slate-500">no task</div>
      ) : (
        <div className="mt-1.5">
          {groups.map((g) => (
            <div key={g.nodeId || g.hostname} data-testid="task-group" data-node={g.hostname}>
              <div className="h-5 truncate bg-slate-50 px-3 text-[10px] font-medium uppercase leading-5 tracking-wide text-slate-500" title={`Tasks on node ${g.hostname}`}>
                node {g.hostname}
              </div>
              <ul>
                {g.tasks.map((t) => (
                  <TaskRow key={t.id} task={t} hostname={g.hostname} serviceName={s.name} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {data.portLabels.length > 0 && (
        <ul className="border-t border-slate-100 px-3 py-1 font-mono text-[10px] leading-[18px] text-slate-700">
          {s.ports.map((p, i) => (
            <li
              key={`${p.publishedPort}/${p.protocol}/${p.publishMode}`}
              data-testid="service-port"
              data-mode={p.publishMode}
              data-published={p.publishedPort}
              className="truncate"
              title={p.publishMode === "ingress" ? "Published in ingress mode: the routing mesh answers on every node and forwards to a task" : "Published in host mode: only the nodes that run a task listen"}
            >
              {data.portLabels[i]}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ServiceNode = memo(ServiceNodeView);
