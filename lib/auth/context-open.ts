/** Opens the data folder's accounts, sessions and audit trail: for the server (lib/auth/context.ts) and the users CLI. */
import { Accounts } from "./accounts";
import { AuditTrail } from "./audit";
import { authSecret, createAuth, migrateAuth, type Auth } from "./auth";
import { openDatabase } from "./db";
import { SignInLimiter } from "./sign-in-limit";

export interface AuthContext {
  auth: Auth;
  accounts: Accounts;
  audit: AuditTrail;
  signIns: SignInLimiter;
}

/** Opens the data folder's database (creating and migrating it) and the services on it. */
export async function openAuthContext(dataDir: string, publicUrl: string, env: Record<string, string | undefined>): Promise<AuthContext> {
  const db = openDatabase(dataDir);
  const auth = createAuth({ db, secret: authSecret(dataDir, env), publicUrl });
  await migrateAuth(auth);
  return { auth, accounts: new Accounts(db, auth), audit: new AuditTrail(db), signIns: new SignInLimiter() };
}
