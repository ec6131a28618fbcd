"use client";
/**
 * Whether the canvas is on a presentation screen (components/present): nodes
 * draw their far face at every zoom, with names sized to be read from the
 * back of a room (at least 24 px on screen, whatever the zoom).
 */
import { createContext, useContext } from "react";

export const PresentContext = createContext(false);

export function usePresent(): boolean {
  return useContext(PresentContext);
}

/** On screen, a network's name is never smaller than this in presentation mode (px, at 1:1 device pixels). */
export const PRESENT_NAME_PX = 28;
/** A sandbox's name, the same way. */
export const PRESENT_SANDBOX_PX = 22;

/** On a presentation screen, how wide each network's name may be drawn (lib/graph/label-room), by canvas node ID. */
export const PresentLabelRoomContext = createContext<ReadonlyMap<string, number> | null>(null);

export function usePresentLabelRoom(nodeId: string): number | undefined {
  return useContext(PresentLabelRoomContext)?.get(nodeId);
}
