'use client';

// A server action: calling it runs on the server, so the Stripe SDK and its key stay there.
import { openBillingPortal } from './actions';

export function PortalButton() {
  return <button onClick={() => openBillingPortal(window.location.href)}>Manage billing</button>;
}
