/**
 * What the presentation mode (components/present/) uses to show a lab and
 * advance it with the → key: `const { lab, state, runNext, reset } = useLab("dns")`.
 */
export { useLab, useLabs, type UseLab, type LabPending } from "@/lib/hooks/use-labs";
