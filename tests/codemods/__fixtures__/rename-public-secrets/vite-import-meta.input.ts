export const serviceKey = import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY;
