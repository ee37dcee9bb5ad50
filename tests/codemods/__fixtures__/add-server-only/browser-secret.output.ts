// tenant-guard: review: only client modules import this module, and it reads a server secret (`WEBHOOK_SIGNING_SECRET`): move that to the server first, then add `import 'server-only'` (now it would fail the build)
export const signingSecret = process.env.WEBHOOK_SIGNING_SECRET;
