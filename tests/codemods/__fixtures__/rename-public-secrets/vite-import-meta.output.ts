// tenant-guard: review: `import.meta.env` has only the public `VITE_` variables, on the server too: read `process.env.SUPABASE_SERVICE_ROLE_KEY` in server code instead, and rename VITE_SUPABASE_SERVICE_ROLE_KEY in your environment
export const serviceKey = import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY;
