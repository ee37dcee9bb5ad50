export const signingSecret = process.env.WEBHOOK_SIGNING_SECRET;
