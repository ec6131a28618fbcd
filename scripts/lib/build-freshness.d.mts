export declare const BUILD_SOURCES: readonly string[];
export declare function newestMtime(p: string): number;
export declare function buildIsStale(root: string, distDir: string, sources?: readonly string[]): boolean;
