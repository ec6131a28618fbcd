"use client";
import { buttonClass } from "../editing/Dialog";

/** A secret's last table cell (an API token, a presentation link): "revoked", or the button that revokes it. */
export function RevokeCell({ revokedAt, testId, onRevoke }: { revokedAt: string | null | undefined; testId: string; onRevoke: () => void }) {
  return (
    <td className="py-1">
      {revokedAt ? (
        <span className="text-slate-500 italic">revoked</span>
      ) : (
        <button type="button" data-testid={testId} className={buttonClass.danger} onClick={onRevoke}>
          Revoke
        </button>
      )}
    </td>
  );
}
