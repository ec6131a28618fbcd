/** Every unit test process keeps its accounts and audit trail in a folder of its own, never the project's ./data. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.CNMAP_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "cnmap-unit-"));
